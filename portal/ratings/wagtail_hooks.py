"""Ratings in the admin: per-article summaries and the individual ratings (counted or flagged),
read-only."""

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.formatting import format_decimal
from portal.core.permissions import ReadOnlyPermissionPolicy

from .models import Rating, RatingSummary


class AverageColumn(Column):
    def get_value(self, instance):
        return format_decimal(instance.average, 1)


class RatingSummaryViewSet(ModelViewSet):
    model = RatingSummary
    icon = "pick"
    menu_label = "Theo bài viết"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["article", "count", AverageColumn("average", label="trung bình")]
    form_fields = ["count"]  # required by ModelViewSet; editing is refused by the policy
    list_filter = []
    search_fields = ["article__title"]
    ordering = ["-count"]

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


class RatingViewSet(ModelViewSet):
    model = Rating
    icon = "list-ul"
    menu_label = "Từng lượt đánh giá"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["article", "stars", "counted", "address_hash", "created_at", "updated_at"]
    form_fields = ["stars"]  # required by ModelViewSet; editing is refused by the policy
    # "được tính: Không" lists the ratings kept beyond an address's allowance.
    list_filter = ["counted", "stars", "created_at"]
    search_fields = ["article__title"]

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


class RatingsGroup(ViewSetGroup):
    menu_label = "Đánh giá bài viết"
    menu_icon = "pick"
    menu_order = 310
    items = (RatingSummaryViewSet("rating_summaries"), RatingViewSet("article_ratings"))


@hooks.register("register_admin_viewset")
def register_ratings_group():
    return RatingsGroup()
