import re

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import TestCase
from django.urls import reverse

from portal.demo.links import DEMO_LINKS, load_demo_links
from portal.links.models import WebsiteLink
from portal.links.tests.factories import WebsiteLinkFactory


class WebsiteLinkModelTests(TestCase):
    def test_only_http_and_https_addresses_are_accepted(self):
        for url in ("https://quochoi.vn", "http://hanoi.gov.vn/tin-tuc"):
            WebsiteLink(name="Được", url=url).full_clean()
        for url in (
            "javascript:alert(1)",
            "ftp://example.vn/file",
            "data:text/html,hi",
            "//evil.vn",
        ):
            with self.subTest(url=url), self.assertRaises(ValidationError) as caught:
                WebsiteLink(name="Sai", url=url).full_clean()
            self.assertIn("url", caught.exception.message_dict)

    def test_active_links_come_in_sort_order(self):
        WebsiteLinkFactory(name="Thứ hai", sort_order=20)
        WebsiteLinkFactory(name="Thứ nhất", sort_order=10)
        WebsiteLinkFactory(name="Đã ẩn", sort_order=5, active=False)
        self.assertEqual(
            [link.name for link in WebsiteLink.objects.active().in_order()],
            ["Thứ nhất", "Thứ hai"],
        )


class WebsiteLinkSidebarTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.second = WebsiteLinkFactory(
            name="Cổng thông tin Chính phủ", url="https://chinhphu.vn", sort_order=20
        )
        cls.first = WebsiteLinkFactory(name="Quốc hội", url="https://quochoi.vn", sort_order=10)
        cls.hidden = WebsiteLinkFactory(
            name="Trang cũ", url="https://cu.example.vn", sort_order=1, active=False
        )

    def sidebar(self) -> str:
        html = render_to_string("includes/sidebar.html")
        start = html.index('class="box website-links"')
        return html[start : html.index("</section>", start)]

    def test_sidebar_lists_active_links_in_order_opening_safely_in_a_new_tab(self):
        box = self.sidebar()
        self.assertIn("Liên kết website", box)
        anchors = re.findall(
            r'<a href="([^"]+)" target="_blank" rel="noopener noreferrer">([^<]+)<', box
        )
        self.assertEqual(
            anchors,
            [
                ("https://quochoi.vn", "Quốc hội"),
                ("https://chinhphu.vn", "Cổng thông tin Chính phủ"),
            ],
        )
        self.assertNotIn("Trang cũ", box)
        self.assertEqual(box.count("<a "), 2)

    def test_select_jumps_through_a_get_form_without_javascript(self):
        box = self.sidebar()
        self.assertIn(f'action="{reverse("links:jump")}"', box)
        self.assertIn('method="get"', box)
        self.assertIn('target="_blank" rel="noopener noreferrer"', box)
        options = re.findall(r'<option value="(\d*)">([^<]+)</option>', box)
        self.assertEqual(
            options[1:],
            [(str(self.first.pk), "Quốc hội"), (str(self.second.pk), "Cổng thông tin Chính phủ")],
        )


class WebsiteLinkJumpTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.link = WebsiteLinkFactory(name="Quốc hội", url="https://quochoi.vn")
        cls.hidden = WebsiteLinkFactory(name="Ẩn", url="https://an.example.vn", active=False)

    def jump(self, **params):
        return self.client.get(reverse("links:jump"), params)

    def test_redirects_to_a_listed_link_by_id_or_exact_address(self):
        for response in (self.jump(id=self.link.pk), self.jump(url="https://quochoi.vn")):
            self.assertEqual(response.status_code, 302)
            self.assertEqual(response["Location"], "https://quochoi.vn")
            self.assertEqual(response["Referrer-Policy"], "no-referrer")

    def test_refuses_addresses_not_in_the_list(self):
        for params in (
            {"url": "https://evil.example"},
            {"url": "https://quochoi.vn.evil.example"},
            {"url": "//evil.example"},
            {"url": "javascript:alert(1)"},
            {"id": "999999"},
            {"id": "1 OR 1=1"},
            {"id": str(self.hidden.pk)},
            {"url": "https://an.example.vn"},
            {},
        ):
            with self.subTest(params=params):
                response = self.jump(**params)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Location", response)
                self.assertIn("Không tìm thấy liên kết", response.content.decode())

    def test_post_is_not_allowed(self):
        self.assertEqual(
            self.client.post(reverse("links:jump"), {"id": self.link.pk}).status_code, 405
        )


class DemoLinksTests(TestCase):
    def test_demo_links_load_once(self):
        self.assertEqual(load_demo_links(), len(DEMO_LINKS))
        self.assertEqual(load_demo_links(), 0)
        urls = set(WebsiteLink.objects.values_list("url", flat=True))
        self.assertTrue(
            {"https://quochoi.vn", "https://chinhphu.vn", "https://hanoi.gov.vn"} <= urls
        )


class WebsiteLinkAdminTests(TestCase):
    def test_editors_manage_links_from_the_admin(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from portal.core.editorial import EDITOR, editorial_setup

        editorial_setup()
        editor = get_user_model().objects.create_user("bientap", password="x")
        editor.groups.add(Group.objects.get(name=EDITOR))
        self.client.force_login(editor)
        WebsiteLinkFactory(name="Quốc hội", url="https://quochoi.vn")
        listing = self.client.get(reverse("wagtailsnippets_links_websitelink:list"))
        self.assertContains(listing, "Quốc hội")
        self.assertContains(listing, "https://quochoi.vn")
        refused = self.client.post(
            reverse("wagtailsnippets_links_websitelink:add"),
            {"name": "Xấu", "url": "javascript:alert(1)", "sort_order": "1", "active": "on"},
        )
        self.assertEqual(refused.status_code, 200)
        self.assertFalse(WebsiteLink.objects.filter(name="Xấu").exists())
        added = self.client.post(
            reverse("wagtailsnippets_links_websitelink:add"),
            {"name": "Hà Nội", "url": "https://hanoi.gov.vn", "sort_order": "5", "active": "on"},
        )
        self.assertEqual(added.status_code, 302)
        self.assertTrue(WebsiteLink.objects.filter(url="https://hanoi.gov.vn").exists())


class LinkJumpIdTests(TestCase):
    def test_only_ascii_digit_ids_are_followed(self):
        link = WebsiteLink.objects.create(name="Quốc hội", url="https://quochoi.vn/")
        ok = self.client.get(f"/lien-ket/chuyen-den/?id={link.pk}")
        self.assertEqual((ok.status_code, ok["Location"]), (302, "https://quochoi.vn/"))
        arabic_indic = str(link.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        for value in ("²", "¹", arabic_indic, f"{link.pk}²", str(2**63), "9" * 30, "-1"):
            response = self.client.get("/lien-ket/chuyen-den/", {"id": value})
            self.assertEqual(response.status_code, 404, value)
