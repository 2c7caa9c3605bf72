"""The register's CSV format: columns, their Table Schema, and row parsing (pure, no Django).

One row per recommendation. Rows are grouped by `activity_reference`; `parse_rows` returns the
activities with their recommendations, and the problems found, each with the file's line
number and a reason in Vietnamese, so the importer can refuse a whole activity whose rows are
not all good.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import state as rules

__all__ = ["COLUMNS", "ParsedActivity", "ParsedRow", "Problem", "parse_rows", "table_schema"]

# name, type, required, title, description
COLUMNS: list[tuple[str, str, bool, str, str]] = [
    ("external_id", "string", True, "Mã ngoài", "Mã cố định của kiến nghị (duy nhất)."),
    (
        "activity_reference",
        "string",
        True,
        "Số hiệu hoạt động",
        "Ví dụ GS-2026-01; các dòng cùng số hiệu thuộc một hoạt động.",
    ),
    ("activity_title", "string", True, "Tên hoạt động", ""),
    (
        "activity_kind",
        "string",
        True,
        "Loại hoạt động",
        "Tên loại: Giám sát chuyên đề, Khảo sát, …",
    ),
    ("activity_start", "date", True, "Ngày bắt đầu hoạt động", "YYYY-MM-DD."),
    (
        "supervising_body_code",
        "string",
        True,
        "Mã cơ quan giám sát",
        "Mã trong danh mục cơ quan, đơn vị.",
    ),
    ("supervising_body_name", "string", True, "Tên cơ quan giám sát", ""),
    ("agency_code", "string", True, "Mã cơ quan được kiến nghị", ""),
    ("agency_name", "string", True, "Tên cơ quan được kiến nghị", ""),
    ("number", "integer", True, "Số thứ tự kiến nghị", "Trong hoạt động, từ 1."),
    ("text", "string", True, "Nội dung kiến nghị", ""),
    ("issued_on", "date", True, "Ngày ban hành", "YYYY-MM-DD."),
    (
        "due_in_working_days",
        "integer",
        False,
        "Hạn (số ngày làm việc)",
        "Nếu có, hạn = ngày làm việc thứ N sau ngày ban hành.",
    ),
    ("due_date", "date", True, "Hạn ban đầu", "YYYY-MM-DD."),
    ("current_due_date", "date", True, "Hạn hiện hành", "Bằng hạn ban đầu nếu chưa gia hạn."),
    ("extended_on", "date", False, "Ngày gia hạn", "Bắt buộc khi hạn hiện hành khác hạn ban đầu."),
    (
        "response_status",
        "string",
        True,
        "Trả lời của cơ quan",
        "none | agreed | partly | rejected.",
    ),
    ("response_date", "date", False, "Ngày trả lời", "Bắt buộc khi đã trả lời."),
    (
        "implementation_status",
        "string",
        True,
        "Tình hình thực hiện",
        "not_started | in_progress | implemented | not_implemented.",
    ),
    (
        "implementation_date",
        "date",
        False,
        "Ngày cập nhật thực hiện",
        "Bắt buộc khi khác not_started.",
    ),
    ("target_date", "date", False, "Ngày dự kiến hoàn thành", "Bắt buộc khi in_progress."),
    (
        "evidence_symbol",
        "string",
        False,
        "Số ký hiệu văn bản minh chứng",
        "Bắt buộc khi implemented.",
    ),
    (
        "evidence_date",
        "date",
        False,
        "Ngày ban hành văn bản minh chứng",
        "Bắt buộc khi implemented.",
    ),
    ("paused_on", "date", False, "Ngày tạm dừng theo dõi", "Để trống nếu không tạm dừng."),
]
FIELDNAMES = [c[0] for c in COLUMNS]
ACTIVITY_FIELDS = [
    "activity_title",
    "activity_kind",
    "activity_start",
    "supervising_body_code",
    "supervising_body_name",
]
_ENUMS = {
    "response_status": list(rules.RESPONSE_LABELS),
    "implementation_status": list(rules.IMPLEMENTATION_LABELS),
}
_LABEL_TO_CODE = {
    "response_status": {label.casefold(): code for code, label in rules.RESPONSE_LABELS.items()},
    "implementation_status": {
        label.casefold(): code for code, label in rules.IMPLEMENTATION_LABELS.items()
    },
}


def table_schema() -> dict:
    """The columns as a Frictionless Table Schema."""
    fields = []
    for name, kind, required, title, description in COLUMNS:
        entry = {"name": name, "type": kind, "title": title}
        if description:
            entry["description"] = description
        if kind == "date":
            entry["format"] = "%Y-%m-%d"
        constraints = {}
        if required:
            constraints["required"] = True
        if name in _ENUMS:
            constraints["enum"] = _ENUMS[name]
        if name == "number":
            constraints["minimum"] = 1
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
    return {"fields": fields, "primaryKey": "external_id", "missingValues": [""]}


@dataclass
class Problem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"Dòng {self.line}: {self.reason}"


@dataclass
class ParsedRow:
    line: int
    values: dict


@dataclass
class ParsedActivity:
    reference: str
    first_line: int
    values: dict
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _RowError(Exception):
    pass


def _date(raw: str, column: str) -> datetime.date | None:
    raw = raw.strip()
    if not raw:
        return None
    for parse in (
        datetime.date.fromisoformat,
        lambda t: datetime.datetime.strptime(t, "%d/%m/%Y").date(),
    ):
        try:
            return parse(raw)
        except ValueError:
            continue
    raise _RowError(f"cột {column}: “{raw}” không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)")


def _int(raw: str, column: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise _RowError(f"cột {column}: “{raw}” phải là số nguyên dương")
    return int(raw)


def _status(raw: str, column: str) -> str:
    raw = raw.strip()
    if raw in _ENUMS[column]:
        return raw
    code = _LABEL_TO_CODE[column].get(raw.casefold())
    if code is None:
        allowed = ", ".join(_ENUMS[column])
        raise _RowError(f"cột {column}: “{raw}” không hợp lệ (chọn một trong: {allowed})")
    return code


def _parse(raw: dict, today: datetime.date) -> dict:
    values = {}
    for name, kind, required, _title, _description in COLUMNS:
        text = (raw.get(name) or "").strip()
        if required and not text:
            raise _RowError(f"thiếu giá trị cột {name}")
        if kind == "date":
            values[name] = _date(text, name)
        elif kind == "integer":
            values[name] = _int(text, name)
        elif name in _ENUMS:
            values[name] = _status(text, name)
        else:
            values[name] = text
    v = values
    for name in (
        "issued_on",
        "response_date",
        "implementation_date",
        "extended_on",
        "paused_on",
        "evidence_date",
    ):
        if v[name] and v[name] > today:
            raise _RowError(f"cột {name}: ngày {v[name]:%d/%m/%Y} ở tương lai")
    if v["due_date"] < v["issued_on"]:
        raise _RowError("hạn ban đầu trước ngày ban hành")
    if v["response_status"] != rules.RESPONSE_NONE and not v["response_date"]:
        raise _RowError("đã trả lời nhưng thiếu response_date")
    if v["implementation_status"] != rules.IMPL_NOT_STARTED and not v["implementation_date"]:
        raise _RowError("thiếu implementation_date cho tình hình thực hiện đã cập nhật")
    if v["implementation_status"] == rules.IMPL_IN_PROGRESS and not v["target_date"]:
        raise _RowError("“đang thực hiện” cần target_date (ngày dự kiến hoàn thành)")
    if v["implementation_status"] == rules.IMPL_DONE and not (
        v["evidence_symbol"] and v["evidence_date"]
    ):
        raise _RowError(
            "“đã thực hiện” cần văn bản minh chứng có ngày (evidence_symbol, evidence_date)"
        )
    if v["current_due_date"] != v["due_date"] and not v["extended_on"]:
        raise _RowError("hạn hiện hành khác hạn ban đầu nhưng thiếu extended_on (ngày gia hạn)")
    if v["current_due_date"] < v["issued_on"]:
        raise _RowError("hạn hiện hành trước ngày ban hành")
    return values


def parse_rows(
    rows: Iterable[tuple[int, dict]], today: datetime.date
) -> tuple[list[ParsedActivity], list[Problem]]:
    """Group (line, row) pairs by activity; every problem names its line and its reason."""
    activities: dict[str, ParsedActivity] = {}
    loose: list[Problem] = []
    seen_ids: dict[str, int] = {}
    for line, raw in rows:
        reference = (raw.get("activity_reference") or "").strip()
        if not reference:
            loose.append(Problem(line, "thiếu giá trị cột activity_reference"))
            continue
        activity = activities.get(reference)
        if activity is None:
            activity = activities[reference] = ParsedActivity(reference, line, {})
        try:
            values = _parse(raw, today)
        except _RowError as error:
            activity.problems.append(Problem(line, str(error)))
            continue
        if not activity.values:
            activity.values = {name: values[name] for name in ACTIVITY_FIELDS}
        else:
            for name in ACTIVITY_FIELDS:
                if values[name] != activity.values[name]:
                    activity.problems.append(
                        Problem(
                            line,
                            f"cột {name} khác với dòng {activity.first_line} của cùng hoạt động",
                        )
                    )
                    break
        if values["number"] in {r.values["number"] for r in activity.rows}:
            activity.problems.append(
                Problem(line, f"trùng số kiến nghị {values['number']} trong hoạt động")
            )
        if values["external_id"] in seen_ids:
            activity.problems.append(
                Problem(line, f"trùng external_id với dòng {seen_ids[values['external_id']]}")
            )
        seen_ids.setdefault(values["external_id"], line)
        activity.rows.append(ParsedRow(line, values))
    return list(activities.values()), loose
