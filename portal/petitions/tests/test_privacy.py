"""No voter's personal data in any table of the app (Decree 13/2023/NĐ-CP).

Every concrete field of every model is listed here after review: a new field fails this test
until someone has decided it holds no voter's personal data. Deputies are public officials
acting in office; editors (`recorded_by`) are staff, not voters.
"""

import re

from django.apps import apps
from django.test import SimpleTestCase

PERSONAL = re.compile(
    r"phone|dien_thoai|email|mail|address|dia_chi|birth|sinh|gender|gioi_tinh|cccd|cmnd|"
    r"identity|id_number|passport|ip|voter|cu_tri|signature|ethnic|religion|avatar|photo",
    re.IGNORECASE,
)

REVIEWED = {
    "locality": {"id", "code", "name", "level", "division_type", "province"},
    "petitionfield": {"id", "name", "slug", "sort_order"},
    "deputy": {"id", "name", "position", "is_active"},
    "votermeeting": {
        "id",
        "code",
        "held_on",
        "place",
        "locality",
        "occasion",
        "deputies",
        "minutes",
    },
    "deadlinerule": {"id", "applies_from", "forward_days", "answer_days", "basis"},
    "petition": {
        "id",
        "external_id",
        "title",
        "text",
        "field",
        "localities",
        "meetings",
        "agency",
        "received_on",
        "forwarded_on",
        "answered_on",
        "resolved_on",
        "latest_answer_kind",
        "follow_up_since",
        "merged_into",
        "search_text",
        "updated_at",
    },
    "petitionsource": {"id", "petition", "reference", "document"},
    "answer": {
        "id",
        "petition",
        "kind",
        "answered_on",
        "reference",
        "document",
        "summary",
        "target_date",
        "reason",
        "recorded_at",
    },
    "feedback": {"id", "answer", "deputy", "satisfactory", "note", "given_on"},
    "petitionevent": {
        "id",
        "occurred_on",
        "recorded_at",
        "recorded_by",
        "recorded_by_name",
        "kind",
        "note",
        "source_document",
        "corrects",
        "petition",
        "extension_days",
    },
}
# Relations may only point at these models: nothing that describes a voter.
ALLOWED_TARGETS = {
    "petitions.locality",
    "petitions.petitionfield",
    "petitions.deputy",
    "petitions.votermeeting",
    "petitions.petition",
    "petitions.answer",
    "petitions.petitionevent",
    "agencies.agency",
    "images.portaldocument",
    "legal_documents.legaldocument",
    "auth.user",
}


class NoVoterPersonalDataTests(SimpleTestCase):
    def models(self):
        return list(apps.get_app_config("petitions").get_models())

    def test_every_field_was_reviewed(self):
        found = {
            model._meta.model_name: {f.name for f in model._meta.get_fields() if f.concrete}
            for model in self.models()
        }
        self.assertEqual(found, REVIEWED)

    def test_no_field_looks_like_personal_data(self):
        for model in self.models():
            for field in model._meta.get_fields():
                if not field.concrete:
                    continue
                with self.subTest(f"{model.__name__}.{field.name}"):
                    self.assertIsNone(PERSONAL.search(field.name))
                    self.assertIsNone(
                        PERSONAL.search(
                            str(getattr(field, "verbose_name", "")).replace("địa bàn", "")
                        ),
                        field.verbose_name,
                    )

    def test_relations_point_only_at_reviewed_models(self):
        for model in self.models():
            for field in model._meta.get_fields():
                if field.concrete and field.is_relation:
                    with self.subTest(f"{model.__name__}.{field.name}"):
                        self.assertIn(field.related_model._meta.label_lower, ALLOWED_TARGETS)
