"""Response hardening: CSP on every kind of answer, proxy HTTPS only from trusted proxies,
uploaded images served safely, documents downloaded under a sandbox."""

import io
import re
import tempfile
from html.parser import HTMLParser

from django.core.files.base import ContentFile
from django.test import RequestFactory, TestCase, override_settings
from django.urls import path

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest

from portal.core import visitors
from portal.core.security import TrustedProxySSLMiddleware
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.news.models import ArticlePage


def _boom(request):
    raise RuntimeError("deliberate failure for the 500 page")


urlpatterns = [path("loi/", _boom)]


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


class _InlineCode(HTMLParser):
    """Collects inline scripts (no src, executable type) and on* event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name in names if name.lower().startswith("on")]
        if tag == "script" and not names.get("src"):
            kind = (names.get("type") or "text/javascript").lower()
            if kind in {"text/javascript", "module", "application/javascript"}:
                self.inline_scripts.append(self.getpos())


def _png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (0, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


class ContentSecurityPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.article = ArticlePage.objects.get(slug=SEED_SLUG)

    def _public_policy(self, response):
        self.assertIn("Content-Security-Policy", response, response.status_code)
        directives = _directives(response["Content-Security-Policy"])
        self.assertEqual(directives["script-src"], ["'self'"])
        self.assertEqual(directives["object-src"], ["'none'"])
        self.assertEqual(directives["base-uri"], ["'none'"])
        self.assertEqual(directives["frame-ancestors"], ["'none'"])
        return directives

    def test_public_pages_and_the_404_carry_the_strict_policy(self):
        for url, status in (
            ("/", 200),
            (self.article.url, 200),
            ("/khong-co-trang-nay/", 404),
            ("/van-ban-phap-ly/", 200),
            ("/tim-kiem/?q=ky+hop", 200),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, status)
                self._public_policy(response)

    @override_settings(ROOT_URLCONF=__name__)
    def test_the_500_page_carries_the_strict_policy(self):
        self.client.raise_request_exception = False
        response = self.client.get("/loi/")
        self.assertEqual(response.status_code, 500)
        self._public_policy(response)

    def test_the_admin_policy_applies_on_admin_paths_only(self):
        admin = _directives(self.client.get("/admin/login/")["Content-Security-Policy"])
        self.assertIn("'unsafe-inline'", admin["script-src"])
        self.assertEqual(admin["object-src"], ["'none'"])
        self.assertEqual(admin["base-uri"], ["'none'"])
        self.assertNotIn("'unsafe-inline'", self._public_policy(self.client.get("/"))["script-src"])
        # A public path that merely contains "admin" gets the public policy.
        self._public_policy(self.client.get("/tim-kiem/?q=/admin/"))

    def test_public_pages_have_no_inline_script_or_event_handler(self):
        from portal.polls.models import Poll

        urls = ["/", self.article.url, self.article.get_parent().url, "/khong-co/"]
        urls += ["/van-ban-phap-ly/", "/tim-kiem/?q=hoan+kiem", "/thong-ke/"]
        poll = Poll.objects.first()
        if poll is not None and hasattr(poll, "get_absolute_url"):
            urls.append(poll.get_absolute_url())
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                if response.status_code in (301, 302, 405):
                    continue
                if "text/html" not in response.get("Content-Type", ""):
                    continue
                parser = _InlineCode()
                parser.feed(response.content.decode())
                self.assertEqual(parser.inline_scripts, [], url)
                self.assertEqual(parser.handlers, [], url)


class DocumentAndMediaServingTests(TestCase):
    def setUp(self):
        media = tempfile.TemporaryDirectory()
        self.addCleanup(media.cleanup)
        override = override_settings(MEDIA_ROOT=media.name)
        override.enable()
        self.addCleanup(override.disable)

    def test_a_document_is_an_attachment_under_a_sandbox_policy(self):
        document = get_document_model().objects.create(
            title="Tờ trình", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="to-trinh.pdf")
        )
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))
        directives = _directives(response["Content-Security-Policy"])
        self.assertIn("sandbox", directives)
        self.assertEqual(directives["default-src"], ["'none'"])
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_uploaded_images_and_renditions_are_served_and_nothing_else(self):
        image = get_image_model().objects.create(
            title="Ảnh", file=ContentFile(_png(), name="anh.png")
        )
        rendition = image.get_rendition("width-4")
        for url in (image.file.url, rendition.url):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "image/png")
                self.assertIn("sandbox", response["Content-Security-Policy"])
        document = get_document_model().objects.create(
            title="Riêng", file=ContentFile(b"secret", name="rieng.txt")
        )
        for url in (
            f"/media/{document.file.name}",
            "/media/original_images/../documents/" + document.file.name.split("/")[-1],
            "/media/original_images/../../../etc/passwd",
            "/media/%2e%2e/%2e%2e/etc/passwd",
            "/media/original_images/khong-co.png",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)


@override_settings(SECURE_SSL_REDIRECT=True, TRUSTED_PROXIES=["10.0.0.1"])
class TrustedProxySSLTests(TestCase):
    def setUp(self):
        visitors._trusted_networks.cache_clear()
        self.addCleanup(visitors._trusted_networks.cache_clear)

    def _scheme(self, peer: str, proto: str | None) -> str:
        extra = {"REMOTE_ADDR": peer}
        if proto is not None:
            extra["HTTP_X_FORWARDED_PROTO"] = proto
        request = RequestFactory().get("/", **extra)
        seen = {}
        TrustedProxySSLMiddleware(lambda r: seen.setdefault("secure", r.is_secure()))(request)
        return "https" if seen["secure"] else "http"

    def test_only_a_trusted_proxy_makes_a_request_https(self):
        self.assertEqual(self._scheme("203.0.113.5", "https"), "http")
        self.assertEqual(self._scheme("10.0.0.1", "https"), "https")
        self.assertEqual(self._scheme("10.0.0.1", "http"), "http")
        self.assertEqual(self._scheme("10.0.0.1", None), "http")
        self.assertEqual(self._scheme("10.0.0.1", "gopher"), "http")

    def test_a_forged_header_still_gets_the_https_redirect(self):
        response = self.client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="203.0.113.5")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].startswith("https://"))
        response = self.client.get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.0.0.1")
        self.assertNotEqual(response.status_code, 301)


@pytest.mark.engine_independent  # its own SQLite database and settings, whatever the pass
class ProductionHeaderTableTests:
    """The header table for the note, produced under the production settings themselves."""

    def test_every_kind_of_answer_carries_the_security_headers(self, tmp_path):
        import os
        import subprocess
        import sys
        from pathlib import Path

        from portal.core.testing import prepared_sqlite_var_dir
        from portal.core.testing.figures import record_figure

        base_dir = Path(__file__).resolve().parents[3]
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "TRUSTED_PROXIES"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            SECRET_KEY="k3Jx9-vQ2mZ8pL4tR7wN1sB6yH0cF5gD3aE8uI2oP9qW4eT7rY1-header-table",
            ALLOWED_HOSTS="dbqh.example.vn",
            DANCU_VAR_DIR=str(tmp_path),
            STATIC_ROOT=str(tmp_path / "static"),
        )

        def manage(*args: str) -> str:
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=base_dir,
                env=env,
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
            assert result.returncode == 0, result.stderr[-3000:]
            return result.stdout

        # The migrated demo database (built once per test process by the same commands).
        prepared_sqlite_var_dir(tmp_path)
        manage("collectstatic", "--noinput", "-v", "0")
        manage(
            "shell",
            "-c",
            "from django.core.files.base import ContentFile; "
            "from wagtail.documents import get_document_model; "
            "get_document_model().objects.create(title='Tờ trình', "
            "file=ContentFile(b'%PDF-1.4\\n%%EOF\\n', name='to-trinh.pdf'))",
        )
        table = manage("report_headers").strip()
        (base_dir / "artifacts").mkdir(exist_ok=True)
        (base_dir / "artifacts" / "security-headers.md").write_text(table + "\n")
        record_figure("Response headers under portal.settings.production:\n" + table)

        lines = table.splitlines()
        header = [cell.strip() for cell in lines[0].strip("|").split("|")]
        rows = {}
        for line in lines[2:]:
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip("|"))]
            rows[cells[0]] = dict(zip(header, cells, strict=True))
        assert set(rows) == {"home", "article", "404", "admin login", "document"}
        assert rows["404"]["status"] == "404"
        for kind, row in rows.items():
            csp = row["Content-Security-Policy"]
            assert "frame-ancestors 'none'" in csp or kind == "admin login", (kind, csp)
            assert "base-uri 'none'" in csp, (kind, csp)
            assert row["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}, kind
            assert row["Referrer-Policy"] == "same-origin", kind
            assert row["X-Content-Type-Options"] == "nosniff", kind
            assert row["Strict-Transport-Security"].startswith("max-age="), kind
        for kind in ("home", "article", "404"):
            assert "script-src 'self';" in rows[kind]["Content-Security-Policy"] + ";"
            assert "object-src 'none'" in rows[kind]["Content-Security-Policy"]
        assert "sandbox" in rows["document"]["Content-Security-Policy"]
