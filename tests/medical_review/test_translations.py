"""Translations go live through Medical review and are never silently out of date
(medical_review/translations.py): the English page approved with changes marks its
translations out of date at once, the Spanish page says so until a translator updates
it and a reviewer approves it; a translation with parts still in English is refused."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import rich_text
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from medical_review.translations import TranslationStatus
from tests.medical_review.test_medical_review import (
    JANE,
    current_task_state,
    submit,
    workflow_action,
)
from tests.roles_fixtures import *  # noqa: F403
from tests.roles_fixtures import condition_form

pytestmark = pytest.mark.django_db

SPANISH = {
    "Neuroblastoma": "Neuroblastoma",
    "neuroblastoma": "neuroblastoma",
    "What this condition is, in plain words.": "Qué es esta enfermedad, en palabras "
    "sencillas.",
    "It changed.": "Cambió.",
}


def approve(client, page, editor, reviewer, **changes):
    """An editor submits ``changes`` to the English page; a reviewer approves them."""
    client.force_login(editor)
    assert submit(client, page, condition_form(page, **changes)).status_code == 302
    client.force_login(reviewer)
    assert workflow_action(client, page, "approve").status_code == 302
    client.logout()


def translate(page, strings, capture, publish=True):
    """Bring the Spanish translation of ``page`` up to date with its English text,
    translating the segments found in ``strings`` (others are left untranslated)."""
    spanish = Locale.objects.get(language_code="es")
    page = type(page).objects.get(pk=page.pk)  # as live now
    source, _ = TranslationSource.update_or_create_from_instance(page)
    for segment in StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    ):
        if segment.string.data in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=spanish,
                context=segment.context,
                defaults={"data": strings[segment.string.data]},
            )
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=spanish
    )
    with capture(execute=True):
        translation.save_target(publish=publish)
    return page.get_translation(spanish).specific


def start_review(page, user):
    """The translator submits the Spanish page to its section's Medical review."""
    page.get_workflow().start(page, user)


@pytest.fixture
def spanish(
    client, es_home, condition, editor, reviewer, django_capture_on_commit_callbacks
):
    approve(client, condition, editor, reviewer, title="Neuroblastoma")
    condition.refresh_from_db()
    SPANISH[condition.summary] = "Un resumen en español."
    return translate(condition, SPANISH, django_capture_on_commit_callbacks)


@override_settings(PAGE_CACHE_TIMEOUT=60)
def test_english_approved_with_changes_marks_the_translation_out_of_date_at_once(
    client, condition, spanish, editor, reviewer, django_capture_on_commit_callbacks
):
    # Made from the reviewed English revision; no English review copied.
    status = TranslationStatus.objects.get(page=spanish)
    assert status.source_revision_id == condition.live_revision_id
    assert not status.out_of_date
    html = client.get(spanish.url).text
    assert "data-translation-out-of-date" not in html
    assert "Revisado por" not in html and spanish.last_reviewed is None
    client.get(spanish.url)  # now in the page cache

    approve(
        client, condition, editor, reviewer, overview=rich_text("<p>It changed.</p>")
    )

    html = client.get(spanish.url).text
    assert "data-translation-out-of-date" in html
    today = timezone.localdate()
    assert "La versión en inglés de esta página se actualizó el" in html
    assert "esta traducción puede no estar al día" in html
    assert f'href="{condition.url}"' in html
    status.refresh_from_db()
    assert status.out_of_date
    assert status.out_of_date_since.date() == today
    assert status.changed_segments == [
        {
            "field": "overview",
            "before": "What this condition is, in plain words.",
            "after": "It changed.",
        }
    ]
    # The English page itself shows no banner.
    assert "data-translation-out-of-date" not in client.get(condition.url).text

    # The translator updates it; a reviewer who reads Spanish approves it.
    spanish = translate(
        condition, SPANISH, django_capture_on_commit_callbacks, publish=False
    )
    start_review(spanish, editor)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        assert workflow_action(client, spanish, "approve").status_code == 302
    client.logout()
    html = client.get(spanish.url).text
    assert "Cambió." in html
    assert "data-translation-out-of-date" not in html
    assert f"Revisado por {JANE} el" in html
    assert not TranslationStatus.objects.get(page=spanish).out_of_date


def test_an_approval_that_changes_no_text_leaves_translations_current(
    client, condition, spanish, editor, reviewer
):
    approve(client, condition, editor, reviewer)  # a review with nothing changed
    condition.refresh_from_db()
    status = TranslationStatus.objects.get(page=spanish)
    assert not status.out_of_date
    assert status.source_revision_id == condition.live_revision_id
    assert "data-translation-out-of-date" not in client.get(spanish.url).text


def test_a_translation_with_parts_in_english_is_refused_naming_them(
    client, condition, spanish, editor, reviewer, django_capture_on_commit_callbacks
):
    approve(
        client,
        condition,
        editor,
        reviewer,
        overview=rich_text("<p>Brand new text.</p>"),
    )
    draft = translate(
        condition, SPANISH, django_capture_on_commit_callbacks, publish=False
    )
    start_review(draft, editor)
    client.force_login(reviewer)
    task_state = current_task_state(draft)
    modal = client.get(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[draft.pk, "approve", task_state.pk],
        )
    )
    assert "still in English: overview" in modal.text
    # The confirmation offers no approve button; a POST made anyway is refused.
    assert 'type="submit"' not in modal.text
    workflow_action(client, draft, "approve")
    assert current_task_state(draft).status == "in_progress"
    client.logout()
    assert "Brand new text." not in client.get(draft.url).text


def test_the_report_lists_out_of_date_and_missing_translations_with_the_change(
    client, condition, spanish, editor, reviewer, administrator
):
    approve(
        client, condition, editor, reviewer, overview=rich_text("<p>It changed.</p>")
    )
    client.force_login(administrator)
    response = client.get(reverse("medical_review_translations"))
    assert response.status_code == 200
    html = response.text
    rows = re.findall(r'data-translation-entry="([^"]+)"', html)
    assert "out of date" in rows and "missing" in rows
    assert "<del>What this condition is, in plain words.</del>" in html
    assert "<ins>It changed.</ins>" in html
    # Missing: the English program index has no Spanish translation here.
    assert "Programs" in html or "programs" in html.lower()


def test_translations_are_due_for_their_own_medical_review(spanish):
    from medical_review.reviews import due_for_review

    due = due_for_review()
    assert spanish.pk in {entry.page.pk for entry in due}
