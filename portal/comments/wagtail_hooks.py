"""Comment moderation in the Wagtail admin: list, filters, bulk actions, dashboard count."""

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from portal.news.models import ArticlePage

from .models import Comment, CommentStatus
from .services import comment_moderate

MODERATE_PERMISSION = "comments.change_comment"


def _pending_count() -> int:
    return Comment.objects.pending().count()


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Trạng thái",
        choices=CommentStatus.choices,
        empty_label="Tất cả",
        widget=forms.RadioSelect,
    )
    article = django_filters.ModelChoiceFilter(
        label="Tin bài",
        queryset=ArticlePage.objects.filter(comments__isnull=False).distinct().order_by("title"),
        empty_label="Tất cả",
    )
    created_at = django_filters.DateFromToRangeFilter(
        label="Ngày gửi", widget=DateRangePickerWidget
    )

    class Meta:
        model = Comment
        fields = ["status", "article", "created_at"]


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    filterset_class = CommentFilterSet
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    search_fields = ["name", "text"]
    list_display = [
        "name",
        Column("excerpt", label="Nội dung", accessor="excerpt"),
        Column("article", label="Tin bài"),
        Column("status", label="Trạng thái", accessor="get_status_display"),
        DateColumn("created_at", label="Ngày gửi"),
    ]
    list_export = ["name", "email", "text", "article", "status", "created_at"]
    panels = [FieldPanel("article"), FieldPanel("name"), FieldPanel("email"), FieldPanel("text")]

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class

        class CommentMenuItem(base):
            """The menu label carries the number of comments waiting for moderation."""

            def render_component(self, request):
                pending = _pending_count()
                label = f"{self.label} ({pending} chờ)" if pending else self.label
                return LinkMenuItem(
                    self.name,
                    label,
                    self.url,
                    icon_name=self.icon_name,
                    classname=self.classname,
                    attrs=self.attrs,
                )

        return CommentMenuItem


register_snippet(CommentViewSet)


class CommentModerationBulkAction(SnippetBulkAction):
    """Set the status of the selected comments (one or many) through comment_moderate."""

    template_name = "comments/admin/confirm_bulk_moderate.html"
    models = [Comment]
    status = ""
    question = ""

    def check_perm(self, obj):
        return self.request.user.has_perm(MODERATE_PERMISSION)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = self.question
        context["action_label"] = self.display_name
        return context

    @classmethod
    def execute_action(cls, objects, **kwargs):
        view = kwargs["self"]
        changed = comment_moderate(comments=objects, status=cls.status, moderator=view.request.user)
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{self.display_name}: {num_parent_objects} bình luận."


@hooks.register("register_bulk_action")
class ApproveCommentsBulkAction(CommentModerationBulkAction):
    display_name = "Duyệt"
    action_type = "approve"
    aria_label = "Duyệt các bình luận đã chọn"
    status = CommentStatus.APPROVED
    question = "Duyệt và hiển thị các bình luận này?"
    action_priority = 10


@hooks.register("register_bulk_action")
class RejectCommentsBulkAction(CommentModerationBulkAction):
    display_name = "Từ chối"
    action_type = "reject"
    aria_label = "Từ chối các bình luận đã chọn"
    status = CommentStatus.REJECTED
    question = "Từ chối (không hiển thị) các bình luận này?"
    action_priority = 20


@hooks.register("register_bulk_action")
class SpamCommentsBulkAction(CommentModerationBulkAction):
    display_name = "Đánh dấu spam"
    action_type = "spam"
    aria_label = "Đánh dấu spam các bình luận đã chọn"
    status = CommentStatus.SPAM
    question = "Đánh dấu các bình luận này là spam (không hiển thị)?"
    action_priority = 25


MODERATION_ACTIONS = [
    ApproveCommentsBulkAction,
    RejectCommentsBulkAction,
    SpamCommentsBulkAction,
]


@hooks.register("register_snippet_listing_buttons")
def comment_moderation_buttons(snippet, user, next_url=None):
    """Approve / reject / spam for one comment, straight from its row."""
    if not isinstance(snippet, Comment) or not user.has_perm(MODERATE_PERMISSION):
        return []
    buttons = []
    for priority, action in enumerate(MODERATION_ACTIONS, start=1):
        if snippet.status == action.status:
            continue
        url = reverse("wagtail_bulk_action", args=("comments", "comment", action.action_type))
        query = {"id": snippet.pk}
        if next_url:
            query["next"] = next_url
        buttons.append(
            ListingButton(
                action.display_name,
                f"{url}?{urlencode(query)}",
                priority=priority,
                attrs={"aria-label": f"{action.display_name}: {snippet}"},
            )
        )
    return buttons


class PendingCommentsSummaryItem(SummaryItem):
    """Dashboard: how many comments wait for moderation, linking to them."""

    order = 250
    template_name = "comments/admin/pending_summary.html"

    def get_context_data(self, parent_context):
        index = reverse(CommentViewSet.model.snippet_viewset.get_url_name("list"))
        return {
            "pending": _pending_count(),
            "url": f"{index}?{urlencode({'status': CommentStatus.PENDING})}",
        }

    def is_shown(self):
        return self.request.user.has_perm(MODERATE_PERMISSION)


@hooks.register("construct_homepage_summary_items")
def add_pending_comments_summary(request, summary_items):
    summary_items.append(PendingCommentsSummaryItem(request))
