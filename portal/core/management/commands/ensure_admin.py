"""Create the first administrator if there is none, and say how to log in."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị đầu tiên (nếu chưa có) và in cách đăng nhập."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, username: str, **options):
        user_model = get_user_model()
        password_file = settings.VAR_DIR / "admin-password.txt"
        if not user_model.objects.filter(username=username).exists():
            password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            user_model.objects.create_superuser(
                username=username, email="", password=password, first_name="Quản trị"
            )
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
        shown = (
            password_file.read_text(encoding="utf-8").strip()
            if password_file.exists()
            else "(mật khẩu đã đặt trước đó)"
        )
        self.stdout.write(
            f"Đăng nhập quản trị: {settings.WAGTAILADMIN_BASE_URL}/admin/ — "
            f"tài khoản: {username}, mật khẩu: {shown} (lưu tại {password_file})"
        )
