"""Reads of the polls app."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from portal.core.formatting import format_decimal, format_integer

from .models import Poll, Vote

__all__ = ["OptionResult", "PollResults", "has_voted", "poll_results", "shown_poll"]


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
