"""Post data for a page's real admin edit form, for pages that have StreamFields.

The edit view's HTML carries every plain field and inline formset, but Wagtail renders
StreamFields in the browser; their inputs are rebuilt here from each block's
`get_form_state`, which is what the admin's JavaScript submits.
"""

from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.test.utils.page_tests import querydict_from_html


def edit_form_data(client, page) -> dict:
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            state = field.stream_block.get_form_state(getattr(page, field.name))
            items = [(item["type"], item["value"]) for item in state]
            data.update(nested_form_data({field.name: streamfield(items)}))
    return data
