from django.apps import AppConfig


class WorkCalendarConfig(AppConfig):
    name = "portal.workcalendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc"

    def ready(self):
        from . import signals

        signals.connect()
