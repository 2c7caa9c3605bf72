from django.test import Client, TestCase


class CsrfFailureTests(TestCase):
    def test_a_post_without_token_gets_a_vietnamese_403_page(self):
        response = Client(enforce_csrf_checks=True).post("/binh-chon/1/", {"option": "1"})
        assert response.status_code == 403
        assert "tải lại trang" in response.content.decode()

    def test_a_json_post_without_token_gets_a_vietnamese_403_json(self):
        response = Client(enforce_csrf_checks=True).post(
            "/binh-chon/1/", {"option": "1"}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 403
        assert "tải lại trang" in response.json()["error"]
