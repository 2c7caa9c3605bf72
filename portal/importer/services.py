"""Import legacy dumps as articles: one file, one transaction, one line of report."""

import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.rich_text import RichText

from portal.core import publishing
from portal.core.text import fold
from portal.legal_documents.selectors import documents_cited_by
from portal.news.models import ArticlePage, SectionPage

from .models import ImportRecord
from .parser import LegacyArticle, UnreadableDump, decode_dump, parse_legacy_page, propose_title

__all__ = ["STATUS_LABELS", "ImportOutcome", "legacy_file_import", "legacy_paths"]

SLUG_MAX_LENGTH = 80
PUBLISHED_HOUR = 8

CREATED = "created"
UNCHANGED = "unchanged"
FAILED = "failed"
WOULD_CREATE = "would-create"
STATUS_LABELS = {
    CREATED: "đã tạo",
    UNCHANGED: "không đổi",
    FAILED: "LỖI",
    WOULD_CREATE: "sẽ tạo (chạy thử)",
}


@dataclass
class ImportOutcome:
    """What one file became, and why."""

    path: str
    status: str
    reason: str = ""
    article_id: int | None = None
    title: str = ""
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One Vietnamese line of the run's report."""
        head = f"{self.path}: {STATUS_LABELS[self.status]}"
        if self.title:
            head += f" — «{self.title}»"
        if self.article_id:
            head += f" (id {self.article_id})"
        details = [self.reason, *self.notes] if self.reason else self.notes
        return head + "".join(f"\n    · {detail}" for detail in details if detail)


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run's writes."""


def legacy_paths(paths: list[Path]) -> list[Path]:
    """The files named, and every *.txt file under the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            found.append(path)
    return found


def _fingerprint(parsed: LegacyArticle) -> str:
    canonical = "\n".join(text for _, text in parsed.blocks()) + "\n" + parsed.byline
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _unique_slug(section: SectionPage, title: str) -> str:
    base = slugify(fold(title))[:SLUG_MAX_LENGTH].strip("-") or "bai-viet"
    taken = set(
        ArticlePage.objects.child_of(section)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, counter = base, 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _body(parsed: LegacyArticle) -> list:
    body = []
    for kind, text in parsed.blocks():
        if kind == "paragraph":
            body.append(("paragraph", RichText(f"<p>{escape(text)}</p>")))
        else:
            body.append(("image", {"image": None, "caption": text, "credit": ""}))
    return body


def _notes(parsed: LegacyArticle, encoding_note: str, proposed: bool) -> list[str]:
    notes = [
        f"{len(parsed.paragraphs)} đoạn, {len(parsed.captions)} chú thích ảnh; "
        f"tác giả: {parsed.byline or '(không thấy)'}; ngày sự kiện: "
        + (parsed.event_date.strftime("%d/%m/%Y") if parsed.event_date else "(không thấy)")
        + (f" ({parsed.event_part_of_day})" if parsed.event_part_of_day else "")
    ]
    if encoding_note:
        notes.append(encoding_note)
    if proposed:
        notes.append("tiêu đề do máy đề xuất từ câu đầu, cần biên tập viên xem lại")
    if parsed.widget_lines:
        summary = parsed.widgets.summary()
        notes.append(
            f"bỏ {len(parsed.widget_lines)} dòng tiện ích của trang cũ"
            + (f" ({summary})" if summary else "")
        )
    return notes


def legacy_file_import(
    *,
    path: Path,
    section: SectionPage,
    title: str = "",
    dry_run: bool = False,
    publish: bool = True,
) -> ImportOutcome:
    """Import one dump as an article of `section`: all of it, or nothing with the reason."""
    outcome = ImportOutcome(path=str(path), status=FAILED)
    try:
        decoded = decode_dump(path.read_bytes())
    except OSError as error:
        outcome.reason = f"không đọc được tệp ({error.strerror or error})"
        return outcome
    except UnreadableDump as error:
        outcome.reason = str(error)
        return outcome

    parsed = parse_legacy_page(decoded.text)
    if not parsed.paragraphs:
        outcome.reason = "không tìm thấy nội dung bài viết (chỉ có dòng tiện ích hoặc trống)"
        return outcome

    source_hash = _fingerprint(parsed)
    record = ImportRecord.objects.filter(source_hash=source_hash).first()
    if record is not None and record.article_id is not None:
        outcome.status = UNCHANGED
        outcome.article_id = record.article_id
        outcome.reason = f"đã nhập trước đây từ {record.source_path}"
        return outcome

    proposed = not title.strip()
    final_title = title.strip() or propose_title(parsed.paragraphs)
    outcome.title = final_title
    outcome.notes = _notes(parsed, decoded.note, proposed)
    try:
        # One batch: the publish signal and the import are processed once, at the end (citations,
        # then the search entry), inside the transaction, so a failed import leaves nothing.
        with transaction.atomic():
            with publishing.batch():
                article = ArticlePage(
                    title=final_title,
                    slug=_unique_slug(section, final_title),
                    event_date=parsed.event_date,
                    event_part_of_day=parsed.event_part_of_day,
                    byline=parsed.byline[:255],
                    body=_body(parsed),
                    title_needs_review=proposed,
                    live=False,
                )
                article.full_clean(exclude=["path", "depth"])
                section.add_child(instance=article)
                revision = article.save_revision()
                if publish:
                    revision.publish()
                    if parsed.event_date:
                        moment = timezone.make_aware(
                            datetime.datetime.combine(
                                parsed.event_date, datetime.time(PUBLISHED_HOUR)
                            )
                        )
                        ArticlePage.objects.filter(pk=article.pk).update(
                            first_published_at=moment, last_published_at=moment
                        )
                    article.refresh_from_db()
                publishing.page_changed(article, publishing.IMPORTED)
            documents = documents_cited_by(article=article)
            if documents:
                outcome.notes.append(
                    "văn bản được trích dẫn: " + ", ".join(doc.display_name for doc in documents)
                )
            ImportRecord.objects.update_or_create(
                source_hash=source_hash,
                defaults={
                    "source_path": str(path)[:1000],
                    "source_encoding": decoded.encoding,
                    "article": article,
                    "report": "\n".join(outcome.notes),
                },
            )
            outcome.article_id = article.pk
            outcome.status = CREATED
            if dry_run:
                raise _DryRun
    except _DryRun:
        outcome.status = WOULD_CREATE
        outcome.article_id = None
    return outcome
