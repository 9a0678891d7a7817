"""The reading level editors see while editing a condition page (conditions.readability)."""

import pytest
from wagtail.models import Page

from conditions.readability import TARGET_GRADE, measure_text, reading_level
from tests import factories

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
