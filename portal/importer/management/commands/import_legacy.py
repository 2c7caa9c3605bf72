"""`manage.py import_legacy PATH…`: turn the old portal's text dumps into articles."""

import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from portal.importer.services import (
    FAILED,
    STATUS_LABELS,
    ImportOutcome,
    legacy_file_import,
    legacy_paths,
)
from portal.news.models import SectionPage

DEFAULT_SECTION = "tin-tuc-su-kien"


class Command(BaseCommand):
    help = "Nhập các tệp văn bản của trang cũ thành tin bài (tệp hoặc thư mục *.txt)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="tệp hoặc thư mục")
        parser.add_argument(
            "--section", default=DEFAULT_SECTION, help="slug của chuyên mục nhận tin bài"
        )
        parser.add_argument("--title", default="", help="tiêu đề (chỉ khi nhập một tệp)")
        parser.add_argument(
            "--dry-run", action="store_true", help="chạy thử: báo cáo nhưng không ghi gì"
        )
        parser.add_argument(
            "--draft", action="store_true", help="lưu thành bản nháp thay vì xuất bản"
        )
        parser.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args, **options):
        section = SectionPage.objects.filter(slug=options["section"]).first()
        if section is None:
            raise CommandError(f"Không có chuyên mục với slug “{options['section']}”.")
        paths = legacy_paths(options["paths"])
        missing = [path for path in options["paths"] if not path.exists()]
        if options["title"] and len(paths) != 1:
            raise CommandError("--title chỉ dùng khi nhập đúng một tệp.")
        counts: Counter[str] = Counter()
        for path in missing:
            self.stdout.write(f"{path}: LỖI\n    · không có tệp hoặc thư mục này")
            counts[FAILED] += 1
        progress = tqdm(
            paths,
            desc="Nhập tin bài",
            unit="tệp",
            file=sys.stderr,
            disable=options["no_progress"] or None,
        )
        for path in progress:
            try:
                outcome = legacy_file_import(
                    path=path,
                    section=section,
                    title=options["title"],
                    dry_run=options["dry_run"],
                    publish=not options["draft"],
                )
            except Exception as error:  # One bad file must not stop the run; it wrote nothing.
                outcome = ImportOutcome(
                    path=str(path),
                    status=FAILED,
                    reason=f"lỗi không mong đợi, không ghi gì: {type(error).__name__}: {error}",
                )
            counts[outcome.status] += 1
            with progress.external_write_mode():
                self.stdout.write(outcome.line())
        summary = ", ".join(
            f"{STATUS_LABELS[status]}: {count}" for status, count in sorted(counts.items())
        )
        self.stdout.write(f"Tổng cộng {len(paths) + len(missing)} tệp — {summary}.")
