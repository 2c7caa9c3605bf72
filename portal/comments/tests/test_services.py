import hashlib
import unicodedata

from django.core.exceptions import ValidationError
from django.test import TestCase

from portal.comments.models import Comment, CommentStatus
from portal.comments.services import comment_moderate, comment_submit
from portal.comments.tests.factories import CommentFactory
from portal.core.testing.pages import published_article


class CommentSubmitServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()

    def test_stores_a_pending_comment_in_nfc_with_clean_line_breaks(self):
        decomposed = unicodedata.normalize("NFD", "Hòa Bình")
        comment = comment_submit(
            article=self.article,
            name=f"  {decomposed}\u00a0 ",
            email=" ban@example.vn ",
            text="  Dòng một   \r\nDòng hai\r\n\r\n",
            visitor_key="c:abc",
        )
        self.assertEqual(comment.status, CommentStatus.PENDING)
        self.assertEqual(comment.name, unicodedata.normalize("NFC", "Hòa Bình"))
        self.assertEqual(comment.email, "ban@example.vn")
        self.assertEqual(comment.text, "Dòng một\nDòng hai")

    def test_keeps_a_keyed_hash_of_the_visitor_not_the_key(self):
        def submit(key: str) -> str:
            return comment_submit(
                article=self.article, name="A", email="", text="B", visitor_key=key
            ).visitor_hash

        first, again, other = submit("a:deadbeef"), submit("a:deadbeef"), submit("a:deadbeee")
        self.assertEqual(first, again)  # one sender's comments can be grouped
        self.assertNotEqual(first, other)
        self.assertNotIn("deadbeef", first)
        # Keyed: not a plain digest anyone could recompute from a guessed key.
        for digest in (hashlib.sha256, hashlib.sha1, hashlib.md5):
            self.assertNotEqual(first, digest(b"a:deadbeef").hexdigest())

    def test_refuses_oversized_or_empty_input(self):
        for fields in (
            {"name": "x" * 101, "text": "ok"},
            {"name": "ok", "text": "x" * 3001},
            {"name": "", "text": "ok"},
            {"name": "ok", "text": "   "},
        ):
            with self.subTest(fields=fields), self.assertRaises(ValidationError):
                comment_submit(article=self.article, email="", visitor_key="c:x", **fields)
        with self.assertRaises(ValidationError):
            comment_submit(
                article=self.article, name="A", email="not-an-email", text="B", visitor_key="c:x"
            )
        self.assertFalse(Comment.objects.exists())


class CommentModerateServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = published_article()

    def test_sets_status_on_the_given_comments_only_and_counts_changes(self):
        first, second, third = CommentFactory.create_batch(3, article=self.article)
        changed = comment_moderate(comments=[first, second.pk], status=CommentStatus.APPROVED)
        self.assertEqual(changed, 2)
        self.assertEqual(
            list(Comment.objects.approved().order_by("pk").values_list("pk", flat=True)),
            [first.pk, second.pk],
        )
        third.refresh_from_db()
        self.assertEqual(third.status, CommentStatus.PENDING)
        # Already approved: nothing changes the second time.
        self.assertEqual(comment_moderate(comments=[first], status=CommentStatus.APPROVED), 0)

    def test_unknown_status_is_an_error(self):
        comment = CommentFactory(article=self.article)
        with self.assertRaises(ValueError):
            comment_moderate(comments=[comment], status="published")
