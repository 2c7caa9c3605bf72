"""The demo poll (the seed page's "Bình chọn" box)."""

from django.db import transaction

from portal.polls.models import Poll, PollOption

__all__ = ["DEMO_OPTIONS", "DEMO_QUESTION", "load_demo_poll"]

DEMO_QUESTION = "Đánh giá của bạn về trang thông tin điện tử đoàn ĐBQH và HĐND thành phố Hà Nội"
DEMO_OPTIONS = ("Rất tốt", "Tốt", "Bình thường", "Chưa tốt")


@transaction.atomic
def load_demo_poll() -> int:
    """Create the demo poll unless it exists; show it when no other poll is shown. 1 if created."""
    if Poll.objects.filter(question=DEMO_QUESTION).exists():
        return 0
    poll = Poll(question=DEMO_QUESTION, is_active=not Poll.objects.active().exists())
    poll.options = [
        PollOption(label=label, sort_order=index) for index, label in enumerate(DEMO_OPTIONS)
    ]
    poll.save()
    return 1
