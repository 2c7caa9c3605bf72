"""PostgreSQL looks for the newest matches bucket by bucket; the result must be exactly that of
one unlimited query, whatever the words' density."""

import random
from unittest import mock, skipUnless

from django.db import connection
from django.test import TestCase

from portal.search import backends
from portal.search.analysis import parse_query
from portal.search.backends import Filters, backend
from portal.search.models import SearchEntry
from portal.search.services import search_index_store_many

WINDOW = 7  # ranked matches per query in these tests (RANK_WINDOW is 1,000)
BUCKET = 4  # ids per bucket (ID_BUCKET is 5,000)


@skipUnless(connection.vendor == "postgresql", "PostgreSQL's own query path")
@mock.patch.object(backends, "RANK_WINDOW", WINDOW)
@mock.patch.object(backends, "ID_BUCKET", BUCKET)
class NewestMatchesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        rng = random.Random(7)
        items = []
        for n in range(1, 121):
            words = ["báo cáo"]  # every entry
            if n % 2 == 0:
                words.append("giám sát")  # half of them
            if n % 9 == 0:
                words.append("cử tri")  # one in nine
            if n in (3, 50):
                words.append("Thủy Khuê")  # two old ones
            rng.shuffle(words)
            section = "ky-hop" if n % 3 == 0 else "tin-tuc"
            items.append((n, {"title": f"Bài {n}", "body": " ".join(words), "section": section}))
        with mock.patch.object(backends, "ID_BUCKET", BUCKET):
            search_index_store_many(kind="article", items=items)

    def _found(self, text: str, **filters) -> set[int]:
        hits = backend().search(
            parse_query(text), Filters(**filters), sort="date", offset=0, limit=10_000
        )
        return {hit.entry_id for hit in hits}

    def _matching(self, folded_words: list[str], section: str = "") -> list[int]:
        """Every matching entry, newest first (what one unlimited query would give)."""
        entries = SearchEntry.objects.order_by("-id")
        if section:
            entries = entries.filter(section=section)
        return [
            entry.pk
            for entry in entries
            if all(word in entry.lead_words.split() for word in folded_words)
        ]

    def _expected(self, folded_words: list[str], section: str = "") -> set[int]:
        return set(self._matching(folded_words, section)[: WINDOW + 1])

    def test_the_buckets_are_in_the_vectors(self):
        self.assertEqual(connection.vendor, "postgresql")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(DISTINCT entry_id) FROM search_fulltext")
            self.assertEqual(cursor.fetchone()[0], 120)
            newest = SearchEntry.objects.order_by("-id")[0].pk
            cursor.execute(
                "SELECT count(*) FROM search_fulltext WHERE folded_doc @@ %s::tsquery",
                [backends.bucket_lexeme(newest)],
            )
            in_bucket = SearchEntry.objects.filter(
                id__gte=newest // BUCKET * BUCKET, id__lte=newest
            ).count()
            self.assertEqual(cursor.fetchone()[0], in_bucket)

    def test_common_middling_rare_and_absent_words_give_the_newest_matches(self):
        cases = {
            "báo cáo": ["báo", "cáo"],
            "giam sat": ["giám", "sát"],
            "cử tri": ["cử", "tri"],
            "thuy khue": ["thủy", "khuê"],
        }
        truncated = set()
        for text, words in cases.items():
            with self.subTest(query=text):
                found, matching = self._found(text), self._matching(words)
                self.assertEqual(found, self._expected(words))
                # The window holds the newest WINDOW + 1 matches, or all of them when fewer.
                self.assertEqual(len(found), min(WINDOW + 1, len(matching)))
                if len(matching) > WINDOW + 1:
                    truncated.add(text)
        # Both sides of the window are exercised: common words overflow it, rare ones do not.
        self.assertEqual(truncated, {"báo cáo", "giam sat", "cử tri"})
        self.assertEqual(self._found("không có từ này"), set())

    def test_filters_apply_inside_the_buckets(self):
        self.assertEqual(
            self._found("cu tri", section="ky-hop"), self._expected(["cử", "tri"], "ky-hop")
        )
        self.assertEqual(
            self._found("thuy khue", section="ky-hop"),
            self._expected(["thủy", "khuê"], "ky-hop"),
        )
        self.assertEqual(self._found("thuy khue", section="khong-co"), set())
