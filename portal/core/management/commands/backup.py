"""Write a consistent snapshot of the database and the media into a directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core.backups import BackupError, backup_create
from portal.core.formatting import format_integer


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp media vào một thư mục mới (trang vẫn hoạt động)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="thư mục mới (hoặc trống) để ghi")

    def handle(self, *args, directory: Path, **options):
        try:
            result = backup_create(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã sao lưu {result.vendor} và {format_integer(result.media_files)} tệp media "
            f"vào {result.directory} ({format_integer(result.total_bytes // 1024)} KB, "
            f"{result.seconds} giây)."
        )
