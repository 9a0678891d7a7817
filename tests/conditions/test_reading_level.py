"""The reading level editors see while editing a condition page (conditions.readability)."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Page

from conditions.readability import TARGET_GRADE, measure_text, reading_level
from tests import factories
from tests.roles_fixtures import condition_form, rich_text

pytestmark = pytest.mark.django_db

SIMPLE = (
    "<p>A tumor is a lump. It can grow in the gut. Most kids feel fine. "
    "The team will help you.</p>"
)
COMPLEX = (
    "<p>Neuroendocrine neoplasms are heterogeneous malignancies originating from "
    "specialized hormone-secreting cells distributed throughout the gastrointestinal "
    "tract, and their biological behavior varies considerably depending on "
    "proliferative activity and anatomical localization.</p>"
    "<p>Histopathological classification determines therapeutic stratification.</p>"
)


def condition(condition_index, **fields):
    fields.setdefault("summary", "")
    return factories.ConditionPageFactory(parent=condition_index, **fields)


def test_simple_text_meets_the_target(condition_index):
    level = reading_level(condition(condition_index, overview=SIMPLE))

    assert level.grade is not None
    assert level.grade <= TARGET_GRADE
    assert level.meets_target
    assert level.word_count == 20
    assert level.grade == round(level.grade, 1)


def test_complex_text_is_above_target_and_lists_its_longest_sentences(
    condition_index,
):
    simple = reading_level(condition(condition_index, overview=SIMPLE))
    hard = reading_level(condition(condition_index, overview=COMPLEX))

    assert hard.grade > TARGET_GRADE
    assert hard.grade > simple.grade + 8
    assert not hard.meets_target
    # The longest sentence first, with the HTML stripped.
    assert hard.longest_sentences[0].startswith("Neuroendocrine neoplasms are")
    assert hard.longest_sentences[0].endswith("anatomical localization.")
    assert "<p>" not in "".join(hard.longest_sentences)
    assert len(simple.longest_sentences) == 3
    assert simple.longest_sentences[0] == "It can grow in the gut."


def test_summary_and_body_are_measured(condition_index):
    page = condition(
        condition_index,
        summary="Families read this first.",
        overview="<p>Short words.</p>",
        body=[
            {"type": "text", "value": "<p>Body text is counted too.</p>"},
        ],
    )
    level = reading_level(page)

    assert "Families read this first." in level.longest_sentences
    assert "Body text is counted too." in level.longest_sentences
    assert level.word_count == 11


def test_nothing_to_measure():
    level = measure_text([])

    assert level.grade is None
    assert level.word_count == 0
    assert not level.meets_target


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "correct horse battery"
    )
    client.force_login(user)
    return client


def test_panel_shows_the_grade_in_the_page_editor(editor, condition_index):
    page = condition(condition_index, overview=COMPLEX)
    expected = reading_level(page)

    response = editor.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "data-reading-level" in html
    assert f"Reading level: grade {expected.grade}" in html
    assert f"Our target is grade {TARGET_GRADE} or lower." in html
    assert "This page is above the target" in html
    assert "You can still publish it." in html
    assert "Save a draft to update." in html
    assert "Histopathological classification determines" in html


def test_panel_reflects_the_latest_draft(editor, condition_index):
    page = condition(condition_index, overview=COMPLEX)
    draft = page.get_latest_revision_as_object()
    draft.overview = SIMPLE
    draft.save_revision()

    html = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert f"Reading level: grade {reading_level(draft).grade}" in html
    assert "This page meets the target." in html


def test_panel_on_a_new_page(editor, condition_index):
    response = editor.get(
        f"/admin/pages/add/conditions/conditionpage/{condition_index.pk}/"
    )

    assert response.status_code == 200
    assert "Nothing to measure yet." in response.content.decode()


def test_a_page_above_target_can_be_published(editor, condition_index):
    page = condition(condition_index, overview=COMPLEX)
    page.unpublish()
    page.get_latest_revision_as_object().save_revision().publish()

    assert Page.objects.get(pk=page.pk).live


# --- The live figure (issue 16, item 7) ----------------------------------------------


def live_url(**query):
    return "/admin/conditions/reading-level/?" + urlencode(query)


def typed(page, overview):
    """The edit form as the browser posts it, with ``overview`` typed but not saved."""
    return condition_form(page, overview=rich_text(overview))


def test_the_editor_loads_the_live_script_with_its_address(editor, condition_index):
    page = condition(condition_index, overview=SIMPLE)
    html = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f'data-reading-level-url="{live_url(page=page.pk)}"' in html
    assert "conditions/js/reading-level.js" in html


def test_what_is_typed_is_measured_by_the_same_code_and_nothing_is_saved(
    editor, condition_index
):
    page = condition(condition_index, overview=SIMPLE)
    revisions = page.revisions.count()
    response = editor.post(live_url(page=page.pk), typed(page, COMPLEX))
    assert response.status_code == 200
    html = response.content.decode()
    expected = reading_level(condition(condition_index, overview=COMPLEX))
    assert f"Reading level: grade {expected.grade}" in html
    assert f'data-grade="{expected.grade}"' in html
    assert "Measured from what you have typed, not yet saved." in html
    page.refresh_from_db()
    assert page.overview == SIMPLE and page.revisions.count() == revisions


def test_a_new_page_is_measured_under_its_parent(editor, condition_index):
    blank = factories.ConditionPageFactory.build(title="New", slug="new", summary="")
    response = editor.post(live_url(parent=condition_index.pk), typed(blank, SIMPLE))
    assert response.status_code == 200
    assert "This page meets the target." in response.content.decode()
    assert not Page.objects.filter(slug="new").exists()


def test_a_form_with_errors_is_still_measured(editor, condition_index):
    page = condition(condition_index, overview=SIMPLE)
    data = typed(page, COMPLEX)
    data["title"] = ""  # required: the form is invalid, the overview still counts
    html = editor.post(live_url(page=page.pk), data).content.decode()
    assert "This page is above the target" in html


def test_bad_requests_get_a_clear_4xx(editor, condition_index, django_user_model):
    page = condition(condition_index, overview=SIMPLE)
    assert editor.get(live_url(page=page.pk)).status_code == 405
    assert editor.post(live_url(page="x"), {}).status_code == 400
    assert editor.post(live_url(page=999999), {}).status_code == 404

    nobody = django_user_model.objects.create_user("nobody", password="x" * 12)
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    editor.force_login(nobody)  # the same test client, now signed in as nobody
    assert editor.post(live_url(page=page.pk), typed(page, COMPLEX)).status_code in (
        302,
        403,
    )
