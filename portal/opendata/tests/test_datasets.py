"""Bulk downloads: RFC 4180 CSV in UTF-8 with a Table Schema, regenerated when content changes."""

import csv
import io
import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings

from wagtail.models import PageViewRestriction

from portal.core.testing.pages import ArticlePageFactory
from portal.demo.content import SEED_SLUG
from portal.demo.testing import load_demo_content
from portal.legal_documents.models import LegalDocument
from portal.news.models import ArticlePage
from portal.opendata.datasets import DATASETS, datasets_export


class DatasetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.seed = ArticlePage.objects.get(slug=SEED_SLUG)
        private = ArticlePageFactory(parent=cls.seed.get_parent(), title="Riêng tư, không xuất")
        PageViewRestriction.objects.create(page=private, restriction_type="login")

    def setUp(self):
        self.directory = Path(tempfile.mkdtemp(prefix="opendata-"))
        override = override_settings(
            OPENDATA_DIR=self.directory, OPENDATA_EXPORT_MIN_SECONDS=0, ALLOWED_HOSTS=["*"]
        )
        override.enable()
        self.addCleanup(override.disable)

    def read_csv(self, slug: str) -> tuple[bytes, list[dict]]:
        raw = (self.directory / f"{slug}.csv").read_bytes()
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        return raw, rows

    def test_each_dataset_is_rfc4180_utf8_csv_described_by_its_table_schema(self):
        call_command("export_datasets", stdout=io.StringIO())
        for dataset in DATASETS:
            with self.subTest(dataset=dataset.slug):
                raw, rows = self.read_csv(dataset.slug)
                self.assertFalse(raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark")
                self.assertTrue(raw.endswith(b"\r\n"))
                schema = json.loads((self.directory / f"{dataset.slug}.schema.json").read_text())
                names = [field["name"] for field in schema["fields"]]
                self.assertEqual(list(rows[0].keys()), names)
                self.assertEqual(schema["primaryKey"], "id")
                for field in schema["fields"]:
                    self.assertTrue(field["title"])
                    self.assertIn(
                        field["type"], {"integer", "string", "date", "datetime", "boolean"}
                    )
                    for row in rows:
                        value = row[field["name"]]
                        if field.get("constraints", {}).get("required"):
                            self.assertTrue(value, field["name"])
                        if value and field["type"] == "integer":
                            int(value)
                        if value and field["type"] == "boolean":
                            self.assertIn(value, {"true", "false"})
                        if value and field["type"] == "datetime":
                            self.assertRegex(value, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
                self.assertEqual(len({row["id"] for row in rows}), len(rows))
        package = json.loads((self.directory / "datapackage.json").read_text())
        self.assertEqual(package["licenses"][0]["name"], "CC-BY-4.0")
        self.assertEqual({r["name"] for r in package["resources"]}, {d.slug for d in DATASETS})

    def test_documents_csv_matches_the_library_and_articles_csv_only_public_articles(self):
        datasets_export()
        _raw, documents = self.read_csv("van-ban-phap-ly")
        self.assertEqual(len(documents), LegalDocument.objects.count())
        regulation = next(row for row in documents if row["symbol"] == "55-QĐ/TW")
        self.assertEqual(regulation["kind_label"], "Quy định")
        self.assertEqual(regulation["issued_on"], "2016-12-19")
        self.assertEqual(regulation["citation_count"], "1")
        _raw, articles = self.read_csv("tin-bai")
        self.assertEqual(
            {int(row["id"]) for row in articles},
            set(ArticlePage.objects.published().values_list("pk", flat=True)),
        )
        seed = next(row for row in articles if int(row["id"]) == self.seed.pk)
        self.assertIn("98,65%", seed["lead"])  # a comma inside a quoted field survives

    def test_the_registers_are_datasets_too_with_only_what_their_public_pages_show(self):
        from portal.oversight.selectors import live_recommendations
        from portal.petitions.models import Petition

        datasets_export()
        _raw, activities = self.read_csv("giam-sat-hoat-dong")
        self.assertTrue(activities)
        self.assertTrue(all(row["url"].startswith("http") for row in activities))
        _raw, recommendations = self.read_csv("giam-sat-kien-nghi")
        self.assertEqual(
            {int(row["id"]) for row in recommendations},
            set(live_recommendations().values_list("pk", flat=True)),
        )
        # "Answered" and "done" stay two columns: the demo has a recommendation agreed to and
        # implemented, and none is counted done merely for being answered.
        self.assertTrue(
            any(row["implementation_status"] == "implemented" for row in recommendations)
        )
        for row in recommendations:
            self.assertIn(row["activity_id"], {row["id"] for row in activities})
            if row["overdue"] == "true":
                self.assertGreater(int(row["days_late"]), 0)
        _raw, petitions = self.read_csv("kien-nghi-cu-tri")
        self.assertEqual(
            {int(row["id"]) for row in petitions},
            set(Petition.objects.public().values_list("pk", flat=True)),
        )
        merged = Petition.objects.filter(merged_into__isnull=False).first()
        if merged is not None:
            self.assertNotIn(str(merged.pk), {row["id"] for row in petitions})
        self.assertTrue(all(row["status_label"] for row in petitions))

    def test_unchanged_content_is_not_rewritten_and_a_change_is(self):
        first = {result.slug: result.written for result in datasets_export()}
        self.assertTrue(all(first.values()))
        again = {result.slug: result.reason for result in datasets_export()}
        self.assertEqual(set(again.values()), {"không đổi"})
        document = LegalDocument.objects.get(key="55 qd tw")
        document.summary = 'Trích yếu mới, có dấu phẩy và "ngoặc kép"'
        document.save()
        results = {result.slug: result.written for result in datasets_export()}
        self.assertTrue(results["van-ban-phap-ly"])
        self.assertFalse(results["tin-bai"])
        _raw, documents = self.read_csv("van-ban-phap-ly")
        self.assertIn(
            '"ngoặc kép"', next(r for r in documents if r["symbol"] == "55-QĐ/TW")["summary"]
        )

    def test_catalogue_lists_datasets_with_licence_frequency_and_last_update(self):
        html = self.client.get("/du-lieu-mo/").content.decode()
        self.assertIn("chưa tạo", html)
        response = self.client.get("/du-lieu-mo/tai-ve/van-ban-phap-ly.csv")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8; header=present")
        self.assertNotIn("Set-Cookie", response.headers)
        body = b"".join(response.streaming_content).decode("utf-8")
        self.assertTrue(body.startswith("id,symbol,kind,"))
        html = self.client.get("/du-lieu-mo/").content.decode()
        self.assertIn("CC BY 4.0", html)
        self.assertIn("hằng giờ", html)
        for dataset in DATASETS:
            self.assertIn(dataset.title, html)
            self.assertIn(f"/du-lieu-mo/tai-ve/{dataset.slug}.csv", html)
        self.assertRegex(html, r"<time datetime=\"\d{4}-")
        for name in ("khong-co.csv", "..%2Fsettings.py", ".state.json"):
            self.assertEqual(self.client.get(f"/du-lieu-mo/tai-ve/{name}").status_code, 404)

    def test_scheduler_regenerates_the_datasets(self):
        self.assertIn("export_datasets", settings.SCHEDULED_COMMANDS)
