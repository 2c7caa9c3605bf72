"""Create the editorial groups and the review workflow (idempotent)."""

from django.core.management.base import BaseCommand

from portal.core.editorial import editorial_setup


class Command(BaseCommand):
    help = "Tạo các nhóm biên tập (Phóng viên, Biên tập viên, Lãnh đạo duyệt, Quản trị) và quy trình duyệt tin."

    def handle(self, *args, **options):
        workflow = editorial_setup()
        steps = " → ".join(task.name for task in workflow.tasks)
        self.stdout.write(f"Quy trình “{workflow.name}”: {steps}.")
