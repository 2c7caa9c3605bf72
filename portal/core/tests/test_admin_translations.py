"""The Wagtail admin is usable in Vietnamese.

Wagtail's own Vietnamese catalogues cover only ~15% of the admin, so the
project ships its own (portal/locale/vi/LC_MESSAGES/{django,djangojs}.po,
built by tools/admin_catalogue/build_admin_catalogue.py).  These tests check

* coverage: the share of msgids of the Wagtail apps behind the editors'
  screens that gettext translates at runtime with language "vi";
* that key editorial actions (publish, save draft, workflow actions) are
  translated through gettext;
* that real admin screens rendered for a logged-in superuser are in
  Vietnamese and do not show common English UI strings.

The Wagtail apps counted ("the editors' screens") are those listed in
``ADMIN_APPS`` of the build tool:

    wagtail.admin (django + djangojs domains), wagtail (core),
    wagtail.images, wagtail.documents, wagtail.snippets, wagtail.users,
    wagtail.contrib.settings, wagtail.search, wagtail.sites,
    wagtail.contrib.forms, wagtail.contrib.redirects

Their msgids are read from the English template catalogues shipped inside
the installed wagtail package (``wagtail/**/locale/en/LC_MESSAGES/*.po``).
"""

import gettext as gettext_module
import html
import importlib.util
import json
import re
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from wagtail.models import Page

import pytest

from portal.accounts.testing import force_login_verified
from portal.core.testing.figures import record_figure

MIN_COVERAGE = 0.95

TOOL_PATH = Path(settings.BASE_DIR) / "tools" / "admin_catalogue" / "build_admin_catalogue.py"
PROJECT_CATALOGUE_DIR = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES"


def _load_tool():
    spec = importlib.util.spec_from_file_location("build_admin_catalogue", TOOL_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def _visible_text(content: str) -> str:
    """Text a user reads: element text plus title/aria-label/placeholder attributes."""
    content = re.sub(r"(?is)<(script|style|template|svg)\b.*?</\1>", " ", content)
    content = re.sub(r"(?s)<!--.*?-->", " ", content)
    attrs = re.findall(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"', content)
    text = re.sub(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""", " ", content)
    text = html.unescape(" ".join([text, *attrs]))
    return re.sub(r"\s+", " ", text)


class AdminTranslationTests(TestCase):
    # ------------------------------------------------------------------
    # (a) coverage
    # ------------------------------------------------------------------

    def _translated_in_catalogues(self, domain: str) -> set[str]:
        """Keys with a non-empty vi msgstr in our catalogue or Wagtail's."""
        keys = set(tool.wagtail_vi(domain))
        ours = PROJECT_CATALOGUE_DIR / f"{domain}.po"
        keys.update(e.key for e in tool.parse_po(ours) if e.msgid and e.translated)
        return keys

    def test_coverage_of_wagtail_admin_strings(self):
        catalogue_keys = {d: self._translated_in_catalogues(d) for d in tool.DOMAINS}
        js = DjangoTranslation("vi", domain="djangojs")  # what JavaScriptCatalog serves
        total = translated = 0
        per_app: dict[str, list[int]] = {}
        missing = []
        with translation.override("vi"):
            for domain in tool.DOMAINS:
                for app, entry in tool.source_entries(domain):
                    if domain == "django":
                        gettext, ngettext = translation.gettext, translation.ngettext
                        pgettext = translation.pgettext
                    else:
                        gettext, ngettext, pgettext = js.gettext, js.ngettext, js.pgettext
                    if entry.msgid_plural is not None:
                        fallback = entry.msgid_plural
                        result = ngettext(entry.msgid, entry.msgid_plural, 2)
                    elif entry.msgctxt is not None:
                        fallback = entry.msgid
                        result = pgettext(entry.msgctxt, entry.msgid)
                    else:
                        fallback = entry.msgid
                        result = gettext(entry.msgid)
                    ok = result != fallback or entry.key in catalogue_keys[domain]
                    total += 1
                    translated += ok
                    counts = per_app.setdefault(f"{domain}:{app}", [0, 0])
                    counts[0] += 1
                    counts[1] += ok
                    if not ok:
                        missing.append(f"{domain}:{app}: {entry.msgid!r}")
        coverage = translated / total
        print()
        for app, (n, ok) in per_app.items():
            print(f"  {app:36} {ok:5}/{n:<5} {100 * ok / n:5.1f}%")
        record_figure(
            f"Vietnamese coverage of Wagtail admin strings: {100 * coverage:.1f}% "
            f"({translated}/{total})"
        )
        self.assertGreaterEqual(coverage, MIN_COVERAGE, "untranslated:\n" + "\n".join(missing[:50]))

    # ------------------------------------------------------------------
    # (b) key strings through gettext at runtime
    # ------------------------------------------------------------------

    def test_key_strings_are_translated(self):
        with translation.override("vi"):
            _ = translation.gettext
            self.assertEqual(_("Publish"), "Xuất bản")
            self.assertEqual(_("Save draft"), "Lưu nháp")
            self.assertEqual(_("Submit for moderation"), "Gửi duyệt")
            self.assertEqual(_("Approve"), "Duyệt")
            self.assertEqual(_("Request changes"), "Yêu cầu chỉnh sửa")
            self.assertEqual(_("Unpublish"), "Hủy xuất bản")
            self.assertEqual(_("Dashboard"), "Bảng điều khiển")
            self.assertEqual(_("Add child page"), "Thêm trang con")
            self.assertEqual(_("Snippets"), "Đoạn nội dung")
            self.assertEqual(_("Images"), "Ảnh")
            self.assertEqual(_("Documents"), "Tài liệu")
            self.assertEqual(_("Workflow"), "Quy trình duyệt")
            self.assertEqual(_("Awaiting your review"), "Đang chờ bạn duyệt")
            self.assertEqual(_("Schedule to publish"), "Hẹn giờ xuất bản")
            # placeholders survive translation
            self.assertEqual(
                _("Page '%(page_title)s' has been published.") % {"page_title": "Tin A"},
                "Đã xuất bản trang 'Tin A'.",
            )
            # plural forms: Vietnamese has nplurals=1, msgstr[0] serves every n
            for n in (1, 2, 5):
                self.assertEqual(
                    translation.ngettext("Publish 1 page", "Publish %(counter)s pages", n)
                    % {"counter": n},
                    f"Xuất bản {n} trang",
                )
            # pgettext: Wagtail's catalogues for these apps currently carry no
            # msgctxt, so check the context machinery falls through to the
            # translated catalogue without breaking on an unknown context.
            self.assertEqual(translation.pgettext("no such context", "Publish"), "Publish")
        # the JS catalogue (djangojs domain) used by the admin's React/Stimulus code
        js = DjangoTranslation("vi", domain="djangojs")
        self.assertEqual(js.gettext("Page explorer"), "Duyệt trang")
        self.assertEqual(
            js.gettext("Changes have been autosaved."), "Các thay đổi đã được tự động lưu."
        )

    # ------------------------------------------------------------------
    # (c) rendered admin screens
    # ------------------------------------------------------------------

    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        cls.user = get_user_model().objects.create_superuser(
            username="bientap", email="bientap@example.com", password="matkhau-123"
        )
        root = Page.objects.get(depth=1)
        cls.page = root.add_child(instance=Page(title="Trang thử dịch", slug="trang-thu-dich"))
        # a draft by this user, submitted to the default workflow, so that the
        # dashboard shows the "recent edits" and "awaiting your review" panels
        cls.page.save_revision(user=cls.user)
        workflow = cls.page.get_workflow()
        if workflow is not None:
            workflow.start(cls.page, cls.user)

    def setUp(self):
        self.client = Client(headers={"accept-language": "vi"})
        force_login_verified(self.client, self.user)

    def _get(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def _assert_vietnamese(self, text: str, url: str, must_have, must_not_have):
        for phrase in must_have:
            self.assertIn(phrase, text, f"{url}: missing Vietnamese {phrase!r}")
        for phrase in must_not_have:
            self.assertNotRegex(
                text, rf"\b{re.escape(phrase)}\b", f"{url}: English {phrase!r} on screen"
            )

    def test_dashboard(self):
        url = reverse("wagtailadmin_home")
        content = self._get(url)
        must_have = ["Bảng điều khiển", "Tổng quan trang web"]
        if self.page.get_workflow() is not None:
            must_have.append("Đang chờ bạn duyệt")
        self._assert_vietnamese(
            _visible_text(content),
            url,
            must_have,
            ["Dashboard", "Site summary", "Your most recent edits", "Awaiting your review"],
        )
        # the sidebar menu is rendered by JavaScript from a JSON blob
        props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', content, re.S)
        self.assertIsNotNone(props, "sidebar props not found")
        labels = set(re.findall(r'"label": "((?:[^"\\]|\\.)*)"', props.group(1)))
        labels = {json.loads(f'"{label}"') for label in labels}
        self.assertTrue(
            {"Trang", "Ảnh", "Tài liệu", "Báo cáo", "Cài đặt", "Đăng xuất"} <= labels, labels
        )
        self.assertFalse(
            {"Pages", "Images", "Documents", "Reports", "Settings", "Log out", "Help"} & labels,
            labels,
        )

    def test_page_explorer(self):
        # NB: Wagtail hard-codes aria-label="Actions" in
        # wagtailadmin/shared/headers/_actions.html, so "Actions" is not checked.
        root = Page.objects.get(depth=1)
        url = reverse("wagtailadmin_explore", args=[root.id])
        self._assert_vietnamese(
            _visible_text(self._get(url)),
            url,
            ["Thêm trang con", "Trang thử dịch", "Thao tác hàng loạt", "Trạng thái"],
            ["Add child page", "Dashboard", "Sort by", "Status", "Bulk actions", "Move", "Copy"],
        )

    def test_page_edit_view(self):
        url = reverse("wagtailadmin_pages:edit", args=[self.page.id])
        self._assert_vietnamese(
            _visible_text(self._get(url)),
            url,
            ["Lưu nháp", "Xuất bản", "Xem trước", "Lịch sử", "Nội dung", "Quảng bá"],
            [
                "Save draft",
                "Publish",
                "Preview",
                "History",
                "Dashboard",
                "Add child page",
                "Content",
                "Promote",
                "Submit for moderation",
                "Unpublish",
            ],
        )

    def test_images_index(self):
        url = reverse("wagtailimages:index")
        self._assert_vietnamese(
            _visible_text(self._get(url)),
            url,
            ["Ảnh", "Thêm ảnh"],
            ["Add an image", "Images", "Dashboard", "Sort by", "Collection"],
        )

    def test_js_catalogue_served_in_vietnamese(self):
        response = self.client.get(reverse("wagtailadmin_javascript_catalog"))
        self.assertEqual(response.status_code, 200)
        body = response.content.decode("utf-8")
        # JavaScriptCatalog escapes non-ASCII as \uXXXX inside JSON
        self.assertIn("Duy\\u1ec7t trang", body)


@pytest.mark.parametrize("domain", tool.DOMAINS)
def test_project_catalogue_is_compiled(domain):
    """The committed .mo files hold exactly the translations of the .po files."""
    po = PROJECT_CATALOGUE_DIR / f"{domain}.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run build_admin_catalogue.py build"
    with mo.open("rb") as fh:
        compiled = gettext_module.GNUTranslations(fh)._catalog
    for entry in tool.parse_po(po):
        if not entry.msgid or not entry.translated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is not None:
            assert compiled.get((key, 0)) == entry.msgstr_plural[0], entry.msgid
        else:
            assert compiled.get(key) == entry.msgstr, entry.msgid
