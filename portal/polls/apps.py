from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "portal.polls"
    label = "polls"
    verbose_name = "Bình chọn"
    default_auto_field = "django.db.models.BigAutoField"
