"""The replayed demo content is the built demo content, row for row, on either engine."""

from django.core.cache import cache
from django.db import transaction
from django.test import TestCase

from wagtail.models import Page

from portal.core.testing.replay import Replayable, database_rows
from portal.demo.content import SEED_SLUG, load_demo_content
from portal.news.models import ArticlePage, SectionPage


class DemoReplayTests(TestCase):
    def _build_then_undo(self, replayable: Replayable) -> tuple[dict, dict]:
        savepoint = transaction.savepoint()
        result = replayable()
        built = database_rows()
        transaction.savepoint_rollback(savepoint)
        return result, built

    def test_a_replay_leaves_every_row_the_build_left_and_returns_the_same(self):
        replayable = Replayable(load_demo_content)
        baseline = database_rows()
        built_result, built = self._build_then_undo(replayable)
        self.assertEqual(replayable.replays, 0)
        self.assertEqual(database_rows(), baseline)
        self.assertGreater(built_result["articles"], 1)

        replayed_result = replayable()

        self.assertEqual(replayable.replays, 1)
        self.assertEqual(replayed_result, built_result)
        replayed = database_rows()
        self.assertEqual(set(replayed), set(built))
        for table in built:
            self.assertEqual(replayed[table], built[table], table)

    def test_after_a_replay_pages_are_served_and_new_rows_get_fresh_ids(self):
        replayable = Replayable(load_demo_content)
        self._build_then_undo(replayable)
        replayable()
        self.assertEqual(replayable.replays, 1)

        seed = ArticlePage.objects.get(slug=SEED_SLUG)
        self.assertEqual(self.client.get(seed.url).status_code, 200)
        found = self.client.get("/tim-kiem/", {"q": "kiem tra hoan kiem"})
        self.assertContains(found, f'href="{seed.url}"')
        section = SectionPage.objects.first()
        article = ArticlePage(title="Tin mới sau khi phát lại", slug="tin-moi-sau-phat-lai")
        section.add_child(instance=article)
        article.save_revision().publish()
        others = Page.objects.exclude(pk=article.pk).values_list("pk", flat=True)
        self.assertGreater(article.pk, max(others))
        self.assertEqual(self.client.get(article.url).status_code, 200)

    def test_another_starting_state_is_built_not_replayed(self):
        replayable = Replayable(load_demo_content)
        self._build_then_undo(replayable)
        Page.objects.filter(depth=2).update(title="Trang đã đổi trước khi nạp")
        replayable()
        self.assertEqual(replayable.replays, 0)

    def test_a_replay_invalidates_the_cache_keys_the_build_wrote(self):
        def build():
            cache.set("replay-test-built", "từ lần dựng")
            cache.delete("replay-test-versioned", version=2)
            return load_demo_content()

        replayable = Replayable(build)
        self._build_then_undo(replayable)
        cache.set("replay-test-built", "giá trị cũ")
        cache.set("replay-test-versioned", "bản 1")
        cache.set("replay-test-versioned", "bản 2", version=2)
        replayable()
        self.assertEqual(replayable.replays, 1)
        self.assertIsNone(cache.get("replay-test-built"))
        self.assertIsNone(cache.get("replay-test-versioned", version=2))
        self.assertEqual(cache.get("replay-test-versioned"), "bản 1")
