"""Refresh cached pages when a notice starts or stops showing (its time came, nobody saved it)."""

from django.core.cache import cache
from django.core.management.base import BaseCommand

from portal.notices.selectors import visible_signature
from portal.notices.signals import purge_pages

CACHE_KEY = "notices:visible-signature"


class Command(BaseCommand):
    help = "Làm mới các trang đã lưu đệm khi một thông báo bảo trì bắt đầu hoặc thôi hiển thị."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="chỉ báo, không làm mới")

    def handle(self, *args, dry_run: bool = False, **options):
        signature = visible_signature()
        if cache.get(CACHE_KEY) == signature:
            self.stdout.write("Thông báo bảo trì: không đổi.")
            return
        if not dry_run:
            purge_pages()
            cache.set(CACHE_KEY, signature, timeout=None)
        self.stdout.write("Thông báo bảo trì: đã đổi, làm mới các trang.")
