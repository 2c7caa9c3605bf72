"""Demo website links (idempotent: found by address, created only when missing)."""

from portal.links.models import WebsiteLink

__all__ = ["DEMO_LINKS", "load_demo_links"]

DEMO_LINKS = [
    ("Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam", "https://quochoi.vn"),
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Cổng giao tiếp điện tử thành phố Hà Nội", "https://hanoi.gov.vn"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn"),
]


def load_demo_links() -> int:
    """Create the demo links that are missing; return how many were created."""
    created = 0
    for order, (name, url) in enumerate(DEMO_LINKS, start=1):
        if WebsiteLink.objects.filter(url=url).exists():
            continue
        link = WebsiteLink(name=name, url=url, sort_order=order * 10, active=True)
        link.full_clean()
        link.save()
        created += 1
    return created
