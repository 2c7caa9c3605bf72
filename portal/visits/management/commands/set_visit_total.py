"""Set the running visit total, e.g. to the old portal's figure when migrating."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.core.formatting import format_integer
from portal.visits.models import VisitTotal
from portal.visits.services import visit_total_set


class Command(BaseCommand):
    help = "Đặt tổng lượt truy cập (ví dụ con số của cổng thông tin cũ: 3137287)."

    def add_arguments(self, parser):
        parser.add_argument("total", help="tổng lượt truy cập, ví dụ 3137287 hoặc 3.137.287")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="chỉ đặt khi chưa đếm lượt nào (an toàn để chạy lại)",
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ báo, không ghi")

    def handle(self, *args, total: str, if_empty: bool, dry_run: bool, **options):
        digits = total.replace(".", "").replace(",", "").replace(" ", "")
        if not digits.isdigit():
            raise CommandError(f"“{total}” không phải là một số nguyên không âm.")
        value = int(digits)
        current = VisitTotal.objects.filter(pk=VisitTotal.SINGLETON_ID).first()
        if if_empty and current and current.total:
            self.stdout.write(f"Giữ nguyên: đã có {format_integer(current.total)} lượt truy cập.")
            return
        if dry_run:
            self.stdout.write(f"Sẽ đặt tổng lượt truy cập = {format_integer(value)}.")
            return
        try:
            counter = visit_total_set(total=value)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"Đã đặt tổng lượt truy cập = {format_integer(counter.total)}.")
