"""Print the security headers the portal answers with, as a Markdown table."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client

from wagtail.documents import get_document_model

from portal.news.models import ArticlePage

HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Cache-Control",
    "Strict-Transport-Security",
)


class Command(BaseCommand):
    help = (
        "In bảng tiêu đề bảo mật (CSP, X-Frame-Options, …) của trang chủ, một bài viết, "
        "trang 404, trang đăng nhập quản trị và một tài liệu, theo cấu hình đang chạy."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="đường dẫn cần kiểm tra (mặc định: 5 loại)")

    def handle(self, *args, paths: list[str], **options):
        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
        client = Client(HTTP_HOST=host.lstrip("."))
        rows = paths and [(path, path) for path in paths] or self._default_paths()
        self.stdout.write(
            "| kind | path | status | " + " | ".join(HEADERS) + " | Set-Cookie |\n"
            "|" + "---|" * (len(HEADERS) + 4)
        )
        for kind, path in rows:
            response = client.get(path, secure=True)
            values = [response.get(name, "—") for name in HEADERS]
            cookies = ", ".join(sorted(response.cookies)) or "none"
            self.stdout.write(
                f"| {kind} | {path} | {response.status_code} | "
                + " | ".join(v.replace("|", "\\|") for v in values)
                + f" | {cookies} |"
            )

    @staticmethod
    def _default_paths() -> list[tuple[str, str]]:
        rows = [("home", "/")]
        article = ArticlePage.objects.live().order_by("-first_published_at").first()
        if article is not None:
            rows.append(("article", article.url))
        rows += [("404", "/khong-co-trang-nay/"), ("admin login", "/admin/login/")]
        document = get_document_model().objects.order_by("pk").first()
        if document is not None:
            rows.append(("document", document.url))
        return rows
