"""Load the administrative units (post-2025, two levels) from the vietnam-provinces package."""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.petitions.services import localities_sync


class Command(BaseCommand):
    help = "Nạp danh mục tỉnh, thành phố và xã, phường (sau sắp xếp 2025) với mã chính thức."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            action="append",
            help="mã tỉnh có xã, phường cần nạp (mặc định PETITIONS_PROVINCES)",
        )

    def handle(self, *args, province=None, **options):
        codes = province or settings.PETITIONS_PROVINCES
        count = localities_sync(province_codes=codes)
        self.stdout.write(f"Đã nạp, cập nhật {count} đơn vị hành chính.")
