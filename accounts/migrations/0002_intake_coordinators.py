"""The Intake coordinators group, and the intake rights of the other roles.

Intake coordinators read, export and mark handled the families' requests sent to their
teams; Site administrators also choose who is in each team; Communications editors may
reword the request forms. The same code as 0001 (``accounts.roles.create_roles``): it
refreshes every role, now that the intake app's models exist.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from accounts import roles

    using = schema_editor.connection.alias
    roles.create_permission_rows(apps, using)
    roles.create_roles(apps, using)


def remove_intake_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(
        name="Intake coordinators"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_roles"),
        ("intake", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_intake_group)]
