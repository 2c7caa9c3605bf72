"""Run the portal's periodic commands (scheduled publishing, buffered counters) in a loop.

`make run` starts this next to the web server, so nobody has to remember a cron line.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy định kỳ các lệnh nền (xuất bản theo lịch, ghi bộ đếm)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="giây giữa hai lượt")
        parser.add_argument("--once", action="store_true", help="chạy một lượt rồi thoát")

    def handle(self, *args, interval: float, once: bool, **options):
        commands = getattr(settings, "SCHEDULED_COMMANDS", ["publish_scheduled"])
        self.stdout.write(f"Lịch chạy nền: {', '.join(commands)} mỗi {interval:g} giây.")
        try:
            while True:
                for name in commands:
                    try:
                        call_command(name, verbosity=0)
                    except Exception as error:  # keep the loop alive; report and go on
                        self.stderr.write(f"Lệnh {name} lỗi: {error}")
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            return
