"""Test data for polls."""

import factory

from portal.polls.models import Poll, PollOption, Vote

__all__ = ["PollFactory", "PollOptionFactory", "VoteFactory", "poll_with_options"]


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    question = factory.Sequence(lambda n: f"Câu hỏi bình chọn số {n}?")
    is_active = False


class PollOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollOption

    poll = factory.SubFactory(PollFactory)
    label = factory.Sequence(lambda n: f"Phương án {n}")
    sort_order = factory.Sequence(lambda n: n)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    visitor_key = factory.Sequence(lambda n: f"c:{n:032d}")


def poll_with_options(*labels: str, **fields) -> Poll:
    """A poll with the given options, in that order."""
    poll = PollFactory(**fields)
    for index, label in enumerate(labels or ("Có", "Không")):
        PollOptionFactory(poll=poll, label=label, sort_order=index)
    return poll
