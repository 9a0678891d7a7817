"""The groups admin, with each role's description beside it."""

from wagtail.admin.ui.tables import Column
from wagtail.users.views import groups as wagtail_groups

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
