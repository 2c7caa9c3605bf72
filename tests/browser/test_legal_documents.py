"""A reader follows a document reference in the seed article to the library and back."""

import pytest

from portal.demo.content import SEED_SLUG, SEED_TITLE, load_demo_content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


class LegalDocumentJourneyTests:
    def test_reader_opens_a_cited_regulation_and_returns_to_the_article(
        self, browser, live_server, screenshot_dir
    ):
        load_demo_content()
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.goto(f"{live_server.url}/tin-tuc-su-kien/{SEED_SLUG}/")
        links = page.locator(".article__body a.legal-ref")
        assert links.count() == 13
        page.locator("a.legal-ref", has_text="Quy định số 55-QĐ/TƯ").first.click()
        page.wait_for_url("**/van-ban-phap-ly/*/")
        assert page.locator("h1").inner_text() == "Quy định số 55-QĐ/TW"
        assert "Bộ Chính trị" in page.locator(".legal-document__facts").inner_text()
        page.screenshot(path=str(screenshot_dir / "legal-document-55.png"), full_page=True)
        page.get_by_role("link", name=SEED_TITLE).click()
        page.wait_for_url(f"**/{SEED_SLUG}/")

        page.goto(f"{live_server.url}/van-ban-phap-ly/")
        page.select_option("#id_kind", "programme")
        page.get_by_role("button", name="Lọc").click()
        page.wait_for_url("**/van-ban-phap-ly/?*kind=programme*")
        names = page.locator(".legal-list__name").all_inner_texts()
        assert names == ["Chương trình số 01-CTr/TU"]
        context.close()
