from django.test import TestCase

from portal.demo.polls import DEMO_OPTIONS, DEMO_QUESTION, load_demo_poll
from portal.polls.models import Poll
from portal.polls.selectors import shown_poll


class DemoPollTests(TestCase):
    def test_the_demo_poll_is_created_once_and_shown(self):
        assert load_demo_poll() == 1
        assert load_demo_poll() == 0
        poll = shown_poll()
        assert poll.question == DEMO_QUESTION
        assert [o.label for o in poll.options.order_by("sort_order")] == list(DEMO_OPTIONS)
        assert Poll.objects.count() == 1
