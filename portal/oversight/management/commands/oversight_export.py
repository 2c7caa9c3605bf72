"""Export the public oversight register as CSV: `manage.py oversight_export FILE.csv`."""

import csv
import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand

from portal.oversight.csv_format import FIELDNAMES, table_schema
from portal.oversight.selectors import register_export_rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class Command(BaseCommand):
    help = "Xuất sổ theo dõi kiến nghị ra tệp CSV (mỗi dòng một kiến nghị) kèm mô tả cột (Table Schema)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp CSV sẽ ghi (UTF-8).")

    def handle(self, *args, file, **options):
        path = Path(file)
        rows = register_export_rows()
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDNAMES, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({name: _cell(row[name]) for name in FIELDNAMES})
        schema_path = path.with_suffix(".schema.json")
        schema_path.write_text(
            json.dumps(table_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        self.stdout.write(f"Đã xuất {len(rows)} kiến nghị vào {path} (mô tả cột: {schema_path}).")
