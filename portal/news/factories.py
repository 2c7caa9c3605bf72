"""Factories for news pages (wagtail-factories)."""

import datetime

from wagtail.rich_text import RichText

import factory
import wagtail_factories

from portal.news.models import ArticlePage, SectionPage


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
