"""Bring back the database and the media from a directory written by `backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core.backups import BackupError, backup_restore, backup_verify
from portal.core.formatting import format_integer


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và tệp media từ bản sao lưu (thay thế dữ liệu hiện có; cần --yes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="thư mục do lệnh backup tạo ra")
        parser.add_argument(
            "--yes", action="store_true", help="xác nhận thay thế toàn bộ dữ liệu hiện có"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ kiểm tra bản sao lưu, không ghi gì"
        )

    def handle(self, *args, directory: Path, yes: bool, dry_run: bool, **options):
        try:
            if dry_run:
                manifest = backup_verify(directory=directory)
                self.stdout.write(
                    f"Bản sao lưu {manifest['vendor']} lúc {manifest['created_at']} nguyên vẹn "
                    f"({format_integer(len(manifest['media']))} tệp media)."
                )
                return
            if not yes:
                raise CommandError(
                    "Khôi phục sẽ thay thế toàn bộ cơ sở dữ liệu và tệp media hiện có. "
                    "Chạy lại với --yes để xác nhận (nên dừng trang trước)."
                )
            result = backup_restore(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã khôi phục {result.vendor} và {format_integer(result.media_files)} tệp media "
            f"từ {result.directory} ({result.seconds} giây)."
        )
