from django.test import Client, TestCase


class CsrfFailureTests(TestCase):
    def test_a_cross_site_post_without_token_gets_a_vietnamese_403_page(self):
        response = Client(enforce_csrf_checks=True).post(
            "/binh-chon/1/", {"option": "1"}, HTTP_ORIGIN="https://evil.example"
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("tải lại trang", response.content.decode())
        self.assertNotIn("Xác nhận gửi", response.content.decode())

    def test_a_json_post_without_token_gets_a_vietnamese_403_json(self):
        response = Client(enforce_csrf_checks=True).post(
            "/binh-chon/1/", {"option": "1"}, HTTP_ACCEPT="application/json"
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("tải lại trang", response.json()["error"])

    def test_a_form_from_a_cached_page_comes_back_to_confirm_with_a_token(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            "/danh-gia/bai-viet/5/",
            {"stars": "4", "csrfmiddlewaretoken": "stale"},
            HTTP_SEC_FETCH_SITE="same-origin",
        )
        self.assertEqual(response.status_code, 403)
        html = response.content.decode()
        self.assertIn("Xác nhận gửi", html)
        self.assertIn('name="stars" value="4"', html)
        self.assertNotIn('value="stale"', html)
        self.assertIn('action="/danh-gia/bai-viet/5/"', html)
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertIn("csrftoken", response.cookies)
