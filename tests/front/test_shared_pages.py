"""Pages every visitor shares: same bytes, no cookie, shared-cache headers, 304s, purge, editors."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.test import Client, TestCase, override_settings

from portal.comments.models import Comment, CommentStatus
from portal.comments.services import comment_moderate
from portal.core.pagecache import content_version
from portal.core.visitors import COOKIE_NAME, COOKIE_SALT
from portal.demo.testing import load_demo_content
from portal.legal_documents.models import LegalDocument
from portal.news.models import ArticlePage, SectionPage
from portal.polls.models import Poll
from portal.ratings.services import rating_cast

SEED_SLUG = "doan-kiem-tra-so-2-lam-viec-voi-quan-uy-hoan-kiem"


def _browser_like(client: Client) -> Client:
    """A returning visitor: their identity cookie and a CSRF cookie, as a browser would send."""
    client.cookies[COOKIE_NAME] = signing.dumps("a" * 32, salt=COOKIE_SALT)
    client.cookies["csrftoken"] = "x" * 32
    return client


class SharedPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.article = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.section = SectionPage.objects.live().first()
        cls.poll = Poll.objects.first()
        document = LegalDocument.objects.first()
        cls.paths = [
            "/",
            cls.section.url,
            cls.article.url,
            "/van-ban-phap-ly/",
            f"/van-ban-phap-ly/{document.pk}/" if document else "/van-ban-phap-ly/",
            f"/binh-chon/{cls.poll.pk}/ket-qua/",
            f"/binh-chon/{cls.poll.pk}/",
        ]

    def setUp(self):
        cache.clear()

    def test_anonymous_pages_are_the_same_bytes_for_everyone_without_cookies(self):
        for path in self.paths:
            with self.subTest(path=path):
                first = Client().get(path)
                cache.clear()  # the second one renders again, from a visitor with cookies
                second = _browser_like(Client()).get(path)
                self.assertEqual(first.status_code, 200)
                self.assertEqual(first.content, second.content)
                for response in (first, second):
                    self.assertFalse(response.cookies, f"{path} sets {list(response.cookies)}")
                    self.assertEqual(response["Cache-Control"], "public, max-age=0, s-maxage=1")
                    self.assertTrue(response["ETag"].startswith('W/"'))
                    self.assertIn("Last-Modified", response)
                    self.assertNotIn("Vary", response)
                html = first.content.decode()
                self.assertNotIn("csrfmiddlewaretoken", html)
                self.assertNotIn("captcha/image/", html)

    def test_a_head_request_carries_the_same_validators(self):
        get = Client().get(self.article.url)
        head = Client().head(self.article.url)
        self.assertEqual(head.status_code, 200)
        self.assertEqual(head["ETag"], get["ETag"])
        self.assertFalse(head.cookies)

    def test_a_conditional_request_is_answered_304_without_rendering(self):
        response = Client().get(self.article.url)
        with self.assertNumQueries(1):  # the content version, nothing else
            again = Client().get(self.article.url, HTTP_IF_NONE_MATCH=response["ETag"])
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again["ETag"], response["ETag"])
        self.assertEqual(again["Cache-Control"], "public, max-age=0, s-maxage=1")
        since = Client().get(self.article.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        self.assertEqual(since.status_code, 304)

    @override_settings(PAGE_CACHE_APP_SECONDS=300)
    def test_the_application_cache_serves_a_second_request_without_rendering(self):
        first = Client().get(self.article.url)
        with self.assertNumQueries(1):
            second = Client().get(self.article.url)
        self.assertEqual(second["X-App-Cache"], "HIT")
        self.assertEqual(first.content, second.content)

    def test_publishing_an_edit_changes_the_etag_and_the_page(self):
        before = Client().get(self.article.url)
        with self.captureOnCommitCallbacks(execute=True):
            revision = self.article.save_revision()
            self.article.title = "Tiêu đề mới sau khi sửa"
            revision = self.article.save_revision()
            revision.publish()
        self.assertEqual(
            Client().get(self.article.url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code, 200
        )
        self.assertIn("Tiêu đề mới sau khi sửa", Client().get(self.article.url).content.decode())

    def test_unpublishing_and_approving_a_comment_bump_the_content_version(self):
        version = content_version()[0]
        comment = Comment.objects.create(
            article=self.article, name="Dân", text="Ý kiến", status=CommentStatus.PENDING
        )
        with self.captureOnCommitCallbacks(execute=True):
            comment_moderate(comments=[comment], status=CommentStatus.APPROVED)
        self.assertGreater(content_version()[0], version)
        self.assertIn("Ý kiến", Client().get(self.article.url).content.decode())
        version = content_version()[0]
        with self.captureOnCommitCallbacks(execute=True):
            self.article.unpublish()
        self.assertGreater(content_version()[0], version)
        self.assertEqual(Client().get(self.article.url).status_code, 404)

    def test_votes_and_ratings_do_not_empty_the_caches(self):
        version = content_version()[0]
        with self.captureOnCommitCallbacks(execute=True):
            rating_cast(article_id=self.article.pk, visitor_key="c:" + "b" * 32, stars=5)
        self.assertEqual(content_version()[0], version)

    def test_an_images_size_and_hash_filled_in_on_first_use_change_no_page(self):
        from wagtail.images.tests.utils import get_test_image_file

        from portal.images.models import PortalImage

        with self.captureOnCommitCallbacks(execute=True):
            image = PortalImage.objects.create(title="Ảnh", file=get_test_image_file())
        PortalImage.objects.filter(pk=image.pk).update(file_size=None, file_hash="")
        image.refresh_from_db()
        version = content_version()[0]
        with self.captureOnCommitCallbacks(execute=True):
            self.assertGreater(image.get_file_size(), 0)  # saves file_size, as a render does
            self.assertTrue(image.get_file_hash())  # saves file_hash
        self.assertEqual(content_version()[0], version)
        with self.captureOnCommitCallbacks(execute=True):
            image.title = "Ảnh đã đổi tên"
            image.save()
        self.assertGreater(content_version()[0], version)

    def test_a_notice_for_one_visitor_is_never_shared(self):
        response = Client().get(self.article.url + "?danh-gia=moi")
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertNotIn("ETag", response)
        response = Client().get(self.article.url + "?binh-luan=da-gui")
        self.assertEqual(response["Cache-Control"], "private, no-store")


@override_settings(PAGE_CACHE_APP_SECONDS=300)
class EditorsNeverCachedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.article = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.editor = get_user_model().objects.create_superuser("bientap", password="x")

    def setUp(self):
        cache.clear()

    def test_an_editors_page_with_the_userbar_never_reaches_an_anonymous_visitor(self):
        editor = Client()
        editor.force_login(self.editor)
        mine = editor.get(self.article.url)
        self.assertIn("wagtail-userbar", mine.content.decode())
        self.assertIn("private", mine["Cache-Control"])
        self.assertIn("no-store", mine["Cache-Control"])
        self.assertNotIn("ETag", mine)
        # Even when the editor sends the shared page's validator, the answer is rendered for them.
        shared_etag = Client().get(self.article.url)["ETag"]
        cache.clear()
        again = editor.get(self.article.url, HTTP_IF_NONE_MATCH=shared_etag)
        self.assertEqual(again.status_code, 200)
        anonymous = Client().get(self.article.url)
        self.assertNotIn("X-App-Cache", anonymous)
        self.assertNotIn("wagtail-userbar", anonymous.content.decode())
        self.assertNotIn("bientap", anonymous.content.decode())

    def test_a_preview_is_never_shared(self):
        editor = Client()
        editor.force_login(self.editor)
        response = editor.get(f"/admin/pages/{self.article.pk}/view_draft/")
        # 302 where the admin first asks for the second factor (accounts); never shared either way.
        self.assertIn(response.status_code, (200, 302))
        self.assertIn("private", response["Cache-Control"])


class VisitorStateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.article = ArticlePage.objects.get(slug=SEED_SLUG)
        cls.poll = Poll.objects.first()

    def test_a_page_sets_no_visitor_cookie_the_visitor_request_does(self):
        client = Client()
        self.assertNotIn(COOKIE_NAME, client.get(self.article.url).cookies)
        response = client.get(f"/ca-nhan/?bai-viet={self.article.pk}&binh-chon={self.poll.pk}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertIn(COOKIE_NAME, response.cookies)
        self.assertIn("csrftoken", response.cookies)
        state = response.json()
        self.assertTrue(state["csrf_token"])
        self.assertIsNone(state["rating"]["mine"])
        self.assertFalse(state["poll"]["voted"])
        self.assertIn("total_display", state["visits"])

    def test_a_voter_sees_their_own_stars_and_vote_with_the_token_the_request_gave(self):
        client = Client(enforce_csrf_checks=True)
        token = client.get(f"/ca-nhan/?bai-viet={self.article.pk}").json()["csrf_token"]
        rated = client.post(
            f"/danh-gia/bai-viet/{self.article.pk}/",
            {"stars": "4"},
            HTTP_ACCEPT="application/json",
            HTTP_X_CSRFTOKEN=token,
        )
        self.assertEqual(rated.status_code, 200, rated.content)
        option = self.poll.options.first()
        voted = client.post(
            f"/binh-chon/{self.poll.pk}/",
            {"option": str(option.pk)},
            HTTP_ACCEPT="application/json",
            HTTP_X_CSRFTOKEN=token,
        )
        self.assertEqual(voted.status_code, 200, voted.content)
        state = client.get(f"/ca-nhan/?bai-viet={self.article.pk}&binh-chon={self.poll.pk}").json()
        self.assertEqual(state["rating"]["mine"], 4)
        self.assertEqual(state["rating"]["count_display"], "1")
        self.assertEqual(state["rating"]["average_display"], "4,0")
        self.assertTrue(state["poll"]["voted"])
        self.assertEqual(state["poll"]["total"], 1)
        # Someone else: the live figures, not the first visitor's vote.
        other = Client().get(f"/ca-nhan/?bai-viet={self.article.pk}&binh-chon={self.poll.pk}")
        self.assertIsNone(other.json()["rating"]["mine"])
        self.assertFalse(other.json()["poll"]["voted"])
        self.assertEqual(other.json()["poll"]["total"], 1)

    def test_bad_ids_are_ignored(self):
        response = Client().get("/ca-nhan/?bai-viet=abc&binh-chon=99999999999999999999999")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("rating", response.json())
        self.assertNotIn("poll", response.json())

    def test_without_javascript_a_rating_goes_through_one_confirmation(self):
        client = Client(enforce_csrf_checks=True)
        url = f"/danh-gia/bai-viet/{self.article.pk}/"
        first = client.post(url, {"stars": "5"}, HTTP_SEC_FETCH_SITE="same-origin")
        self.assertEqual(first.status_code, 403)
        html = first.content.decode()
        self.assertIn("Xác nhận gửi", html)
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        done = client.post(url, {"stars": "5", "csrfmiddlewaretoken": token})
        self.assertEqual(done.status_code, 303)
        page = client.get(done["Location"])
        self.assertEqual(page["Cache-Control"], "private, no-store")
        self.assertIn("Cảm ơn bạn đã đánh giá", page.content.decode())
