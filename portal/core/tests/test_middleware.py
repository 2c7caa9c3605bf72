from django.http import FileResponse, HttpResponse
from django.test import RequestFactory, SimpleTestCase

from portal.core.middleware import HeadWithoutBodyMiddleware


class HeadWithoutBodyTests(SimpleTestCase):
    def run_middleware(self, method: str, response):
        middleware = HeadWithoutBodyMiddleware(lambda request: response)
        return middleware(RequestFactory().generic(method, "/thong-ke/ghi/"))

    def test_head_keeps_the_headers_and_sends_no_body(self):
        response = self.run_middleware("HEAD", HttpResponse(b"GIF89a...", content_type="image/gif"))
        self.assertEqual(response.content, b"")
        self.assertEqual(response["Content-Length"], "9")
        self.assertEqual(response["Content-Type"], "image/gif")

    def test_head_on_a_streamed_file_sends_no_body(self):
        import io

        response = self.run_middleware("HEAD", FileResponse(io.BytesIO(b"%PDF-1.7 ...")))
        self.assertEqual(b"".join(response.streaming_content), b"")

    def test_get_is_untouched(self):
        self.assertEqual(self.run_middleware("GET", HttpResponse(b"pixel")).content, b"pixel")
