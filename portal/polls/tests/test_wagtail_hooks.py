from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from portal.accounts.testing import force_login_verified
from portal.polls.models import Poll
from portal.polls.services import poll_vote
from portal.polls.tests.factories import poll_with_options


class PollsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.poll = poll_with_options("Rất tốt", "Tốt", is_active=True, question="Ý kiến của bạn?")
        for number in range(3):
            poll_vote(
                poll=cls.poll, option_id=cls.poll.options.first().pk, visitor_key=f"c:{number}"
            )
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")

    def setUp(self):
        force_login_verified(self.client, self.admin)

    def test_polls_list_shows_question_and_voters(self):
        page = self.client.get(reverse("wagtailsnippets_polls_poll:list")).content.decode()
        self.assertIn("Ý kiến của bạn?", page)
        self.assertIn("người đã bình chọn", page)

    def test_editors_create_a_poll_with_inline_options(self):
        Poll.objects.update(is_active=False)
        data = {
            "question": "Bạn đọc tin qua kênh nào?",
            "is_active": "on",
            "opens_at": "",
            "closes_at": "",
            "options-TOTAL_FORMS": "2",
            "options-INITIAL_FORMS": "0",
            "options-MIN_NUM_FORMS": "2",
            "options-MAX_NUM_FORMS": "1000",
            "options-0-label": "Trang web",
            "options-0-ORDER": "1",
            "options-1-label": "Báo in",
            "options-1-ORDER": "2",
        }
        response = self.client.post(reverse("wagtailsnippets_polls_poll:add"), data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        poll = Poll.objects.get(question="Bạn đọc tin qua kênh nào?")
        self.assertEqual(
            [o.label for o in poll.options.order_by("sort_order")], ["Trang web", "Báo in"]
        )

    def test_votes_are_listed_but_not_editable(self):
        self.assertEqual(
            self.client.get(reverse("wagtailsnippets_polls_vote:list")).status_code, 200
        )
        self.assertIn(
            self.client.get(reverse("wagtailsnippets_polls_vote:add")).status_code, (302, 403)
        )
