"""The reading level of what an editor has typed, not yet saved (the panel's live figure).

The page editor posts its whole form here as the editor types (see
``conditions/static/conditions/js/reading-level.js``); the form is bound exactly as the
edit view binds it, nothing is saved, and the figure is measured by the same code as
the saved one, so the live figure and the reference figure cannot disagree.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .models import ConditionPage
from .readability import reading_level

PANEL_TEMPLATE = "conditions/admin/reading_level_panel.html"


def _bound_form(request, page, parent):
    form_class = page.get_edit_handler().get_form_class()
    return form_class(
        request.POST,
        request.FILES,
        instance=page,
        parent_page=parent,
        for_user=request.user,
    )


@require_POST
def live_reading_level(request):
    """POST: the edit or create form's fields, with ``page`` or ``parent`` in the URL."""
    page_id, parent_id = request.GET.get("page", ""), request.GET.get("parent", "")
    if page_id.isdigit():
        page = get_object_or_404(ConditionPage, pk=int(page_id))
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        parent = page.get_parent()
    elif parent_id.isdigit():
        parent = get_object_or_404(Page, pk=int(parent_id)).specific
        if not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        page = ConditionPage()
    else:
        return HttpResponseBadRequest("Say which page: ?page=<id> or ?parent=<id>.")
    form = _bound_form(request, page, parent)
    # Validation copies each valid field onto the (unsaved) page; a field with an
    # error keeps its saved value. Nothing is written.
    form.is_valid()
    return TemplateResponse(
        request,
        PANEL_TEMPLATE,
        {"level": reading_level(form.instance), "live": True},
    )
