"""Test data for ratings."""

import factory

from .models import Rating

__all__ = ["RatingFactory"]


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    visitor_key = factory.Sequence(lambda n: f"c:{n:032d}")
    stars = 4


def published_article(slug: str = "bai-viet-danh-gia", title: str = "Bài viết để đánh giá"):
    """A live article in a section under a home page that the default site serves."""
    from wagtail.models import Page, Site

    from portal.home.models import HomePage
    from portal.news.models import ArticlePage, SectionPage

    home = HomePage.objects.first()
    if home is None:
        root = Page.objects.get(depth=1)
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-thu"))
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.save()
        else:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    section = SectionPage.objects.child_of(home).first()
    if section is None:
        section = home.add_child(instance=SectionPage(title="Tin tức", slug="tin-tuc"))
    article = section.add_child(instance=ArticlePage(title=title, slug=slug, lead="Sapo."))
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)
