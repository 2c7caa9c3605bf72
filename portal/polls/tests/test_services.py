import datetime
from decimal import Decimal

from django.test import TestCase, override_settings
from django.utils import timezone

from portal.polls.models import Vote
from portal.polls.selectors import has_voted, poll_results
from portal.polls.services import AlreadyVotedError, PollClosedError, PollError, poll_vote
from portal.polls.tests.factories import poll_with_options


class PollVoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.poll = poll_with_options("Rất tốt", "Tốt", "Bình thường", "Chưa tốt", is_active=True)
        cls.options = list(cls.poll.options.order_by("sort_order"))

    def vote(self, visitor: str, index: int, **kwargs):
        return poll_vote(
            poll=self.poll, option_id=self.options[index].pk, visitor_key=visitor, **kwargs
        )

    def test_votes_are_counted_per_option_with_shares(self):
        for number, index in enumerate([0, 1, 1, 1, 2, 0, 1]):
            self.vote(f"c:{number}", index)
        results = poll_results(self.poll)
        self.assertEqual(results.total, 7)
        self.assertEqual([o.votes for o in results.options], [2, 4, 1, 0])
        self.assertEqual(
            [o.percent_display for o in results.options], ["28,6%", "57,1%", "14,3%", "0,0%"]
        )
        self.assertEqual(results.options[1].percent, Decimal("57.1"))

    def test_a_second_vote_by_the_same_visitor_is_refused_and_not_counted(self):
        self.vote("c:a", 0)
        with self.assertRaisesMessage(AlreadyVotedError, "Bạn đã bình chọn"):
            self.vote("c:a", 1)
        self.assertEqual([o.votes for o in poll_results(self.poll).options], [1, 0, 0, 0])
        self.assertTrue(has_voted(self.poll.pk, "c:a"))

    def test_closed_and_not_yet_open_polls_take_no_votes(self):
        now = timezone.now()
        with self.assertRaisesMessage(PollClosedError, "đã kết thúc"):
            self.poll.closes_at = now - datetime.timedelta(minutes=1)
            self.vote("c:a", 0)
        self.poll.closes_at = None
        self.poll.opens_at = now + datetime.timedelta(days=1)
        with self.assertRaisesMessage(PollClosedError, "chưa bắt đầu"):
            self.vote("c:a", 0)
        self.assertEqual(Vote.objects.count(), 0)

    def test_a_poll_editors_no_longer_show_takes_no_votes(self):
        self.poll.is_active = False
        with self.assertRaises(PollClosedError):
            self.vote("c:a", 0)
        self.assertEqual(Vote.objects.count(), 0)

    def test_an_option_of_another_poll_is_refused(self):
        other = poll_with_options("Có", "Không")
        with self.assertRaises(PollError):
            poll_vote(poll=self.poll, option_id=other.options.first().pk, visitor_key="c:a")
        self.assertEqual(poll_results(self.poll).total, 0)

    def test_results_of_a_poll_nobody_voted_in_are_zero(self):
        results = poll_results(self.poll)
        self.assertEqual(results.total, 0)
        self.assertEqual({o.percent_display for o in results.options}, {"0,0%"})


@override_settings(VOTES_PER_ADDRESS_ALLOWANCE=2)
class AddressAllowanceVoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.poll = poll_with_options("Có", "Không", is_active=True)
        cls.options = list(cls.poll.options.order_by("sort_order"))

    def test_votes_beyond_the_allowance_are_kept_flagged_and_not_counted(self):
        outcomes = [
            poll_vote(
                poll=self.poll,
                option_id=self.options[1].pk,
                visitor_key=f"c:minted{n}",
                address_hash="office",
            )
            for n in range(6)
        ]
        self.assertEqual([outcome.counted for outcome in outcomes], [True, True] + [False] * 4)
        self.assertEqual(Vote.objects.count(), 6)
        results = poll_results(self.poll)
        self.assertEqual(results.total, 2)
        self.assertEqual(results.total, Vote.objects.filter(counted=True).count())
        # A second vote by the same visitor is refused and takes no place.
        with self.assertRaises(AlreadyVotedError):
            poll_vote(
                poll=self.poll,
                option_id=self.options[0].pk,
                visitor_key="c:minted5",
                address_hash="elsewhere",
            )
        self.assertTrue(
            poll_vote(
                poll=self.poll, option_id=self.options[0].pk, visitor_key="c:x", address_hash="home"
            ).counted
        )
