from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "portal.ratings"
    label = "ratings"
    verbose_name = "Đánh giá bài viết"
    default_auto_field = "django.db.models.BigAutoField"
