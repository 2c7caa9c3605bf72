"""Link the document references in rendered article HTML to the library's pages."""

import html
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.core.text import nfc

from ..references import find_references
from ..selectors import HTML_TAG as _TAG
from ..selectors import document_urls, reference_keys

register = template.Library()

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
def link_references(value: str, known=None) -> SafeString:
    """Wrap the references in rendered HTML with links to their documents (text nodes only).

    Text already inside a link is left alone; references with no document are left as text.
    `known`: keys already looked up for the whole page (`document_urls`); others are read here.
    """
    value = nfc(str(value))
    keys = reference_keys(value)
    if not keys:
        return mark_safe(value)  # noqa: S308 - the input is already-rendered safe HTML
    looked_up = known if isinstance(known, dict) else {}
    urls = {key: looked_up[key] for key in keys if key in looked_up}
    urls.update(document_urls(keys - urls.keys()))
    urls = {key: url for key, url in urls.items() if url}
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
