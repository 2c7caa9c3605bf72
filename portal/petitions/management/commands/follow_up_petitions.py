"""Bring back into 'cần theo dõi' the petitions whose promised target date has passed."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from portal.petitions.selectors import today as local_today
from portal.petitions.services import petitions_follow_up


class Command(BaseCommand):
    help = "Đưa kiến nghị quá hạn giải quyết đã hứa về trạng thái “cần theo dõi” (ghi nhật ký)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="ngày coi là hôm nay, YYYY-MM-DD (để kiểm thử)")

    def handle(self, *args, today: str | None = None, **options):
        try:
            on = date.fromisoformat(today) if today else local_today()
        except ValueError as error:
            raise CommandError(f"Ngày không hợp lệ: {today!r} (cần dạng YYYY-MM-DD).") from error
        changed = petitions_follow_up(today=on)
        if options.get("verbosity", 1):
            self.stdout.write(
                f"{len(changed)} kiến nghị chuyển sang “cần theo dõi” ngày {on:%d/%m/%Y}."
            )
