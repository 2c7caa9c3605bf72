"""Petitions in the admin, in Vietnamese.

Snippets (not pages): a petition is a record in a register with its own public URL scheme,
filters and statistics, not a node in the editorial page tree; snippets give the admin list,
filters, search, chooser widgets and an edit history for free. Steps that change a petition's
dates (forward, answer, merge, pause, extend, feedback) are not fields of the edit form: they
go through the processing page, which calls one service per step and logs one event.
"""

from django import forms
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import admin_views
from .models import (
    DeadlineRule,
    Deputy,
    Locality,
    Petition,
    PetitionEvent,
    PetitionField,
    VoterMeeting,
)


class PetitionAdminForm(WagtailAdminModelForm):
    def save(self, commit=True):
        self.instance.refresh_search_text()
        return super().save(commit=commit)


class PetitionCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        PetitionEvent.objects.create(
            petition=instance,
            kind=PetitionEvent.RECEIVED,
            occurred_on=instance.received_on,
            recorded_by=self.request.user,
        )
        return instance

    def get_success_url(self):
        return reverse("petitions_admin:process", args=[self.object.pk])


class PetitionEditView(EditView):
    def get_success_url(self):
        return reverse("petitions_admin:process", args=[self.object.pk])


def _locality_select():
    return forms.Select()


class PetitionViewSet(SnippetViewSet):
    model = Petition
    icon = "clipboard-list"
    menu_label = "Kiến nghị"
    menu_name = "petitions"
    add_view_class = PetitionCreateView
    edit_view_class = PetitionEditView
    list_display = ["title", "external_id", "field", "agency", "received_on", "status_label"]
    list_filter = ["field", "agency", "received_on"]
    search_fields = ["title", "text", "external_id"]
    ordering = ["-received_on", "-pk"]
    edit_handler_panels = [
        HelpPanel(
            content="Ghi nội dung như cử tri đã nêu, không ghi họ tên, địa chỉ hay thông tin cá nhân "
            "của cử tri. Chuyển cơ quan, trả lời, gộp, gia hạn: dùng trang “Xử lý” sau khi lưu."
        ),
        FieldRowPanel([FieldPanel("external_id"), FieldPanel("received_on")]),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("field", widget=forms.Select()),
        FieldPanel("localities", widget=forms.SelectMultiple(attrs={"size": 8})),
        FieldPanel("meetings", widget=forms.SelectMultiple(attrs={"size": 6})),
    ]

    def get_edit_handler(self):
        return ObjectList(
            self.edit_handler_panels, base_form_class=PetitionAdminForm
        ).bind_to_model(self.model)


class VoterMeetingViewSet(SnippetViewSet):
    model = VoterMeeting
    icon = "group"
    menu_label = "Buổi tiếp xúc cử tri"
    menu_name = "voter_meetings"
    list_display = ["__str__", "locality", "occasion"]
    list_filter = ["held_on"]
    search_fields = ["place", "occasion"]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("held_on")]),
        FieldPanel("locality", widget=_locality_select()),
        FieldPanel("place"),
        FieldPanel("occasion"),
        FieldPanel("deputies", widget=forms.CheckboxSelectMultiple),
        FieldPanel("minutes"),
    ]


class DeputyViewSet(SnippetViewSet):
    model = Deputy
    icon = "user"
    menu_label = "Đại biểu"
    menu_name = "deputies"
    list_display = ["name", "position", "is_active"]
    search_fields = ["name", "position"]


class PetitionFieldViewSet(SnippetViewSet):
    model = PetitionField
    icon = "tag"
    menu_label = "Lĩnh vực"
    menu_name = "petition_fields"
    list_display = ["name", "slug", "sort_order"]


class DeadlineRuleViewSet(SnippetViewSet):
    model = DeadlineRule
    icon = "time"
    menu_label = "Quy định thời hạn"
    menu_name = "deadline_rules"
    list_display = ["applies_from", "forward_days", "answer_days", "basis"]


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = "Địa bàn"
    menu_name = "localities"
    list_display = ["name", "code", "level", "province"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    ordering = ["level", "name"]


class PetitionsGroup(SnippetViewSetGroup):
    menu_label = "Kiến nghị cử tri"
    menu_icon = "clipboard-list"
    menu_name = "petitions_group"
    menu_order = 320
    items = (
        PetitionViewSet,
        VoterMeetingViewSet,
        DeputyViewSet,
        PetitionFieldViewSet,
        DeadlineRuleViewSet,
        LocalityViewSet,
    )


register_snippet(PetitionsGroup)


@hooks.register("register_admin_urls")
def _petition_admin_urls():
    from django.urls import include

    return [
        path(
            "kien-nghi-cu-tri/",
            include(
                (
                    [
                        path("<int:pk>/xu-ly/", admin_views.petition_process, name="process"),
                        path("csv/", admin_views.petitions_csv, name="csv"),
                    ],
                    "petitions_admin",
                ),
                namespace="petitions_admin",
            ),
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def _process_button(snippet, user, next_url=None):
    if isinstance(snippet, Petition):
        yield ListingButton(
            "Xử lý",
            reverse("petitions_admin:process", args=[snippet.pk]),
            priority=5,
            icon_name="cog",
        )


@hooks.register("register_admin_menu_item")
def _csv_menu_item():
    from wagtail.admin.menu import MenuItem

    return MenuItem(
        "Nhập, xuất CSV kiến nghị", reverse("petitions_admin:csv"), icon_name="download", order=321
    )
