"""Regenerate the bulk downloads (CSV + Table Schema + datapackage.json) that changed."""

from django.core.management.base import BaseCommand

from portal.opendata.datasets import DATASETS, datasets_export


class Command(BaseCommand):
    help = "Xuất dữ liệu mở (CSV, lược đồ bảng) cho các bộ dữ liệu đã thay đổi."

    def add_arguments(self, parser):
        parser.add_argument("datasets", nargs="*", help="tên bộ dữ liệu (mặc định: tất cả)")
        parser.add_argument("--force", action="store_true", help="ghi lại dù không thay đổi")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê các bộ dữ liệu")

    def handle(self, *args, datasets, force: bool, dry_run: bool, **options):
        known = {dataset.slug for dataset in DATASETS}
        unknown = sorted(set(datasets) - known)
        if unknown:
            self.stderr.write(
                f"Không có bộ dữ liệu: {', '.join(unknown)} (có: {', '.join(sorted(known))})."
            )
            return
        if dry_run:
            for dataset in DATASETS:
                self.stdout.write(f"{dataset.slug}: {dataset.title}")
            return
        for result in datasets_export(force=force, only=datasets):
            self.stdout.write(f"{result.slug}: {result.reason} ({result.rows} dòng)")
