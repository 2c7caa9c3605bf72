"""Public writes on petitions: each step sets its own date and appends one event."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from . import rules
from .models import Answer, Feedback, Petition, PetitionEvent, PetitionSource

__all__ = [
    "answer_record",
    "localities_sync",
    "feedback_record",
    "petition_create",
    "petition_extend",
    "petition_forward",
    "petition_merge",
    "petition_pause",
    "petition_resume",
    "petitions_follow_up",
]


def _event(petition: Petition, kind: str, *, occurred_on: date, user=None, note: str = "", **extra):
    return PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        occurred_on=occurred_on,
        recorded_by=user,
        note=note,
        **extra,
    )


def _save(petition: Petition) -> None:
    petition.refresh_search_text()
    petition.full_clean()
    petition.save()


@transaction.atomic
def petition_create(
    *,
    external_id: str,
    title: str,
    text: str,
    field,
    received_on: date,
    localities=(),
    meetings=(),
    sources=(),
    user=None,
) -> Petition:
    """Record a petition as voters raised it, and log its receipt."""
    petition = Petition(
        external_id=external_id, title=title, text=text, field=field, received_on=received_on
    )
    _save(petition)
    petition.localities.set(localities)
    petition.meetings.set(meetings)
    for reference in sources:
        PetitionSource.objects.create(petition=petition, reference=reference)
    _event(petition, PetitionEvent.RECEIVED, occurred_on=received_on, user=user)
    return petition


@transaction.atomic
def petition_forward(
    *, petition: Petition, agency, forwarded_on: date, user=None, note: str = ""
) -> Petition:
    """Send a petition to the agency that must answer it."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.merged_into_id:
        raise ValidationError("Kiến nghị đã được gộp, không chuyển được.")
    petition.agency = agency
    petition.forwarded_on = forwarded_on
    _save(petition)
    _event(
        petition,
        PetitionEvent.FORWARDED,
        occurred_on=forwarded_on,
        user=user,
        note=note or str(agency),
    )
    return petition


@transaction.atomic
def answer_record(
    *,
    petition: Petition,
    kind: str,
    answered_on: date,
    reference: str,
    summary: str,
    target_date: date | None = None,
    reason: str = "",
    document=None,
    user=None,
) -> Answer:
    """Record an agency's answer. Answered is not resolved: only 'đã giải quyết xong' resolves."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if petition.merged_into_id:
        raise ValidationError("Kiến nghị đã được gộp, hãy ghi trả lời vào kiến nghị gộp.")
    if not petition.forwarded_on:
        raise ValidationError("Kiến nghị chưa được chuyển tới cơ quan nào.")
    answer = Answer(
        petition=petition,
        kind=kind,
        answered_on=answered_on,
        reference=reference,
        summary=summary,
        target_date=target_date if kind == rules.ANSWER_IN_PROGRESS else None,
        reason=reason if kind == rules.ANSWER_UNRESOLVABLE else "",
        document=document,
    )
    answer.full_clean(exclude=["petition"])
    answer.save()
    if petition.answered_on is None or answered_on < petition.answered_on:
        petition.answered_on = answered_on
    petition.latest_answer_kind = kind
    petition.follow_up_since = None
    note = f"{answer.get_kind_display()} – {reference}"
    if target_date and kind == rules.ANSWER_IN_PROGRESS:
        note += f"; hạn giải quyết xong {target_date:%d/%m/%Y}"
    _event(petition, PetitionEvent.ANSWERED, occurred_on=answered_on, user=user, note=note)
    if kind == rules.ANSWER_RESOLVED and petition.resolved_on is None:
        petition.resolved_on = answered_on
        _event(petition, PetitionEvent.RESOLVED, occurred_on=answered_on, user=user, note=reference)
    _save(petition)
    return answer


@transaction.atomic
def feedback_record(
    *, answer: Answer, satisfactory: bool, note: str = "", deputy=None, given_on: date, user=None
) -> Feedback:
    """Deputies' verdict on an answer."""
    feedback = Feedback(
        answer=answer, satisfactory=satisfactory, note=note, deputy=deputy, given_on=given_on
    )
    feedback.full_clean()
    feedback.save()
    verdict = feedback.get_satisfactory_display()
    _event(
        answer.petition,
        PetitionEvent.FEEDBACK,
        occurred_on=given_on,
        user=user,
        note=f"{verdict}. {note}".strip(),
    )
    return feedback


def _open_pause(petition: Petition) -> PetitionEvent | None:
    last = (
        petition.events.filter(kind__in=[PetitionEvent.PAUSED, PetitionEvent.RESUMED])
        .order_by("-occurred_on", "-pk")
        .first()
    )
    return last if last and last.kind == PetitionEvent.PAUSED else None


@transaction.atomic
def petition_pause(*, petition: Petition, on: date, note: str, user=None) -> PetitionEvent:
    """Stop the clock (e.g. waiting for a survey); recorded as an event, never an edit."""
    if _open_pause(petition):
        raise ValidationError("Kiến nghị đang tạm dừng tính hạn.")
    return _event(petition, PetitionEvent.PAUSED, occurred_on=on, user=user, note=note)


@transaction.atomic
def petition_resume(*, petition: Petition, on: date, note: str = "", user=None) -> PetitionEvent:
    pause = _open_pause(petition)
    if not pause:
        raise ValidationError("Kiến nghị không ở trạng thái tạm dừng.")
    if on < pause.occurred_on:
        raise ValidationError("Ngày tiếp tục không thể trước ngày tạm dừng.")
    return _event(petition, PetitionEvent.RESUMED, occurred_on=on, user=user, note=note)


@transaction.atomic
def petition_extend(
    *, petition: Petition, days: int, on: date, note: str, user=None
) -> PetitionEvent:
    """Give more working days to the current step."""
    if days < 1:
        raise ValidationError("Số ngày gia hạn phải từ 1 trở lên.")
    return _event(
        petition, PetitionEvent.EXTENDED, occurred_on=on, user=user, note=note, extension_days=days
    )


@transaction.atomic
def petition_merge(*, duplicate: Petition, into: Petition, on: date, user=None) -> Petition:
    """Merge a duplicate into another petition, keeping every meeting, locality and source."""
    if duplicate.pk == into.pk:
        raise ValidationError("Không thể gộp một kiến nghị vào chính nó.")
    duplicate, into = (
        Petition.objects.select_for_update().get(pk=duplicate.pk),
        Petition.objects.select_for_update().get(pk=into.pk),
    )
    if duplicate.merged_into_id or into.merged_into_id:
        raise ValidationError("Một trong hai kiến nghị đã được gộp trước đó.")
    if duplicate.answers.exists():
        raise ValidationError(
            "Kiến nghị trùng đã có trả lời: hãy gộp theo chiều ngược lại để không mất trả lời."
        )
    into.meetings.add(*duplicate.meetings.all())
    into.localities.add(*duplicate.localities.all())
    existing = set(into.sources.values_list("reference", flat=True))
    for source in duplicate.sources.all():
        if source.reference not in existing:
            PetitionSource.objects.create(
                petition=into, reference=source.reference, document=source.document
            )
    # Petitions that had been merged into the duplicate now point at the result directly.
    Petition.objects.filter(merged_into=duplicate).update(merged_into=into)
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into", "updated_at"])
    _event(
        duplicate,
        PetitionEvent.MERGED,
        occurred_on=on,
        user=user,
        note=f"Gộp vào {into.external_id}: {into.title}",
    )
    _event(
        into,
        PetitionEvent.MERGED_FROM,
        occurred_on=on,
        user=user,
        note=f"{duplicate.external_id}: {duplicate.title}",
    )
    return into


def petitions_follow_up(*, today: date) -> list[Petition]:
    """Bring back into 'cần theo dõi' every petition whose promised target date has passed."""
    changed = []
    candidates = Petition.objects.filter(
        merged_into__isnull=True,
        resolved_on__isnull=True,
        follow_up_since__isnull=True,
        latest_answer_kind=rules.ANSWER_IN_PROGRESS,
    )
    for petition in candidates:
        with transaction.atomic():
            answer = petition.answers.order_by("-answered_on", "-pk").first()
            if answer is None or not rules.target_passed(
                target_date=answer.target_date, resolved_on=petition.resolved_on, today=today
            ):
                continue
            # Conditional update: two scheduler runs at once flag (and log) it only once.
            updated = Petition.objects.filter(pk=petition.pk, follow_up_since__isnull=True).update(
                follow_up_since=today
            )
            if not updated:
                continue
            _event(
                petition,
                PetitionEvent.FOLLOW_UP,
                occurred_on=today,
                note=(
                    f"Hạn giải quyết xong {answer.target_date:%d/%m/%Y} (theo văn bản "
                    f"{answer.reference}) đã qua mà chưa giải quyết xong."
                ),
            )
            changed.append(petition)
    return changed


def localities_sync(*, province_codes: Iterable[str]) -> int:
    """Load every province, and the communes of the given provinces, from `vietnam-provinces`.

    Codes are the official ones (2 digits for a province, 5 for a commune or ward) of the
    two-level units in force since 1 July 2025. Idempotent; renamed units get their new name.
    """
    from vietnam_provinces import Province, Ward

    from .models import Locality

    wanted = {str(code).zfill(2) for code in province_codes}
    count = 0
    provinces = {}
    for province in Province.iter_all():
        code = f"{int(province.code):02d}"
        obj, _ = Locality.objects.update_or_create(
            code=code,
            defaults={
                "name": province.name,
                "level": Locality.LEVEL_PROVINCE,
                "division_type": province.division_type.value,
                "province": None,
            },
        )
        provinces[code] = obj
        count += 1
    for ward in Ward.iter_all():
        province_code = f"{int(ward.province_code):02d}"
        if province_code not in wanted:
            continue
        Locality.objects.update_or_create(
            code=f"{int(ward.code):05d}",
            defaults={
                "name": ward.name,
                "level": Locality.LEVEL_COMMUNE,
                "division_type": ward.division_type.value,
                "province": provinces[province_code],
            },
        )
        count += 1
    return count
