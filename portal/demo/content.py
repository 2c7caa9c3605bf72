"""Demo pages: the home page, the sections, the seed article and a handful of others.

`load_demo_content()` is idempotent: pages are found by slug and created only when missing.
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from portal.core import publishing
from portal.home.models import HomePage
from portal.importer.parser import parse_legacy_page
from portal.news.models import ArticlePage, SectionPage

from .articles import ARTICLES, SECTIONS
from .links import load_demo_links
from .oversight import load_demo_oversight
from .petitions import load_demo_petitions
from .polls import load_demo_poll

SEED_FILE = Path(__file__).with_name("seed_article.txt")
SEED_SLUG = "doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem"
SEED_TITLE = (
    "Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy làm việc với Ban Thường vụ Quận ủy Hoàn Kiếm"
)
SEED_LEAD = (
    "Đoàn kiểm tra kiểm tra việc thực hiện Chương trình số 01-CTr/TU của Thành ủy và các "
    "Quy định số 55-QĐ/TƯ, 37-QĐ/TƯ tại quận Hoàn Kiếm; năm 2021, 98,65% tổ chức cơ sở Đảng "
    "hoàn thành tốt nhiệm vụ."
)
SEED_SECTION = "tin-tuc-su-kien"
SEED_PUBLISHED_AT = datetime.datetime(2022, 5, 9, 15, 30)


def _aware(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(value, timezone.get_default_timezone())


def _paragraph(text: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(f"<p>{escape(text)}</p>"))


def _publish(parent: Page, page: Page, published_at: datetime.datetime) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    type(page).objects.filter(pk=page.pk).update(
        first_published_at=published_at, last_published_at=published_at
    )
    page.refresh_from_db()
    return page


def _wagtail_roots() -> Page:
    """The tree root, locale and root collection Wagtail's migrations create (gone after a flush)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
    return root


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home:
        return home
    root = _wagtail_roots()
    # Wagtail's initial migration leaves a "Welcome" page; the portal's home replaces it.
    for welcome in root.get_children().filter(slug="home"):
        if welcome.specific_class is Page:
            welcome.delete()
    home = HomePage(title="Trang chủ", slug="home", show_in_menus=False)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.site_name = "Đoàn ĐBQH và HĐND thành phố Hà Nội"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Đoàn ĐBQH và HĐND thành phố Hà Nội",
        )
    return home


def seed_article_body() -> tuple[list, "object"]:
    """The seed dump as article blocks: its paragraphs with the caption in place."""
    parsed = parse_legacy_page(SEED_FILE.read_text(encoding="utf-8"))
    body = []
    for kind, text in parsed.blocks():
        if kind == "paragraph":
            body.append(_paragraph(text))
        else:
            body.append(("image", {"image": None, "caption": text, "credit": ""}))
    return body, parsed


@transaction.atomic
def load_demo_content() -> dict[str, int]:
    """Create whatever demo pages are missing; return how many of each were created.

    Each new page goes through the publishing pipeline once, after its dates are set (the
    seed's citations link it to the library; every article gets its search entry).
    """
    with publishing.batch():
        return _load()


def _load() -> dict[str, int]:
    created = {"sections": 0, "articles": 0}
    home = _home_page()

    sections = {}
    for slug, title, intro in SECTIONS:
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = SectionPage(title=title, slug=slug, intro=intro, show_in_menus=True)
            home.add_child(instance=section)
            section.save_revision().publish()
            created["sections"] += 1
        sections[slug] = section

    seed = ArticlePage.objects.filter(slug=SEED_SLUG).first()
    if seed is None:
        body, parsed = seed_article_body()
        seed = ArticlePage(
            title=SEED_TITLE,
            slug=SEED_SLUG,
            lead=SEED_LEAD,
            event_date=parsed.event_date,
            event_part_of_day=parsed.event_part_of_day,
            byline=parsed.byline,
            body=body,
        )
        seed.tags.add("kiểm tra", "Hoàn Kiếm", "xây dựng Đảng")
        _publish(sections[SEED_SECTION], seed, _aware(SEED_PUBLISHED_AT))
        created["articles"] += 1

    for section_slug, slug, title, lead, event, published, byline, tags, paragraphs in ARTICLES:
        if ArticlePage.objects.filter(slug=slug).exists():
            continue
        article = ArticlePage(
            title=title,
            slug=slug,
            lead=lead,
            event_date=datetime.date.fromisoformat(event),
            byline=byline,
            body=[_paragraph(text) for text in paragraphs],
        )
        article.tags.add(*tags)
        _publish(
            sections[section_slug],
            article,
            _aware(datetime.datetime.fromisoformat(published)),
        )
        created["articles"] += 1

    if home.featured_article_id is None:
        home.featured_article = seed
        home.save_revision().publish()
    created["links"] = load_demo_links()
    created["polls"] = load_demo_poll()
    created["petitions"] = load_demo_petitions()
    created["oversight"] = load_demo_oversight()
    return created
