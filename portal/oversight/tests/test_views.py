"""The public pages of the register: filters, timeline, scorecard, overdue list, feeds."""

import datetime
import re
import statistics

from django.test import TestCase, override_settings
from django.utils import timezone

import feedparser

from portal.agencies.models import Agency
from portal.agencies.tests.factories import AgencyFactory
from portal.oversight.models import RecommendationEvent, RecommendationPage
from portal.oversight.services import recommendation_event_record

from .factories import (
    ActivityKindFactory,
    LegalDocumentFactory,
    make_activity,
    make_recommendation,
    record,
)

TODAY = timezone.localdate()


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@override_settings(ALLOWED_HOSTS=["*"])
class RegisterPagesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = AgencyFactory(code="ubnd-quan", name="Ủy ban nhân dân quận Hoàn Kiếm")
        cls.department = AgencyFactory(code="so-y-te", name="Sở Y tế", kind=Agency.KIND_DEPARTMENT)
        cls.council = AgencyFactory(
            code="thuong-truc-hdnd", name="Thường trực HĐND thành phố", kind="hdnd"
        )
        cls.delegation = AgencyFactory(
            code="doan-dbqh", name="Đoàn ĐBQH thành phố", kind="doan_dbqh"
        )
        cls.land = make_activity(
            title="Giám sát chuyên đề về đất đai",
            supervising_body=cls.council,
            kind=ActivityKindFactory(name="Giám sát chuyên đề"),
            start_date=ago(200),
        )
        cls.health = make_activity(
            title="Khảo sát phòng, chống sốt xuất huyết",
            supervising_body=cls.delegation,
            kind=ActivityKindFactory(name="Khảo sát"),
            start_date=datetime.date(2025, 6, 1),
        )
        evidence = LegalDocumentFactory(issued_on=ago(30))
        # Five recommendations to the district, in every state.
        cls.done = make_recommendation(
            cls.land,
            text="Cấp giấy chứng nhận tồn đọng",
            addressed_to=cls.district,
            issued_on=ago(150),
            due_date=ago(60),
        )
        record(cls.done, kind="response", occurred_on=ago(140), response_status="agreed")
        record(
            cls.done,
            kind="implementation",
            occurred_on=ago(30),
            implementation_status="implemented",
            source_document=evidence,
        )
        cls.answered_late = make_recommendation(
            cls.land,
            text="Công khai danh mục thu hồi đất",
            addressed_to=cls.district,
            issued_on=ago(150),
            due_date=ago(45),
        )
        record(
            cls.answered_late,
            kind="response",
            occurred_on=ago(120),
            response_status="partly",
            note="Một phần",
        )
        cls.late = make_recommendation(
            cls.land,
            text="Rà soát bồi thường chậm",
            addressed_to=cls.district,
            issued_on=ago(60),
            due_date=ago(10),
        )
        cls.extended = make_recommendation(
            cls.land,
            text="Điều chỉnh bảng giá đất",
            addressed_to=cls.district,
            issued_on=ago(100),
            due_date=ago(20),
        )
        record(
            cls.extended,
            kind="extension",
            occurred_on=ago(25),
            new_due_date=TODAY + datetime.timedelta(days=30),
            note="Gia hạn",
        )
        cls.rejected = make_recommendation(
            cls.land,
            text="Thành lập tổ công tác liên ngành",
            addressed_to=cls.district,
            issued_on=ago(100),
            due_date=ago(5),
        )
        record(cls.rejected, kind="response", occurred_on=ago(80), response_status="rejected")
        record(
            cls.rejected,
            kind="implementation",
            occurred_on=ago(80),
            implementation_status="not_implemented",
        )
        cls.medicine = make_recommendation(
            cls.health,
            text="Bảo đảm đủ thuốc điều trị",
            addressed_to=cls.department,
            issued_on=datetime.date(2025, 6, 10),
            due_date=datetime.date(2025, 7, 10),
        )

    def get(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()


class RegisterListTests(RegisterPagesTestCase):
    def test_lists_activities_with_both_statuses(self):
        html = self.get("/giam-sat/")
        self.assertIn("Giám sát chuyên đề về đất đai", html)
        self.assertIn("Khảo sát phòng, chống sốt xuất huyết", html)
        self.assertIn("Trả lời: Đồng ý một phần", html)
        self.assertIn("Thực hiện: Không thực hiện", html)
        self.assertIn("Quá hạn trên 30 ngày", html)

    def test_filters(self):
        html = self.get("/giam-sat/", year=2025)
        self.assertIn("sốt xuất huyết", html)
        self.assertNotIn("về đất đai", html)
        html = self.get("/giam-sat/", body="doan-dbqh")
        self.assertNotIn("về đất đai", html)
        html = self.get("/giam-sat/", kind=str(self.land.kind_id))
        self.assertIn("về đất đai", html)
        self.assertNotIn("sốt xuất huyết", html)
        html = self.get("/giam-sat/", agency="so-y-te")
        self.assertIn("Bảo đảm đủ thuốc", html)
        self.assertNotIn("Cấp giấy chứng nhận", html)
        html = self.get("/giam-sat/", status="implemented")
        self.assertIn("Cấp giấy chứng nhận tồn đọng", html)
        self.assertNotIn("Rà soát bồi thường chậm", html)
        html = self.get("/giam-sat/", status="overdue")
        self.assertIn("Rà soát bồi thường chậm", html)
        self.assertNotIn("Điều chỉnh bảng giá đất", html)  # extended, not late
        self.assertNotIn("Cấp giấy chứng nhận tồn đọng", html)

    def test_search_folds_vietnamese(self):
        html = self.get("/giam-sat/", q="bang gia dat")
        self.assertIn("Điều chỉnh bảng giá đất", html)
        self.assertNotIn("Rà soát bồi thường chậm", html)
        self.assertNotIn("sốt xuất huyết", html)
        html = self.get("/giam-sat/", q="SOT XUAT HUYET")
        self.assertIn("Bảo đảm đủ thuốc", html)

    def test_bad_filter_values_do_not_break_the_page(self):
        html = self.get("/giam-sat/", year="abc", status="nope", page="x")
        self.assertIn("Giám sát chuyên đề về đất đai", html)


class RecommendationPageTests(RegisterPagesTestCase):
    def test_timeline_and_original_due_date(self):
        html = self.get(self.extended.url)
        self.assertIn("Gia hạn", html)
        self.assertIn(f"Hạn ban đầu</dt><dd>{ago(20):%d/%m/%Y}", html)
        self.assertIn("Hạn hiện hành", html)
        html = self.get(self.done.url)
        self.assertIn("Thực hiện: Đã thực hiện", html)
        self.assertIn("Văn bản:", html)

    def test_an_unapproved_event_is_not_public_until_approved(self):
        recommendation_event_record(
            recommendation=self.late,
            kind="response",
            occurred_on=ago(1),
            response_status="agreed",
            note="Chờ duyệt",
        )
        self.assertNotIn("Chờ duyệt", self.get(self.late.url))
        self.assertIn("Trả lời: Chưa trả lời", self.get(self.late.url))
        self.late.refresh_from_db()
        self.late.get_latest_revision().publish()
        html = self.get(self.late.url)
        self.assertIn("Chờ duyệt", html)
        self.assertIn("Trả lời: Đồng ý", html)

    def test_a_correction_strikes_the_event_it_corrects(self):
        wrong = self.answered_late.events.get()
        record(
            self.answered_late,
            kind="response",
            occurred_on=ago(120),
            response_status="agreed",
            corrects=wrong,
            note="Đính chính",
        )
        html = self.get(self.answered_late.url)
        self.assertIn('class="is-corrected"', html)
        self.assertIn("Trả lời: Đồng ý</span>", html)


class ScorecardPageTests(RegisterPagesTestCase):
    def test_figures_recomputed_from_raw_rows(self):
        # Recompute independently from the rows: recommendations and effective public events.
        recs = RecommendationPage.objects.filter(addressed_to=self.district, live=True)
        events = RecommendationEvent.objects.filter(
            recommendation__in=recs, corrections__isnull=True
        )
        answered = {
            e.recommendation_id: e.occurred_on
            for e in events.filter(kind="response").exclude(response_status="none")
        }
        implemented = set(
            events.filter(implementation_status="implemented").values_list(
                "recommendation_id", flat=True
            )
        )
        closed = set(
            events.filter(implementation_status__in=["implemented", "not_implemented"]).values_list(
                "recommendation_id", flat=True
            )
        )
        due = {r.pk: r.due_date for r in recs}
        for e in events.filter(kind="extension"):
            due[e.recommendation_id] = e.new_due_date
        open_ = [r for r in recs if r.pk not in closed]
        overdue = [r for r in open_ if due[r.pk] < TODAY]
        waits = [(answered[r.pk] - r.issued_on).days for r in recs if r.pk in answered]
        expected = {
            "received": recs.count(),
            "answered": f"{len(answered)}/{recs.count()}",
            "implemented": f"{len(implemented)}/{recs.count()}",
            "median": statistics.median(waits),
            "overdue": f"{len(overdue)}/{len(open_)}",
        }
        self.assertEqual(expected["received"], 5)
        self.assertEqual(expected["answered"], "3/5")
        self.assertEqual(expected["overdue"], "2/3")

        html = self.get("/giam-sat/co-quan/ubnd-quan/")
        values = re.findall(r'ov-score__value">([^<]*)<', html)
        bases = re.findall(r'ov-score__base">([^<]*)<', html)
        self.assertEqual(values[0], "5")
        self.assertEqual(values[1], "60,0%")
        self.assertIn(expected["answered"], bases[1])
        self.assertEqual(values[2], "20,0%")
        self.assertIn(expected["implemented"], bases[2])
        self.assertEqual(values[3], str(expected["median"]))
        self.assertEqual(values[4], "2")
        self.assertIn(expected["overdue"], bases[4])
        self.assertIn("chia cho số kiến nghị đã nhận", html)  # each figure says how

    def test_scorecard_changes_when_an_answer_is_approved(self):
        before = re.findall(r'ov-score__value">([^<]*)<', self.get("/giam-sat/co-quan/ubnd-quan/"))[
            1
        ]
        record(self.late, kind="response", occurred_on=ago(2), response_status="agreed")
        after = re.findall(r'ov-score__value">([^<]*)<', self.get("/giam-sat/co-quan/ubnd-quan/"))[
            1
        ]
        self.assertEqual((before, after), ("60,0%", "80,0%"))

    def test_unknown_agency_is_404(self):
        self.assertEqual(self.client.get("/giam-sat/co-quan/khong-co/").status_code, 404)


class OverdueListTests(RegisterPagesTestCase):
    def test_sorted_by_lateness(self):
        html = self.get("/giam-sat/qua-han/")
        order = [
            html.index(text)
            for text in ("Bảo đảm đủ thuốc", "Công khai danh mục", "Rà soát bồi thường chậm")
        ]
        self.assertEqual(order, sorted(order))
        self.assertNotIn("Điều chỉnh bảng giá đất", html)
        self.assertNotIn("Thành lập tổ công tác", html)  # closed: not implemented


class FeedTests(RegisterPagesTestCase):
    def test_activity_and_agency_feeds(self):
        feed = feedparser.parse(self.client.get(self.land.url + "atom/").content)
        self.assertEqual(feed.version, "atom10")
        self.assertEqual(len(feed.entries), 6)
        self.assertTrue(any("Đã thực hiện" in e.title for e in feed.entries))
        feed = feedparser.parse(self.client.get("/giam-sat/co-quan/so-y-te/atom/").content)
        self.assertEqual(len(feed.entries), 0)
        record(self.medicine, kind="pause", occurred_on=ago(3))
        feed = feedparser.parse(self.client.get("/giam-sat/co-quan/so-y-te/atom/").content)
        self.assertEqual([e.title.split(" — ")[1] for e in feed.entries], ["Tạm dừng theo dõi"])
        self.assertEqual(self.client.get("/giam-sat/co-quan/khong-co/atom/").status_code, 404)
