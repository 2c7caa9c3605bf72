"""Each editorial role in Chromium: a reporter uploads a photo and a PDF, puts them in an
article and submits it; an editor edits it and passes it on; an approver, who must set up
two-factor authentication first, approves; the published page shows the photo."""

import base64
import re
import time
import urllib.request

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.images import get_image_model

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from portal.core.editorial import APPROVER, EDITOR, REPORTER, editorial_setup
from portal.demo.content import load_demo_content
from portal.news.models import ArticlePage, SectionPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "mat-khau-toa-soan-1"  # noqa: S105
TITLE = "Tiếp xúc cử tri phường Hoàn Kiếm trước kỳ họp"
PHOTO_TITLE = "Ảnh tiếp xúc cử tri"
PDF_TITLE = "Báo cáo tổng hợp ý kiến cử tri"


def _photo(path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), (180, 20, 20))
    ImageDraw.Draw(image).rectangle((40, 40, 280, 160), fill=(250, 220, 0))
    image.save(path, format="JPEG", quality=85)
    return path


def _pdf(path):
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    body += b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    path.write_bytes(body)
    return path


def _code(secret: str, steps_ahead: int = 0) -> str:
    generator = TOTP(base64.b32decode(secret.replace(" ", "")), step=30, digits=6)
    generator.time = time.time() + steps_ahead * 30
    return f"{generator.token():06d}"


CSP_VIOLATIONS: list[str] = []


def _watch(page):
    """Collect every Content-Security-Policy refusal the browser reports."""
    page.on(
        "console",
        lambda message: (
            CSP_VIOLATIONS.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def _log_in(browser, url: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN")
    page = _watch(context.new_page())
    page.goto(url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()
    return context, page


def _click_hidden(page, selector: str) -> None:
    """Footer actions live in a dropdown; click the real button as the menu would, and wait
    for the page the form posts to."""
    with page.expect_navigation(timeout=60_000):
        page.locator(selector).first.evaluate("button => button.click()")
    page.wait_for_load_state()


# True once a hidden field of the form (Draftail's serialised state) holds a DOCUMENT entity.
DOCUMENT_LINK_IN_FORM = """() => [...document.querySelectorAll('input[type=hidden]')]
    .some((input) => input.value.includes('"DOCUMENT"'))"""


class EditorialJourneyTests:
    def test_reporter_editor_and_approver_with_two_factor_publish_a_photo_story(
        self, browser, live_server, tmp_path, settings, screenshot_dir
    ):
        try:
            self._walk(browser, live_server, tmp_path, settings, screenshot_dir)
        except Exception:
            # Leave the page the walk stopped on, for whoever reads the failure.
            for number, context in enumerate(browser.contexts):
                for index, open_page in enumerate(context.pages):
                    stem = screenshot_dir / f"editorial-failure-{number}-{index}"
                    open_page.screenshot(path=f"{stem}.png", full_page=True)
                    stem.with_suffix(".html").write_text(open_page.content())
            raise

    def _walk(self, browser, live_server, tmp_path, settings, screenshot_dir):
        CSP_VIOLATIONS.clear()
        settings.MEDIA_ROOT = str(tmp_path / "media")
        # The live server's in-memory SQLite refuses reads while another thread writes
        # ("table is locked"); keep the editor's background session pings out of the walk.
        settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
        load_demo_content()
        editorial_setup()
        for username, group in (
            ("phongvien", REPORTER),
            ("bientap", EDITOR),
            ("lanhdao", APPROVER),
        ):
            user = get_user_model().objects.create_user(username, password=PASSWORD)
            user.groups.add(Group.objects.get(name=group))
        section = SectionPage.objects.get(slug="tin-tuc-su-kien")
        url = live_server.url

        # 1. The reporter uploads a photo and a PDF.
        context, page = _log_in(browser, url, "phongvien")
        assert re.search(r"/admin/$", page.url), page.url
        page.goto(url + "/admin/images/multiple/add/")
        page.set_input_files("#fileupload", str(_photo(tmp_path / "cu-tri.jpg")))
        item = page.locator("#upload-list li").first
        item.locator("input[name$=title]").wait_for()
        item.locator("input[name$=title]").fill(PHOTO_TITLE)
        item.locator("button[type=submit], input[type=submit]").first.click()
        expect(page.locator("#upload-list li form")).to_have_count(0)
        page.goto(url + "/admin/documents/multiple/add/")
        page.set_input_files("#fileupload", str(_pdf(tmp_path / "bao-cao.pdf")))
        item = page.locator("#upload-list li").first
        item.locator("input[name$=title]").wait_for()
        item.locator("input[name$=title]").fill(PDF_TITLE)
        item.locator("button[type=submit], input[type=submit]").first.click()
        expect(page.locator("#upload-list li form")).to_have_count(0)

        # The chooser's thumbnail, made now rather than under the chooser's request.
        get_image_model().objects.get(title=PHOTO_TITLE).get_rendition("max-165x165")

        # 2. …puts them in an article and submits it for review.
        page.goto(f"{url}/admin/pages/add/news/articlepage/{section.pk}/")
        page.fill("#id_title", TITLE)
        page.fill("#id_lead", "Đoàn đại biểu tiếp xúc cử tri phường Hoàn Kiếm.")
        page.locator("button.c-sf-add-button").first.click()
        page.get_by_role("option", name="Ảnh có chú thích").click()
        choice = page.locator(f".modal a[data-chooser-modal-choice][title*='{PHOTO_TITLE}']")
        for attempt in range(3):  # the in-memory test database may refuse one request
            page.locator("button.chooser__choose-button").first.click()
            try:
                choice.first.wait_for(timeout=20_000)
                break
            except Exception:
                if attempt == 2:
                    raise
                page.keyboard.press("Escape")
                page.locator(".modal").first.wait_for(state="hidden")
        choice.first.click()
        page.locator(".modal").wait_for(state="hidden")
        page.locator("input[name$='-value-caption']").first.fill("Cử tri phát biểu ý kiến")
        page.locator("button.c-sf-add-button").last.click()
        page.get_by_role("option", name="Đoạn văn").click()
        editor = page.locator(".Draftail-Editor [contenteditable=true]").last
        editor.click()
        page.keyboard.type("Toàn văn báo cáo")
        expect(editor).to_contain_text("Toàn văn báo cáo")
        # Under load the editor may lag behind the keys: select until the whole line is selected.
        for _ in range(3):
            page.keyboard.press("Shift+Home")
            if page.evaluate("window.getSelection().toString()") == "Toàn văn báo cáo":
                break
            page.keyboard.press("End")
        page.locator("button[name=DOCUMENT]").first.click()
        page.locator(f".modal a[data-chooser-modal-choice]:has-text('{PDF_TITLE}')").first.click()
        page.locator(".modal").wait_for(state="hidden")
        expect(editor.locator(".TooltipEntity")).to_have_count(1)
        # Draftail writes its state into the form's hidden field a moment after a change.
        for _ in range(100):
            if page.evaluate(DOCUMENT_LINK_IN_FORM):
                break
            page.wait_for_timeout(100)
        else:
            raise AssertionError("the document link never reached the form's field")
        page.screenshot(path=str(screenshot_dir / "editorial-reporter-article.png"), full_page=True)
        _click_hidden(page, "button[name=action-submit]")
        page.wait_for_load_state()
        article = ArticlePage.objects.get(title=TITLE)
        assert not article.live
        revision = article.get_latest_revision_as_object()
        kinds = [block.block_type for block in revision.body]
        assert kinds == ["image", "paragraph"], kinds
        assert revision.body[0].value["image"].title == PHOTO_TITLE
        assert 'linktype="document"' in revision.body[1].value.source
        context.close()

        # 3. The editor edits it and passes it on.
        context, page = _log_in(browser, url, "bientap")
        page.goto(f"{url}/admin/pages/{article.pk}/edit/")
        page.fill("#id_byline", "Phóng viên Ban Công tác đại biểu")
        _click_hidden(
            page, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        )
        context.close()
        article.refresh_from_db()
        assert not article.live
        state = article.current_workflow_state
        assert state.current_task_state.task.name == "Lãnh đạo duyệt"

        # 4. The approver must enrol in two-factor authentication, then approves.
        context, page = _log_in(browser, url, "lanhdao")
        assert "/admin/hai-lop/dang-ky/" in page.url, page.url
        secret = page.locator("[data-totp-secret]").inner_text()
        page.fill("input[name=token]", _code(secret))
        with page.expect_navigation():
            page.locator("form button[type=submit]").first.click()
        assert page.locator("[data-recovery-codes] li").count() == 10
        with page.expect_navigation():
            page.get_by_role("link", name="Đã lưu, tiếp tục").click()
        assert re.search(r"/admin/$", page.url), page.url
        page.goto(f"{url}/admin/pages/{article.pk}/edit/")
        _click_hidden(
            page, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        )
        context.close()
        article.refresh_from_db()
        assert article.live, "the approver's approval publishes"
        assert article.byline == "Phóng viên Ban Công tác đại biểu"

        # 5. A reader sees the photo on the published page.
        reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = _watch(reader.new_page())
        page.goto(url + article.url)
        photo = page.locator(".article__body img.figure__img").first
        photo.wait_for()
        assert page.evaluate("img => img.complete && img.naturalWidth > 0", photo.element_handle())
        source = photo.get_attribute("src")
        with urllib.request.urlopen(url + source if source.startswith("/") else source) as answer:  # noqa: S310
            assert answer.status == 200
            assert answer.headers["Content-Type"] == "image/jpeg"
        link = page.locator(".article__body a:has-text('Toàn văn báo cáo')").first
        assert "/documents/" in link.get_attribute("href")
        page.screenshot(path=str(screenshot_dir / "editorial-published.png"), full_page=True)
        reader.close()
        # Neither the admin (its own policy) nor the public page tripped the policy.
        assert CSP_VIOLATIONS == [], CSP_VIOLATIONS
