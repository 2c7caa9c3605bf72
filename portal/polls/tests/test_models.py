import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from portal.polls.models import Poll
from portal.polls.tests.factories import poll_with_options


class PollTests(TestCase):
    def test_only_one_poll_may_be_shown_at_a_time(self):
        poll_with_options(is_active=True)
        second = Poll(question="Câu hỏi khác?", is_active=True)
        with self.assertRaisesMessage(ValidationError, "Đã có một cuộc bình chọn đang hiển thị"):
            second.full_clean()

    def test_any_number_of_polls_may_be_hidden(self):
        poll_with_options(is_active=False)
        Poll(question="Câu hỏi khác?", is_active=False).full_clean()

    def test_closing_before_opening_is_refused(self):
        now = timezone.now()
        poll = Poll(question="Q?", opens_at=now, closes_at=now - datetime.timedelta(hours=1))
        with self.assertRaisesMessage(ValidationError, "Thời điểm đóng phải sau thời điểm mở"):
            poll.full_clean()

    def test_open_state_follows_the_dates(self):
        now = timezone.now()
        hour = datetime.timedelta(hours=1)
        self.assertTrue(Poll(question="Q").is_open(now))
        self.assertFalse(Poll(question="Q", opens_at=now + hour).is_open(now))
        self.assertFalse(Poll(question="Q", closes_at=now - hour).is_open(now))
        self.assertTrue(Poll(question="Q", opens_at=now - hour, closes_at=now + hour).is_open(now))
