"""A citizen rates the seed article, votes in the poll and comments; an editor approves it."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from portal.core.editorial import EDITOR, editorial_setup
from portal.demo.content import load_demo_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = "/tin-tuc-su-kien/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/"
COMMENT = "Đề nghị công khai kết quả khắc phục sau kiểm tra.\nXin cảm ơn!"


class WidgetsJourneyTests:
    def test_rate_vote_comment_then_editor_approves_and_it_appears(
        self, browser, live_server, screenshot_dir
    ):
        load_demo_content()
        editorial_setup()
        editor = get_user_model().objects.create_user("bientap", password="mat-khau-bien-tap-1")
        editor.groups.add(Group.objects.get(name=EDITOR))

        citizen = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = citizen.new_page()
        page.goto(live_server.url + ARTICLE)
        # A mark on the window: it survives only if the widgets answer without a page load.
        page.evaluate("window.dancuSamePage = true")

        # Rating: instant with JavaScript on.
        rating = page.locator("#rating-form")
        rating.locator("label[for=rating-stars-4]").click()
        rating.get_by_role("button", name="Gửi đánh giá").click()
        expect(page.locator("[data-rating-count]")).to_have_text("1")
        assert rating.locator("[data-rating-average]").inner_text().strip() == "4,0"

        # Poll in the sidebar.
        poll = page.locator("#poll-form")
        poll.locator("input[name=option]").first.check()
        poll.get_by_role("button", name="Bình chọn").click()
        expect(page.locator("[data-poll-total]")).to_contain_text("1 người đã bình chọn")
        assert page.evaluate("window.dancuSamePage === true")
        assert page.locator(".poll-results[role=status]").count() == 1

        # Comment behind the verification code (test settings accept the code "PASSED").
        form = page.locator("#comment-form")
        form.locator("[name=name]").fill("Nguyễn Văn Dân")
        form.locator("[name=email]").fill("dan@example.vn")
        form.locator("[name=text]").fill(COMMENT)
        # The code's image shows once the form is used (a new challenge clears the answer box).
        expect(form.locator("[data-captcha-key]")).to_have_value(re.compile(".+"))
        form.locator("[name=captcha_1]").fill("SAI")
        # The token comes with the visitor's state; a person types longer than that takes.
        expect(form.locator("input[name=csrfmiddlewaretoken]")).to_have_value(re.compile(".+"))
        with page.expect_navigation():
            form.get_by_role("button", name="Gửi bình luận").click()
        assert "Mã xác thực không đúng." in page.content()
        form = page.locator("#comment-form")
        assert form.locator("[name=name]").input_value() == "Nguyễn Văn Dân"
        assert form.locator("[name=text]").input_value() == COMMENT
        form.locator("[name=captcha_1]").fill("PASSED")
        # The token comes with the visitor's state; a person types longer than that takes.
        expect(form.locator("input[name=csrfmiddlewaretoken]")).to_have_value(re.compile(".+"))
        with page.expect_navigation():
            form.get_by_role("button", name="Gửi bình luận").click()
        assert "đang chờ kiểm duyệt" in page.content()
        assert "Nguyễn Văn Dân" not in page.locator("#comments").inner_text()

        # The editor approves it from the Wagtail admin.
        admin = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        desk = admin.new_page()
        desk.goto(live_server.url + "/admin/login/")
        desk.fill("input[name=username]", "bientap")
        desk.fill("input[name=password]", "mat-khau-bien-tap-1")
        desk.locator("form button[type=submit]").first.click()
        desk.wait_for_url(re.compile(r".*/admin/$"))
        with desk.expect_navigation():
            desk.get_by_text("bình luận chờ duyệt").first.click()
        with desk.expect_navigation():
            desk.locator("a[aria-label^='Duyệt']").first.click()
        with desk.expect_navigation():
            desk.locator("form button[type=submit], form input[type=submit]").last.click()
        admin.close()

        page.goto(live_server.url + ARTICLE)
        comments = page.locator("#comments")
        assert "Nguyễn Văn Dân" in comments.inner_text()
        assert "Xin cảm ơn!" in comments.inner_text()
        assert "dan@example.vn" not in page.content()
        assert "Bình luận (1)" in page.content()
        page.locator("#binh-luan").screenshot(path=str(screenshot_dir / "comment-approved.png"))
        citizen.close()
