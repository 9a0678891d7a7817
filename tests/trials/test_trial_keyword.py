"""The listing's keyword box speaks the site search's vocabulary of condition names
(issue 12): a family typing "carcinoid", "insulinoma" or a near miss finds the trials
linked to the neuroendocrine tumor page, whatever the registry's own wording."""

import pytest

from conditions.models import ConditionAlias, ConditionType
from tests import factories
from tests.ctgov_records import study
from trials.models import ClinicalTrialPage
from trials.registry import importer

pytestmark = pytest.mark.django_db


@pytest.fixture
def net_trial(condition_index, trial_listing):
    net = factories.ConditionPageFactory(
        parent=condition_index, title="Neuroendocrine tumors (NETs)"
    )
    ConditionAlias.objects.create(page=net, name="Carcinoid tumors")
    ConditionType.objects.create(page=net, name="Insulinoma")
    net.save_revision().publish()
    # Registry wording that names none of those words.
    importer.import_payload(
        study(
            "NCT05550001",
            identificationModule__briefTitle="A study for children with rare tumors",
            descriptionModule__briefSummary="Children with rare tumors take a medicine.",
            conditionsModule__conditions=["Rare Tumor"],
            conditionsModule__keywords=[],
        )
    )
    trial = ClinicalTrialPage.objects.get()
    trial.conditions.add(net)
    trial.save_revision().publish()
    importer.import_payload(
        study(
            "NCT05550002",
            identificationModule__briefTitle="A study of a bone tumor",
            conditionsModule__conditions=["Osteosarcoma"],
        )
    )
    return trial


@pytest.mark.parametrize("typed", ["carcinoid", "Insulinoma", "carcinod", "NETs"])
def test_a_condition_name_finds_the_trials_linked_to_it(client, net_trial, typed):
    html = client.get(net_trial.get_parent().url, {"q": typed}).content.decode()
    assert "NCT05550001" in html
    assert "NCT05550002" not in html


def test_the_plain_text_match_still_works(client, net_trial):
    html = client.get(net_trial.get_parent().url, {"q": "bone"}).content.decode()
    assert "NCT05550002" in html and "NCT05550001" not in html
