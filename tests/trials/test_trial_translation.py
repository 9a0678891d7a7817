"""A trial page in Spanish: the staff's words translated, the registry's data read
from the English page at every render (trials/models/translated.py), its English
text marked lang="en" with a plain Spanish note."""

import copy

import pytest
from django.test import override_settings

from tests.conftest import translate
from tests.ctgov_records import edit, load_sample
from trials.models import ClinicalTrialPage
from trials.registry.importer import import_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def trials(trial_listing, es_home):
    record = load_sample("NCT09990001")
    assert import_record(copy.deepcopy(record)).outcome == "created"
    english = ClinicalTrialPage.objects.get(nct_id="NCT09990001")
    spanish = translate(english)
    return record, english, spanish


@override_settings(PAGE_CACHE_TIMEOUT=60)
def test_a_registry_sync_that_closes_a_trial_closes_it_in_spanish_at_once(
    client, trials
):
    record, english, spanish = trials
    assert spanish.nct_id is None  # read from the English page, never copied
    html = client.get(spanish.url).text
    assert '<html lang="es">' in html
    assert "NCT09990001" in html
    assert "Abierto a pacientes nuevos" in html
    assert "Este ensayo no admite pacientes nuevos" not in html
    assert 'lang="en"' in html
    assert "ClinicalTrials.gov solo lo publica en inglés" in html

    closed = edit(record, "protocolSection.statusModule.overallStatus", "COMPLETED")
    assert import_record(closed).outcome == "updated"

    html = client.get(spanish.url).text
    assert "Este ensayo no admite pacientes nuevos" in html
    assert "Terminado" in html


def test_the_registry_import_still_finds_the_english_page_alone(trials):
    record, english, spanish = trials
    assert import_record(record).outcome in {"updated", "unchanged"}
    assert ClinicalTrialPage.objects.filter(nct_id="NCT09990001").get() == english
