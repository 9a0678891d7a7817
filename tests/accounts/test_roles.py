"""The four staff roles: created by migrations, and what each may do in the admin.

The permission matrix drives the real admin views through the test client for each
role; nothing here reads permission tables to decide what a role can do.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    TaskState,
    Workflow,
    WorkflowState,
)

from accounts import roles
from medical_review.models import MedicalReviewTask, ReviewerProfile
from tests import factories
from tests.roles_fixtures import *  # noqa: F403
from tests.roles_fixtures import (
    condition_form,
    edit_url,
    make_user,
    program_form,
    standard_form,
)

pytestmark = pytest.mark.django_db

EDITORS, REVIEWERS, ADMINISTRATORS, INTAKE = (
    roles.EDITORS,
    roles.REVIEWERS,
    roles.ADMINISTRATORS,
    roles.INTAKE,
)


# --- After migrate --------------------------------------------------------------------


def test_migrations_create_exactly_the_four_roles_with_descriptions():
    # The test database is built by running every migration: no fixture made these.
    names = set(Group.objects.values_list("name", flat=True))
    assert names == {EDITORS, REVIEWERS, ADMINISTRATORS, INTAKE}
    assert "Editors" not in names and "Moderators" not in names
    for name in names:
        assert len(roles.ROLE_DESCRIPTIONS[name]) > 40


def test_migrations_create_the_medical_review_workflow():
    workflow = Workflow.objects.get(name="Medical review")
    assert workflow.active
    [task] = [t.specific for t in workflow.tasks]
    assert isinstance(task, MedicalReviewTask)  # a group approval task of our type
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [REVIEWERS]
    # Wagtail's starter workflow on the root page is gone.
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert Page.get_first_root_node().get_workflow() is None


def test_migrations_grant_permissions_on_the_home_page(home):
    granted = set(
        GroupPagePermission.objects.filter(page=home).values_list(
            "group__name", "permission__codename"
        )
    )
    assert granted == {
        (EDITORS, "add_page"),
        (EDITORS, "change_page"),
        (EDITORS, "lock_page"),
        (ADMINISTRATORS, "add_page"),
        (ADMINISTRATORS, "change_page"),
        (ADMINISTRATORS, "lock_page"),
        (ADMINISTRATORS, "unlock_page"),
    }
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(codename="import_trials").exists()


def test_wagtail_moderators_are_folded_into_editors_when_roles_are_reapplied(db):
    moderators = Group.objects.create(name="Moderators")
    old_moderator = make_user("oldmod")
    old_moderator.groups.add(moderators)

    roles.create_roles(apps, "default")

    assert not Group.objects.filter(name="Moderators").exists()
    assert list(old_moderator.groups.values_list("name", flat=True)) == [EDITORS]


def test_sections_created_in_code_get_the_workflow_and_publish_rights(sections):
    assert sections["conditions"].get_workflow().name == "Medical review"
    assert sections["trials"].get_workflow().name == "Medical review"
    assert sections["programs"].get_workflow() is None

    def grants(page):
        return set(
            GroupPagePermission.objects.filter(page=page).values_list(
                "group__name", "permission__codename"
            )
        )

    assert grants(sections["conditions"]) == {(REVIEWERS, "change_page")}
    assert grants(sections["trials"]) == {(REVIEWERS, "change_page")}
    assert grants(sections["programs"]) == {
        (EDITORS, "publish_page"),
        (ADMINISTRATORS, "publish_page"),
    }


# --- The permission matrix ------------------------------------------------------------


def allowed(response) -> bool:
    """200: the view rendered. Anything else must be one of Wagtail's refusals."""
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response.url in (reverse("wagtailadmin_home"), "/admin/"), response.url
    return False


def get(client, name, *args):
    return allowed(client.get(reverse(name, args=args)))


def publishes_directly(client, page, form_for) -> bool:
    """POST the edit form with “Publish”; True if the change went live."""
    new_title = f"{page.title} (changed)"
    response = client.post(
        edit_url(page), {**form_for(page, title=new_title), "action-publish": "1"}
    )
    if response.status_code == 200:  # the form was refused: show why
        raise AssertionError(response.context["form"].errors)
    return type(page).objects.get(pk=page.pk).title == new_title


def approves_review(client, page, editor) -> bool:
    """An editor submits the page; True if the signed-in user can then approve it."""
    from django.test import Client

    editor_client = Client()
    editor_client.force_login(editor)
    editor_client.post(edit_url(page), {**condition_form(page), "action-submit": "1"})
    state = WorkflowState.objects.for_instance(Page.objects.get(pk=page.pk)).get()
    task_state = state.current_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    return TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


AREAS = {
    "dashboard": lambda c, p: get(c, "wagtailadmin_home"),
    "edit condition page": lambda c, p: get(
        c, "wagtailadmin_pages:edit", p["condition"].pk
    ),
    "edit trial page": lambda c, p: get(c, "wagtailadmin_pages:edit", p["trial"].pk),
    "edit program page": lambda c, p: get(
        c, "wagtailadmin_pages:edit", p["program"].pk
    ),
    "edit standard page": lambda c, p: get(
        c, "wagtailadmin_pages:edit", p["standard"].pk
    ),
    "add condition page": lambda c, p: get(
        c, "wagtailadmin_pages:add", "conditions", "conditionpage", p["conditions"].pk
    ),
    "preview condition page": lambda c, p: allowed(
        c.get(reverse("wagtailadmin_pages:view_draft", args=[p["condition"].pk]))
    ),
    "publish condition page": lambda c, p: publishes_directly(
        c, p["condition"], condition_form
    ),
    "publish program page": lambda c, p: publishes_directly(
        c, p["program"], program_form
    ),
    "publish standard page": lambda c, p: publishes_directly(
        c, p["standard"], standard_form
    ),
    "approve medical review": lambda c, p: approves_review(
        c, p["condition"], p["editor"]
    ),
    "images": lambda c, p: (
        get(c, "wagtailimages:index") and get(c, "wagtailimages:add_multiple")
    ),
    "documents": lambda c, p: (
        get(c, "wagtaildocs:index") and get(c, "wagtaildocs:add_multiple")
    ),
    "snippets: people": lambda c, p: (
        get(c, "wagtailsnippets_programs_person:list")
        and get(c, "wagtailsnippets_programs_person:add")
    ),
    "snippets: collaborative groups": lambda c, p: get(
        c, "wagtailsnippets_programs_collaborativegroup:add"
    ),
    "trial import": lambda c, p: get(c, "trials_import"),
    "users": lambda c, p: get(c, "wagtailusers_users:index"),
    "groups": lambda c, p: get(c, "wagtailusers_groups:index"),
    "site settings": lambda c, p: get(
        c,
        "wagtailsettings:edit",
        "netsite",
        "sitesettings",
        p["conditions"].get_site().pk,
    ),
    "sites": lambda c, p: get(c, "wagtailsites:index"),
    "workflows": lambda c, p: get(c, "wagtailadmin_workflows:index"),
    "collections": lambda c, p: get(c, "wagtailadmin_collections:index"),
    "redirects": lambda c, p: get(c, "wagtailredirects:index"),
    "reviewer profiles": lambda c, p: (
        get(c, "reviewer_profiles:index") and get(c, "reviewer_profiles:add")
    ),
    "report: due for medical review": lambda c, p: get(c, "medical_review_due"),
    "report: locked pages": lambda c, p: get(c, "wagtailadmin_reports:locked_pages"),
    "django admin": lambda c, p: allowed(c.get("/django-admin/")),
    "report: page feedback": lambda c, p: get(c, "feedback_report"),
    "families' requests": lambda c, p: get(c, "family_requests:index"),
    "intake teams": lambda c, p: (
        get(c, "wagtailsnippets_intake_intaketeam:list")
        and get(c, "wagtailsnippets_intake_intaketeam:add")
    ),
    "request form wording": lambda c, p: get(
        c,
        "wagtailsettings:edit",
        "intake",
        "intakesettings",
        p["conditions"].get_site().pk,
    ),
}

Y, N = True, False
# area: (Communications editors, Medical reviewers, Site administrators, Intake
# coordinators)
MATRIX = {
    "dashboard": (Y, Y, Y, Y),
    "edit condition page": (Y, Y, Y, N),
    "edit trial page": (Y, Y, Y, N),
    "edit program page": (Y, N, Y, N),
    "edit standard page": (Y, N, Y, N),
    "add condition page": (Y, N, Y, N),
    "preview condition page": (Y, Y, Y, N),
    "publish condition page": (N, N, N, N),
    "publish program page": (Y, N, Y, N),
    "publish standard page": (Y, N, Y, N),
    "approve medical review": (N, Y, N, N),
    "images": (Y, N, Y, N),
    "documents": (Y, N, Y, N),
    "snippets: people": (Y, N, Y, N),
    "snippets: collaborative groups": (Y, N, Y, N),
    "trial import": (Y, N, Y, N),
    "users": (N, N, Y, N),
    "groups": (N, N, N, N),  # superusers decide what a group may do
    "site settings": (N, N, Y, N),
    "sites": (N, N, N, N),
    "workflows": (N, N, N, N),
    "collections": (N, N, N, N),
    "redirects": (N, N, Y, N),
    "reviewer profiles": (N, N, Y, N),
    "report: due for medical review": (Y, Y, Y, N),
    "report: locked pages": (N, N, Y, N),
    "django admin": (N, N, N, N),
    "report: page feedback": (Y, Y, Y, N),
    # Listed for administrators and coordinators; which requests each sees depends on
    # team membership (tests/intake/test_request_admin.py).
    "families' requests": (N, N, Y, Y),
    "intake teams": (N, N, Y, N),  # membership decides who reads requests
    "request form wording": (Y, N, Y, N),
}
ROLE_INDEX = {EDITORS: 0, REVIEWERS: 1, ADMINISTRATORS: 2, INTAKE: 3}


def test_the_matrix_covers_every_area():
    assert set(MATRIX) == set(AREAS)


@pytest.fixture
def pages(sections, condition, trial, program, standard_page, editor):
    return {
        **sections,
        "condition": condition,
        "trial": trial,
        "program": program,
        "standard": standard_page,
        "editor": editor,
    }


@pytest.mark.parametrize("role", [EDITORS, REVIEWERS, ADMINISTRATORS, INTAKE])
@pytest.mark.parametrize("area", list(MATRIX))
def test_permission_matrix(client, pages, role, area):
    user = make_user(f"user-{ROLE_INDEX[role]}", role)
    # Everyone has a reviewer profile, so only the role decides who may approve.
    ReviewerProfile.objects.create(user=user, public_name="Pat Lee", credentials="MD")
    client.force_login(user)
    expected = MATRIX[area][ROLE_INDEX[role]]
    assert AREAS[area](client, pages) is expected, f"{role}: {area}"


def test_nobody_publishes_a_condition_page_outside_the_workflow(
    client, pages, administrator
):
    client.force_login(administrator)
    publishes_directly(client, pages["condition"], condition_form)
    assert not PageLogEntry.objects.filter(
        page=pages["condition"], action="wagtail.publish"
    ).exists()


def test_groups_admin_shows_what_each_role_is_for(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    )
    html = client.get(reverse("wagtailusers_groups:index")).content.decode()
    for name in (EDITORS, REVIEWERS, ADMINISTRATORS):
        assert name in html
        assert roles.ROLE_DESCRIPTIONS[name][:40] in html
    group = Group.objects.get(name=REVIEWERS)
    edit = client.get(
        reverse("wagtailusers_groups:edit", args=[group.pk])
    ).content.decode()
    assert roles.ROLE_DESCRIPTIONS[REVIEWERS][:40] in edit


def test_the_django_admin_is_not_installed():
    assert not apps.is_installed("django.contrib.admin")


def test_editors_find_people_by_care_team(client, editor, program):
    on_team = factories.ProgramTeamMemberFactory(page=program).person
    elsewhere = factories.PersonFactory(name="Someone Elsewhere")
    client.force_login(editor)
    url = reverse("wagtailsnippets_programs_person:list")
    html = client.get(url, {"program": program.pk}).content.decode()
    assert on_team.name in html
    assert elsewhere.name not in html
    assert "Care team" in client.get(url).content.decode()


# --- No role can exceed itself (issue 11, High 3) --------------------------------------


def user_form(account, **changes):
    """The user edit form's data for ``account``, with changes."""
    data = {
        "username": account.username,
        "email": account.email,
        "first_name": account.first_name or "First",
        "last_name": account.last_name or "Last",
        "is_active": "on" if account.is_active else "",
        "groups": [str(pk) for pk in account.groups.values_list("pk", flat=True)],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


def edit_user(client, account, **changes):
    return client.post(
        reverse("wagtailusers_users:edit", args=[account.pk]),
        user_form(account, **changes),
    )


def test_an_administrator_cannot_make_anyone_a_superuser(client, administrator, editor):
    client.force_login(administrator)
    form = client.get(reverse("wagtailusers_users:edit", args=[editor.pk]))
    assert form.status_code == 200
    assert 'name="is_superuser"' not in form.content.decode()

    edit_user(client, editor, is_superuser="on")
    edit_user(client, administrator, is_superuser="on")

    editor.refresh_from_db()
    administrator.refresh_from_db()
    assert not editor.is_superuser
    assert not administrator.is_superuser


def test_an_administrator_cannot_touch_a_superusers_account(
    client, administrator, django_user_model
):
    root = django_user_model.objects.create_superuser(
        "root", "root@example.org", "x" * 12
    )
    client.force_login(administrator)

    assert not allowed(client.get(reverse("wagtailusers_users:edit", args=[root.pk])))
    edit_user(
        client,
        root,
        is_active="",
        password1="n3w-passw0rd-123",
        password2="n3w-passw0rd-123",
    )
    assert not allowed(client.get(reverse("wagtailusers_users:delete", args=[root.pk])))
    client.post(reverse("wagtailusers_users:delete", args=[root.pk]))

    root.refresh_from_db()
    assert root.is_active
    assert root.check_password("x" * 12)


def test_an_administrator_cannot_add_anyone_to_medical_reviewers(
    client, administrator, editor
):
    reviewers = Group.objects.get(name=REVIEWERS)
    editors = Group.objects.get(name=EDITORS)
    client.force_login(administrator)
    form = client.get(reverse("wagtailusers_users:edit", args=[editor.pk]))
    choices = form.context["form"].fields["groups"].queryset
    assert set(choices.values_list("name", flat=True)) == {
        EDITORS,
        ADMINISTRATORS,
        INTAKE,
    }

    response = edit_user(client, editor, groups=[str(editors.pk), str(reviewers.pk)])
    assert response.status_code == 200  # the form again, with the error
    edit_user(client, administrator, groups=[str(reviewers.pk)])

    assert not editor.groups.filter(name=REVIEWERS).exists()
    assert not administrator.groups.filter(name=REVIEWERS).exists()


def test_an_administrator_keeps_a_reviewers_group_when_editing_their_account(
    client, administrator, reviewer
):
    client.force_login(administrator)
    edit_user(client, reviewer, groups=[], first_name="Renamed")
    reviewer.refresh_from_db()
    assert reviewer.first_name == "Renamed"
    assert reviewer.groups.filter(name=REVIEWERS).exists()


def test_group_changes_are_in_the_audit_log(client, administrator, editor):
    admins = Group.objects.get(name=ADMINISTRATORS)
    client.force_login(administrator)
    edit_user(client, editor, groups=[str(admins.pk)])

    entry = ModelLogEntry.objects.get(action="accounts.change_roles")
    assert entry.user == administrator
    assert entry.object_id == str(editor.pk)
    assert entry.data == {
        "superuser": [False, False],
        "added": [ADMINISTRATORS],
        "removed": [EDITORS],
    }
    assert entry.message == (
        f"Roles changed: added to {ADMINISTRATORS}; removed from {EDITORS}"
    )


def test_a_superuser_may_assign_reviewers_and_superusers(
    client, django_user_model, editor
):
    root = django_user_model.objects.create_superuser(
        "root", "root@example.org", "x" * 12
    )
    reviewers = Group.objects.get(name=REVIEWERS)
    client.force_login(root)
    edit_user(client, editor, groups=[str(reviewers.pk)], is_superuser="on")
    editor.refresh_from_db()
    assert editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == [REVIEWERS]
