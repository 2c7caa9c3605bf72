from django.test import SimpleTestCase

from portal.importer.tests.factories import legacy_dump, to_cp1258


class ToCp1258Tests(SimpleTestCase):
    def test_base_letter_precomposed_and_tone_mark_combining(self):
        self.assertEqual(to_cp1258("Hợp").decode("cp1258"), "Hơ\u0323p")


class LegacyDumpTests(SimpleTestCase):
    def test_same_index_gives_the_same_dump(self):
        self.assertEqual(legacy_dump(7), legacy_dump(7))
        self.assertNotEqual(legacy_dump(7)[0], legacy_dump(8)[0])
