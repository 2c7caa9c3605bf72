"""Replayed codes, invisible format characters, NUL bytes, code floods, a dead Redis."""

from django.test import Client, override_settings

from captcha.models import CaptchaStore

from portal.comments.captcha import captcha_consume
from portal.comments.models import Comment
from portal.comments.tests.test_views import CommentTestCase, real_captcha
from portal.core.testing import free_port


class CodeUsedOnceTests(CommentTestCase):
    def test_consuming_a_code_is_one_step_that_succeeds_once(self):
        key, answer = real_captcha()
        self.assertTrue(captcha_consume(hashkey=key, response=answer))
        self.assertFalse(captcha_consume(hashkey=key, response=answer))
        self.assertFalse(CaptchaStore.objects.filter(hashkey=key).exists())

    def test_a_wrong_answer_spends_the_code(self):
        key, answer = real_captcha()
        wrong = "0" if answer[0] != "0" else "1"
        self.assertFalse(captcha_consume(hashkey=key, response=wrong + answer[1:]))
        self.assertFalse(captcha_consume(hashkey=key, response=answer))

    def test_a_solved_code_posted_twice_gives_one_comment(self):
        data = self.payload()
        self.assertNotEqual(data["captcha_1"], "PASSED")  # a real answer, not the test mode's
        first = self.client.post(self.post_url, data)
        second = self.client.post(self.post_url, data)
        self.assertEqual(first.status_code, 302)
        self.assertEqual(second.status_code, 400)
        self.assertIn("Mã xác thực không đúng.", second.content.decode())
        self.assertEqual(Comment.objects.count(), 1)


class CommentTextTests(CommentTestCase):
    def test_bidirectional_controls_are_stripped_before_storing(self):
        text = "Đồng ý \u202eđây là\u202c ý kiến \u2066hay\u2069\u200f"
        response = self.client.post(
            self.post_url, self.payload(name="Lê\u202e Văn\u00ad A", text=text)
        )
        self.assertEqual(response.status_code, 302)
        comment = Comment.objects.get()
        self.assertEqual(comment.text, "Đồng ý đây là ý kiến hay")
        self.assertEqual(comment.name, "Lê Văn A")

    def test_a_nul_character_is_refused_in_vietnamese(self):
        response = self.client.post(self.post_url, self.payload(text="Xin chào\x00"))
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertNotIn("Null characters", html)
        self.assertIn("ký tự rỗng (NUL)", html)
        self.assertFalse(Comment.objects.exists())


class CodeRequestLimitTests(CommentTestCase):
    @override_settings(RATE_LIMITS={"captcha": {"visitor": "100/600", "address": "3/600"}})
    def test_images_and_refreshes_are_rate_limited(self):
        key, _ = real_captcha()
        client = Client(REMOTE_ADDR="10.2.0.1")
        statuses = [client.get(f"/captcha/image/{key}/").status_code for _ in range(2)]
        statuses.append(
            client.get(
                "/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}
            ).status_code
        )
        refused = client.get("/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"})
        self.assertEqual(statuses, [200, 200, 200])
        self.assertEqual(refused.status_code, 429)
        self.assertIn("quá nhiều lần", refused.content.decode())
        self.assertEqual(client.get(f"/captcha/image/{key}@2/").status_code, 429)


class RedisDownTests(CommentTestCase):
    """REDIS_URL set, nothing listening: comments and codes refuse clearly, nothing is a 500."""

    def test_comments_and_codes_fail_closed_in_vietnamese(self):
        key, _ = real_captcha()
        with override_settings(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0"):
            comment = self.client.post(self.post_url, self.payload(text="Giữ lại nội dung này"))
            image = self.client.get(f"/captcha/image/{key}/")
            refresh = self.client.get(
                "/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"}
            )
        self.assertEqual(comment.status_code, 503)
        html = comment.content.decode()
        self.assertIn("tạm gián đoạn", html)
        self.assertIn("Giữ lại nội dung này</textarea>", html)
        self.assertEqual((image.status_code, refresh.status_code), (503, 503))
        self.assertFalse(Comment.objects.exists())
