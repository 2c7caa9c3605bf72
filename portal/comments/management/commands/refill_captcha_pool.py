from django.conf import settings
from django.core.management.base import BaseCommand

from portal.comments.captcha import captcha_pool_refill


class Command(BaseCommand):
    help = "Bổ sung kho mã xác thực dùng sẵn và xóa mã đã hết hạn."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=settings.CAPTCHA_POOL_SIZE)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, size: int, dry_run: bool, **options):
        created, removed = captcha_pool_refill(size=size, dry_run=dry_run)
        prefix = "Sẽ " if dry_run else ""
        self.stdout.write(f"{prefix}tạo {created} mã xác thực mới, xóa {removed} mã hết hạn.")
