from django.urls import path

from . import feeds, views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("thong-ke/", views.petition_stats, name="stats"),
    path("rss/co-quan/<slug:code>/", feeds.AgencyFeed(), name="feed_agency"),
    path("rss/dia-ban/<str:code>/", feeds.LocalityFeed(), name="feed_locality"),
    path("rss/linh-vuc/<slug:slug>/", feeds.FieldFeed(), name="feed_field"),
]
