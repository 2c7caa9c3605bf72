"""Import an oversight register CSV: `manage.py oversight_import FILE.csv [--dry-run]`."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.oversight.csv_format import FIELDNAMES, parse_rows
from portal.oversight.services import register_import


class Command(BaseCommand):
    help = (
        "Nhập kiến nghị từ tệp CSV (cột như oversight_export). Mỗi hoạt động được nhập trọn "
        "vẹn hoặc không nhập gì; dòng lỗi được báo kèm số dòng và lý do."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp CSV (UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi.")

    def handle(self, *args, file, dry_run=False, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Không đọc được tệp {path}: {error}") from error
        reader = csv.DictReader(text.splitlines(keepends=True))
        missing = [name for name in FIELDNAMES if name not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(f"Dòng 1: thiếu cột {', '.join(missing)}.")

        def numbered():
            # A row's line is where it starts: a quoted cell may span several lines.
            previous_end = reader.line_num
            for row in reader:
                yield previous_end + 1, row
                previous_end = reader.line_num

        activities, loose = parse_rows(numbered(), timezone.localdate())
        report = register_import(activities=activities, problems=loose, dry_run=dry_run)
        verb = "Sẽ nhập" if dry_run else "Đã nhập"
        self.stdout.write(
            f"{verb} {len(report.created)} hoạt động, {report.recommendations} kiến nghị; "
            f"bỏ qua {len(report.skipped)} hoạt động đã có; từ chối {len(report.refused)} hoạt động."
        )
        for reference in report.skipped:
            self.stdout.write(f"  Đã có, bỏ qua: {reference}")
        for problem in report.problems:
            self.stderr.write(f"  {problem}")
        if report.problems:
            refused = ", ".join(report.refused) or "—"
            raise CommandError(
                f"Có {len(report.problems)} lỗi; hoạt động không được nhập: {refused}."
            )
