"""Comments stored before format controls were stripped: remove bidi overrides and the like."""

import unicodedata

from django.db import migrations

KEPT = {"\u200c", "\u200d"}


def _strip(text: str) -> str:
    # A frozen copy of portal.core.text.strip_format_controls.
    return "".join(char for char in text if char in KEPT or unicodedata.category(char) != "Cf")


def strip_existing(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    for comment in Comment.objects.only("pk", "name", "text").iterator(chunk_size=500):
        name, text = _strip(comment.name), _strip(comment.text)
        if (name, text) != (comment.name, comment.text):
            Comment.objects.filter(pk=comment.pk).update(name=name, text=text)


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial")]

    operations = [migrations.RunPython(strip_existing, migrations.RunPython.noop)]
