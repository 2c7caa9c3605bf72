"""CSV import and export of petitions, by the Table Schema in petitions.schema.json.

Export then import then export gives the same bytes. An import is all or nothing: every bad
row is reported with its line number and the reason, and then nothing of the file is saved.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from portal.agencies.models import Agency
from portal.core.text import normalize

from .models import (
    Answer,
    Locality,
    Petition,
    PetitionEvent,
    PetitionField,
    PetitionSource,
    VoterMeeting,
)

__all__ = [
    "COLUMNS",
    "CsvImportError",
    "SCHEMA_PATH",
    "petitions_export_csv",
    "petitions_import_csv",
]

SCHEMA_PATH = Path(__file__).with_name("petitions.schema.json")
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
COLUMNS = [f["name"] for f in SCHEMA["fields"]]
REQUIRED = [f["name"] for f in SCHEMA["fields"] if f.get("constraints", {}).get("required")]
DATES = [f["name"] for f in SCHEMA["fields"] if f["type"] == "date"]
SEP = ";"


@dataclass
class CsvImportError(Exception):
    """The file was refused: (line, reason) for every bad row."""

    errors: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(f"Dòng {line}: {reason}" for line, reason in self.errors)


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _row(petition: Petition) -> dict[str, str]:
    answer = petition.answers.order_by("-answered_on", "-pk").first()
    return {
        "external_id": petition.external_id,
        "title": petition.title,
        "text": petition.text,
        "field": petition.field.slug,
        "localities": _join(sorted(petition.localities.values_list("code", flat=True))),
        "meetings": _join(sorted(petition.meetings.values_list("code", flat=True))),
        "sources": _join(petition.sources.order_by("pk").values_list("reference", flat=True)),
        "agency": petition.agency.code if petition.agency else "",
        "received_on": _d(petition.received_on),
        "forwarded_on": _d(petition.forwarded_on),
        "answered_on": _d(petition.answered_on),
        "resolved_on": _d(petition.resolved_on),
        "merged_into": petition.merged_into.external_id if petition.merged_into else "",
        "answer_kind": answer.kind if answer else "",
        "answer_on": _d(answer.answered_on) if answer else "",
        "answer_reference": answer.reference if answer else "",
        "answer_summary": answer.summary if answer else "",
        "answer_target_date": _d(answer.target_date) if answer else "",
        "answer_reason": answer.reason if answer else "",
    }


def petitions_export_csv(queryset=None) -> str:
    """Every petition (merged ones too), ordered by external_id, as CSV text."""
    queryset = Petition.objects.all() if queryset is None else queryset
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for petition in queryset.select_related("field", "agency", "merged_into").order_by(
        "external_id"
    ):
        writer.writerow(_row(petition))
    return out.getvalue()


def _join(values) -> str:
    """Items of a list cell, separated by ';' (a ';' or '\\' inside an item is escaped with '\\')."""
    return SEP.join(v.replace("\\", "\\\\").replace(SEP, "\\" + SEP) for v in values)


def _split(value: str) -> list[str]:
    items, current, chars = [], [], iter(value)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == SEP:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


class _RowError(Exception):
    pass


def _parse(raw: dict[str, str]) -> dict:
    row = {
        name: normalize(raw.get(name) or "") if name != "text" else (raw.get(name) or "").strip()
        for name in COLUMNS
    }
    for name in REQUIRED:
        if not row[name]:
            raise _RowError(f"thiếu giá trị cột “{name}”")
    for name in DATES:
        if row[name]:
            try:
                row[name] = date.fromisoformat(row[name])
            except ValueError:
                raise _RowError(
                    f"cột “{name}”: ngày “{raw[name]}” không đúng dạng YYYY-MM-DD"
                ) from None
        else:
            row[name] = None
    return row


def _lookup(model, key: str, values: list[str], label: str):
    found = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": values})}
    missing = [v for v in values if v not in found]
    if missing:
        raise _RowError(f"{label} không có trên cổng: {', '.join(missing)}")
    return [found[v] for v in values]


def _save_row(row: dict, user) -> Petition:
    field_obj = _lookup(PetitionField, "slug", [row["field"]], "lĩnh vực")[0]
    agency = _lookup(Agency, "code", [row["agency"]], "cơ quan")[0] if row["agency"] else None
    localities = _lookup(Locality, "code", _split(row["localities"]), "mã đơn vị hành chính")
    meetings = _lookup(VoterMeeting, "code", _split(row["meetings"]), "buổi tiếp xúc")
    petition = Petition.objects.filter(external_id=row["external_id"]).first()
    created = petition is None
    petition = petition or Petition(external_id=row["external_id"])
    for name in ("title", "text", "received_on", "forwarded_on", "answered_on", "resolved_on"):
        setattr(petition, name, row[name])
    petition.field = field_obj
    petition.agency = agency
    if row["answer_kind"]:
        petition.latest_answer_kind = row["answer_kind"]
    petition.refresh_search_text()
    petition.full_clean(exclude=["merged_into"])
    petition.save()
    petition.localities.set(localities)
    petition.meetings.set(meetings)
    references = _split(row["sources"])
    petition.sources.exclude(reference__in=references).delete()
    for reference in references:
        PetitionSource.objects.get_or_create(petition=petition, reference=reference)
    if row["answer_kind"] or row["answer_reference"]:
        latest = petition.answers.order_by("-answered_on", "-pk").first()
        answer = Answer(
            petition=petition,
            kind=row["answer_kind"],
            answered_on=row["answer_on"],
            reference=row["answer_reference"],
            summary=row["answer_summary"],
            target_date=row["answer_target_date"],
            reason=row["answer_reason"],
        )
        same = latest and (
            latest.kind,
            latest.answered_on,
            latest.reference,
            latest.summary,
            latest.target_date,
            latest.reason,
        ) == (
            answer.kind,
            answer.answered_on,
            answer.reference,
            answer.summary,
            answer.target_date,
            answer.reason,
        )
        if not same:
            answer.full_clean()
            answer.save()
    if created:
        PetitionEvent.objects.create(
            petition=petition,
            kind=PetitionEvent.RECEIVED,
            occurred_on=petition.received_on,
            recorded_by=user,
            note="Nhập từ tệp CSV",
        )
    return petition


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
    return " ".join(error.messages)


def petitions_import_csv(text: str, *, user=None) -> dict[str, int]:
    """Create or update petitions by external_id. Raises CsvImportError and saves nothing on any bad row."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    if unknown or missing:
        reasons = []
        if missing:
            reasons.append(f"thiếu cột {', '.join(missing)}")
        if unknown:
            reasons.append(f"cột không có trong lược đồ: {', '.join(unknown)}")
        raise CsvImportError([(1, "; ".join(reasons))])
    errors: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    merges: list[tuple[int, str, str]] = []
    counts = {"created": 0, "updated": 0}
    with transaction.atomic():
        for raw in reader:
            line = reader.line_num
            if None in raw:
                errors.append((line, "thừa ô so với dòng tiêu đề"))
                continue
            try:
                row = _parse(raw)
                if row["external_id"] in seen:
                    raise _RowError(
                        f"external_id “{row['external_id']}” trùng với dòng {seen[row['external_id']]}"
                    )
                seen[row["external_id"]] = line
                existed = Petition.objects.filter(external_id=row["external_id"]).exists()
                with transaction.atomic():
                    _save_row(row, user)
                counts["updated" if existed else "created"] += 1
                if row["merged_into"]:
                    merges.append((line, row["external_id"], row["merged_into"]))
            except _RowError as error:
                errors.append((line, str(error)))
            except ValidationError as error:
                errors.append((line, _messages(error)))
        for line, source, target in merges:
            into = Petition.objects.filter(external_id=target).first()
            if into is None or target == source:
                errors.append((line, f"merged_into “{target}” không có trên cổng hoặc trong tệp"))
                continue
            merged = Petition.objects.get(external_id=source)
            if merged.merged_into_id != into.pk:
                merged.merged_into = into
                merged.save(update_fields=["merged_into", "updated_at"])  # drops it from search
        if errors:
            transaction.set_rollback(True)
            raise CsvImportError(sorted(errors))
    return counts
