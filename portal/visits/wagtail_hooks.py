"""Admin: a dashboard panel charting visits per day for the last 30 days."""

from collections.abc import Mapping
from typing import Any

from wagtail import hooks
from wagtail.admin.ui.components import Component

from portal.core.formatting import format_integer

from . import selectors

CHART_DAYS = 30
BAR_WIDTH = 20
BAR_GAP = 4
CHART_HEIGHT = 160
LABEL_SPACE = 20


class VisitsChartPanel(Component):
    """Thống kê truy cập: visits per day as a server-rendered SVG bar chart (no JavaScript)."""

    name = "visits_chart"
    template_name = "visits/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        days = selectors.daily_visits(CHART_DAYS)
        peak = max((day.visits for day in days), default=0)
        scale = CHART_HEIGHT / peak if peak else 0
        bars = []
        for index, day in enumerate(days):
            height = round(day.visits * scale, 1)
            if day.visits and height < 1:
                height = 1
            bars.append(
                {
                    "day": day,
                    "x": index * (BAR_WIDTH + BAR_GAP),
                    "y": CHART_HEIGHT - height,
                    "height": height,
                    "label": f"{day.date:%d/%m}: {format_integer(day.visits)} lượt truy cập, "
                    f"{format_integer(day.page_views)} lượt xem",
                    "show_date": index % 5 == 0 or index == len(days) - 1,
                }
            )
        return {
            "bars": bars,
            "days": days,
            "peak": peak,
            "width": len(days) * (BAR_WIDTH + BAR_GAP) - BAR_GAP,
            "height": CHART_HEIGHT,
            "full_height": CHART_HEIGHT + LABEL_SPACE,
            "bar_width": BAR_WIDTH,
            "month_visits": sum(day.visits for day in days),
            "month_views": sum(day.page_views for day in days),
            "total": selectors.total_visits(),
            "online": selectors.online_count(),
            "first": days[0].date,
            "last": days[-1].date,
        }


@hooks.register("construct_homepage_panels")
def add_visits_chart_panel(request, panels) -> None:
    panels.append(VisitsChartPanel())
