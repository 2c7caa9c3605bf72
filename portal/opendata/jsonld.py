"""schema.org JSON-LD and OpenGraph for a page's head: what a shared link shows."""

import json
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import Truncator

from wagtail.models import Site

from portal.core.models import PortalSettings
from portal.legal_documents.models import LegalDocument
from portal.news.models import ArticlePage, SectionPage

from .api import rfc3339
from .feeds import feed_links

__all__ = ["HeadMeta", "head_meta", "json_for_script"]

DESCRIPTION_WORDS = 40
SHARE_RENDITION = "fill-1200x630"


@dataclass
class HeadMeta:
    title: str
    description: str
    url: str
    type: str = "website"
    image: dict | None = None
    published: str | None = None
    modified: str | None = None
    site_name: str = ""
    graph: list[dict] = field(default_factory=list)
    feeds: list[dict] = field(default_factory=list)

    @property
    def json_ld(self) -> str:
        return json_for_script({"@context": "https://schema.org", "@graph": self.graph})


def json_for_script(data) -> str:
    """JSON safe inside <script type="application/ld+json"> (no '</script>' can close it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _absolute(request, path: str) -> str:
    """An address on the site's canonical host (Wagtail's Site), like the pages' own."""
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri(path)
    return site.root_url.rstrip("/") + path


def _organization(portal: PortalSettings, request, logo: dict | None) -> dict:
    organization = {
        "@type": "GovernmentOrganization",
        "@id": _absolute(request, "/") + "#to-chuc",
        "name": portal.body_name,
        "url": _absolute(request, "/"),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": portal.address,
            "addressCountry": "VN",
        },
        "telephone": portal.phone,
        "email": portal.email,
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": portal.responsible_office,
        },
    }
    if logo:
        organization["logo"] = {"@type": "ImageObject", "url": logo["url"]}
    return organization


def _breadcrumbs(items: list[tuple[str, str]]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def _image(image, request) -> dict | None:
    try:
        rendition = image.get_rendition(SHARE_RENDITION)
    except Exception:  # a missing source file must not break the page
        return None
    return {
        "url": _absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.title,
    }


def _article_image(article: ArticlePage, request) -> dict | None:
    for block in article.body:
        if block.block_type == "image" and block.value.get("image"):
            found = _image(block.value["image"], request)
            if found:
                found["alt"] = block.value.get("caption") or found["alt"]
                return found
    return None


def _site_logo(portal: PortalSettings, request) -> dict:
    if portal.emblem:
        found = _image(portal.emblem, request)
        if found:
            return found
    return {"url": _absolute(request, static("img/emblem.svg")), "alt": portal.body_name}


def head_meta(context) -> HeadMeta:
    """Everything the head says about this page, from what the template's context holds."""
    request = context["request"]
    portal = PortalSettings.load(request_or_site=request)
    logo = _site_logo(portal, request)
    organization = _organization(portal, request, logo)
    home = ("Trang chủ", _absolute(request, "/"))
    page = context.get("page")
    document = context.get("document")
    specific = getattr(page, "specific", None) if page is not None else None

    if isinstance(specific, ArticlePage):
        url = specific.get_full_url(request)
        section = specific.get_parent().specific
        description = (
            specific.search_description
            or specific.lead
            or Truncator(specific.plain_text()).words(DESCRIPTION_WORDS)
        )
        image = _article_image(specific, request) or logo
        published, modified = (
            rfc3339(specific.first_published_at),
            rfc3339(specific.last_published_at or specific.first_published_at),
        )
        article = {
            "@type": "NewsArticle",
            "headline": Truncator(specific.title).chars(110),
            "name": specific.title,
            "description": description,
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "inLanguage": "vi",
            "datePublished": published,
            "dateModified": modified,
            "image": [image["url"]],
            "author": (
                {"@type": "Person", "name": specific.byline}
                if specific.byline
                else {"@type": "GovernmentOrganization", "name": portal.body_name}
            ),
            "publisher": {"@id": organization["@id"]},
            "articleSection": section.title,
        }
        keywords = [tag.name for tag in specific.tags.all()]
        if keywords:
            article["keywords"] = keywords
        crumbs = _breadcrumbs(
            [home, (section.title, section.get_full_url(request)), (specific.title, url)]
        )
        return HeadMeta(
            title=specific.seo_title or specific.title,
            description=description,
            url=url,
            type="article",
            image=image,
            published=published,
            modified=modified,
            site_name=portal.body_name,
            graph=[article, crumbs, organization],
            feeds=feed_links(section=section if isinstance(section, SectionPage) else None),
        )

    if isinstance(document, LegalDocument):
        url = _absolute(request, document.get_absolute_url())
        description = document.summary or document.title or document.display_name
        legislation = {
            "@type": "Legislation",
            "name": document.title or document.display_name,
            "alternateName": document.display_name,
            "legislationType": document.get_kind_display(),
            "url": url,
            "inLanguage": "vi",
            "description": Truncator(description).words(DESCRIPTION_WORDS),
            "legislationJurisdiction": "VN",
            "isAccessibleForFree": True,
        }
        if document.symbol:
            legislation["legislationIdentifier"] = document.symbol
        if document.issued_on:
            legislation["legislationDate"] = document.issued_on.isoformat()
        if document.issuer:
            legislation["legislationPassedBy"] = {"@type": "Organization", "name": document.issuer}
        crumbs = _breadcrumbs(
            [
                home,
                ("Thư viện văn bản", _absolute(request, reverse("legal_documents:list"))),
                (document.display_name, url),
            ]
        )
        return HeadMeta(
            title=document.display_name,
            description=description,
            url=url,
            image=logo,
            modified=rfc3339(document.updated_at),
            site_name=portal.body_name,
            graph=[legislation, crumbs, organization],
            feeds=feed_links(library=True),
        )

    if specific is not None:
        url = specific.get_full_url(request)
        description = (
            specific.search_description or getattr(specific, "intro", "") or portal.body_name
        )
        graph = [organization]
        section = specific if isinstance(specific, SectionPage) else None
        if section is not None:
            graph.insert(0, _breadcrumbs([home, (section.title, url)]))
            graph.insert(
                0,
                {
                    "@type": "CollectionPage",
                    "name": section.title,
                    "url": url,
                    "inLanguage": "vi",
                    "publisher": {"@id": organization["@id"]},
                },
            )
        elif specific.depth <= 2:
            graph.insert(
                0,
                {
                    "@type": "WebSite",
                    "name": f"{portal.body_name_line1} {portal.body_name}",
                    "url": url,
                    "inLanguage": "vi",
                    "publisher": {"@id": organization["@id"]},
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": _absolute(request, "/tim-kiem/?q={q}"),
                        "query-input": "required name=q",
                    },
                },
            )
        return HeadMeta(
            title=specific.seo_title or specific.title,
            description=description,
            url=url,
            image=logo,
            site_name=portal.body_name,
            graph=graph,
            feeds=feed_links(section=section),
        )

    path_url = _absolute(request, request.path)
    library = request.path.startswith(reverse("legal_documents:list"))
    return HeadMeta(
        title=context.get("meta_title", "") or portal.body_name,
        description=context.get("meta_description", "") or portal.body_name,
        url=path_url,
        image=logo,
        site_name=portal.body_name,
        graph=[organization],
        feeds=feed_links(library=library),
    )
