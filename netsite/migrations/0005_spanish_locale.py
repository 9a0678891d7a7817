"""The site's second language: a Spanish locale beside the English one, so editors
can translate pages into Spanish (served under /es/) on a fresh database."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Locale.objects.get_or_create(language_code="es")


def remove_spanish(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Locale = apps.get_model("wagtailcore.Locale")
    if not Page.objects.filter(locale__language_code="es").exists():
        Locale.objects.filter(language_code="es").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("netsite", "0004_settings_help_texts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_spanish, remove_spanish)]
