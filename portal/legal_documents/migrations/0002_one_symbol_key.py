"""LegalDocument.key in the portal's one key format ("55-QD/TW" → "55 qd tw").

The key of a document with a symbol is now portal.core.text.symbol_key, the key the search
index has always used. Keys of documents cited by name do not change. Two records that the new
key makes one document ("01-CTr/TU" and "1-CTr/TU") keep the older record's key unchanged so
no row is lost; the admin then shows them as duplicates for an editor to merge.
"""

import re
import unicodedata

from django.db import migrations

# Frozen copy of the rules as they stood when this migration was written.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def _fold(text):
    text = text.translate(_ETH).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _canonical(symbol):
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", symbol).translate(_ETH)).strip()
    text = re.sub(r"\s*([-/])\s*", r"\1", text)
    text = re.sub(r"^(\d+) (?=\D)", r"\1-", text)
    return re.sub(r"/(?:TƯ|T\.Ư|Tư)$", "/TW", text)


def _symbol_key(symbol):
    parts = re.findall(r"[^\W_]+", _canonical(symbol))
    if parts and parts[0].isdigit():
        parts[0] = str(int(parts[0]))
    return " ".join("tw" if part.casefold() == "tư" else _fold(part) for part in parts)


def _old_key(symbol):
    return _fold(_canonical(symbol)).upper()


def forwards(apps, schema_editor):
    LegalDocument = apps.get_model("legal_documents", "LegalDocument")
    taken = set(LegalDocument.objects.values_list("key", flat=True))
    for document in LegalDocument.objects.exclude(symbol="").order_by("pk"):
        key = _symbol_key(document.symbol)
        if key and key != document.key and key not in taken:
            taken.discard(document.key)
            taken.add(key)
            LegalDocument.objects.filter(pk=document.pk).update(key=key)


def backwards(apps, schema_editor):
    LegalDocument = apps.get_model("legal_documents", "LegalDocument")
    taken = set(LegalDocument.objects.values_list("key", flat=True))
    for document in LegalDocument.objects.exclude(symbol="").order_by("pk"):
        key = _old_key(document.symbol)
        if key != document.key and key not in taken:
            taken.discard(document.key)
            taken.add(key)
            LegalDocument.objects.filter(pk=document.pk).update(key=key)


class Migration(migrations.Migration):
    dependencies = [("legal_documents", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
