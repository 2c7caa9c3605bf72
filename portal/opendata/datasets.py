"""Bulk downloads: each register as CSV (RFC 4180, UTF-8) with a Table Schema, and a catalogue.

`export_datasets` (run by the scheduler) writes, into settings.OPENDATA_DIR,
`<slug>.csv`, `<slug>.schema.json` (Frictionless Table Schema) and `datapackage.json`
(Frictionless Data Package: the catalogue, with licence and last update). A dataset is
rewritten only when its content changed, at most every OPENDATA_EXPORT_MIN_SECONDS.
Registers add theirs with `register_dataset(Dataset(...))` from their own `api.py`.
"""

import csv
import datetime
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from wagtail.models import Site

__all__ = [
    "DATASETS",
    "LICENCE",
    "Column",
    "Dataset",
    "ExportResult",
    "dataset_export",
    "dataset_status",
    "datasets_export",
    "register_dataset",
    "site_root",
    "when",
]

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.vi",
}
FREQUENCY = "Hằng giờ, khi nội dung thay đổi"
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema types: integer, string, date, datetime
    title: str
    description: str = ""
    required: bool = False


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: list[Column]
    rows: Callable[[], Iterable[list]]
    signature: Callable[[], str]
    primary_key: str = "id"
    extra: dict = field(default_factory=dict)

    def table_schema(self) -> dict:
        return {
            "fields": [
                {
                    "name": column.name,
                    "type": column.type,
                    "title": column.title,
                    "description": column.description,
                    **({"constraints": {"required": True}} if column.required else {}),
                    **({"format": "any"} if column.type == "datetime" else {}),
                }
                for column in self.columns
            ],
            "primaryKey": self.primary_key,
            "missingValues": [""],
        }


@dataclass
class ExportResult:
    slug: str
    written: bool
    rows: int
    reason: str


def site_root() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site else ""


def when(value) -> str:
    """A date or time as the datasets write it: RFC 3339 in Vietnam's time, or empty."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(microsecond=0).isoformat()
    return value.isoformat()


# ---------------------------------------------------------------------------- the datasets


def _article_rows() -> Iterable[list]:
    from portal.news.models import ArticlePage, SectionPage

    sections = {
        section.path: section for section in SectionPage.objects.live().public().only("title")
    }
    articles = ArticlePage.objects.published().defer_streamfields().order_by("pk")
    for article in articles.iterator(chunk_size=2000):
        section = sections.get(article.path[: -ArticlePage.steplen])
        yield [
            article.pk,
            article.title,
            section.pk if section else "",
            section.title if section else "",
            when(article.first_published_at),
            when(article.last_published_at),
            when(article.event_date),
            article.byline,
            article.lead,
            article.get_full_url(),
        ]


def _article_signature() -> str:
    from portal.news.models import ArticlePage

    stats = ArticlePage.objects.published().aggregate(n=Count("pk"), last=Max("last_published_at"))
    return f"{stats['n']}:{stats['last']}"


def _document_rows() -> Iterable[list]:
    from portal.legal_documents.api import public_citations
    from portal.legal_documents.models import LegalDocument

    root = site_root()
    cited = dict(public_citations().values_list("document_id").annotate(n=Count("pk")).order_by())
    for document in LegalDocument.objects.order_by("pk").iterator(chunk_size=2000):
        yield [
            document.pk,
            document.symbol,
            document.kind,
            document.get_kind_display(),
            document.title,
            document.summary,
            document.issuer,
            when(document.issued_on),
            document.status,
            cited.get(document.pk, 0),
            root + document.get_absolute_url(),
            when(document.updated_at),
        ]


def _document_signature() -> str:
    from portal.legal_documents.api import public_citations
    from portal.legal_documents.models import LegalDocument

    stats = LegalDocument.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    citations = public_citations().aggregate(n=Count("pk"), last=Max("pk"))
    return (
        f"{stats['n']}:{stats['last']}:{citations['n']}:{citations['last']}:{_article_signature()}"
    )


def _citation_rows() -> Iterable[list]:
    from portal.legal_documents.api import public_citations

    citations = (
        public_citations()
        .order_by("pk")
        .values_list("pk", "document_id", "article_id", "quoted_as")
    )
    yield from (list(row) for row in citations.iterator(chunk_size=5000))


def _citation_signature() -> str:
    from portal.legal_documents.api import public_citations

    stats = public_citations().aggregate(n=Count("pk"), last=Max("pk"))
    return f"{stats['n']}:{stats['last']}:{_article_signature()}"


DATASETS: list[Dataset] = [
    Dataset(
        slug="van-ban-phap-ly",
        title="Thư viện văn bản pháp lý",
        description=(
            "Các văn bản được tin bài trên trang trích dẫn: số ký hiệu, loại, cơ quan ban hành, "
            "ngày ban hành, trích yếu, số tin bài trích dẫn."
        ),
        columns=[
            Column("id", "integer", "Mã", "Mã ổn định, như trong API.", required=True),
            Column("symbol", "string", "Số ký hiệu", "Ví dụ 55-QĐ/TW; trống nếu chỉ có tên."),
            Column("kind", "string", "Mã loại văn bản", "Ví dụ regulation, decree."),
            Column("kind_label", "string", "Loại văn bản", "Ví dụ Quy định, Nghị định."),
            Column("title", "string", "Tên văn bản"),
            Column("summary", "string", "Trích yếu"),
            Column("issuer", "string", "Cơ quan ban hành"),
            Column("issued_on", "date", "Ngày ban hành", "YYYY-MM-DD."),
            Column(
                "status", "string", "Trạng thái", "complete: đã hoàn thiện; draft: đang cập nhật."
            ),
            Column("citation_count", "integer", "Số tin bài trích dẫn", required=True),
            Column("url", "string", "Địa chỉ trang", required=True),
            Column("updated_at", "datetime", "Cập nhật", "RFC 3339, giờ Việt Nam (+07:00)."),
        ],
        rows=_document_rows,
        signature=_document_signature,
    ),
    Dataset(
        slug="tin-bai",
        title="Danh mục tin bài",
        description="Các tin bài đã đăng: tiêu đề, chuyên mục, ngày đăng, tác giả, sapo, địa chỉ.",
        columns=[
            Column("id", "integer", "Mã", "Mã ổn định, như trong API.", required=True),
            Column("title", "string", "Tiêu đề", required=True),
            Column("section_id", "integer", "Mã chuyên mục"),
            Column("section_title", "string", "Chuyên mục"),
            Column("published_at", "datetime", "Ngày đăng", "RFC 3339, +07:00."),
            Column("updated_at", "datetime", "Cập nhật", "RFC 3339, +07:00."),
            Column("event_date", "date", "Ngày diễn ra sự kiện", "YYYY-MM-DD."),
            Column("byline", "string", "Tác giả"),
            Column("lead", "string", "Sapo"),
            Column("url", "string", "Địa chỉ trang", required=True),
        ],
        rows=_article_rows,
        signature=_article_signature,
    ),
    Dataset(
        slug="trich-dan",
        title="Trích dẫn văn bản trong tin bài",
        description="Tin bài nào trích dẫn văn bản nào, và cách viết trong bài.",
        columns=[
            Column("id", "integer", "Mã", required=True),
            Column("document_id", "integer", "Mã văn bản", required=True),
            Column("article_id", "integer", "Mã tin bài", required=True),
            Column("quoted_as", "string", "Cách viết trong bài"),
        ],
        rows=_citation_rows,
        signature=_citation_signature,
    ),
]


def register_dataset(dataset: Dataset) -> None:
    """Add a register's dataset to the bulk downloads (call from portal/<app>/api.py)."""
    if all(existing.slug != dataset.slug for existing in DATASETS):
        DATASETS.append(dataset)


# ---------------------------------------------------------------------------- writing


def _directory() -> Path:
    path = Path(settings.OPENDATA_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write_atomically(target: Path, write: Callable) -> None:
    """Write next to the target and rename over it: a download never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _state_path() -> Path:
    return _directory() / ".state.json"


def _read_state() -> dict:
    try:
        return json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def dataset_export(
    dataset: Dataset, *, force: bool = False, state: dict | None = None
) -> ExportResult:
    """Write one dataset's CSV and Table Schema if it changed (or when forced)."""
    state = _read_state() if state is None else state
    directory = _directory()
    previous = state.get(dataset.slug, {})
    csv_path = directory / f"{dataset.slug}.csv"
    signature = dataset.signature()
    min_seconds = getattr(settings, "OPENDATA_EXPORT_MIN_SECONDS", 3600)
    if not force and csv_path.exists():
        if previous.get("signature") == signature:
            return ExportResult(dataset.slug, False, previous.get("rows", 0), "không đổi")
        if time.time() - previous.get("written", 0) < min_seconds:
            return ExportResult(dataset.slug, False, previous.get("rows", 0), "chưa đến lượt")
    count = 0

    def write_csv(stream):
        nonlocal count
        writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([column.name for column in dataset.columns])
        for row in dataset.rows():
            writer.writerow(["" if value is None else value for value in row])
            count += 1

    _write_atomically(csv_path, write_csv)
    _write_atomically(
        directory / f"{dataset.slug}.schema.json",
        lambda stream: json.dump(dataset.table_schema(), stream, ensure_ascii=False, indent=2),
    )
    state[dataset.slug] = {
        "signature": signature,
        "rows": count,
        "written": time.time(),
        "modified": when(timezone.now()),
    }
    return ExportResult(dataset.slug, True, count, "đã ghi")


def _datapackage(state: dict) -> dict:
    return {
        "profile": "data-package",
        "name": "dancu-du-lieu-mo",
        "title": "Dữ liệu mở của trang thông tin điện tử",
        "licenses": [LICENCE],
        "resources": [
            {
                "name": dataset.slug,
                "title": dataset.title,
                "description": dataset.description,
                "path": f"{dataset.slug}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": CSV_DIALECT,
                "schema": f"{dataset.slug}.schema.json",
                "licenses": [LICENCE],
                "x-rows": state.get(dataset.slug, {}).get("rows"),
                "x-last-modified": state.get(dataset.slug, {}).get("modified"),
            }
            for dataset in DATASETS
        ],
    }


def datasets_export(*, force: bool = False, only: Iterable[str] = ()) -> list[ExportResult]:
    """Export every dataset (or those named), then rewrite the catalogue if any changed."""
    state = _read_state()
    wanted = set(only)
    results = [
        dataset_export(dataset, force=force, state=state)
        for dataset in DATASETS
        if not wanted or dataset.slug in wanted
    ]
    directory = _directory()
    if any(result.written for result in results) or not (directory / "datapackage.json").exists():
        _write_atomically(
            _state_path(), lambda stream: json.dump(state, stream, ensure_ascii=False)
        )
        _write_atomically(
            directory / "datapackage.json",
            lambda stream: json.dump(_datapackage(state), stream, ensure_ascii=False, indent=2),
        )
    return results


def dataset_status() -> list[dict]:
    """What the catalogue page shows: each dataset, its files, rows and last update."""
    state = _read_state()
    rows = []
    for dataset in DATASETS:
        entry = state.get(dataset.slug, {})
        csv_path = Path(settings.OPENDATA_DIR) / f"{dataset.slug}.csv"
        rows.append(
            {
                "dataset": dataset,
                "rows": entry.get("rows"),
                "modified": (
                    datetime.datetime.fromisoformat(entry["modified"])
                    if entry.get("modified")
                    else None
                ),
                "size": csv_path.stat().st_size if csv_path.exists() else None,
            }
        )
    return rows
