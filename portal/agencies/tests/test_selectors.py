"""Finding agencies by code and by the names an article uses."""

from django.test import TestCase

from portal.agencies.models import Agency
from portal.agencies.selectors import agencies_named_in, agency_by_code

from .factories import AgencyFactory


class AgencySelectorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.committee = AgencyFactory(
            code="ban-thuong-vu-huyen-uy-me-linh",
            name="Ban Thường vụ Huyện ủy Mê Linh",
            short_name="Huyện ủy Mê Linh",
            kind=Agency.KIND_PARTY,
        )
        AgencyFactory(code="ubnd-soc-son", name="Ủy ban nhân dân huyện Sóc Sơn", is_active=False)

    def test_by_code(self):
        self.assertEqual(agency_by_code("ban-thuong-vu-huyen-uy-me-linh"), self.committee)
        self.assertEqual(agency_by_code(" BAN-thuong-vu-huyen-uy-me-linh "), self.committee)
        self.assertIsNone(agency_by_code("khong-co"))
        self.assertIsNone(agency_by_code(""))

    def test_named_in_folds_diacritics_and_ignores_inactive(self):
        text = "Đoàn kiểm tra làm việc với Ban Thuong vu Huyen uy Me Linh; UBND huyện Sóc Sơn."
        self.assertEqual(agencies_named_in(text), [self.committee])
        self.assertEqual(agencies_named_in("Huyện ủy Mê Linh"), [self.committee])
        self.assertEqual(agencies_named_in("Huyện ủy Mê Linhh"), [])

    def test_str(self):
        self.assertEqual(str(self.committee), "Ban Thường vụ Huyện ủy Mê Linh")
