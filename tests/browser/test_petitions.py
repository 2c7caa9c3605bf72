"""An editor records a meeting and two petitions, merges the duplicate, forwards it and records an
answer "đang giải quyết"; after the target date the scheduler brings it back into "cần theo dõi",
and a visitor finds it by searching without diacritics. Screenshots of the public pages."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from portal.accounts.testing import browser_log_in
from portal.agencies.models import Agency
from portal.demo.content import load_demo_content
from portal.petitions.models import Petition, PetitionEvent, PetitionField

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _vi(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _save_snippet(desk):
    with desk.expect_navigation():
        desk.locator("form button.action-save").first.click()


class PetitionJourneyTests:
    def test_editor_to_visitor(self, browser, live_server, screenshot_dir):
        today = datetime.date.today()
        received = today - datetime.timedelta(days=6)
        target = today + datetime.timedelta(days=10)
        load_demo_content()  # the page tree the admin needs, and the demo register
        assert PetitionField.objects.filter(name="Giao thông").exists()
        assert Agency.objects.filter(name="Sở Xây dựng thành phố Hà Nội").exists()
        get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-bien-tap-1")

        admin = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="vi-VN")
        desk = admin.new_page()
        # A superuser must use two-factor: enrols at first sign-in.
        browser_log_in(desk, live_server.url, "bientap", "mat-khau-bien-tap-1")

        # A meeting in Phường Láng.
        desk.goto(live_server.url + "/admin/snippets/petitions/votermeeting/add/")
        desk.fill("#id_code", "tx-lang-1")
        desk.fill("#id_held_on", _vi(received))
        desk.keyboard.press("Escape")
        desk.select_option("#id_locality", label="Phường Láng, Thành phố Hà Nội")
        desk.fill("#id_place", "Nhà văn hóa tổ dân phố 5")
        desk.get_by_label("Nguyễn Văn An").check()
        _save_snippet(desk)
        assert "Phường Láng" in desk.content()

        # Two petitions: the second is the same matter in other words.
        for external_id, title in (
            ("kn-lang-1", "Ngập úng đường Láng mỗi khi mưa lớn"),
            ("kn-lang-2", "Đường Láng ngập sau mưa"),
        ):
            desk.goto(live_server.url + "/admin/snippets/petitions/petition/add/")
            desk.fill("#id_external_id", external_id)
            desk.fill("#id_received_on", _vi(received))
            desk.keyboard.press("Escape")
            desk.fill("#id_title", title)
            desk.fill(
                "#id_text",
                "Cử tri phản ánh đường Láng ngập sâu mỗi khi mưa lớn, đề nghị cải tạo hệ thống thoát nước.",
            )
            desk.select_option("#id_field", label="Giao thông")
            desk.select_option("#id_localities", label="Phường Láng, Thành phố Hà Nội")
            desk.select_option("#id_meetings", label=f"{_vi(received)} – Nhà văn hóa tổ dân phố 5")
            _save_snippet(desk)
            desk.wait_for_url(re.compile(r".*/xu-ly/$"))
        keep = Petition.objects.get(external_id="kn-lang-1")

        # Merge the duplicate into the first, forward, record the answer with its target date.
        desk.goto(f"{live_server.url}/admin/kien-nghi-cu-tri/{keep.pk}/xu-ly/")
        merge = desk.locator("#step-merge")
        merge.locator("select").select_option(label="kn-lang-2 – Đường Láng ngập sau mưa")
        merge.locator("input[name=merge-merged_on]").fill(
            _vi(received + datetime.timedelta(days=1))
        )
        desk.keyboard.press("Escape")
        with desk.expect_navigation():
            merge.get_by_role("button", name="Ghi nhận").click()
        assert "Đã gộp kiến nghị kn-lang-2" in desk.content()

        forward = desk.locator("#step-forward")
        forward.locator("select").select_option(label="Sở Xây dựng thành phố Hà Nội")
        forward.locator("input[name=forward-forwarded_on]").fill(
            _vi(received + datetime.timedelta(days=2))
        )
        desk.keyboard.press("Escape")
        with desk.expect_navigation():
            forward.get_by_role("button", name="Ghi nhận").click()
        assert "Đã ghi nhận chuyển kiến nghị" in desk.content()

        answer = desk.locator("#step-answer")
        answer.locator("input[name=answer-kind][value=in_progress]").check()
        answer.locator("input[name=answer-answered_on]").fill(_vi(today))
        desk.keyboard.press("Escape")
        answer.locator("input[name=answer-reference]").fill("812/SXD-HTKT")
        answer.locator("textarea[name=answer-summary]").fill(
            "Sở đang lập dự án cải tạo cống thoát nước."
        )
        # Without the target date the answer is refused, and what was typed stays.
        with desk.expect_navigation():
            answer.get_by_role("button", name="Ghi nhận").click()
        assert "phải có hạn giải quyết xong" in desk.content()
        answer = desk.locator("#step-answer")
        assert answer.locator("input[name=answer-reference]").input_value() == "812/SXD-HTKT"
        answer.locator("input[name=answer-target_date]").fill(_vi(target))
        desk.keyboard.press("Escape")
        with desk.expect_navigation():
            answer.get_by_role("button", name="Ghi nhận").click()
        assert "Đã ghi nhận trả lời" in desk.content()
        admin.close()

        keep.refresh_from_db()
        assert keep.status == "dang-giai-quyet"
        assert keep.meetings.count() == 1 and keep.sources.count() == 0
        # On the target date itself nothing changes; the day after, the scheduler flags it.
        call_command("follow_up_petitions", "--today", target.isoformat(), verbosity=0)
        keep.refresh_from_db()
        assert keep.status == "dang-giai-quyet"
        call_command(
            "follow_up_petitions",
            "--today",
            (target + datetime.timedelta(days=1)).isoformat(),
            verbosity=0,
        )
        assert keep.events.filter(kind=PetitionEvent.FOLLOW_UP).count() == 1

        # A visitor searches without diacritics.
        visitor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = visitor.new_page()
        page.goto(live_server.url + "/kien-nghi-cu-tri/")
        page.fill("#id_q", "ngap ung duong lang")
        page.get_by_role("button", name="Lọc").click()
        page.wait_for_url("**/kien-nghi-cu-tri/?*q=ngap*")
        item = page.locator(".petition-list__item")
        assert item.count() == 1
        assert "Cần theo dõi" in item.inner_text()
        item.locator("a").click()
        page.wait_for_url(f"**/kien-nghi-cu-tri/{keep.pk}/")
        body = page.locator("main").inner_text()
        assert "Nêu tại 1 buổi tiếp xúc cử tri" in body
        assert "Quá hạn giải quyết đã hứa – cần theo dõi" in body
        assert "Gộp kiến nghị trùng" in body and "kn-lang-2" in body
        # The merged duplicate's address leads here.
        dup = Petition.objects.get(external_id="kn-lang-2")
        page.goto(f"{live_server.url}/kien-nghi-cu-tri/{dup.pk}/")
        assert page.url.endswith(f"/kien-nghi-cu-tri/{keep.pk}/")
        visitor.close()

        # Screenshots with the demo register, at desktop and phone widths.
        demo = Petition.objects.get(external_id="demo-dang-giai-quyet")
        for width, height in ((1280, 900), (375, 800)):
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="vi-VN"
            )
            shot = context.new_page()
            for name, url in (
                ("list", "/kien-nghi-cu-tri/"),
                ("petition", demo.get_absolute_url()),
                ("stats", "/kien-nghi-cu-tri/thong-ke/"),
            ):
                shot.goto(live_server.url + url)
                shot.screenshot(
                    path=str(screenshot_dir / f"petitions-{name}-{width}.png"), full_page=True
                )
            scroll = shot.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"horizontal scroll at {width}px: {scroll}"
            context.close()
