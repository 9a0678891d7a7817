"""The users and groups admin: each role's description beside it, and no way for an
account manager to grant more than they hold."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.users.views import groups as wagtail_groups
from wagtail.users.views import users as wagtail_users

from .privileges import assignable_groups
from .roles import ROLE_DESCRIPTIONS


class GroupIndexView(wagtail_groups.IndexView):
    columns = [
        *wagtail_groups.IndexView.columns,
        Column(
            "description",
            label="What this group may do",
            accessor=lambda group: ROLE_DESCRIPTIONS.get(group.name, ""),
            width="65%",
        ),
    ]


class GroupEditView(wagtail_groups.EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["role_description"] = ROLE_DESCRIPTIONS.get(self.object.name, "")
        return context


class GroupViewSet(wagtail_groups.GroupViewSet):
    """Wagtail's groups admin, with each role's description shown in the list and
    on its edit page, so administrators see what a group is for before changing it."""

    index_view_class = GroupIndexView
    edit_view_class = GroupEditView
    edit_template_name = "accounts/admin/group_form.html"


# --- Users: nobody grants more than they hold (accounts/privileges.py) ----------------


class RoleLimitsMixin:
    """For the user create and edit views of anyone who is not a superuser: no
    superuser checkbox, and only the groups within their own rights. Groups the
    account already has beyond those are kept as they are, and every change of
    superuser status or groups is written to the audit log."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        user = self.request.user
        if not user.is_superuser:
            form.fields.pop("is_superuser", None)
            if "groups" in form.fields:
                form.fields["groups"].queryset = assignable_groups(user)
                form.fields["groups"].help_text = (
                    "Groups with rights beyond your own (Medical reviewers among "
                    "them) are given and taken away by a superuser; this account "
                    "keeps any it already has."
                )
        return form

    def roles_of(self, account):
        if account.pk is None:
            return False, set()
        return account.is_superuser, set(account.groups.values_list("name", flat=True))

    def save_instance(self):
        account = self.form.instance
        before = self.roles_of(account)
        kept = []
        if account.pk is not None and not self.request.user.is_superuser:
            kept = list(
                account.groups.exclude(pk__in=assignable_groups(self.request.user))
            )
        instance = super().save_instance()
        if kept:
            instance.groups.add(*kept)
        after = self.roles_of(instance)
        if before != after:
            log(
                instance=instance,
                action="accounts.change_roles",
                user=self.request.user,
                data={
                    "superuser": [before[0], after[0]],
                    "added": sorted(after[1] - before[1]),
                    "removed": sorted(before[1] - after[1]),
                },
            )
        return instance


class UserCreateView(RoleLimitsMixin, wagtail_users.CreateView):
    pass


class UserEditView(RoleLimitsMixin, wagtail_users.EditView):
    def dispatch(self, request, *args, **kwargs):
        # Only a superuser may change a superuser's account: password, e-mail,
        # active or not. (Wagtail already keeps them from deleting one.)
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(wagtail_users.UserViewSet):
    """Wagtail's users admin, limited so that no one can raise an account above
    their own rights (issue 11)."""

    add_view_class = UserCreateView
    edit_view_class = UserEditView
