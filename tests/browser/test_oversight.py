"""The oversight register end to end: an editor starts an activity from the seed article, adds a
recommendation, records the agency's answer and later its implementation with evidence; the
reviewer and the approver approve; a visitor sees the timeline and the agency's scorecard change.
"""

import datetime
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from portal.accounts.testing import browser_log_in
from portal.core.editorial import APPROVER, EDITOR, editorial_setup
from portal.core.text import symbol_key
from portal.demo.content import SEED_SLUG, load_demo_content
from portal.legal_documents.models import LegalDocument
from portal.news.models import ArticlePage
from portal.oversight.models import ActivityPage, RecommendationPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENCY = "/giam-sat/co-quan/ban-thuong-vu-quan-uy-hoan-kiem/"
EVIDENCE = "318-BC/QU"
PASSWORD = "mat-khau-thu-nghiem-1"  # noqa: S105


def _user(name: str, group: str):
    user = get_user_model().objects.create_user(name, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def _login(browser, base: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    # Lãnh đạo duyệt must use two-factor: enrols at first sign-in.
    browser_log_in(page, base, username, PASSWORD)
    return context, page


def _click_hidden(page, selector: str):
    """Click an item of a closed dropdown menu (as a keyboard user would reach it)."""
    page.locator(selector).first.evaluate("el => el.click()")


def _follow_menu_link(page, label: str):
    """Open the page header's "…" menu and follow one of its links."""
    page.locator("header [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name=label).click()


def _choose(page, field_id: str, item: str, *, exact: bool = True):
    """Pick an item in a Wagtail chooser modal."""
    page.locator(f"#{field_id}-chooser button.chooser__choose-button").click()
    modal = page.locator(".modal")
    modal.get_by_role("link", name=item, exact=exact).first.click()
    modal.wait_for(state="hidden")


def _approve(page, base: str, page_id: int):
    page.goto(f"{base}/admin/pages/{page_id}/edit/")
    with page.expect_navigation():
        _click_hidden(
            page,
            "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])",
        )


def _scorecard(page, base: str) -> dict[str, str]:
    page.goto(base + AGENCY)
    labels = page.locator(".ov-score__label").all_inner_texts()
    values = page.locator(".ov-score__value").all_inner_texts()
    bases = page.locator(".ov-score__base").all_inner_texts()
    return {
        label: f"{value} ({base_})"
        for label, value, base_ in zip(labels, values, bases, strict=True)
    }


class OversightJourneyTests:
    def test_editor_records_answer_and_evidence_approver_publishes_visitor_sees_it(
        self, browser, live_server, screenshot_dir
    ):
        base = live_server.url
        load_demo_content()
        editorial_setup()
        _user("bientap", EDITOR)
        _user("lanhdao", APPROVER)
        today = timezone.localdate()
        evidence_date = today - datetime.timedelta(days=3)
        LegalDocument.objects.create(
            symbol=EVIDENCE,
            key=symbol_key(EVIDENCE),
            kind="other",
            issuer="Quận ủy Hoàn Kiếm",
            issued_on=evidence_date,
            title="Báo cáo kết quả thực hiện kiến nghị của Đoàn kiểm tra",
        )
        seed = ArticlePage.objects.get(slug=SEED_SLUG)

        visitor_context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="vi-VN"
        )
        visitor = visitor_context.new_page()
        before = _scorecard(visitor, base)
        assert before["Kiến nghị đã nhận"].startswith("3 ")
        assert before["Đã thực hiện"].startswith("33,3% (1/3")

        # 1. The editor starts a draft activity from the seed article.
        editor_context, desk = _login(browser, base, "bientap")
        desk.goto(f"{base}/admin/pages/{seed.pk}/edit/")
        _follow_menu_link(desk, "Tạo hoạt động giám sát từ tin bài")
        desk.select_option("#id_kind", label="Kiểm tra")
        desk.select_option("#id_supervising_body", label="Ban Thường vụ Thành ủy Hà Nội")
        with desk.expect_navigation():
            desk.get_by_role("button", name="Tạo bản nháp").click()
        activity = ActivityPage.objects.exclude(reference="KT-2022-02").get(title=seed.title)
        assert desk.url.endswith(f"/admin/pages/{activity.pk}/edit/")
        assert desk.locator("#id_start_date").input_value() == "09/05/2022"
        assert not activity.live
        assert [d.document.symbol for d in activity.documents.all()][:3] == [
            "01-CTr/TU",
            "55-QĐ/TW",
            "37-QĐ/TW",
        ]
        # Units the article names that are in the register (the editor prunes the list).
        units = [u.code for u in activity.supervised_units.all()]
        assert "ban-thuong-vu-quan-uy-hoan-kiem" in units
        assert "ban-thuong-vu-thanh-uy" not in units  # the supervising body itself

        # 2. … adds a recommendation (a child page) addressed to the district committee.
        desk.goto(f"{base}/admin/pages/{activity.pk}/add_subpage/")
        desk.wait_for_url(re.compile(r".*/add/oversight/recommendationpage/.*"))
        _choose(desk, "id_addressed_to", "Ban Thường vụ Quận ủy Hoàn Kiếm")
        desk.fill(
            "#id_text", "Báo cáo kết quả khắc phục hạn chế trong ban hành chương trình, kế hoạch."
        )
        desk.fill("#id_issued_on", "09/05/2022")
        desk.fill("#id_due_in_working_days", "30")
        with desk.expect_navigation():
            desk.get_by_role("button", name="Lưu nháp").click()
        recommendation = RecommendationPage.objects.child_of(activity).get()
        assert recommendation.number == 1
        assert recommendation.due_date == datetime.date(2022, 6, 20)  # 30 working days

        # 3. … records the agency's answer and sends it for review.
        event_url = f"{base}/admin/giam-sat/kien-nghi/{recommendation.pk}/su-kien/"
        desk.goto(f"{base}/admin/pages/{recommendation.pk}/edit/")
        _follow_menu_link(desk, "Ghi sự kiện (trả lời, thực hiện, gia hạn)")
        answered_on = today - datetime.timedelta(days=20)
        desk.select_option("#id_kind", "response")
        desk.fill("#id_occurred_on", answered_on.strftime("%d/%m/%Y"))
        desk.select_option("#id_response_status", "agreed")
        desk.fill("#id_note", "Quận ủy tiếp thu, giao Ban Tuyên giáo xây dựng kế hoạch.")
        with desk.expect_navigation():
            desk.get_by_role("button", name="Ghi sự kiện").click()
        assert "Đã ghi sự kiện" in desk.content()
        assert "Chờ duyệt" in desk.content()

        # 4. Later: implemented, which needs a dated evidence document — refused without one.
        desk.goto(event_url)
        desk.select_option("#id_kind", "implementation")
        desk.fill("#id_occurred_on", evidence_date.strftime("%d/%m/%Y"))
        desk.select_option("#id_implementation_status", "implemented")
        with desk.expect_navigation():
            desk.get_by_role("button", name="Ghi sự kiện").click()
        assert "cần một văn bản minh chứng" in desk.content()
        _choose(desk, "id_source_document", EVIDENCE, exact=False)
        with desk.expect_navigation():
            desk.get_by_role("button", name="Ghi sự kiện").click()
        assert "Đã ghi sự kiện" in desk.content()

        # 5. … and submits the activity for review too.
        desk.goto(f"{base}/admin/pages/{activity.pk}/edit/")
        with desk.expect_navigation():
            _click_hidden(desk, "button[name='action-submit']")

        # Nothing is public before approval.
        assert visitor.goto(base + recommendation.url).status == 404
        assert _scorecard(visitor, base) == before

        # 6. The reviewer (step "Biên tập") and the approver (step "Lãnh đạo duyệt") approve.
        for page_id in (activity.pk, recommendation.pk):
            _approve(desk, base, page_id)
        editor_context.close()
        approver_context, chief = _login(browser, base, "lanhdao")
        for page_id in (activity.pk, recommendation.pk):
            _approve(chief, base, page_id)
        approver_context.close()
        activity.refresh_from_db()
        recommendation.refresh_from_db()
        assert activity.live and recommendation.live

        # 7. The visitor sees the timeline and the scorecard change.
        visitor.goto(base + recommendation.url)
        timeline = visitor.locator(".ov-timeline").inner_text()
        assert "Trả lời của cơ quan: Đồng ý" in timeline
        assert "Cập nhật thực hiện: Đã thực hiện" in timeline
        assert EVIDENCE in timeline
        assert "Thực hiện: Đã thực hiện" in visitor.locator(".ov-rec__statuses").inner_text()
        after = _scorecard(visitor, base)
        assert after["Kiến nghị đã nhận"].startswith("4 ")
        assert after["Đã thực hiện"].startswith("50,0% (2/4")
        assert after["Đã trả lời"].startswith("75,0% (3/4")

        shots = {
            "register": "/giam-sat/",
            "activity": activity.url,
            "recommendation": recommendation.url,
            "agency": AGENCY,
        }
        for width in (1280, 375):
            visitor.set_viewport_size({"width": width, "height": 900})
            for name, url in shots.items():
                visitor.goto(base + url)
                visitor.screenshot(
                    path=str(screenshot_dir / f"oversight-{name}-{width}.png"), full_page=True
                )
        visitor_context.close()
