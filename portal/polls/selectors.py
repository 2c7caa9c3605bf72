"""Reads of the polls app."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from portal.core.formatting import format_decimal, format_integer

from .models import Poll, Vote

__all__ = [
    "OptionResult",
    "PollResults",
    "has_voted",
    "poll_results",
    "shown_poll",
    "visitor_state",
]


@dataclass(frozen=True)
class OptionResult:
    id: int
    label: str
    votes: int
    percent: Decimal

    @property
    def votes_display(self) -> str:
        return format_integer(self.votes)

    @property
    def percent_display(self) -> str:
        """45,2%"""
        return f"{format_decimal(self.percent, 1)}%"


@dataclass(frozen=True)
class PollResults:
    total: int
    options: list[OptionResult]

    @property
    def total_display(self) -> str:
        return format_integer(self.total)


def _percent(part: int, total: int) -> Decimal:
    if not total:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def poll_results(poll: Poll) -> PollResults:
    """Votes per option (in the editors' order), their share and the number of voters."""
    rows = list(poll.options_with_votes())
    total = sum(row.vote_count for row in rows)
    return PollResults(
        total=total,
        options=[
            OptionResult(
                id=row.pk,
                label=row.label,
                votes=row.vote_count,
                percent=_percent(row.vote_count, total),
            )
            for row in rows
        ],
    )


def shown_poll() -> Poll | None:
    """The poll for the sidebar (the active one), if any."""
    return Poll.objects.active().order_by("-created_at").first()


def has_voted(poll_id: int, visitor_key: str) -> bool:
    return Vote.objects.filter(poll_id=poll_id, visitor_key=visitor_key).exists()


def visitor_state(request, params) -> dict:
    """For /ca-nhan/?binh-chon=ID: the poll's live results and whether this visitor voted."""
    from portal.core.visitors import get_visitor

    try:
        poll_id = int(params.get("binh-chon", ""))
    except ValueError:
        return {}
    if not 0 < poll_id < 2**63:
        return {}
    poll = Poll.objects.public().filter(pk=poll_id).first()
    if poll is None:
        return {}
    visitor = get_visitor(request)
    results = poll_results(poll)
    return {
        "poll": {
            "id": poll.pk,
            "voted": visitor.has_cookie and has_voted(poll.pk, visitor.key),
            "total": results.total,
            "total_display": results.total_display,
            "options": [
                {
                    "id": option.id,
                    "label": option.label,
                    "votes": option.votes,
                    "votes_display": option.votes_display,
                    "percent_display": option.percent_display,
                }
                for option in results.options
            ],
        }
    }
