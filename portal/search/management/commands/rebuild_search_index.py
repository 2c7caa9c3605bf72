from django.core.management.base import BaseCommand

from portal.search.backends import backend
from portal.search.registry import providers
from portal.search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm (mọi loại nội dung, hoặc các loại được nêu)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Loại nội dung, ví dụ: article legal_document")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không ghi.")

    def handle(self, *args, kinds, dry_run, **options):
        known = {provider.kind: provider for provider in providers()}
        unknown = [kind for kind in kinds if kind not in known]
        if unknown:
            self.stderr.write(
                f"Không có loại nội dung: {', '.join(unknown)}. Có: {', '.join(known)}."
            )
            return
        if dry_run:
            for kind in kinds or known:
                count = known[kind].queryset_fn().count()
                self.stdout.write(f"{known[kind].label} ({kind}): {count} mục sẽ được lập chỉ mục.")
            return
        for kind, count in search_index_rebuild(kinds or None).items():
            self.stdout.write(f"{known[kind].label} ({kind}): đã lập chỉ mục {count} mục.")
        backend().optimize()
        self.stdout.write("Đã tối ưu chỉ mục.")
