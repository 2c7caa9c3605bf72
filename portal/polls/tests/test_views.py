import datetime

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from portal.core.ratelimit import reset_rate_limits
from portal.core.testing.pages import published_article
from portal.polls.models import Vote
from portal.polls.selectors import poll_results
from portal.polls.services import poll_vote
from portal.polls.tests.factories import poll_with_options


class PollViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()
        cls.poll = poll_with_options("Rất tốt", "Tốt", "Bình thường", "Chưa tốt", is_active=True)
        cls.options = list(cls.poll.options.order_by("sort_order"))
        cls.url = reverse("polls:detail", args=[cls.poll.pk])
        cls.results_url = reverse("polls:results", args=[cls.poll.pk])

    def setUp(self):
        cache.clear()
        reset_rate_limits()
        self.client.get("/")

    def test_sidebar_shows_the_active_poll_with_radios_and_both_buttons(self):
        page = self.client.get(self.article.url).content.decode()
        self.assertIn('id="poll-form"', page)
        self.assertEqual(page.count('name="option"'), 4)
        self.assertIn(">Bình chọn</button>", page)
        self.assertIn("Xem kết quả", page)
        self.assertIn("0 người đã bình chọn", page)
        self.assertIn("<legend", page)

    def test_the_poll_page_has_one_form_and_no_sidebar_copy(self):
        page = self.client.get(self.url).content.decode()
        self.assertEqual(page.count('id="poll-form"'), 1)
        self.assertEqual(page.count("<legend"), 1)

    def test_the_visitor_token_passes_csrf_and_pages_set_no_cookie(self):
        client = self.client_class(enforce_csrf_checks=True)
        page = client.get(self.article.url)
        self.assertFalse(page.cookies)
        self.assertNotIn('name="csrfmiddlewaretoken"', page.content.decode())
        token = client.get("/ca-nhan/").json()["csrf_token"]
        response = client.post(
            self.url, {"option": self.options[0].pk, "csrfmiddlewaretoken": token}
        )
        self.assertEqual(response.status_code, 303)
        section = client.get(self.article.get_parent().url)
        self.assertNotIn("csrftoken", section.cookies)

    def test_form_vote_redirects_to_results_with_thanks(self):
        response = self.client.post(self.url, {"option": self.options[1].pk})
        self.assertEqual(response.status_code, 303)
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn("Cảm ơn bạn đã bình chọn.", page)
        self.assertIn("1</strong> người đã bình chọn", page)
        self.assertIn("100,0%", page)

    def test_voting_twice_says_so_and_counts_once(self):
        self.client.get("/ca-nhan/")  # the page script's per-visitor request: the cookie
        self.client.post(self.url, {"option": self.options[0].pk})
        response = self.client.post(self.url, {"option": self.options[1].pk}, follow=True)
        self.assertIn("Bạn đã bình chọn", response.content.decode())
        self.assertEqual([o.votes for o in poll_results(self.poll).options], [1, 0, 0, 0])
        # The shared page is the same for everyone; this visitor's vote comes from /ca-nhan/.
        sidebar = self.client.get(self.article.url).content.decode()
        self.assertIn('id="poll-form"', sidebar)
        state = self.client.get(f"/ca-nhan/?binh-chon={self.poll.pk}").json()
        self.assertIs(state["poll"]["voted"], True)

    def test_json_vote_returns_the_results(self):
        poll_vote(poll=self.poll, option_id=self.options[0].pk, visitor_key="c:other")
        data = self.client.post(
            self.url, {"option": self.options[0].pk}, HTTP_ACCEPT="application/json"
        ).json()
        self.assertTrue(data["ok"])
        self.assertEqual(data["total_display"], "2")
        self.assertEqual(
            [o["percent_display"] for o in data["options"]], ["100,0%", "0,0%", "0,0%", "0,0%"]
        )
        again = self.client.post(
            self.url, {"option": self.options[0].pk}, HTTP_ACCEPT="application/json"
        )
        self.assertEqual(again.status_code, 409)
        self.assertIn("Bạn đã bình chọn", again.json()["error"])

    def test_bad_choices_get_a_vietnamese_message(self):
        for value in ("", "abc", "999999", "0"):
            response = self.client.post(self.url, {"option": value})
            self.assertEqual(response.status_code, 400, value)
            self.assertIn('id="poll-form"', response.content.decode())
            self.assertIn("phương án", response.content.decode().lower())
            json_response = self.client.post(
                self.url, {"option": value}, HTTP_ACCEPT="application/json"
            )
            self.assertEqual(json_response.status_code, 400)
            self.assertIn("phương án", json_response.json()["error"].lower())
        self.assertEqual(Vote.objects.count(), 0)

    def test_an_oversized_body_is_refused_without_a_server_error(self):
        data = {"option": self.options[0].pk, "padding": "x" * 10_000}
        self.assertEqual(self.client.post(self.url, data).status_code, 400)
        response = self.client.post(self.url, data, HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("quá lớn", response.json()["error"])
        self.assertEqual(Vote.objects.count(), 0)

    def test_a_closed_poll_shows_results_only_with_a_message(self):
        self.poll.closes_at = timezone.now() - datetime.timedelta(days=1)
        self.poll.save()
        sidebar = self.client.get(self.article.url).content.decode()
        self.assertNotIn('id="poll-form"', sidebar)
        self.assertIn("Cuộc bình chọn đã kết thúc", sidebar)
        response = self.client.post(self.url, {"option": self.options[0].pk}, follow=True)
        self.assertIn("Cuộc bình chọn đã kết thúc", response.content.decode())
        self.assertEqual(Vote.objects.count(), 0)

    def test_a_poll_not_yet_open_says_when_it_opens(self):
        self.poll.opens_at = timezone.now() + datetime.timedelta(days=1)
        self.poll.save()
        page = self.client.get(self.url).content.decode()
        self.assertIn("chưa bắt đầu", page)
        self.assertNotIn('id="poll-form"', page)

    def test_results_page_shows_counts_percentages_and_voters(self):
        for number, index in enumerate([0, 0, 1]):
            poll_vote(poll=self.poll, option_id=self.options[index].pk, visitor_key=f"c:{number}")
        page = self.client.get(self.results_url).content.decode()
        self.assertIn("66,7%", page)
        self.assertIn("33,3%", page)
        self.assertIn("3</strong> người đã bình chọn", page)

    def test_hidden_unopened_polls_are_not_found(self):
        hidden = poll_with_options(opens_at=timezone.now() + datetime.timedelta(days=3))
        self.assertEqual(
            self.client.get(reverse("polls:results", args=[hidden.pk])).status_code, 404
        )
        for huge in (10**30, 2**63):
            self.assertEqual(self.client.post(f"/binh-chon/{huge}/").status_code, 404, huge)

    @override_settings(RATE_LIMITS={"default": {"visitor": (2, 60), "address": (1000, 60)}})
    def test_abusive_rates_get_429(self):
        statuses = [
            self.client.post(self.url, {"option": self.options[0].pk}).status_code for _ in range(4)
        ]
        self.assertEqual(statuses, [303, 303, 429, 429])
        self.assertEqual(poll_results(self.poll).total, 1)
