"""Staff roles and the “Medical review” workflow, ready on a fresh database.

Creates three groups — Communications editors, Medical reviewers, Site administrators —
with their permissions, and a “Medical review” workflow whose one task is approved by
Medical reviewers. Wagtail's starter groups are mapped onto these: “Editors” becomes
Communications editors and “Moderators” is removed (its members, if any, become
Communications editors). Wagtail's starter “Moderators approval” workflow is taken off
the root page.

Publishing: Wagtail grants page permissions on a page and everything below it, and a
user with publish permission bypasses workflows. So editors get add/change/lock on the
home page but publish only on the non-clinical sections directly under it (program
index, standard pages); the conditions index and the trial listing carry the Medical
review workflow, so condition and trial pages go live only when a reviewer approves.
The home page itself is published by a superuser. See accounts/roles.py.

The conditions index and trial listing usually do not exist yet when this runs; the
same code (``accounts.roles.apply_section_permissions``) runs again whenever a page is
created directly under the home page, from the admin or from code.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from accounts import roles

    using = schema_editor.connection.alias
    roles.create_permission_rows(apps, using)
    roles.create_roles(apps, using)


def remove_roles(apps, schema_editor):
    from accounts import roles
    from medical_review.setup import TASK_NAME, WORKFLOW_NAME

    using = schema_editor.connection.alias
    apps.get_model("wagtailcore", "Workflow").objects.using(using).filter(
        name=WORKFLOW_NAME
    ).delete()
    apps.get_model("wagtailcore", "GroupApprovalTask").objects.using(using).filter(
        name=TASK_NAME
    ).delete()
    apps.get_model("auth", "Group").objects.using(using).filter(
        name__in=[roles.REVIEWERS, roles.ADMINISTRATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("netsite", "0002_create_homepage"),
        ("trials", "0002_phases"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("programs", "0001_initial"),
        ("conditions", "0002_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
