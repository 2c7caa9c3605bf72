"""The admin processing page: each step one form, refusals shown in Vietnamese, nothing half-done."""

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from portal.accounts.testing import force_login_verified
from portal.agencies.tests.factories import AgencyFactory
from portal.petitions.models import Answer, Petition, PetitionEvent
from portal.petitions.tests.factories import PetitionFactory


class ProcessPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("bt", "bt@example.vn", "x")
        cls.agency = AgencyFactory(code="so-y-te", name="Sở Y tế")
        cls.petition = PetitionFactory(received_on=datetime.date(2026, 3, 2))

    def setUp(self):
        force_login_verified(self.client, self.editor)
        self.url = reverse("petitions_admin:process", args=[self.petition.pk])

    def post(self, step, **data):
        return self.client.post(
            self.url, {"step": step, **{f"{step}-{k}": v for k, v in data.items()}}
        )

    def test_forward_then_answer_without_type_is_refused(self):
        self.assertEqual(self.client.get(self.url).status_code, 200)
        response = self.post(
            "forward", agency=self.agency.pk, forwarded_on="04/03/2026", note="CV 12"
        )
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        response = self.post(
            "answer", answered_on="20/03/2026", reference="5/SYT", summary="Đã trả lời."
        )
        self.assertContains(response, "Phải chọn loại trả lời.", status_code=400)
        self.assertContains(response, "5/SYT", status_code=400)  # what was typed comes back
        response = self.post(
            "answer",
            kind="in_progress",
            answered_on="20/03/2026",
            reference="5/SYT",
            summary="Đang làm.",
        )
        self.assertContains(response, "phải có hạn giải quyết xong", status_code=400)
        self.assertFalse(Answer.objects.exists())
        response = self.post(
            "answer",
            kind="in_progress",
            answered_on="20/03/2026",
            reference="5/SYT",
            summary="Đang làm.",
            target_date="30/06/2026",
        )
        self.assertEqual(response.status_code, 302)
        petition = Petition.objects.get(pk=self.petition.pk)
        self.assertEqual(petition.answered_on, datetime.date(2026, 3, 20))
        self.assertEqual(
            list(petition.events.values_list("kind", "recorded_by_name")),
            [(PetitionEvent.FORWARDED, "bt"), (PetitionEvent.ANSWERED, "bt")],
        )

    def test_extension_needs_days(self):
        response = self.post("clock", clock="extend", on="05/03/2026", note="Khảo sát")
        self.assertContains(response, "Nhập số ngày làm việc gia hạn", status_code=400)
        self.assertEqual(
            self.post("clock", clock="extend", on="05/03/2026", days="5").status_code, 302
        )
        self.assertEqual(self.petition.events.get().extension_days, 5)

    def test_visitors_and_plain_users_are_kept_out(self):
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)  # to the login page
        plain = get_user_model().objects.create_user("khach", "k@example.vn", "x")
        from django.contrib.auth.models import Permission

        plain.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(plain)
        # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
        for url in (self.url, reverse("petitions_admin:csv") + "?download=1"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
