"""A reader types an unaccented query in the header search box and finds the seed article."""

import pytest

from portal.demo.content import SEED_SLUG, SEED_TITLE, load_demo_content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_unaccented_query_finds_the_seed_article_first_with_highlights(
    browser, live_server, screenshot_dir
):
    load_demo_content()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("kiem tra quan uy hoan kiem")
    box.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=kiem+tra+quan+uy+hoan+kiem")
    first = page.locator("#search-results .search-result").first
    assert first.locator("a").first.inner_text() == SEED_TITLE
    marks = first.locator("mark").all_inner_texts()
    assert {"kiểm", "tra", "Hoàn", "Kiếm"} <= set(marks)
    page.screenshot(path=str(screenshot_dir / "search-kiem-tra-hoan-kiem.png"), full_page=True)
    first.locator("a").first.click()
    page.wait_for_url(f"**/{SEED_SLUG}/")

    # A symbol typed loosely: the document itself first, then what cites it (the seed article
    # among the oversight entries that cite it too).
    page.goto(f"{live_server.url}/tim-kiem/?q=55+qd+tw")
    titles = page.locator("#search-results .search-result a").all_inner_texts()
    assert titles[0].startswith("Quy định số 55-QĐ/TW")
    assert SEED_TITLE in titles[1:6]
    assert "55-QĐ/TƯ" in page.locator("#search-results mark").all_inner_texts()
    context.close()
