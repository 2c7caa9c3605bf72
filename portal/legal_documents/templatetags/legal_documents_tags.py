"""Link the document references in rendered article HTML to the library's pages."""

import html
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.core.text import nfc

from ..models import LegalDocument
from ..references import find_references

register = template.Library()

_TAG = re.compile(r"(<[^>]*>)")
_OPEN_LINK = re.compile(r"^<a[\s>]", re.IGNORECASE)
_CLOSE_LINK = re.compile(r"^</a\s*>", re.IGNORECASE)


def _link_text(text: str, urls: dict[str, str]) -> str:
    """Escape a text node, wrapping each known reference in a link."""
    plain = html.unescape(text)
    out, position = [], 0
    for reference in find_references(plain):
        url = urls.get(reference.key)
        if not url:
            continue
        out.append(escape(plain[position : reference.start]))
        out.append(
            f'<a class="legal-ref" href="{escape(url)}" title="{escape(reference.label)}">'
            f"{escape(plain[reference.start : reference.end])}</a>"
        )
        position = reference.end
    if not out:
        return text
    out.append(escape(plain[position:]))
    return "".join(out)


@register.filter(is_safe=True)
def link_references(value: str) -> SafeString:
    """Wrap the references in rendered HTML with links to their documents (text nodes only).

    Text already inside a link is left alone; references with no document are left as text.
    """
    value = nfc(str(value))
    keys = {ref.key for ref in find_references(html.unescape(re.sub(_TAG, " ", value)))}
    if not keys:
        return mark_safe(value)  # noqa: S308 - the input is already-rendered safe HTML
    urls = {
        document.key: document.get_absolute_url()
        for document in LegalDocument.objects.filter(key__in=keys).only("pk", "key")
    }
    parts, depth = [], 0
    for part in _TAG.split(value):
        if part.startswith("<"):
            if _OPEN_LINK.match(part):
                depth += 1
            elif _CLOSE_LINK.match(part):
                depth = max(0, depth - 1)
            parts.append(part)
        elif part and depth == 0 and urls:
            parts.append(_link_text(part, urls))
        else:
            parts.append(part)
    return mark_safe("".join(parts))  # noqa: S308 - text nodes are escaped above
