"""Public writes of the polls app."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.core.allowance import address_slot_claim
from portal.core.formatting import format_datetime

from .models import Poll, PollOptionTally, Vote

__all__ = [
    "AlreadyVotedError",
    "PollClosedError",
    "PollError",
    "VoteOutcome",
    "poll_state_message",
    "poll_vote",
]


class PollError(Exception):
    """A vote that cannot be counted; str() is the Vietnamese message for the visitor."""


class PollClosedError(PollError):
    pass


class AlreadyVotedError(PollError):
    pass


CLOSED = "Cuộc bình chọn đã kết thúc. Cảm ơn bạn đã quan tâm."
ALREADY_VOTED = "Bạn đã bình chọn trong cuộc bình chọn này. Mỗi người chỉ được bình chọn một lần."
INVALID_OPTION = "Phương án bạn chọn không có trong cuộc bình chọn này."


ALLOWANCE_SCOPE = "polls"


@dataclass(frozen=True)
class VoteOutcome:
    poll_id: int
    option_id: int
    counted: bool = True


def poll_state_message(poll: Poll, now: datetime.datetime | None = None) -> str:
    """Why the poll takes no votes right now ("" when it does)."""
    if not poll.is_active:
        return CLOSED  # only the poll editors show takes votes
    if not poll.has_opened(now):
        when = format_datetime(timezone.localtime(poll.opens_at), weekday=False)
        return f"Cuộc bình chọn chưa bắt đầu. Mời bạn quay lại từ {when}."
    if poll.has_closed(now):
        when = format_datetime(timezone.localtime(poll.closes_at), weekday=False)
        return f"Cuộc bình chọn đã kết thúc lúc {when}. Cảm ơn bạn đã quan tâm."
    return ""


def _bump_tally(option_id: int) -> None:
    """Add one vote to the option's tally in SQL, creating the tally row once."""
    if PollOptionTally.objects.filter(option_id=option_id).update(votes=F("votes") + 1):
        return
    try:
        with transaction.atomic():
            PollOptionTally.objects.create(option_id=option_id, votes=1)
    except IntegrityError:  # another process created it first
        PollOptionTally.objects.filter(option_id=option_id).update(votes=F("votes") + 1)


def poll_vote(
    *,
    poll: Poll,
    option_id: int,
    visitor_key: str,
    address_hash: str = "",
    now: datetime.datetime | None = None,
) -> VoteOutcome:
    """Store one visitor's vote; raise a PollError (with its message) when it cannot be taken.

    The vote counts while its client address (`address_hash`) is within its allowance
    (portal.core.allowance); beyond it the vote is kept with counted=False, out of the tallies.
    """
    state = poll_state_message(poll, now)
    if state:
        raise PollClosedError(state)
    if not poll.options.filter(pk=option_id).exists():
        raise PollError(INVALID_OPTION)
    vote = Vote(poll=poll, option_id=option_id, visitor_key=visitor_key, address_hash=address_hash)
    # One vote per visitor is enforced by the unique constraint below, where it is race-free.
    vote.full_clean(exclude=["poll", "option"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        try:
            # The place and the row together: a second vote gives its place back.
            with transaction.atomic():
                vote.counted = not address_hash or address_slot_claim(
                    scope=ALLOWANCE_SCOPE, target=poll.pk, address_hash=address_hash
                )
                vote.save(force_insert=True)
        except IntegrityError as error:
            raise AlreadyVotedError(ALREADY_VOTED) from error
        if vote.counted:
            _bump_tally(option_id)
    return VoteOutcome(poll_id=poll.pk, option_id=option_id, counted=vote.counted)
