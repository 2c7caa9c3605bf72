"""The one page tree for every app's tests (wagtail-factories): home page, sections, articles.

`site_home()` is the home page the default site serves, `site_section()` a section of it and
`published_article()` a live article published through a revision, so that everything a
publication triggers (citations, the search entry, cache purges) runs as it does for an editor.
The factories build drafts and unusual trees (a private section, an unpublished article).
"""

import datetime

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

import factory
import wagtail_factories

from portal.home.models import HomePage
from portal.news.models import ArticlePage, SectionPage

__all__ = [
    "ArticlePageFactory",
    "HomePageFactory",
    "SectionPageFactory",
    "published_article",
    "site_home",
    "site_section",
]


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Trang chủ"
    slug = "trang-chu"

    class Meta:
        model = HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")

    class Meta:
        model = SectionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tin bài số {n}")
    slug = factory.Sequence(lambda n: f"tin-bai-{n}")
    lead = "Sapo của tin bài."
    byline = "Phóng viên"
    event_date = datetime.date(2026, 11, 20)
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>Đoạn văn thứ nhất của tin bài.</p>"))]
    )

    class Meta:
        model = ArticlePage


def site_home() -> HomePage:
    """The home page (reused when present; else made under the tree root and served by the site)."""
    home = HomePage.objects.first()
    if home is None:
        home = HomePageFactory(parent=Page.get_first_root_node())
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    return home


def site_section(slug: str = "tin-tuc", title: str = "Tin tức") -> SectionPage:
    """A published section of the home page, reused by slug."""
    home = site_home()
    section = SectionPage.objects.child_of(home).filter(slug=slug).first()
    if section is None:
        section = SectionPageFactory(parent=home, slug=slug, title=title)
        section.save_revision().publish()
    return section


def published_article(section: SectionPage | None = None, **fields) -> ArticlePage:
    """A live article in `section` (default: the home page's "Tin tức"), published by revision."""
    article = ArticlePageFactory(parent=section or site_section(), **fields)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)
