"""CSV export → import → export is exact; a bad row is refused with its line and reason."""

import csv
import datetime
import io
import json

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from portal.accounts.testing import force_login_verified
from portal.agencies.tests.factories import AgencyFactory
from portal.petitions import rules
from portal.petitions.exchange import (
    COLUMNS,
    SCHEMA_PATH,
    CsvImportError,
    petitions_export_csv,
    petitions_import_csv,
)
from portal.petitions.models import Answer, Petition, PetitionSource
from portal.petitions.services import (
    answer_record,
    petition_create,
    petition_forward,
    petition_merge,
)
from portal.petitions.tests.factories import (
    LocalityFactory,
    PetitionFieldFactory,
    VoterMeetingFactory,
)

D = datetime.date


class CsvRoundTripTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.agency = AgencyFactory(code="ubnd-hoan-kiem", name="UBND phường Hoàn Kiếm")
        cls.field = PetitionFieldFactory(slug="dat-dai", name="Đất đai")
        cls.l1, cls.l2 = LocalityFactory(code="00070"), LocalityFactory(code="00073")
        cls.m1, cls.m2 = VoterMeetingFactory(code="tx-1"), VoterMeetingFactory(code="tx-2")
        a = petition_create(
            external_id="kn-001",
            title="Cấp sổ đỏ chậm",
            text='Cử tri nêu: "cấp giấy chứng nhận,\nchậm".',
            field=cls.field,
            received_on=D(2026, 3, 2),
            localities=[cls.l1, cls.l2],
            meetings=[cls.m1, cls.m2],
            sources=["BC 12/ĐĐBQH; phụ lục", "BC 15"],
        )
        a = petition_forward(petition=a, agency=cls.agency, forwarded_on=D(2026, 3, 5))
        answer_record(
            petition=a,
            kind=rules.ANSWER_IN_PROGRESS,
            answered_on=D(2026, 3, 20),
            reference="9/UBND",
            summary="Đang rà soát hồ sơ.",
            target_date=D(2026, 6, 30),
        )
        b = petition_create(
            external_id="kn-002",
            title="Trùng",
            text="Như trên.",
            field=cls.field,
            received_on=D(2026, 3, 3),
            localities=[cls.l1],
        )
        petition_merge(duplicate=b, into=a, on=D(2026, 3, 6))
        petition_create(
            external_id="kn-003",
            title="Mới",
            text="Chưa xử lý.",
            field=cls.field,
            received_on=D(2026, 3, 4),
        )

    def test_export_import_export_is_exact(self):
        first = petitions_export_csv()
        self.assertEqual(first.splitlines()[0].split(","), COLUMNS)
        # Import into an empty register: only the lookups (field, agency, localities, meetings) stay.
        Answer.objects.all().delete()
        PetitionSource.objects.all().delete()
        Petition.objects.update(merged_into=None)
        from portal.petitions.models import PetitionEvent

        PetitionEvent.objects.all()._raw_delete(PetitionEvent.objects.db)
        Petition.objects.all().delete()
        counts = petitions_import_csv(first)
        self.assertEqual(counts, {"created": 3, "updated": 0})
        self.assertEqual(petitions_export_csv(), first)
        # And importing the same file again changes nothing.
        self.assertEqual(petitions_import_csv(first), {"created": 0, "updated": 3})
        self.assertEqual(petitions_export_csv(), first)
        self.assertEqual(Answer.objects.count(), 1)
        self.assertEqual(
            Petition.objects.get(external_id="kn-002").merged_into.external_id, "kn-001"
        )

    def test_schema_documents_every_column(self):
        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        self.assertEqual([f["name"] for f in schema["fields"]], COLUMNS)
        self.assertEqual(schema["primaryKey"], ["external_id"])

    def rows(self, *changes):
        """The current export with some cells changed: (row index, column, value)."""
        reader = list(csv.DictReader(io.StringIO(petitions_export_csv())))
        for index, column, value in changes:
            reader[index][column] = value
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(reader)
        return out.getvalue()

    def test_bad_rows_are_refused_with_line_and_reason_and_nothing_is_saved(self):
        before = petitions_export_csv()
        text = self.rows(
            (
                0,
                "title",
                "Tiêu đề mới đã sửa",
            ),  # a good change on line 2… (row 0 has a multi-line text)
            (1, "received_on", "31/02/2026"),
            (2, "answer_kind", "in_progress"),
            (2, "answer_on", "2026-04-01"),
            (2, "answer_reference", "1/X"),
            (2, "answer_summary", "x"),
        )
        with self.assertRaises(CsvImportError) as caught:
            petitions_import_csv(text)
        errors = caught.exception.errors
        # kn-001's text spans two physical lines, so kn-002 ends on line 4 and kn-003 on line 5.
        self.assertEqual([line for line, _ in errors], [4, 5])
        self.assertIn("received_on", errors[0][1])
        self.assertIn("31/02/2026", errors[0][1])
        self.assertIn("target_date", errors[1][1])
        self.assertEqual(petitions_export_csv(), before)  # the good row was not saved either

    def test_unknown_references_and_duplicates(self):
        cases = [
            ((0, "field", "khong-co"), "lĩnh vực không có"),
            ((0, "localities", "00070;99999"), "99999"),
            ((0, "agency", "khong-co"), "cơ quan không có"),
            ((2, "external_id", "kn-001"), "trùng với dòng"),
            ((2, "answer_kind", "maybe"), "answer"),
            ((2, "title", ""), "title"),
        ]
        for change, expected in cases:
            with self.subTest(change), self.assertRaises(CsvImportError) as caught:
                petitions_import_csv(self.rows(change))
            self.assertIn(expected, str(caught.exception))

    def test_wrong_header(self):
        with self.assertRaises(CsvImportError) as caught:
            petitions_import_csv("external_id,title,ho_ten_cu_tri\nx,y,z\n")
        self.assertEqual(caught.exception.errors[0][0], 1)
        self.assertIn("ho_ten_cu_tri", str(caught.exception))

    def test_admin_upload_reports_errors_and_download_works(self):
        user = get_user_model().objects.create_superuser("bientap", "b@example.org", "x")
        force_login_verified(self.client, user)
        url = reverse("petitions_admin:csv")
        download = self.client.get(url, {"download": 1})
        self.assertEqual(download.content.decode(), petitions_export_csv())
        bad = io.BytesIO(self.rows((1, "received_on", "hôm qua")).encode())
        bad.name = "kn.csv"
        response = self.client.post(url, {"file": bad})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Dòng 4:", status_code=400)
        latin = io.BytesIO("external_id\n\xe9".encode("latin-1"))
        latin.name = "x.csv"
        self.assertContains(self.client.post(url, {"file": latin}), "UTF-8", status_code=400)
