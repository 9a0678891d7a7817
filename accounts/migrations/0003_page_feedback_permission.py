"""Communications editors, Medical reviewers and Site administrators may read page
feedback (``feedback.view_pagevote``): the roles refreshed from accounts/roles.py,
as 0001 created them (idempotent; nothing else changes)."""

from django.db import migrations


def refresh_roles(apps, schema_editor):
    from accounts import roles

    using = schema_editor.connection.alias
    roles.create_permission_rows(apps, using)
    roles.create_roles(apps, using)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_intake_coordinators"),
        ("feedback", "0001_initial"),
    ]

    operations = [migrations.RunPython(refresh_roles, migrations.RunPython.noop)]
