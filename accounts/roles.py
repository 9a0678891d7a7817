"""The four staff roles, what each may do, and the “Medical review” workflow.

Everything here is written against a model registry passed in as ``apps``, so the same
code runs inside a data migration (historical models, on a database that may be
empty) and at run time (``django.apps.apps``, when a section page is created).

Publishing, in short (see docs/editors.md for the editors' version):

* Wagtail page permissions are granted on a page *and everything below it*; there is
  no “deny” and no “only this page type”. A user who holds ``publish`` on a page can
  always publish it directly, bypassing any workflow.
* So editors hold add / change / lock on the home page (the whole site) but no
  ``publish`` there. They get ``publish`` on each non-clinical section directly under
  the home page (the program index, standard pages) as those sections are created.
* The conditions index and the trial listing carry the “Medical review” workflow and
  no editor publish permission, so every change to a condition or trial page is
  submitted to Medical review and goes live only when a medical reviewer approves.
* The home page itself is therefore published only by a superuser: granting anyone
  ``publish`` on it would grant it on the conditions and trials below it too.
"""

from __future__ import annotations

import logging

from medical_review.setup import (
    REVIEWERS,
    WORKFLOW_NAME,
    create_review_workflow,
    section_needs_review,
)

logger = logging.getLogger(__name__)

EDITORS = "Communications editors"
ADMINISTRATORS = "Site administrators"
INTAKE = "Intake coordinators"
ROLE_NAMES = (EDITORS, REVIEWERS, ADMINISTRATORS, INTAKE)

# Wagtail's own starter groups, replaced by the roles above.
WAGTAIL_DEFAULT_EDITORS = "Editors"
WAGTAIL_DEFAULT_MODERATORS = "Moderators"

ROLE_DESCRIPTIONS = {
    EDITORS: (
        "Communications staff. Add, edit, preview and submit pages anywhere on the "
        "site; publish program and general pages; manage images, documents, people, "
        "disciplines and collaborative groups; import trials from ClinicalTrials.gov; "
        "read page feedback (Reports › Page feedback). "
        "Condition and trial pages go live only after Medical review."
    ),
    REVIEWERS: (
        "Clinicians who sign off medical content. Approve or request changes in the "
        "“Medical review” workflow on condition and trial pages, and may edit those "
        "pages. Approval writes the name and credentials from the reviewer's profile, "
        "and the date, on the page for families. Read page feedback (Reports › Page "
        "feedback), and see the worst-rated pages in “Due for medical review”."
    ),
    ADMINISTRATORS: (
        "Manage user accounts and add people to the groups within their own rights "
        "(not Medical reviewers: superusers assign those), site settings, reviewer "
        "profiles and redirects; remove other people's page locks; publish uploaded registry "
        "files without review; otherwise the same as Communications editors (page "
        "feedback included). "
        "Condition and trial pages still go live only after Medical review. Choose "
        "who is in each intake team (Settings › Intake teams), but read families' "
        "requests only as a member of the team they were sent to."
    ),
    INTAKE: (
        "Staff who answer families' requests (ask about a trial, appointment, second "
        "opinion). Read, export and mark handled the requests sent to the intake "
        "teams they belong to; nothing else. Every read and export is in the audit log."
    ),
}

HOME_PAGE_TYPE = ("netsite", "homepage")

_SNIPPETS = ("person", "discipline", "collaborativegroup")

# Model-level permissions, as (app_label, codename).
_EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[
        ("programs", f"{action}_{model}")
        for model in _SNIPPETS
        for action in ("add", "change", "delete")
    ],
    ("trials", "import_trials"),
    # “Was this page helpful?” answers and comments: read only (nobody adds or
    # changes them in the admin), and not for any future role by default.
    ("feedback", "view_pagevote"),
    # The wording of the request forms (not who reads the requests).
    ("intake", "change_intakesettings"),
]
# Reading a request also needs membership of its team (intake/admin_views.py).
_REQUEST_PERMISSIONS = [
    ("intake", "view_familyrequest"),
    ("intake", "change_familyrequest"),
]
MODEL_PERMISSIONS = {
    EDITORS: _EDITOR_MODEL_PERMISSIONS,
    REVIEWERS: [("wagtailadmin", "access_admin"), ("feedback", "view_pagevote")],
    ADMINISTRATORS: [
        *_EDITOR_MODEL_PERMISSIONS,
        # Their uploaded registry files go live at once; editors' go to review.
        ("trials", "publish_uploaded_trials"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "delete_user"),
        # Not add/change/delete_group: what a group may do is decided by superusers,
        # or an administrator could give their own group any right
        # (accounts/privileges.py limits whom they add to which group).
        ("netsite", "change_sitesettings"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        # Who is in which intake team, and which pages each answers for.
        ("intake", "add_intaketeam"),
        ("intake", "change_intaketeam"),
        ("intake", "delete_intaketeam"),
        *_REQUEST_PERMISSIONS,
    ],
    INTAKE: [("wagtailadmin", "access_admin"), *_REQUEST_PERMISSIONS],
}

# Permissions on the root collection (images and documents), as (app_label, codename).
_MEDIA_MANAGEMENT = [
    (app, f"{action}_{model}")
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "delete", "choose")
]
COLLECTION_PERMISSIONS = {
    EDITORS: _MEDIA_MANAGEMENT,
    # Reviewers edit condition and trial pages, whose image and document fields
    # need the chooser; they do not upload or change media.
    REVIEWERS: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
    ADMINISTRATORS: _MEDIA_MANAGEMENT,
    INTAKE: [],
}

# Page permission codenames on the home page (and so on the whole site below it).
HOME_PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    REVIEWERS: [],
    ADMINISTRATORS: ["add_page", "change_page", "lock_page", "unlock_page"],
    INTAKE: [],
}
# On each non-clinical section directly under the home page.
OPEN_SECTION_PERMISSIONS = {EDITORS: ["publish_page"], ADMINISTRATORS: ["publish_page"]}
# On the conditions index and the trial listing (and so every page below them).
CLINICAL_SECTION_PERMISSIONS = {REVIEWERS: ["change_page"]}

# Apps whose Permission rows the roles need; created by the migration itself because
# Django only creates them in post_migrate, after every migration has run.
PERMISSION_APPS = (
    "auth",
    "wagtailcore",
    "wagtailadmin",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "programs",
    "trials",
    "netsite",
    "intake",
    "feedback",
)


def _permission(apps, app_label: str, codename: str, using: str):
    Permission = apps.get_model("auth", "Permission")  # noqa: N806
    return Permission.objects.using(using).get(
        content_type__app_label=app_label, codename=codename
    )


def _migrated(apps, app_label: str) -> bool:
    """Has the app's first migration run yet? On a fresh database 0001_roles runs
    before the tables of apps added later (intake, feedback); their permissions are
    granted by the accounts migration that follows each app's first one."""
    try:
        return any(True for _ in apps.get_app_config(app_label).get_models())
    except LookupError:
        return False


def _content_type(apps, app_label: str, model: str, using: str):
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    return ContentType.objects.db_manager(using).get_or_create(
        app_label=app_label, model=model
    )[0]


def _page_class(apps, page, using: str):
    """The page's current model class (not the historical one a migration has), whose
    class attributes say what the page type needs; None for a type since removed."""
    from django.apps import apps as global_apps

    app_label, model = _page_type(apps, page, using)
    try:
        return global_apps.get_model(app_label, model)
    except LookupError:
        return None


def _page_type(apps, page, using: str) -> tuple[str, str]:
    ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
    ct = ContentType.objects.using(using).get(pk=page.content_type_id)
    return (ct.app_label, ct.model)


def _grant_page_permissions(apps, group, page, codenames, using: str) -> None:
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")  # noqa: N806
    for codename in codenames:
        GroupPagePermission.objects.using(using).get_or_create(
            group=group,
            page=page,
            permission=_permission(apps, "wagtailcore", codename, using),
        )


def create_permission_rows(apps, using: str) -> None:
    """Create the Permission rows the roles refer to (normally made after migrate)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # The installed app config says whether the app has models; ``apps`` (historical
    # inside a migration) supplies the models as they are at this point.
    for label in PERMISSION_APPS:
        create_permissions(
            global_apps.get_app_config(label), verbosity=0, apps=apps, using=using
        )


def create_roles(apps, using: str = "default") -> None:
    """Create or refresh the four groups, their permissions and the review workflow.

    Idempotent: running it again resets each role's model and collection permissions
    to the lists above and adds any missing page permissions.
    """
    Collection = apps.get_model("wagtailcore", "Collection")  # noqa: N806
    GroupCollectionPermission = apps.get_model(  # noqa: N806
        "wagtailcore", "GroupCollectionPermission"
    )

    groups = _replace_wagtail_default_groups(apps, using)
    root_collection = Collection.objects.using(using).filter(depth=1).first()
    for name in ROLE_NAMES:
        group = groups[name]
        permissions = [
            _permission(apps, app, codename, using)
            for app, codename in MODEL_PERMISSIONS[name]
            if _migrated(apps, app)
        ]
        group.permissions.set(permissions)

        GroupCollectionPermission.objects.using(using).filter(group=group).delete()
        if root_collection is not None:
            for app, codename in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.using(using).create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app, codename, using),
                )

    create_review_workflow(apps, groups[REVIEWERS], using)
    apply_page_permissions(apps, using)


def _replace_wagtail_default_groups(apps, using: str) -> dict:
    """Map Wagtail's “Editors” onto Communications editors; fold “Moderators” in.

    Wagtail's Moderators could publish anything. Their members (if any, on an
    existing database) become Communications editors, which is the least-privileged
    role that keeps their editing work; an administrator can then add them to
    Medical reviewers or Site administrators on purpose.
    """
    Group = apps.get_model("auth", "Group")  # noqa: N806
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")  # noqa: N806

    groups = {}
    if not Group.objects.using(using).filter(name=EDITORS).exists():
        Group.objects.using(using).filter(name=WAGTAIL_DEFAULT_EDITORS).update(
            name=EDITORS
        )
    for name in ROLE_NAMES:
        groups[name] = Group.objects.using(using).get_or_create(name=name)[0]

    moderators = (
        Group.objects.using(using).filter(name=WAGTAIL_DEFAULT_MODERATORS).first()
    )
    if moderators is not None:
        groups[EDITORS].user_set.add(*moderators.user_set.all())
        moderators.delete()

    # Wagtail's starter page permissions sit on the root page; ours are set below.
    GroupPagePermission.objects.using(using).filter(
        group__name__in=ROLE_NAMES, page__depth=1
    ).delete()
    return groups


def apply_page_permissions(apps, using: str = "default") -> None:
    """Grant the page permissions and workflow for every home page and its sections."""
    Page = apps.get_model("wagtailcore", "Page")  # noqa: N806
    Group = apps.get_model("auth", "Group")  # noqa: N806
    groups = {g.name: g for g in Group.objects.using(using).filter(name__in=ROLE_NAMES)}
    home_type = _content_type(apps, *HOME_PAGE_TYPE, using)
    for home in Page.objects.using(using).filter(content_type=home_type):
        for name, codenames in HOME_PAGE_PERMISSIONS.items():
            if name in groups:
                _grant_page_permissions(apps, groups[name], home, codenames, using)
        sections = Page.objects.using(using).filter(
            path__startswith=home.path, depth=home.depth + 1
        )
        for section in sections:
            apply_section_permissions(apps, section, using, groups=groups)


def apply_section_permissions(
    apps, section, using: str = "default", groups=None
) -> None:
    """Set up one page directly under a home page according to its type.

    A clinical section (conditions index, trial listing) gets the Medical review
    workflow, unless an administrator already chose another workflow for it, and
    reviewers may edit in it. Any other section may be published by editors.
    """
    Group = apps.get_model("auth", "Group")  # noqa: N806
    Workflow = apps.get_model("wagtailcore", "Workflow")  # noqa: N806
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")  # noqa: N806
    if groups is None:
        groups = {
            g.name: g for g in Group.objects.using(using).filter(name__in=ROLE_NAMES)
        }

    if section_needs_review(_page_class(apps, section, using)):
        for name, codenames in CLINICAL_SECTION_PERMISSIONS.items():
            if name in groups:
                _grant_page_permissions(apps, groups[name], section, codenames, using)
        workflow = (
            Workflow.objects.using(using)
            .filter(name=WORKFLOW_NAME, active=True)
            .first()
        )
        if workflow is None:
            logger.warning(
                "No active “%s” workflow: %s is not under medical review.",
                WORKFLOW_NAME,
                section.title,
            )
            return
        WorkflowPage.objects.using(using).get_or_create(
            page_id=section.pk, defaults={"workflow": workflow}
        )
    else:
        for name, codenames in OPEN_SECTION_PERMISSIONS.items():
            if name in groups:
                _grant_page_permissions(apps, groups[name], section, codenames, using)


def section_created(
    sender, instance, created: bool, raw: bool = False, **kwargs
) -> None:
    """post_save receiver: set up a new page created directly under the home page.

    Connected in ``AccountsConfig.ready`` for every page model, so pages created in the
    admin, by ``load_demo_content`` or by any other code are covered alike.
    """
    if not created or raw or instance.depth is None or instance.depth < 3:
        return
    from django.apps import apps as global_apps
    from django.db import router

    parent = instance.get_parent()
    using = router.db_for_write(type(instance), instance=instance)
    if parent is None or _page_type(global_apps, parent, using) != HOME_PAGE_TYPE:
        return
    apply_section_permissions(global_apps, instance, using)
