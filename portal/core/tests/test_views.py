from django.test import Client, TestCase


class CsrfFailureTests(TestCase):
    def test_a_cross_site_post_without_token_gets_a_vietnamese_403_page(self):
        response = Client(enforce_csrf_checks=True).post(
            "/binh-chon/1/", {"option": "1"}, HTTP_ORIGIN="https://evil.example"
        )
        assert response.status_code == 403
        assert "tải lại trang" in response.content.decode()
        assert "Xác nhận gửi" not in response.content.decode()

    def test_a_json_post_without_token_gets_a_vietnamese_403_json(self):
        response = Client(enforce_csrf_checks=True).post(
            "/binh-chon/1/", {"option": "1"}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 403
        assert "tải lại trang" in response.json()["error"]

    def test_a_form_from_a_cached_page_comes_back_to_confirm_with_a_token(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            "/danh-gia/bai-viet/5/",
            {"stars": "4", "csrfmiddlewaretoken": "stale"},
            HTTP_SEC_FETCH_SITE="same-origin",
        )
        assert response.status_code == 403
        html = response.content.decode()
        assert "Xác nhận gửi" in html
        assert 'name="stars" value="4"' in html
        assert 'value="stale"' not in html
        assert 'action="/danh-gia/bai-viet/5/"' in html
        assert response["Cache-Control"] == "private, no-store"
        assert "csrftoken" in response.cookies
