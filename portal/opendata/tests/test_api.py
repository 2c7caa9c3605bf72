import datetime
import json
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.models import PageViewRestriction

from portal.agencies.models import Agency
from portal.comments.models import Comment
from portal.core.testing.pages import ArticlePageFactory, SectionPageFactory, site_home
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.legal_documents.models import Citation, LegalDocument
from portal.news.models import ArticlePage, SectionPage
from portal.notices.models import MaintenanceNotice
from portal.opendata.api import ENDPOINTS
from portal.oversight.tests.factories import make_activity, make_recommendation, record
from portal.petitions.services import petition_merge
from portal.petitions.tests.factories import PetitionFactory, VoterMeetingFactory

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
SECRET = "BÍ-MẬT-KHÔNG-ĐƯỢC-LỘ"


def api_rate_limits(rate: str) -> dict:
    """The configured RATE_LIMITS with the API's per-address limit set to `rate`."""
    return {**settings.RATE_LIMITS, "api": {"visitor": "0/60", "address": rate}}


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@override_settings(ALLOWED_HOSTS=["*"], RATE_LIMITS=api_rate_limits("100000/60"))
class ApiTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.seed = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.section = cls.seed.get_parent().specific
        cls.regulation = LegalDocument.objects.get(key="55 qd tw")

    def setUp(self):
        cache.clear()

    def get(self, url, **headers):
        return self.client.get(url, headers=headers)


class ArticleEndpointTests(ApiTestCase):
    def test_list_gives_stable_ids_canonical_urls_and_rfc3339_dates(self):
        response = self.get("/api/v1/articles/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        results = response.json()["results"]
        self.assertEqual(len(results), ArticlePage.objects.published().count())
        seed = next(item for item in results if item["id"] == self.seed.pk)
        self.assertEqual(seed["url"], self.seed.get_full_url())
        self.assertTrue(seed["api_url"].endswith(f"/api/v1/articles/{self.seed.pk}/"))
        self.assertRegex(seed["published_at"], RFC3339)
        self.assertEqual(seed["published_at"], "2022-05-09T15:30:00+07:00")
        self.assertEqual(seed["section"]["id"], self.section.pk)

    def test_detail_has_body_and_the_documents_it_cites(self):
        response = self.get(f"/api/v1/articles/{self.seed.pk}/")
        body = response.json()
        self.assertIn("98,65%", body["body_text"])
        cited = {item["display_name"] for item in body["cites"]}
        self.assertIn("Quy định số 55-QĐ/TW", cited)
        self.assertIn("Last-Modified", response)

    def test_cursor_pagination_walks_every_article_once_with_link_headers(self):
        seen, url, pages = [], "/api/v1/articles/?page_size=3", 0
        while url and pages < 50:
            response = self.get(url)
            body = response.json()
            seen += [item["id"] for item in body["results"]]
            if body["next"]:
                self.assertIn(f'<{body["next"]}>; rel="next"', response["Link"])
            if body["prev"]:
                self.assertIn(f'<{body["prev"]}>; rel="prev"', response["Link"])
            url = _path(body["next"]) if body["next"] else None
            pages += 1
        self.assertGreater(pages, 2)
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(
            set(seen), set(ArticlePage.objects.published().values_list("pk", flat=True))
        )

    def test_updated_since_with_any_offset_is_200_or_a_400_problem_never_a_500(self):
        ok = self.get("/api/v1/articles/?updated_since=2030-01-01T00:00:00%2B17:20")
        self.assertEqual(ok.status_code, 200)
        out_of_range = self.get("/api/v1/articles/?updated_since=9999-12-31T23:59:59-10:00")
        self.assertEqual(out_of_range.status_code, 400)

    def test_filters_match_the_section_page(self):
        response = self.get(f"/api/v1/articles/?section={self.section.pk}&page_size=100")
        ids = {item["id"] for item in response.json()["results"]}
        self.assertEqual(ids, set(self.section.specific.articles().values_list("pk", flat=True)))
        response = self.get("/api/v1/articles/?year=2022")
        self.assertEqual([item["id"] for item in response.json()["results"]], [self.seed.pk])

    def test_updated_since_returns_only_what_changed(self):
        later = timezone.now() + datetime.timedelta(days=1)
        ArticlePage.objects.filter(pk=self.seed.pk).update(last_published_at=later)
        since = (later - datetime.timedelta(hours=1)).astimezone(timezone.get_current_timezone())
        response = self.client.get("/api/v1/articles/", {"updated_since": since.isoformat()})
        self.assertEqual([item["id"] for item in response.json()["results"]], [self.seed.pk])


class LegalDocumentEndpointTests(ApiTestCase):
    def test_filters_like_the_library(self):
        response = self.get("/api/v1/legal-documents/?kind=regulation&year=2016")
        names = [item["display_name"] for item in response.json()["results"]]
        self.assertIn("Quy định số 55-QĐ/TW", names)
        self.assertTrue(all(item["kind"] == "regulation" for item in response.json()["results"]))

    def test_citations_of_a_document_list_the_citing_article(self):
        response = self.get(f"/api/v1/legal-documents/{self.regulation.pk}/citations/")
        self.assertEqual(
            [item["article_id"] for item in response.json()["results"]], [self.seed.pk]
        )
        response = self.get(f"/api/v1/citations/?document={self.regulation.pk}")
        self.assertEqual(
            [item["article_id"] for item in response.json()["results"]], [self.seed.pk]
        )


class ProtocolTests(ApiTestCase):
    def test_etag_and_last_modified_answer_304(self):
        url = f"/api/v1/legal-documents/{self.regulation.pk}/"
        first = self.get(url)
        self.assertEqual(first.status_code, 200)
        again = self.get(url, if_none_match=first["ETag"])
        self.assertEqual(again.status_code, 304)
        again = self.get(url, if_modified_since=first["Last-Modified"])
        self.assertEqual(again.status_code, 304)
        listing = self.get("/api/v1/articles/")
        self.assertEqual(
            self.get("/api/v1/articles/", if_none_match=listing["ETag"]).status_code, 304
        )

    def test_errors_are_problem_details_in_vietnamese(self):
        for url, status in [
            ("/api/v1/articles/?year=abc", 400),
            ("/api/v1/articles/?page_size=0", 400),
            ("/api/v1/articles/?updated_since=hôm-qua", 400),
            ("/api/v1/legal-documents/?kind=khong-co", 400),
            ("/api/v1/articles/?cursor=rac", 404),
            ("/api/v1/articles/999999/", 404),
            ("/api/v1/khong-co/", 404),
            ("/api/v2/articles/", 404),
            ("/api/", 404),
        ]:
            with self.subTest(url=url):
                response = self.get(url)
                self.assertEqual(response.status_code, status)
                self.assertEqual(response["Content-Type"], "application/problem+json")
                problem = response.json()
                self.assertEqual(problem["status"], status)
                self.assertEqual(problem["type"], "about:blank")
                self.assertNotRegex(
                    problem["title"] + problem["detail"], r"\b(Invalid|valid|Not found)\b"
                )
        problem = self.get("/api/v1/articles/?year=abc").json()
        self.assertEqual(problem["errors"], {"year": ["Giá trị không hợp lệ."]})

    def test_writes_are_refused_as_problems(self):
        response = self.client.post("/api/v1/articles/", {"title": "x"})
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        self.assertIn("chỉ cho phép đọc", response.json()["detail"])

    def test_cors_allows_any_origin_to_read_the_api_only(self):
        response = self.get("/api/v1/articles/", origin="https://bao.example")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertIn("Link", response["Access-Control-Expose-Headers"])
        preflight = self.client.options(
            "/api/v1/articles/",
            headers={"origin": "https://bao.example", "access-control-request-method": "GET"},
        )
        self.assertIn("GET", preflight["Access-Control-Allow-Methods"])
        self.assertNotIn("POST", preflight["Access-Control-Allow-Methods"])
        page = self.get("/", origin="https://bao.example")
        self.assertNotIn("Access-Control-Allow-Origin", page)

    @override_settings(RATE_LIMITS=api_rate_limits("3/60"))
    def test_too_many_requests_get_429_with_retry_after(self):
        codes = [self.get("/api/v1/sections/").status_code for _ in range(4)]
        self.assertEqual(codes, [200, 200, 200, 429])
        response = self.get("/api/v1/sections/", x_forwarded_for="203.0.113.9")
        self.assertEqual(response.status_code, 429, "a forged X-Forwarded-For earns nothing")
        self.assertEqual(response["Content-Type"], "application/problem+json")
        self.assertTrue(1 <= int(response["Retry-After"]) <= 60)

    @override_settings(RATE_LIMITS=api_rate_limits("7/30"))
    def test_the_limit_is_the_api_scope_of_rate_limits_and_the_documentation_states_it(self):
        self.assertContains(self.get("/api/v1/docs/"), "7 yêu cầu mỗi 30 giây")
        codes = [self.get("/api/v1/sections/").status_code for _ in range(8)]
        self.assertEqual(codes, [200] * 7 + [429])
        self.assertTrue(1 <= int(self.get("/api/v1/sections/")["Retry-After"]) <= 30)
        self.assertFalse(hasattr(settings, "API_RATE_LIMIT"))

    def test_api_answers_set_no_cookie(self):
        for url in ("/api/v1/", "/api/v1/articles/", "/api/v1/nope/"):
            self.assertEqual(self.get(url).cookies, {}, url)


class AnonymousWalkTests(ApiTestCase):
    """Drafts, private pages, pending comments and future notices in the DB; none may leak."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        section = cls.section
        draft = ArticlePageFactory(parent=section, title=f"Bản nháp {SECRET}", lead=SECRET)
        draft.unpublish()
        private = ArticlePageFactory(parent=section, title=f"Riêng tư {SECRET}", lead=SECRET)
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        home = site_home()
        hidden_section = SectionPageFactory(parent=home, title=f"Chuyên mục kín {SECRET}")
        PageViewRestriction.objects.create(page=hidden_section, restriction_type="login")
        ArticlePageFactory(parent=hidden_section, title=f"Trong mục kín {SECRET}", lead=SECRET)
        unpublished_section = SectionPageFactory(parent=home, title=f"Mục chưa đăng {SECRET}")
        unpublished_section.unpublish()
        # A draft revision of a live article must not show either.
        seed = ArticlePage.objects.get(pk=cls.seed.pk)
        seed.title = f"Sửa chưa duyệt {SECRET}"
        seed.save_revision()
        for article in (draft, private):
            Citation.objects.create(document=cls.regulation, article=article, quoted_as=SECRET)
        Comment.objects.create(
            article=cls.seed,
            name=SECRET,
            email="nguoi.gui@example.vn",
            text=f"Bình luận chờ duyệt {SECRET}",
            visitor_hash="v" * 64,
        )
        MaintenanceNotice.objects.create(
            title=SECRET,
            text=SECRET,
            show_from=timezone.now() + datetime.timedelta(days=3),
            starts_at=timezone.now() + datetime.timedelta(days=5),
            ends_at=timezone.now() + datetime.timedelta(days=6),
        )
        Agency.objects.create(code="ubnd-thu", name="Ủy ban nhân dân thử", kind="ubnd")
        cls.hidden_ids = {draft.pk, private.pk, hidden_section.pk, unpublished_section.pk}
        cls._oversight_and_petitions()
        cls.hidden_ids |= set(
            ArticlePage.objects.child_of(hidden_section).values_list("pk", flat=True)
        )

    @classmethod
    def _oversight_and_petitions(cls):
        # Oversight: a live activity and recommendation with one approved event, one event
        # recorded but not approved, a draft recommendation and a draft activity.
        activity = make_activity(title="Giám sát công khai")
        cls.recommendation = make_recommendation(activity, text="Kiến nghị công khai")
        record(
            cls.recommendation,
            kind="response",
            occurred_on=datetime.date(2026, 1, 20),
            response_status="agreed",
            note="Đã duyệt",
        )
        record(
            cls.recommendation,
            publish=False,
            kind="note",
            occurred_on=datetime.date(2026, 1, 21),
            note=f"Chưa duyệt {SECRET}",
        )
        draft_recommendation = make_recommendation(
            activity, publish=False, live=False, text=f"Kiến nghị nháp {SECRET}"
        )
        draft_activity = make_activity(
            publish=False, live=False, title=f"Hoạt động nháp {SECRET}", reference="GS-2026-99"
        )
        cls.hidden_oversight = {
            "oversight-recommendations": draft_recommendation.pk,
            "oversight-activities": draft_activity.pk,
        }
        # Petitions: one merged into another; its title shows in the result's history, as on
        # the public page, but not its text; asking for it points to the result.
        meeting = VoterMeetingFactory()
        cls.result = PetitionFactory(title="Kiến nghị kết quả")
        cls.result.meetings.add(meeting)
        cls.duplicate = PetitionFactory(title="Kiến nghị trùng", text=SECRET)
        petition_merge(duplicate=cls.duplicate, into=cls.result, on=datetime.date(2026, 3, 12))

    def test_every_endpoint_and_item_shows_nothing_unpublished_private_or_personal(self):
        queue = ["/api/v1/"]
        seen: set[str] = set()
        bodies = 0
        while queue and len(seen) < 2000:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            if response["Content-Type"] != "application/json":
                continue
            self.assertNotIn("Set-Cookie", response.headers, url)
            self.assertNotIn("csrftoken", response.cookies, url)
            text = response.content.decode()
            bodies += 1
            self.assertFalse(SECRET in text, url)
            personal = re.search(r'(?i)"(email|password|ip|address_hash|visitor_hash|owner)"', text)
            self.assertIsNone(personal, url)
            for link in re.findall(r'"(http://testserver/api/v1/[^"]*)"', text):
                queue.append(_path(link))
            data = json.loads(text)
            for item in data.get("results", []) if isinstance(data, dict) else []:
                if url.startswith(("/api/v1/articles/", "/api/v1/sections/")):
                    self.assertNotIn(item["id"], self.hidden_ids, url)
        for endpoint in ENDPOINTS:
            self.assertIn(f"/api/v1/{endpoint.prefix}/", seen)
        self.assertGreater(bodies, 30)
        for pk in self.hidden_ids:
            kind = "sections" if SectionPage.objects.filter(pk=pk).exists() else "articles"
            self.assertEqual(self.client.get(f"/api/v1/{kind}/{pk}/").status_code, 404)
        self.assertEqual(self.client.get("/api/v1/notices/").json()["results"], [])
        for prefix, pk in self.hidden_oversight.items():
            self.assertIn(f"/api/v1/{prefix}/", seen)
            self.assertEqual(self.client.get(f"/api/v1/{prefix}/{pk}/").status_code, 404)
        self.assertIn(f"/api/v1/oversight-recommendations/{self.recommendation.pk}/", seen)
        self.assertIn(f"/api/v1/petitions/{self.result.pk}/", seen)

    def test_oversight_recommendation_shows_only_approved_events_and_its_state(self):
        data = self.client.get(
            f"/api/v1/oversight-recommendations/{self.recommendation.pk}/"
        ).json()
        self.assertEqual([e["note"] for e in data["events"]], ["Đã duyệt"])
        self.assertEqual(data["response_status"], "agreed")
        self.assertEqual(data["original_due_date"], "2026-03-31")
        self.assertIn("overdue", data)
        listed = self.client.get("/api/v1/oversight-recommendations/").json()["results"]
        self.assertIn(self.recommendation.pk, [r["id"] for r in listed])
        self.assertNotIn(self.hidden_oversight["oversight-recommendations"], listed)

    def test_merged_petition_is_not_listed_and_points_to_its_result(self):
        listed = self.client.get("/api/v1/petitions/").json()["results"]
        by_id = {p["id"]: p for p in listed}
        self.assertNotIn(self.duplicate.pk, by_id)
        self.assertEqual(by_id[self.result.pk]["merged_from"], [self.duplicate.external_id])
        response = self.client.get(f"/api/v1/petitions/{self.duplicate.pk}/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(_path(response["Location"]), f"/api/v1/petitions/{self.result.pk}/")
