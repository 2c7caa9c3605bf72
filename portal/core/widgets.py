"""Plumbing every page widget endpoint shares (ratings, polls, links, comments).

A body-size cap, ids bounded to what a database column can hold, the answer that is JSON for
our scripts and a 303 redirect for plain forms, and the "done" notice the redirect carries in its
query string (no session needed, so the page after it stays shareable).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import register_converter

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_ID",
    "BoundedIdConverter",
    "DoneNotice",
    "body_too_large",
    "json_or_redirect",
    "parse_id",
]

MAX_BODY_BYTES = 2048
MAX_ID = 2**63 - 1  # the largest value of a 64-bit primary key
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: str | None) -> int | None:
    """An id from untrusted text: ASCII digits only ('²' and '٥' are not ids), within 64 bits."""
    if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class BoundedIdConverter:
    """<id:name> in URL patterns: ASCII digits of a positive 64-bit id; anything else is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # Django turns this into "no match", hence a 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(BoundedIdConverter, "id")


def body_too_large(request: HttpRequest, limit: int = MAX_BODY_BYTES) -> bool:
    """True when the declared body is over the cap (or its length is not a number)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return True


@dataclass(frozen=True)
class DoneNotice:
    """The notice a widget shows after a plain-form POST, named in the redirect's query string."""

    param: str
    messages: dict[str, str]

    def url(self, base: str, value: str, anchor: str = "") -> str:
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}{urlencode({self.param: value})}" + (
            f"#{anchor}" if anchor else ""
        )

    def message(self, request: HttpRequest | None) -> str:
        if request is None:
            return ""
        return self.messages.get(request.GET.get(self.param, ""), "")


def json_or_redirect(
    *, as_json: bool, data: dict, redirect_to: str, status: int = 200
) -> HttpResponse:
    """JSON for fetch() callers, a 303 to the page for plain forms (POST/redirect/GET)."""
    if as_json:
        return JsonResponse(data, status=status)
    return HttpResponseRedirect(redirect_to, status=303)
