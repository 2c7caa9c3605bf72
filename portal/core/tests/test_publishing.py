"""The publishing pipeline: steps in order, once per page per batch, nothing on failure."""

from dataclasses import dataclass

from django.test import TestCase

from portal.core import publishing


@dataclass
class FakePage:
    pk: int


class PipelineTests(TestCase):
    def setUp(self):
        saved = dict(publishing._STEPS)
        self.addCleanup(lambda: (publishing._STEPS.clear(), publishing._STEPS.update(saved)))
        publishing._STEPS.clear()
        self.calls = []
        publishing.register_step("late", lambda p, e: self.calls.append(("late", p.pk, e)), order=9)
        publishing.register_step(
            "early", lambda p, e: self.calls.append(("early", p.pk, e)), order=1
        )

    def test_steps_run_in_order_at_once_outside_a_batch(self):
        publishing.page_changed(FakePage(1), publishing.PUBLISHED)
        published = frozenset({publishing.PUBLISHED})
        self.assertEqual(self.calls, [("early", 1, published), ("late", 1, published)])

    def test_a_batch_runs_each_page_once_with_all_its_events(self):
        with publishing.batch():
            publishing.page_changed(FakePage(1), publishing.PUBLISHED)
            with publishing.batch():  # nested: joins the outer batch
                publishing.page_changed(FakePage(1), publishing.IMPORTED)
                publishing.page_changed(FakePage(2), publishing.MOVED)
            self.assertEqual(self.calls, [])
        both = frozenset({publishing.PUBLISHED, publishing.IMPORTED})
        self.assertEqual(
            self.calls,
            [
                ("early", 1, both),
                ("late", 1, both),
                ("early", 2, frozenset({publishing.MOVED})),
                ("late", 2, frozenset({publishing.MOVED})),
            ],
        )

    def test_a_failed_batch_runs_nothing_and_the_next_one_starts_clean(self):
        with self.assertRaises(RuntimeError), publishing.batch():
            publishing.page_changed(FakePage(1), publishing.PUBLISHED)
            raise RuntimeError
        self.assertEqual(self.calls, [])
        publishing.page_changed(FakePage(3), publishing.UNPUBLISHED)
        self.assertEqual([call[1] for call in self.calls], [3, 3])
