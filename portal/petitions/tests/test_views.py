"""Public pages: the list with its filters and search without diacritics, a petition, stats, feeds."""

import datetime
from unittest import mock

from django.test import TestCase
from django.urls import reverse

import feedparser

from portal.agencies.tests.factories import AgencyFactory
from portal.petitions import rules
from portal.petitions.services import (
    answer_record,
    feedback_record,
    petition_create,
    petition_forward,
)
from portal.petitions.tests.factories import (
    LocalityFactory,
    PetitionFactory,
    PetitionFieldFactory,
    VoterMeetingFactory,
)

D = datetime.date


class PublicPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.agency = AgencyFactory(code="so-giao-thong", name="Sở Giao thông vận tải")
        cls.roads = PetitionFieldFactory(name="Giao thông", slug="giao-thong")
        cls.health = PetitionFieldFactory(name="Y tế", slug="y-te")
        cls.ward = LocalityFactory(code="00070", name="Phường Hoàn Kiếm")
        m1 = VoterMeetingFactory(locality=cls.ward, place="Nhà văn hóa số 1", held_on=D(2026, 3, 1))
        m2 = VoterMeetingFactory(
            locality=cls.ward, place="Trụ sở UBND phường", held_on=D(2026, 3, 8)
        )
        cls.road = petition_create(
            external_id="kn-duong",
            title="Đường Hàng Bài xuống cấp",
            text="Cử tri đề nghị sửa mặt đường.",
            field=cls.roads,
            received_on=D(2026, 3, 9),
            localities=[cls.ward],
            meetings=[m1, m2],
        )
        cls.road = petition_forward(
            petition=cls.road, agency=cls.agency, forwarded_on=D(2026, 3, 11)
        )
        answer = answer_record(
            petition=cls.road,
            kind=rules.ANSWER_IN_PROGRESS,
            answered_on=D(2026, 4, 1),
            reference="55/SGTVT",
            summary="Đang sửa.",
            target_date=D(2026, 9, 30),
        )
        feedback_record(
            answer=answer, satisfactory=False, note="Chưa nêu lộ trình", given_on=D(2026, 4, 10)
        )
        cls.clinic = PetitionFactory(
            title="Trạm y tế thiếu bác sĩ", field=cls.health, received_on=D(2025, 5, 2)
        )

    def get(self, **params):
        return self.client.get(reverse("petitions:list"), params)

    def test_search_without_diacritics(self):
        response = self.get(q="duong hang bai")
        self.assertContains(response, "Đường Hàng Bài xuống cấp")
        self.assertNotContains(response, "Trạm y tế")
        self.assertContains(self.get(q="TRAM Y TE"), "Trạm y tế thiếu bác sĩ")

    def test_filters(self):
        cases = {
            "field": ("giao-thong", "Đường Hàng Bài"),
            "locality": ("00070", "Đường Hàng Bài"),
            "agency": ("so-giao-thong", "Đường Hàng Bài"),
            "status": (rules.STATUS_IN_PROGRESS, "Đường Hàng Bài"),
            "answer": (rules.ANSWER_IN_PROGRESS, "Đường Hàng Bài"),
            "year": ("2025", "Trạm y tế"),
        }
        for name, (value, expected) in cases.items():
            with self.subTest(name):
                response = self.get(**{name: value})
                self.assertContains(response, expected)
                self.assertEqual(len(response.context["page_obj"].object_list), 1)

    def test_bad_filter_value_is_reported_not_a_500(self):
        response = self.get(year="abc", status="nonsense")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Hãy chọn")  # Django's Vietnamese "select a valid choice"

    def test_overdue_filter(self):
        with mock.patch("portal.petitions.views.today", return_value=D(2026, 8, 1)):
            response = self.get(status="qua-han")
        self.assertContains(response, "Trạm y tế")
        self.assertNotContains(response, "Đường Hàng Bài")

    def test_petition_page_shows_meetings_timeline_answer_and_feedback(self):
        response = self.client.get(self.road.get_absolute_url())
        self.assertContains(response, "Nêu tại 2 buổi tiếp xúc cử tri")
        self.assertContains(response, "Nhà văn hóa số 1")
        self.assertContains(response, "Đang giải quyết")
        self.assertContains(response, "30/09/2026")
        self.assertContains(response, "Chưa đạt yêu cầu")
        self.assertContains(response, "0/1 đạt yêu cầu")
        self.assertContains(response, "Chuyển cơ quan")
        self.assertNotIn("Set-Cookie", response.headers)

    def test_statistics_page(self):
        response = self.client.get(reverse("petitions:stats"))
        self.assertContains(response, "Sở Giao thông vận tải")
        self.assertContains(response, "1/1")  # answered of forwarded
        self.assertContains(response, "0/1")  # resolved of forwarded

    def test_feeds(self):
        for url in (
            reverse("petitions:feed_agency", args=["so-giao-thong"]),
            reverse("petitions:feed_locality", args=["00070"]),
            reverse("petitions:feed_field", args=["giao-thong"]),
        ):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("application/atom+xml", response["Content-Type"])
                feed = feedparser.parse(response.content)
                self.assertEqual(
                    [e.title for e in feed.entries], ["Đường Hàng Bài xuống cấp – Đang giải quyết"]
                )
        self.assertEqual(
            self.client.get(reverse("petitions:feed_agency", args=["khong-co"])).status_code, 404
        )


class SiteSearchTests(TestCase):
    def test_portal_search_finds_petitions_without_diacritics_and_drops_merged_ones(self):
        from portal.petitions.services import petition_merge
        from portal.search.selectors import search_entries

        keep = PetitionFactory(title="Ngập úng đường Láng", text="Mưa là ngập.")
        dup = PetitionFactory(title="Đường Láng ngập úng", text="Ngập sâu.")
        found = {
            r.entry.object_id
            for r in search_entries("ngap ung duong lang", kinds=["petition"])[0:10]
        }
        self.assertEqual(found, {keep.pk, dup.pk})
        petition_merge(duplicate=dup, into=keep, on=D(2026, 3, 1))
        found = {
            r.entry.object_id
            for r in search_entries("ngap ung duong lang", kinds=["petition"])[0:10]
        }
        self.assertEqual(found, {keep.pk})
        response = self.client.get("/tim-kiem/", {"q": "ngap ung duong lang"})
        self.assertContains(response, keep.get_absolute_url())
