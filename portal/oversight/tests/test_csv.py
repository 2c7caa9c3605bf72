"""Export and import of the register as CSV: exact round trip, bad rows refused with a reason."""

import csv
import datetime
import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import TestCase, override_settings

from portal.oversight.csv_format import FIELDNAMES, table_schema
from portal.oversight.models import ActivityPage, RecommendationEvent, RecommendationPage

from .factories import (
    LegalDocumentFactory,
    make_activity,
    make_recommendation,
    record,
    register_index,
)

D = datetime.date
SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "oversight-register.schema.json"


class _Rollback(Exception):
    pass


def build_register():
    """Two activities with recommendations in every state the CSV carries."""
    first = make_activity(reference="GS-2026-01", title="Giám sát chuyên đề về đất đai")
    done = make_recommendation(
        first,
        text='Cấp giấy chứng nhận, tồn đọng "trước 2020"',
        issued_on=D(2026, 2, 6),
        due_in_working_days=10,
    )
    record(done, kind="response", occurred_on=D(2026, 2, 10), response_status="agreed")
    record(
        done,
        kind="implementation",
        occurred_on=D(2026, 3, 2),
        implementation_status="implemented",
        source_document=LegalDocumentFactory(symbol="402/BC-STNMT", issued_on=D(2026, 3, 1)),
    )
    going = make_recommendation(
        first,
        text="Công khai danh mục\nthu hồi đất",
        issued_on=D(2026, 2, 6),
        due_date=D(2026, 4, 30),
    )
    record(going, kind="response", occurred_on=D(2026, 3, 1), response_status="partly")
    record(
        going,
        kind="implementation",
        occurred_on=D(2026, 3, 5),
        implementation_status="in_progress",
        target_date=D(2026, 8, 1),
    )
    record(going, kind="extension", occurred_on=D(2026, 4, 20), new_due_date=D(2026, 8, 1))
    make_recommendation(
        first,
        text="Rà soát bồi thường",
        issued_on=D(2026, 2, 6),
        due_date=D(2026, 3, 31),
        external_id="HN-0042",
    )
    second = make_activity(reference="KS-2026-02", title="Khảo sát y tế", start_date=D(2026, 5, 4))
    paused = make_recommendation(
        second, text="Bổ sung nhân lực", issued_on=D(2026, 5, 10), due_date=D(2026, 6, 30)
    )
    record(paused, kind="pause", occurred_on=D(2026, 6, 1))
    rejected = make_recommendation(
        second, text="Lập tổ công tác", issued_on=D(2026, 5, 10), due_date=D(2026, 6, 30)
    )
    record(rejected, kind="response", occurred_on=D(2026, 5, 20), response_status="rejected")
    record(
        rejected,
        kind="implementation",
        occurred_on=D(2026, 5, 20),
        implementation_status="not_implemented",
    )


@override_settings(ALLOWED_HOSTS=["*"])
class CsvTestCase(TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())

    def export(self, name: str) -> str:
        call_command("oversight_export", str(self.dir / name), stdout=StringIO())
        return (self.dir / name).read_text(encoding="utf-8")

    def import_(self, text: str, *args) -> tuple[str, str]:
        path = self.dir / "in.csv"
        path.write_text(text, encoding="utf-8")
        out, err = StringIO(), StringIO()
        call_command("oversight_import", str(path), *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()


class RoundTripTests(CsvTestCase):
    def test_export_import_into_an_empty_register_export_is_identical(self):
        try:
            with transaction.atomic():
                build_register()
                first = self.export("a.csv")
                raise _Rollback
        except _Rollback:
            pass
        self.assertFalse(ActivityPage.objects.exists())  # an empty register
        self.assertEqual(len(first.splitlines()), 1 + 5 + 1)  # header, rows, one quoted newline
        register_index()
        out, err = self.import_(first)
        self.assertIn("Đã nhập 2 hoạt động, 5 kiến nghị", out)
        self.assertEqual(err, "")
        second = self.export("b.csv")
        self.assertEqual(first, second)
        # Statuses were rebuilt as events, and the rule that needs evidence held.
        self.assertEqual(
            RecommendationEvent.objects.filter(implementation_status="implemented")
            .get()
            .source_document.symbol,
            "402/BC-STNMT",
        )
        # Importing the same file again changes nothing.
        out, _ = self.import_(first)
        self.assertIn("bỏ qua 2 hoạt động đã có", out)
        self.assertEqual(self.export("c.csv"), first)

    def test_the_schema_next_to_the_file_and_in_docs(self):
        build_register()
        text = self.export("r.csv")
        schema = json.loads((self.dir / "r.schema.json").read_text(encoding="utf-8"))
        self.assertEqual([f["name"] for f in schema["fields"]], FIELDNAMES)
        self.assertEqual(next(csv.reader(StringIO(text))), FIELDNAMES)
        self.assertEqual(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")), table_schema())


class BadRowTests(CsvTestCase):
    def rows(self):
        try:
            with transaction.atomic():
                build_register()
                text = self.export("a.csv")
                raise _Rollback
        except _Rollback:
            pass
        register_index()
        return list(csv.DictReader(StringIO(text)))

    def write(self, rows) -> str:
        buffer = StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIELDNAMES, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()

    def check(self, change, line: int, reason: str):
        rows = self.rows()
        change(rows)
        path = self.dir / "in.csv"
        path.write_text(self.write(rows), encoding="utf-8")
        err = StringIO()
        with self.assertRaises(CommandError):
            call_command("oversight_import", str(path), stdout=StringIO(), stderr=err)
        self.assertIn(f"Dòng {line}: ", err.getvalue())
        self.assertIn(reason, err.getvalue())
        self.assertFalse(ActivityPage.objects.filter(reference="GS-2026-01").exists())
        self.assertEqual(RecommendationPage.objects.count(), 2)  # only KS-2026-02's
        self.assertTrue(ActivityPage.objects.filter(reference="KS-2026-02", live=True).exists())

    def test_implemented_without_evidence(self):
        def change(rows):
            rows[0]["evidence_symbol"] = ""

        self.check(change, 2, "văn bản minh chứng")

    def test_bad_date_names_line_and_column(self):
        def change(rows):
            rows[2]["issued_on"] = "31/02/2026"

        # Row 3 sits on line 5: row 2's text holds a line break.
        self.check(change, 5, "cột issued_on")

    def test_unknown_status(self):
        def change(rows):
            rows[1]["response_status"] = "hứa sẽ làm"

        self.check(change, 3, "response_status")

    def test_due_date_not_matching_working_days(self):
        def change(rows):
            rows[0]["due_date"] = "2026-02-20"  # 10 working days after 6 Feb 2026 is 27 Feb (Tết)
            rows[0]["current_due_date"] = "2026-02-20"

        self.check(change, 2, "27/02/2026")

    def test_duplicate_number(self):
        def change(rows):
            rows[2]["number"] = "1"

        self.check(change, 5, "trùng số kiến nghị 1")

    def test_vietnamese_labels_are_accepted_for_statuses(self):
        rows = self.rows()
        rows[1]["response_status"] = "Đồng ý một phần"
        rows[1]["implementation_status"] = "đang thực hiện"
        out, err = self.import_(self.write(rows))
        self.assertIn("Đã nhập 2 hoạt động, 5 kiến nghị", out)

    def test_missing_column_is_refused_before_anything(self):
        with self.assertRaisesMessage(CommandError, "Dòng 1: thiếu cột"):
            self.import_("external_id,text\nx,y\n")

    def test_dry_run_writes_nothing(self):
        rows = self.rows()
        out, _ = self.import_(self.write(rows), "--dry-run")
        self.assertIn("Sẽ nhập 2 hoạt động", out)
        self.assertFalse(ActivityPage.objects.exists())
