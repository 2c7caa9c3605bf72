"""The register in the admin: activity kinds, the event form, drafts from articles."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.news.models import ArticlePage

from . import views
from .models import ActivityKind, RecommendationPage


class ActivityKindViewSet(SnippetViewSet):
    model = ActivityKind
    icon = "list-ul"
    menu_label = "Loại hoạt động giám sát"
    menu_name = "oversight_kinds"
    menu_order = 330
    add_to_settings_menu = True
    list_display = ["name", "sort_order"]


register_snippet(ActivityKindViewSet)

admin_urls = (
    [
        path("kien-nghi/<int:page_id>/su-kien/", views.record_event, name="record_event"),
        path(
            "tu-tin-bai/<int:page_id>/",
            views.activity_from_article,
            name="activity_from_article",
        ),
    ],
    "oversight_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("giam-sat/", include(admin_urls))]


def _buttons(page, user):
    specific = page.specific_class
    if specific is RecommendationPage:
        yield Button(
            "Ghi sự kiện (trả lời, thực hiện, gia hạn)",
            reverse("oversight_admin:record_event", args=[page.pk]),
            icon_name="history",
            priority=12,
        )
    elif specific is ArticlePage:
        yield Button(
            "Tạo hoạt động giám sát từ tin bài",
            reverse("oversight_admin:activity_from_article", args=[page.pk]),
            icon_name="clipboard-list",
            priority=90,
        )


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name=None, next_url=None):
    return list(_buttons(page, user))


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    return list(_buttons(page, user))


@hooks.register("before_delete_page")
def keep_recommendations_with_history(request, page):
    # The log is append-only and protects its recommendation: say so instead of failing.
    if page.specific_class is RecommendationPage and page.specific.events.exists():
        messages.error(
            request,
            "Không xóa được kiến nghị đã có sự kiện trong nhật ký. "
            "Hãy ghi sự kiện “Tạm dừng theo dõi” hoặc gỡ xuất bản nếu cần.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
