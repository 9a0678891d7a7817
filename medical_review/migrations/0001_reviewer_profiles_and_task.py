"""Reviewer profiles, and the Medical review step as a task type of its own.

The "Medical review" step was a plain group-approval task (accounts/0001_roles). It
becomes a ``MedicalReviewTask``: the same task row, group and history (a task type is a
child table of the task), now requiring a reviewer profile to approve and confirming
before it publishes.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def convert_review_tasks(apps, schema_editor):
    from medical_review.setup import REVIEWERS

    using = schema_editor.connection.alias
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")  # noqa: N806
    MedicalReviewTask = apps.get_model("medical_review", "MedicalReviewTask")  # noqa: N806
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    content_type, _ = ContentType.objects.db_manager(using).get_or_create(
        app_label="medical_review", model="medicalreviewtask"
    )
    tasks = GroupApprovalTask.objects.using(using).filter(groups__name=REVIEWERS)
    for task in tasks.exclude(pk__in=MedicalReviewTask.objects.using(using).values("pk")):
        # Only the child row is new: raw=True saves no parent rows.
        MedicalReviewTask(groupapprovaltask_ptr_id=task.pk).save_base(
            raw=True, using=using
        )
        GroupApprovalTask.objects.using(using).filter(pk=task.pk).update(
            content_type=content_type
        )


def restore_group_approval_tasks(apps, schema_editor):
    using = schema_editor.connection.alias
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")  # noqa: N806
    MedicalReviewTask = apps.get_model("medical_review", "MedicalReviewTask")  # noqa: N806
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    content_type, _ = ContentType.objects.db_manager(using).get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    ids = list(MedicalReviewTask.objects.using(using).values_list("pk", flat=True))
    GroupApprovalTask.objects.using(using).filter(pk__in=ids).update(
        content_type=content_type
    )
    MedicalReviewTask.objects.using(using).filter(pk__in=ids)._raw_delete(using)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wagtailcore', '0098_apitoken'),
        ('accounts', '0001_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MedicalReviewTask',
            fields=[
                ('groupapprovaltask_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.groupapprovaltask')),
            ],
            options={
                'verbose_name': 'Medical review task',
                'verbose_name_plural': 'Medical review tasks',
            },
            bases=('wagtailcore.groupapprovaltask',),
        ),
        migrations.CreateModel(
            name='ReviewerProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_name', models.CharField(help_text='Your name as families read it on reviewed pages, for example “Rita Reviewer”.', max_length=100, verbose_name='public name')),
                ('credentials', models.CharField(help_text='Your degrees or professional credentials, for example “MD” or “MD, PhD”.', max_length=60)),
                ('specialty', models.CharField(blank=True, help_text='Optional: your specialty, for example “Pediatric Oncology”.', max_length=80)),
                ('updated_at', models.DateTimeField(auto_now=True, help_text='When the profile was last changed.')),
                ('user', models.OneToOneField(help_text="The Medical reviewer's account.", on_delete=django.db.models.deletion.CASCADE, related_name='reviewer_profile', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'reviewer profile',
            },
        ),
        migrations.RunPython(convert_review_tasks, restore_group_approval_tasks),
    ]
