"""The portal's own image and document models, swapped in from the first migration."""

from django.db import models

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

__all__ = ["PortalDocument", "PortalImage", "PortalRendition"]


class PortalImage(AbstractImage):
    """An image with the credit line Vietnamese newsrooms print under photos."""

    credit = models.CharField("nguồn ảnh / tác giả", max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"
        permissions = [("choose_image", "Can choose image")]


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class PortalDocument(AbstractDocument):
    """A downloadable file (e.g. the scanned text of a legal document)."""

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = "tài liệu"
        verbose_name_plural = "tài liệu"
        permissions = [("choose_document", "Can choose document")]
