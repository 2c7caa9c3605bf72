"""Reads of the agency register other apps use."""

import re

from portal.core.text import fold

from .models import Agency

__all__ = ["agencies_named_in", "agency_by_code"]

_WORD = re.compile(r"\w+")


def agency_by_code(code: str) -> Agency | None:
    """The agency with this stable code, or None."""
    if not code:
        return None
    return Agency.objects.filter(code=code.strip().lower()).first()


def agencies_named_in(text: str) -> list[Agency]:
    """Active agencies whose name, short name or an alias occurs in the text (folded, whole words)."""
    haystack = " " + " ".join(_WORD.findall(fold(text))) + " "
    found = []
    for agency in Agency.objects.active():
        for name in agency.names():
            needle = " ".join(_WORD.findall(name))
            if needle and f" {needle} " in haystack:
                found.append(agency)
                break
    return found
