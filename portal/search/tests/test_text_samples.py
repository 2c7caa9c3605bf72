"""The search analyser, query reader and highlighter against the shared labelled set.

The same sentences measure the reference recogniser (legal_documents/tests/test_references.py)
and the importer (importer/tests/test_text_samples.py): every consumer must read the same
symbols and give them the same keys.
"""

from django.test import SimpleTestCase

from portal.core.tests.text_samples import SAMPLES
from portal.core.text import find_symbols, fold, nfc
from portal.search.analysis import parse_query, text_symbols
from portal.search.highlight import highlight


def symbol_keys(expected: list[str]) -> list[str]:
    """The labelled keys of documents cited by symbol (keys of named documents start with a
    letter)."""
    return list(dict.fromkeys(key for key in expected if key[:1].isdigit()))


class SearchReadsTheLabelledSymbols(SimpleTestCase):
    def test_indexed_symbols_are_the_labelled_ones(self):
        wrong = [
            (sentence, text_symbols(sentence), symbol_keys(expected))
            for sentence, expected in SAMPLES
            if text_symbols(sentence) != symbol_keys(expected)
        ]
        self.assertEqual(wrong, [])

    def test_a_symbol_typed_as_written_or_loosely_finds_its_key(self):
        checked, loose_misses = 0, set()
        for sentence, _ in SAMPLES:
            sentence = nfc(sentence)
            for found in find_symbols(sentence):
                written = sentence[found.start : found.end]
                with self.subTest(typed=written):
                    self.assertIn(found.key, parse_query(written).symbol_keys())
                loose = fold(written).replace("-", " ").replace("/", " ")
                if found.key not in parse_query(loose).symbol_keys():
                    loose_misses.add(loose)
                checked += 1
        self.assertGreaterEqual(checked, 100)
        # Typed loosely, codes that are everyday syllables read as words (see core.text).
        self.assertEqual(loose_misses, {"04 nq hu", "03 da tu", "55 qd t.u"})

    def test_the_highlighter_marks_each_symbol_as_written(self):
        for sentence, expected in SAMPLES:
            sentence = nfc(sentence)
            keys = set(symbol_keys(expected))
            if not keys:
                continue
            with self.subTest(sentence=sentence):
                html = highlight(sentence, set(), keys)
                for found in find_symbols(sentence):
                    if found.key in keys:
                        self.assertIn(f"<mark>{sentence[found.start : found.end]}</mark>", html)
