"""Each step keeps its own date and logs one event; answers need their type; merging keeps all."""

import datetime
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import TestCase

from portal.agencies.tests.factories import AgencyFactory
from portal.core.events import AppendOnlyError
from portal.petitions import rules
from portal.petitions.models import Answer, Petition, PetitionEvent, PetitionSource
from portal.petitions.services import (
    answer_record,
    petition_create,
    petition_forward,
    petition_merge,
    petitions_follow_up,
)
from portal.petitions.tests.factories import (
    LocalityFactory,
    PetitionFactory,
    PetitionFieldFactory,
    VoterMeetingFactory,
)

D = datetime.date


class SeparateDatesTests(TestCase):
    def setUp(self):
        self.agency = AgencyFactory(code="so-gtvt", name="Sở Giao thông vận tải")
        self.petition = petition_create(
            external_id="kn-1",
            title="Sửa đường liên xã",
            text="Cử tri đề nghị sửa đường.",
            field=PetitionFieldFactory(),
            received_on=D(2026, 3, 10),
        )

    def test_received_forwarded_answered_resolved_are_four_dates(self):
        petition_forward(petition=self.petition, agency=self.agency, forwarded_on=D(2026, 3, 16))
        answer_record(
            petition=self.petition,
            kind=rules.ANSWER_IN_PROGRESS,
            answered_on=D(2026, 4, 2),
            reference="120/SGTVT",
            summary="Đang lập dự án.",
            target_date=D(2026, 9, 30),
        )
        p = Petition.objects.get(pk=self.petition.pk)
        self.assertEqual(
            (p.received_on, p.forwarded_on, p.answered_on, p.resolved_on),
            (D(2026, 3, 10), D(2026, 3, 16), D(2026, 4, 2), None),
        )
        self.assertEqual(p.status, rules.STATUS_IN_PROGRESS)
        answer_record(
            petition=p,
            kind=rules.ANSWER_RESOLVED,
            answered_on=D(2026, 8, 20),
            reference="300/SGTVT",
            summary="Đã sửa xong.",
        )
        p.refresh_from_db()
        # The first answer's date stays the answered date; resolution has its own.
        self.assertEqual((p.answered_on, p.resolved_on), (D(2026, 4, 2), D(2026, 8, 20)))
        self.assertEqual(
            list(p.events.values_list("kind", flat=True)),
            ["received", "forwarded", "answered", "answered", "resolved"],
        )

    def test_answer_before_forwarding_is_refused(self):
        with self.assertRaises(ValidationError):
            answer_record(
                petition=self.petition,
                kind=rules.ANSWER_EXPLAINED,
                answered_on=D(2026, 4, 2),
                reference="1/X",
                summary="…",
            )

    def test_forwarding_before_receipt_is_refused(self):
        with self.assertRaises(ValidationError):
            petition_forward(petition=self.petition, agency=self.agency, forwarded_on=D(2026, 3, 1))
        self.assertIsNone(Petition.objects.get(pk=self.petition.pk).forwarded_on)

    def test_events_cannot_be_edited_or_deleted(self):
        event = self.petition.events.get()
        event.note = "sửa"
        with self.assertRaises(AppendOnlyError):
            event.save()
        with self.assertRaises(AppendOnlyError):
            PetitionEvent.objects.filter(pk=event.pk).delete()


class AnswerTypeRequiredTests(TestCase):
    def setUp(self):
        self.petition = PetitionFactory(forwarded_on=D(2026, 3, 12), agency=AgencyFactory())

    def record(self, **kwargs):
        values = {
            "petition": self.petition,
            "answered_on": D(2026, 4, 1),
            "reference": "1/UBND",
            "summary": "Nội dung.",
        }
        values.update(kwargs)
        return answer_record(**values)

    def test_answer_without_type_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.record(kind="")
        self.assertIn("kind", caught.exception.message_dict)
        self.assertFalse(Answer.objects.exists())
        self.assertIsNone(Petition.objects.get(pk=self.petition.pk).answered_on)

    def test_in_progress_needs_target_date_and_unresolvable_needs_reason(self):
        with self.assertRaises(ValidationError) as caught:
            self.record(kind=rules.ANSWER_IN_PROGRESS)
        self.assertIn("target_date", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            self.record(kind=rules.ANSWER_UNRESOLVABLE, reason="  ")
        self.assertIn("reason", caught.exception.message_dict)
        self.assertFalse(Answer.objects.exists())

    def test_database_refuses_what_the_form_would(self):
        for values in (
            {"kind": ""},
            {"kind": "whatever"},
            {"kind": rules.ANSWER_IN_PROGRESS, "target_date": None},
            {"kind": rules.ANSWER_UNRESOLVABLE, "reason": ""},
        ):
            with self.subTest(values), self.assertRaises(IntegrityError), transaction.atomic():
                Answer.objects.create(
                    petition=self.petition,
                    answered_on=D(2026, 4, 1),
                    reference="x",
                    summary="y",
                    **values,
                )


class TargetDateTests(TestCase):
    def setUp(self):
        self.petition = PetitionFactory(forwarded_on=D(2026, 3, 12), agency=AgencyFactory())
        answer_record(
            petition=self.petition,
            kind=rules.ANSWER_IN_PROGRESS,
            answered_on=D(2026, 4, 1),
            reference="45/UBND",
            summary="Sẽ hoàn thành trong quý II.",
            target_date=D(2026, 6, 30),
        )

    def test_scheduler_brings_the_petition_back_after_the_target_date(self):
        call_command("follow_up_petitions", "--today", "2026-06-30", stdout=StringIO())
        self.petition.refresh_from_db()
        self.assertEqual(
            self.petition.status, rules.STATUS_IN_PROGRESS
        )  # the day itself is in time

        out = StringIO()
        call_command("follow_up_petitions", "--today", "2026-07-01", stdout=out)
        self.assertIn("1 kiến nghị", out.getvalue())
        self.petition.refresh_from_db()
        self.assertEqual(self.petition.status, rules.STATUS_FOLLOW_UP)
        self.assertEqual(self.petition.follow_up_since, D(2026, 7, 1))
        event = self.petition.events.get(kind=PetitionEvent.FOLLOW_UP)
        self.assertEqual(event.occurred_on, D(2026, 7, 1))
        self.assertIn("30/06/2026", event.note)
        self.assertIsNone(event.recorded_by)

        # Running again logs nothing more.
        self.assertEqual(petitions_follow_up(today=D(2026, 7, 2)), [])
        self.assertEqual(self.petition.events.filter(kind=PetitionEvent.FOLLOW_UP).count(), 1)
        self.assertIn(self.petition, Petition.objects.with_status(rules.STATUS_FOLLOW_UP))

    def test_resolved_before_the_date_never_comes_back(self):
        answer_record(
            petition=self.petition,
            kind=rules.ANSWER_RESOLVED,
            answered_on=D(2026, 6, 1),
            reference="60/UBND",
            summary="Đã xong.",
        )
        self.assertEqual(petitions_follow_up(today=D(2026, 8, 1)), [])

    def test_a_new_answer_clears_follow_up(self):
        petitions_follow_up(today=D(2026, 7, 1))
        answer_record(
            petition=self.petition,
            kind=rules.ANSWER_IN_PROGRESS,
            answered_on=D(2026, 7, 5),
            reference="80/UBND",
            summary="Gia hạn đến cuối năm.",
            target_date=D(2026, 12, 31),
        )
        self.petition.refresh_from_db()
        self.assertEqual(self.petition.status, rules.STATUS_IN_PROGRESS)

    def test_command_refuses_a_bad_date(self):
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "Ngày không hợp lệ"):
            call_command("follow_up_petitions", "--today", "31/12/2026", stdout=StringIO())

    def test_command_is_scheduled(self):
        from django.conf import settings

        self.assertIn("follow_up_petitions", settings.SCHEDULED_COMMANDS)


class MergeTests(TestCase):
    def test_merging_keeps_every_meeting_locality_and_source(self):
        a_loc, b_loc, shared = LocalityFactory(), LocalityFactory(), LocalityFactory()
        m1, m2, m3 = VoterMeetingFactory(), VoterMeetingFactory(), VoterMeetingFactory()
        field = PetitionFieldFactory()
        keep = petition_create(
            external_id="kn-a",
            title="Ngập úng đường Láng",
            text="Cử tri phản ánh ngập.",
            field=field,
            received_on=D(2026, 3, 1),
            localities=[a_loc, shared],
            meetings=[m1],
            sources=["BC 12/ĐĐBQH"],
        )
        dup = petition_create(
            external_id="kn-b",
            title="Ngập đường Láng mùa mưa",
            text="Mưa là ngập.",
            field=field,
            received_on=D(2026, 3, 5),
            localities=[b_loc, shared],
            meetings=[m2, m3],
            sources=["BC 12/ĐĐBQH", "BC 15/HĐND"],
        )
        petition_merge(duplicate=dup, into=keep, on=D(2026, 3, 20))
        keep.refresh_from_db()
        dup.refresh_from_db()
        self.assertEqual(set(keep.meetings.all()), {m1, m2, m3})
        self.assertEqual(set(keep.localities.all()), {a_loc, b_loc, shared})
        self.assertEqual(
            sorted(keep.sources.values_list("reference", flat=True)), ["BC 12/ĐĐBQH", "BC 15/HĐND"]
        )
        # The duplicate keeps its own record too: nothing of it is deleted.
        self.assertEqual(dup.merged_into, keep)
        self.assertEqual(set(dup.meetings.all()), {m2, m3})
        self.assertEqual(PetitionSource.objects.filter(petition=dup).count(), 2)
        self.assertEqual(dup.status, rules.STATUS_MERGED)
        self.assertNotIn(dup, Petition.objects.public())
        self.assertTrue(
            keep.events.filter(kind=PetitionEvent.MERGED_FROM, note__contains="kn-b").exists()
        )
        self.assertTrue(
            dup.events.filter(kind=PetitionEvent.MERGED, note__contains="kn-a").exists()
        )

    def test_merged_petition_redirects_permanently(self):
        keep, dup = PetitionFactory(), PetitionFactory()
        petition_merge(duplicate=dup, into=keep, on=D(2026, 3, 20))
        response = self.client.get(dup.get_absolute_url())
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], keep.get_absolute_url())

    def test_chain_of_merges_points_at_the_last(self):
        a, b, c = PetitionFactory(), PetitionFactory(), PetitionFactory()
        petition_merge(duplicate=a, into=b, on=D(2026, 3, 20))
        petition_merge(duplicate=b, into=c, on=D(2026, 3, 21))
        a.refresh_from_db()
        self.assertEqual(a.merged_into, c)

    def test_refusals(self):
        a, b = (
            PetitionFactory(),
            PetitionFactory(forwarded_on=D(2026, 3, 12), agency=AgencyFactory()),
        )
        with self.assertRaises(ValidationError):
            petition_merge(duplicate=a, into=a, on=D(2026, 3, 20))
        answer_record(
            petition=b,
            kind=rules.ANSWER_EXPLAINED,
            answered_on=D(2026, 4, 1),
            reference="1",
            summary="x",
        )
        with self.assertRaisesMessage(ValidationError, "đã có trả lời"):
            petition_merge(duplicate=b, into=a, on=D(2026, 4, 2))
        petition_merge(duplicate=a, into=b, on=D(2026, 4, 2))  # the other way round is fine
