"""Load the demo pages (idempotent): `manage.py load_demo_content`."""

from django.core.management.base import BaseCommand

from portal.demo.content import load_demo_content


class Command(BaseCommand):
    help = "Tạo nội dung mẫu: trang chủ, chuyên mục, bài viết mẫu (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        created = load_demo_content()
        self.stdout.write(
            f"Nội dung mẫu: tạo mới {created['sections']} chuyên mục, {created['articles']} tin bài, "
            f"{created.get('links', 0)} liên kết website, {created.get('polls', 0)} cuộc bình chọn, "
            f"{created.get('oversight', 0)} hoạt động giám sát, "
            f"{created.get('petitions', 0)} kiến nghị cử tri."
        )
