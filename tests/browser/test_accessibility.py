"""WCAG 2.1 AA: axe-core over the key public pages at two widths, and keyboard-only widgets."""

import re

import pytest
from playwright.sync_api import expect

from portal.core.testing.figures import record_figure
from portal.demo.content import load_demo_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = "/tin-tuc-su-kien/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/"
PAGES = {
    "trang chủ": "/",
    "chuyên mục": "/tin-tuc-su-kien/",
    "tin bài (tiện ích mở)": ARTICLE,
    "kết quả tìm kiếm": "/tim-kiem/?q=kiem+tra",
    "thư viện văn bản": "/van-ban-phap-ly/",
}
WIDTHS = (1280, 375)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

FOCUS_VISIBLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    return outline || style.boxShadow !== 'none';
}"""


def _open_widgets(page) -> None:
    """The article's widgets in the state a visitor sees after using them: errors shown."""
    form = page.locator("#comment-form")
    form.locator("[name=name]").fill("Nguyễn Văn Dân")
    form.locator("[name=text]").fill("Góp ý thử.")
    # Using the form asks for a code; a person types it once its image shows (a new challenge
    # clears the answer box), by which time the visitor's token has come too.
    expect(form.locator("[data-captcha-key]")).to_have_value(re.compile(".+"))
    form.locator("[name=captcha_1]").fill("SAI")
    expect(form.locator("input[name=csrfmiddlewaretoken]")).to_have_value(re.compile(".+"))
    with page.expect_navigation():
        form.get_by_role("button", name="Gửi bình luận").click()
    assert "Mã xác thực không đúng." in page.content()


class AccessibilityTests:
    def test_key_pages_have_no_serious_or_critical_axe_violations(self, browser, live_server):
        from axe_playwright_python.sync_playwright import Axe

        load_demo_content()
        axe = Axe()
        problems = []
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(live_server.url + path)
                if path == ARTICLE:
                    _open_widgets(page)
                results = axe.run(
                    page, options={"runOnly": {"type": "tag", "values": WCAG_AA}}
                ).response
                violations = results["violations"]
                blocking = [v for v in violations if v.get("impact") in BLOCKING]
                record_figure(
                    f"axe {name} @{width}px: {len(blocking)} serious/critical, "
                    f"{len(violations)} violations in all, {len(results['passes'])} rules passed"
                )
                for violation in blocking:
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    problems.append(f"{name} @{width}: {violation['id']} {targets}")
            context.close()
        assert not problems, "\n".join(problems)

    def test_rating_comment_poll_and_search_work_with_the_keyboard_alone(
        self, browser, live_server
    ):
        load_demo_content()
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.goto(live_server.url + ARTICLE)
        unfocused = []

        def tab_to(selector: str, limit: int = 250) -> None:
            for _ in range(limit):
                page.keyboard.press("Tab")
                if page.evaluate(f"document.activeElement.matches({selector!r})"):
                    if not page.evaluate(FOCUS_VISIBLE):
                        unfocused.append(selector)
                    return
            raise AssertionError(f"Tab never reached {selector}")

        tab_to(".skip-link")
        # Rating: arrows move between the stars, Enter on the button sends.
        tab_to("#rating-form input[name=stars]")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        assert page.locator("#rating-stars-4").is_checked()
        tab_to("#rating-form button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator("[data-rating-count]")).to_have_text("1")

        # Comment with the verification code, field by field.
        tab_to("#comment-form [name=name]")
        page.keyboard.type("Trần Thị Bàn Phím")
        tab_to("#comment-form [name=text]")
        page.keyboard.type("Gửi bằng bàn phím.")
        # The code's image shows once the form is used (a new challenge clears the answer box).
        expect(page.locator("#comment-form [data-captcha-key]")).to_have_value(re.compile(".+"))
        tab_to("#comment-form [name=captcha_1]")
        page.keyboard.type("PASSED")
        tab_to("#comment-form button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        page.wait_for_selector("text=đang chờ kiểm duyệt")

        # The poll in the sidebar: Space picks an option, Enter votes.
        tab_to("#poll-form input[name=option]")
        page.keyboard.press("Space")
        tab_to("#poll-form button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator("[data-poll-total]")).to_contain_text("1 người")

        # Search from the header box.
        page.goto(live_server.url + "/")
        tab_to("#search-box-q")
        page.keyboard.type("kiem tra")
        page.keyboard.press("Enter")
        page.wait_for_url("**/tim-kiem/?q=kiem+tra")
        assert page.locator("#search-results .search-result").count() > 0
        record_figure(
            f"keyboard: rating, comment (verification code), poll, search done by keyboard; "
            f"{len(unfocused)} focus stops without a visible indicator"
        )
        assert not unfocused, unfocused
        context.close()
