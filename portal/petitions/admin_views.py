"""The petition's processing page in the admin: every step is a form that calls one service."""

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from . import forms, services
from .exchange import (
    SCHEMA,
    SCHEMA_PATH,
    CsvImportError,
    petitions_export_csv,
    petitions_import_csv,
)
from .models import Petition, PetitionSource
from .selectors import deadlines_for

FORMS = {
    "forward": forms.ForwardForm,
    "answer": forms.AnswerForm,
    "merge": forms.MergeForm,
    "clock": forms.ClockForm,
    "feedback": forms.FeedbackForm,
    "source": forms.SourceForm,
}
NEEDS_PETITION = {"merge", "feedback"}


def _form(name, petition, data=None):
    kwargs = {"prefix": name}
    if name in NEEDS_PETITION:
        kwargs["petition"] = petition
    return FORMS[name](data, **kwargs)


def _apply(name: str, petition: Petition, data: dict, user) -> str:
    """Run one step; returns the message to show. Raises ValidationError on refusal."""
    if name == "forward":
        services.petition_forward(
            petition=petition,
            agency=data["agency"],
            forwarded_on=data["forwarded_on"],
            note=data["note"],
            user=user,
        )
        return "Đã ghi nhận chuyển kiến nghị."
    if name == "answer":
        services.answer_record(petition=petition, user=user, **data)
        return "Đã ghi nhận trả lời."
    if name == "merge":
        services.petition_merge(
            duplicate=data["duplicate"], into=petition, on=data["merged_on"], user=user
        )
        return f"Đã gộp kiến nghị {data['duplicate'].external_id} vào kiến nghị này."
    if name == "clock":
        action = data["clock"]
        if action == "pause":
            services.petition_pause(petition=petition, on=data["on"], note=data["note"], user=user)
        elif action == "resume":
            services.petition_resume(petition=petition, on=data["on"], note=data["note"], user=user)
        else:
            if not data.get("days"):
                raise ValidationError({"days": "Nhập số ngày làm việc gia hạn."})
            services.petition_extend(
                petition=petition, days=data["days"], on=data["on"], note=data["note"], user=user
            )
        return "Đã ghi nhận vào nhật ký."
    if name == "feedback":
        services.feedback_record(
            answer=data["answer"],
            satisfactory=data["satisfactory"],
            note=data["note"],
            deputy=data["deputy"],
            given_on=data["given_on"],
            user=user,
        )
        return "Đã ghi nhận đánh giá của đại biểu."
    if name == "source":
        if petition.sources.filter(reference=data["reference"]).exists():
            raise ValidationError({"reference": "Văn bản nguồn này đã có."})
        PetitionSource.objects.create(petition=petition, reference=data["reference"])
        return "Đã thêm văn bản nguồn."
    raise ValueError(name)


def _copy_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def petition_process(request, pk: int):
    if not request.user.has_perm("petitions.change_petition"):
        raise PermissionDenied
    petition = get_object_or_404(
        Petition.objects.select_related("agency", "field", "merged_into"), pk=pk
    )
    bound = {}
    if request.method == "POST":
        name = request.POST.get("step", "")
        if name not in FORMS or petition.merged_into_id:
            messages.error(request, "Thao tác không hợp lệ.")
            return redirect("petitions_admin:process", pk=pk)
        form = _form(name, petition, request.POST)
        if form.is_valid():
            try:
                message = _apply(name, petition, form.cleaned_data, request.user)
            except ValidationError as error:
                _copy_errors(form, error)
            else:
                messages.success(request, message)
                return redirect("petitions_admin:process", pk=pk)
        bound[name] = form
        messages.error(request, "Chưa ghi được: hãy sửa các lỗi bên dưới.")
    step_forms = {name: bound.get(name) or _form(name, petition) for name in FORMS}
    return TemplateResponse(
        request,
        "petitions/admin/process.html",
        {
            "petition": petition,
            "forms": step_forms,
            "deadlines": deadlines_for(petition),
            "events": petition.events.order_by("occurred_on", "pk"),
            "answers": petition.answers.prefetch_related("feedback"),
            "edit_url": reverse("wagtailsnippets_petitions_petition:edit", args=[petition.pk]),
            "public_url": petition.get_absolute_url(),
        },
        status=400 if bound else 200,
    )


class CsvUploadForm(djforms.Form):
    file = djforms.FileField(label="Tệp CSV (UTF-8)")


MAX_CSV_BYTES = 5 * 1024 * 1024


def petitions_csv(request):
    """GET ?download=1: every petition as CSV. POST: import a file (all or nothing)."""
    if not request.user.has_perm("petitions.change_petition"):
        raise PermissionDenied
    if request.GET.get("download"):
        response = HttpResponse(petitions_export_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="kien-nghi-cu-tri.csv"'
        return response
    if request.GET.get("schema"):
        return HttpResponse(
            SCHEMA_PATH.read_bytes(), content_type="application/json; charset=utf-8"
        )
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    errors, status = [], 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            form.add_error("file", "Tệp quá lớn (tối đa 5 MB).")
        else:
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                form.add_error("file", "Tệp không phải văn bản UTF-8.")
            else:
                try:
                    counts = petitions_import_csv(text, user=request.user)
                except CsvImportError as error:
                    errors = error.errors
                else:
                    messages.success(
                        request,
                        f"Đã nhập: {counts['created']} kiến nghị mới, {counts['updated']} cập nhật.",
                    )
                    return redirect("petitions_admin:csv")
    if request.method == "POST" and (errors or form.errors):
        status = 400
    return TemplateResponse(
        request,
        "petitions/admin/csv.html",
        {"form": form, "errors": errors, "columns": SCHEMA["fields"]},
        status=status,
    )
