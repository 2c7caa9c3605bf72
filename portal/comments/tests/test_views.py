import re
import shutil
from unittest import skipUnless

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from captcha.models import CaptchaStore

from portal.comments.models import Comment, CommentStatus
from portal.comments.tests.factories import CommentFactory
from portal.core.ratelimit import reset_rate_limits
from portal.core.testing.pages import published_article

SENT = "Bình luận của bạn đã được gửi và đang chờ kiểm duyệt."
WRONG_CODE = "Mã xác thực không đúng."


def real_captcha() -> tuple[str, str]:
    """A stored verification code and its answer, as a visitor would read it off the image."""
    key = CaptchaStore.generate_key()
    return key, CaptchaStore.objects.get(hashkey=key).response


class CommentTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()

    def setUp(self):
        cache.clear()
        reset_rate_limits()

    @property
    def post_url(self) -> str:
        return reverse("comments:post", args=[self.article.pk])

    def payload(self, **overrides) -> dict[str, str]:
        key, answer = real_captcha()
        data = {
            "name": "Nguyễn Văn Hòa",
            "email": "hoa@example.vn",
            "text": "Bài viết rất bổ ích.\nCảm ơn ban biên tập.",
            "website": "",
            "captcha_0": key,
            "captcha_1": answer,
        }
        data.update(overrides)
        return data


class CommentFormMarkupTests(CommentTestCase):
    def test_article_page_shows_the_form_with_stable_markup(self):
        response = self.client.get(self.article.url)
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn('id="comment-form"', html)
        for name in ("name", "email", "text", "captcha_0", "captcha_1"):
            self.assertIn(f'name="{name}"', html)
        self.assertIn('id="comments"', html)
        self.assertIn("Gửi bình luận</button>", html)
        self.assertIn("Bình luận (0)", html)
        self.assertIn("Mã xác thực", html)
        self.assertIn('data-refresh-url="/captcha/refresh/"', html)

    def test_honeypot_is_hidden_from_people_and_screen_readers(self):
        html = self.client.get(self.article.url).content.decode()
        trap = re.search(
            r'<div class="comment-form__trap" aria-hidden="true">(.*?)</div>', html, re.S
        )
        self.assertIsNotNone(trap)
        self.assertIn('name="website"', trap.group(1))
        self.assertIn('tabindex="-1"', trap.group(1))

    def test_captcha_refresh_endpoint_gives_a_new_code(self):
        response = self.client.get(
            "/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}
        )
        data = response.json()
        self.assertTrue(CaptchaStore.objects.filter(hashkey=data["key"]).exists())
        self.assertEqual(data["image_url"], f"/captcha/image/{data['key']}/")
        self.assertEqual(self.client.get(data["image_url"])["Content-Type"], "image/png")


class CommentSubmitTests(CommentTestCase):
    def test_right_code_stores_a_pending_comment_and_redirects_with_a_notice(self):
        response = self.client.post(self.post_url, self.payload())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], f"{self.article.url}?binh-luan=da-gui#binh-luan")
        comment = Comment.objects.get()
        self.assertEqual(comment.status, CommentStatus.PENDING)
        self.assertEqual(comment.name, "Nguyễn Văn Hòa")
        self.assertEqual(comment.text, "Bài viết rất bổ ích.\nCảm ơn ban biên tập.")
        page = self.client.get(response["Location"]).content.decode()
        self.assertIn(SENT, page)
        self.assertNotIn("Cảm ơn ban biên tập", page)  # pending: not shown yet
        self.assertIn("Bình luận (0)", page)

    def test_wrong_code_says_so_and_keeps_what_was_typed(self):
        data = self.payload(captcha_1="wrong", text="Dòng một <b>đậm</b>\nDòng hai & ba")
        response = self.client.post(self.post_url, data)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.context["comment_form"].errors["captcha"], [WRONG_CODE])
        html = response.content.decode()
        self.assertIn(WRONG_CODE, html)
        self.assertIn('value="Nguyễn Văn Hòa"', html)
        self.assertIn('value="hoa@example.vn"', html)
        self.assertIn("Dòng một &lt;b&gt;đậm&lt;/b&gt;\nDòng hai &amp; ba</textarea>", html)
        self.assertFalse(Comment.objects.exists())
        # A fresh code comes with the re-rendered form (the failed one is spent).
        self.assertFalse(CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists())
        fresh = re.search(r'name="captcha_0" value="(\w+)"', html).group(1)
        self.assertNotEqual(fresh, data["captcha_0"])
        self.assertTrue(CaptchaStore.objects.filter(hashkey=fresh).exists())

    def test_a_code_works_only_once(self):
        data = self.payload()
        self.assertEqual(self.client.post(self.post_url, data).status_code, 302)
        replay = self.client.post(self.post_url, {**data, "text": "Gửi lại lần nữa."})
        self.assertEqual(replay.status_code, 400)
        self.assertEqual(replay.context["comment_form"].errors["captcha"], [WRONG_CODE])
        self.assertEqual(Comment.objects.count(), 1)

    def test_test_settings_accept_the_known_test_code(self):
        response = self.client.post(self.post_url, self.payload(captcha_1="PASSED"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Comment.objects.count(), 1)

    def test_filled_honeypot_is_silently_discarded(self):
        response = self.client.post(self.post_url, self.payload(website="http://spam.example"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("binh-luan=da-gui", response["Location"])
        self.assertFalse(Comment.objects.exists())

    def test_email_is_optional_and_never_shown(self):
        self.client.post(self.post_url, self.payload(email=""))
        comment = Comment.objects.get()
        self.assertEqual(comment.email, "")
        CommentFactory(article=self.article, email="an@example.vn", status=CommentStatus.APPROVED)
        self.assertNotIn("an@example.vn", self.client.get(self.article.url).content.decode())

    def test_visitor_key_is_stored_only_as_a_hash(self):
        self.client.get(self.article.url)  # receive the visitor cookie
        self.client.post(self.post_url, self.payload())
        comment = Comment.objects.get()
        self.assertRegex(comment.visitor_hash, r"^[0-9a-f]{64}$")
        self.assertNotIn("127.0.0.1", comment.visitor_hash)


class CommentLimitTests(CommentTestCase):
    def test_name_over_100_characters_is_refused_with_a_vietnamese_message(self):
        response = self.client.post(self.post_url, self.payload(name="Đ" * 101))
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Họ và tên tối đa 100 ký tự (bạn đã nhập 101).",
            response.context["comment_form"].errors["name"],
        )
        self.assertFalse(Comment.objects.exists())

    def test_text_over_3000_characters_is_refused_and_kept(self):
        text = "ư" * 3001
        response = self.client.post(self.post_url, self.payload(text=text))
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Nội dung bình luận tối đa 3.000 ký tự (bạn đã nhập 3001).",
            response.content.decode(),
        )
        self.assertIn(text, response.content.decode())
        self.assertFalse(Comment.objects.exists())

    def test_text_of_exactly_3000_characters_is_accepted(self):
        response = self.client.post(self.post_url, self.payload(text="a" * 3000))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(len(Comment.objects.get().text), 3000)

    @override_settings(RATE_LIMITS={"comments": {"visitor": "2/600", "address": "30/600"}})
    def test_too_many_posts_from_one_visitor_get_429_and_keep_the_text(self):
        self.client.get("/ca-nhan/")  # the page script's per-visitor request: the cookie
        for _ in range(2):
            self.assertEqual(self.client.post(self.post_url, self.payload()).status_code, 302)
        response = self.client.post(self.post_url, self.payload(text="Lần thứ ba"))
        self.assertEqual(response.status_code, 429)
        html = response.content.decode()
        self.assertIn("Bạn đã gửi quá nhiều bình luận trong thời gian ngắn.", html)
        self.assertIn("Lần thứ ba</textarea>", html)
        self.assertEqual(response["Retry-After"], "600")
        self.assertEqual(Comment.objects.count(), 2)
        # Another visitor (another cookie) is not affected.
        other = Client(REMOTE_ADDR="10.0.0.9")
        other.get("/ca-nhan/")  # the page script's per-visitor request: the cookie
        self.assertEqual(other.post(self.post_url, self.payload()).status_code, 302)

    @override_settings(RATE_LIMITS={"comments": {"visitor": "2/600", "address": "3/600"}})
    def test_throwing_the_cookie_away_does_not_escape_the_limit(self):
        statuses = []
        for _ in range(4):
            fresh = Client()  # a new visitor cookie every time, same address
            fresh.get("/ca-nhan/")  # the page script's per-visitor request: the cookie
            statuses.append(fresh.post(self.post_url, self.payload()).status_code)
        self.assertEqual(statuses, [302, 302, 302, 429])
        self.assertEqual(Comment.objects.count(), 3)


class CommentMalformedPostTests(CommentTestCase):
    def test_missing_fields_get_vietnamese_messages(self):
        response = self.client.post(self.post_url, {})
        self.assertEqual(response.status_code, 400)
        errors = response.context["comment_form"].errors
        self.assertEqual(errors["name"], ["Vui lòng nhập họ và tên."])
        self.assertEqual(errors["text"], ["Vui lòng nhập nội dung bình luận."])
        self.assertEqual(errors["captcha"], ["Vui lòng nhập mã xác thực."])

    def test_invalid_email_is_refused(self):
        response = self.client.post(self.post_url, self.payload(email="không phải email"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Địa chỉ email không hợp lệ.", response.content.decode())

    def test_repeated_fields_json_and_files_are_handled_without_500(self):
        repeated = self.client.post(
            self.post_url,
            "name=a&name=b&text=x&text=y",
            content_type="application/x-www-form-urlencoded",
        )
        self.assertEqual(repeated.status_code, 400)
        as_json = self.client.post(
            self.post_url, {"name": ["x"], "text": {"a": 1}}, content_type="application/json"
        )
        self.assertEqual(as_json.status_code, 400)
        with_file = self.client.post(
            self.post_url, {**self.payload(), "text": SimpleUploadedFile("a.txt", b"hello")}
        )
        self.assertEqual(with_file.status_code, 400)
        self.assertIn("Vui lòng nhập nội dung bình luận.", with_file.content.decode())
        nul = self.client.post(self.post_url, self.payload(name="a\x00b"))
        self.assertEqual(nul.status_code, 400)
        self.assertFalse(Comment.objects.exists())

    def test_ten_megabyte_body_gets_a_clear_vietnamese_error(self):
        response = self.client.post(self.post_url, self.payload(text="x" * (10 * 1024 * 1024)))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Nội dung gửi lên quá lớn (tối đa 5 MB)", response.content.decode())
        self.assertFalse(Comment.objects.exists())
        # The same 10 MB as a file in a multipart post: ignored, and the form says what's missing.
        upload = SimpleUploadedFile("big.txt", b"x" * (10 * 1024 * 1024))
        response = self.client.post(self.post_url, {**self.payload(), "text": "", "file": upload})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Vui lòng nhập nội dung bình luận.", response.content.decode())
        self.assertFalse(Comment.objects.exists())

    def test_unknown_article_is_404_and_get_is_405(self):
        self.assertEqual(
            self.client.post(reverse("comments:post", args=[999999]), self.payload()).status_code,
            404,
        )
        self.assertEqual(self.client.get(self.post_url).status_code, 405)

    def test_post_without_csrf_token_is_forbidden(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(self.post_url, self.payload(), HTTP_ORIGIN="https://evil.example")
        self.assertEqual(response.status_code, 403)
        self.assertIn("Phiên làm việc", response.content.decode())
        self.assertFalse(Comment.objects.exists())
        # From our own (cached, token-less) page: the same form back, to confirm with a token.
        confirm = client.post(self.post_url, self.payload()).content.decode()
        self.assertIn("Xác nhận gửi", confirm)
        self.assertFalse(Comment.objects.exists())
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm).group(1)
        ok = client.post(self.post_url, {**self.payload(), "csrfmiddlewaretoken": token})
        self.assertEqual(ok.status_code, 302)


class CommentDisplayTests(CommentTestCase):
    def test_only_approved_comments_show_with_their_count(self):
        for status in CommentStatus.values:
            CommentFactory(article=self.article, status=status, text=f"Bình luận {status}")
        CommentFactory(article=self.article, status=CommentStatus.APPROVED, text="Dòng 1\nDòng 2")
        html = self.client.get(self.article.url).content.decode()
        self.assertIn("Bình luận (2)", html)
        self.assertIn("Bình luận approved", html)
        self.assertIn("Dòng 1<br>Dòng 2", html)
        for hidden in ("pending", "rejected", "spam"):
            self.assertNotIn(f"Bình luận {hidden}", html)

    def test_hostile_markup_renders_inert(self):
        hostile = (
            "<script>alert(1)</script>\n"
            "<img src=x onerror=alert(1)>\n"
            '<a href="javascript:alert(1)">bấm vào đây</a> javascript:alert(1)'
        )
        CommentFactory(
            article=self.article,
            status=CommentStatus.APPROVED,
            name='<svg onload=alert(1)>"',
            text=hostile,
        )
        html = self.client.get(self.article.url).content.decode()
        block = html[html.index('id="comments"') : html.index('id="comment-form"')]
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;<br>", block)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", block)
        self.assertIn("&lt;a href=&quot;javascript:alert(1)&quot;&gt;", block)
        self.assertIn("&lt;svg onload=alert(1)&gt;&quot;", block)
        for raw in ("<script", "<img", "<svg", "<a ", 'href="javascript'):
            self.assertNotIn(raw, block)
        # No real tag in the block carries an event handler or a javascript: address.
        self.assertIsNone(re.search(r"<[a-z][^>]*\son\w+\s*=", block))
        self.assertIsNone(re.search(r"<[a-z][^>]*javascript:", block))


@skipUnless(shutil.which("espeak-ng"), "espeak-ng (Debian) speaks the verification code")
class CaptchaAudioTests(CommentTestCase):
    def test_code_can_be_heard_in_vietnamese_instead_of_read(self):
        html = self.client.get(self.article.url).content.decode()
        self.assertIn("Nghe đọc mã xác thực", html)
        # The code itself comes when the form is opened (comments.js), never in the shared page.
        code = self.client.get("/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        audio_url = code.json()["audio_url"]
        response = self.client.get(audio_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "audio/wav")
        body = b"".join(response.streaming_content)
        self.assertTrue(body.startswith(b"RIFF"))
        self.assertGreater(len(body), 20_000)  # five spoken digits, not an empty file
        refreshed = self.client.get(
            "/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}
        ).json()
        self.assertEqual(refreshed["audio_url"], f"/captcha/audio/{refreshed['key']}.wav")

    @override_settings(RATE_LIMITS={"captcha-audio": {"visitor": "1/600", "address": "4/600"}})
    def test_spoken_code_is_rate_limited(self):
        self.client.get(self.article.url)  # receive the visitor cookie
        key, _ = real_captcha()
        self.assertEqual(self.client.get(f"/captcha/audio/{key}.wav").status_code, 200)
        response = self.client.get(f"/captcha/audio/{key}.wav")
        self.assertEqual(response.status_code, 429)
        self.assertIn("quá nhiều lần", response.content.decode())
