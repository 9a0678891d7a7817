"""Give each existing alias, body site, type and program link of a condition page a
translation key and the locale of its page, so a Spanish page can translate them."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0005_inline_parts_translatable_step1"),
        ("netsite", "0005_spanish_locale"),
    ]

    operations = [
        BootstrapTranslatableModel("conditions.ConditionAlias"),
        BootstrapTranslatableModel("conditions.ConditionBodySite"),
        BootstrapTranslatableModel("conditions.ConditionType"),
        BootstrapTranslatableModel("conditions.ConditionProgram"),
    ]
