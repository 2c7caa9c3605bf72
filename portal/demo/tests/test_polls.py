from django.test import TestCase

from portal.demo.polls import DEMO_OPTIONS, DEMO_QUESTION, load_demo_poll
from portal.polls.models import Poll
from portal.polls.selectors import shown_poll


class DemoPollTests(TestCase):
    def test_the_demo_poll_is_created_once_and_shown(self):
        self.assertEqual(load_demo_poll(), 1)
        self.assertEqual(load_demo_poll(), 0)
        poll = shown_poll()
        self.assertEqual(poll.question, DEMO_QUESTION)
        self.assertEqual([o.label for o in poll.options.order_by("sort_order")], list(DEMO_OPTIONS))
        self.assertEqual(Poll.objects.count(), 1)
