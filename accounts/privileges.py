"""Which groups a user may give to others: never more than they hold themselves.

A Site administrator manages accounts, but must not be able to make anyone (themselves
included) more powerful than they are: not a superuser, and not a member of a group
whose rights go beyond theirs. A group is within a user's own rights when

- each of its model permissions is one the user has;
- each of its page permissions is one the user holds on the same page or an ancestor
  (Wagtail page permissions apply to the page and everything below it), and likewise
  for collection permissions;
- it approves no workflow task the user cannot approve. That is what keeps "Medical
  reviewers" out of administrators' reach: approving Medical review publishes condition
  and trial pages, which administrators cannot do. Superusers assign reviewers.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
)


def _covered(grants, own) -> bool:
    """Every (permission, tree path) grant has an own grant of the same permission
    at that path or above it."""
    return all(
        any(
            perm == own_perm and path.startswith(own_path) for own_perm, own_path in own
        )
        for perm, path in grants
    )


def assignable_groups(user):
    """The groups ``user`` may add people to (or remove them from)."""
    groups = Group.objects.order_by("name")
    if user.is_superuser:
        return groups
    own_groups = list(user.groups.values_list("pk", flat=True))
    own_permissions = user.get_all_permissions()
    own_pages = set(
        GroupPagePermission.objects.filter(group__in=own_groups).values_list(
            "permission_id", "page__path"
        )
    )
    own_collections = set(
        GroupCollectionPermission.objects.filter(group__in=own_groups).values_list(
            "permission_id", "collection__path"
        )
    )
    own_tasks = set(
        GroupApprovalTask.objects.filter(groups__in=own_groups).values_list(
            "pk", flat=True
        )
    )
    allowed = []
    for group in groups.prefetch_related("permissions__content_type"):
        permissions = {
            f"{permission.content_type.app_label}.{permission.codename}"
            for permission in group.permissions.all()
        }
        pages = GroupPagePermission.objects.filter(group=group).values_list(
            "permission_id", "page__path"
        )
        collections = GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission_id", "collection__path"
        )
        tasks = set(
            GroupApprovalTask.objects.filter(groups=group).values_list("pk", flat=True)
        )
        if (
            permissions <= own_permissions
            and _covered(pages, own_pages)
            and _covered(collections, own_collections)
            and tasks <= own_tasks
        ):
            allowed.append(group.pk)
    return groups.filter(pk__in=allowed)
