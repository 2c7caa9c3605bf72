"""A reader opens the home page, follows the seed article and reads it, at desktop and phone widths."""

import pytest

from portal.demo.content import SEED_TITLE, load_demo_content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CAPTION = "Đồng chí Nguyễn Ngọc Tuấn phát biểu tại buổi kiểm tra"


class SeedArticleJourneyTests:
    def test_reader_follows_the_home_page_link_to_the_seed_article(
        self, browser, live_server, screenshot_dir
    ):
        load_demo_content()
        for width, height in ((1280, 900), (375, 812)):
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="vi-VN"
            )
            page = context.new_page()
            page.goto(live_server.url + "/")
            assert "Đoàn Đại biểu Quốc hội" in page.locator(".banner__name").text_content()
            page.get_by_role("link", name=SEED_TITLE).first.click()
            page.wait_for_url("**/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/")

            assert page.locator("h1.article__title").inner_text() == SEED_TITLE
            caption = page.locator("figcaption.figure__caption")
            assert caption.count() == 1
            assert caption.inner_text().strip() == CAPTION
            assert caption.is_visible()
            assert page.locator(".article__byline").inner_text() == "Nguyễn Hợp"
            assert page.locator(".article__body .para").count() == 12
            # The layout fits the viewport: no horizontal scrolling at phone width.
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width + 1

            # Enlarging the text makes the body larger.
            before = page.evaluate(
                "getComputedStyle(document.querySelector('.article__body')).fontSize"
            )
            page.get_by_role("button", name="Tăng cỡ chữ").click()
            after = page.evaluate(
                "getComputedStyle(document.querySelector('.article__body')).fontSize"
            )
            assert float(after.rstrip("px")) > float(before.rstrip("px"))
            page.get_by_role("button", name="Cỡ chữ mặc định").click()

            path = screenshot_dir / f"seed-article-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
            context.close()

    def test_print_stylesheet_hides_navigation_and_sidebar(self, browser, live_server):
        load_demo_content()
        page = browser.new_page()
        page.goto(
            live_server.url + "/tin-tuc-su-kien/doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem/"
        )
        page.emulate_media(media="print")
        assert not page.locator(".mainnav").is_visible()
        assert not page.locator(".layout__sidebar").is_visible()
        assert page.locator(".article__body").is_visible()
        page.close()
