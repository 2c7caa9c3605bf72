"""Move buffered visit statistics to the database (run_scheduler runs this periodically)."""

from django.core.management.base import BaseCommand

from portal.core.formatting import format_integer
from portal.visits.buffer import get_buffer
from portal.visits.services import visits_flush


class Command(BaseCommand):
    help = "Ghi các lượt xem, lượt truy cập đang đệm (Redis) vào cơ sở dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="chỉ báo, không ghi")

    def handle(self, *args, dry_run: bool, **options):
        buffer = get_buffer()
        if dry_run:
            self.stdout.write(
                f"Đang đệm: {format_integer(buffer.pending_visits())} lượt truy cập "
                f"(bộ đệm {'Redis dùng chung' if buffer.shared else 'riêng từng tiến trình'})."
            )
            return
        # Without Redis each web worker flushes its own buffer; this run prunes old visitors.
        result = visits_flush(prune=True)
        self.stdout.write(
            f"Đã ghi {format_integer(result.page_views)} lượt xem trang, "
            f"{format_integer(result.visits)} lượt truy cập."
        )
