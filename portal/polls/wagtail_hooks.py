"""Polls in the admin: editors define polls as snippets; votes are read-only."""

from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.core.formatting import format_integer
from portal.core.permissions import ReadOnlyPermissionPolicy

from .models import Poll, Vote
from .selectors import poll_results


class VotersColumn(Column):
    def get_value(self, instance):
        return format_integer(poll_results(instance).total)


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "tasks"
    menu_label = "Cuộc bình chọn"
    list_display = [
        "question",
        "is_active",
        "opens_at",
        "closes_at",
        VotersColumn("voters", label="người đã bình chọn"),
    ]
    list_filter = ["is_active"]
    search_fields = ["question"]
    copy_view_enabled = False


class VoteViewSet(SnippetViewSet):
    model = Vote
    icon = "list-ul"
    menu_label = "Phiếu bình chọn"
    list_display = ["poll", "option", "counted", "address_hash", "created_at"]
    # "được tính: Không" lists the votes kept beyond an address's allowance.
    list_filter = ["counted", "poll", "created_at"]
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


class PollsGroup(SnippetViewSetGroup):
    menu_label = "Bình chọn"
    menu_icon = "tasks"
    menu_order = 320
    items = (PollViewSet, VoteViewSet)


register_snippet(PollsGroup)
