"""One vocabulary of condition names (conditions/names.py) for search and the importer.

A registry record that names a condition only by one of its types or an editor's
synonym is linked to that condition, and for every name in the demo vocabulary site
search and the registry importer agree on the condition it means.
"""

import pytest
from django.core.management import call_command

from conditions.models import ConditionPage, ConditionSynonym, ConditionType
from conditions.names import condition_names, fold, fold_name, title_variants
from search.engine import search_site
from tests import factories
from tests.ctgov_records import study
from trials.registry.importer import import_record
from trials.registry.matching import ConditionMatcher

pytestmark = pytest.mark.django_db


def test_one_folding_rule_for_words_and_names():
    assert fold("Tumors") == fold("tumor") == "tumor"
    assert fold("mass") == "mass"  # a double s is not a plural
    assert fold("Tumeur") == fold("tumeur")
    assert fold("Páncreas") == "pancrea"
    assert fold_name("Thyroid Cancer, Medullary") == "thyroid cancer medullary"
    assert fold_name("islet_cell tumours") == "islet cell tumour"


def test_a_title_stands_for_its_parts_in_and_out_of_brackets():
    assert title_variants("Neuroendocrine tumors (NETs)") == [
        "Neuroendocrine tumors (NETs)",
        "Neuroendocrine tumors  ",
        "NETs",
    ]


@pytest.fixture
def net_page(condition_index):
    page = factories.ConditionPageFactory(
        parent=condition_index, title="Neuroendocrine tumors", short_name="NETs"
    )
    ConditionType.objects.create(page=page, name="Insulinoma", description="Insulin.")
    ConditionType.objects.create(page=page, name="VIPoma", description="VIP.")
    ConditionSynonym.objects.create(term="islet cell tumor", condition=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("registry_name", ["Insulinoma", "VIPoma", "Islet Cell Tumor"])
def test_a_record_naming_only_a_type_or_a_synonym_is_linked(
    trial_listing, net_page, registry_name
):
    result = import_record(
        study(conditionsModule__conditions=[registry_name]), listing=trial_listing
    )
    assert result.outcome == "created", result.message
    assert list(result.page.conditions.all()) == [net_page]


def test_names_of_draft_pages_are_matched_but_not_searched(condition_index):
    draft = factories.ConditionPageFactory(
        parent=condition_index, title="Adrenocortical carcinoma", live=False
    )
    live_titles, _ = condition_names(live_only=True)
    all_titles, _ = condition_names(live_only=False)
    assert draft.pk not in live_titles
    assert all_titles[draft.pk] == "Adrenocortical carcinoma"
    assert ConditionMatcher.load().match_ids(["Adrenocortical Carcinoma"]) == {draft.pk}


def test_search_and_import_agree_on_every_name_in_the_demo_vocabulary(site):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _, names = condition_names(live_only=True)
    assert len(names) >= 10  # title, short name, aliases and the five types
    matcher = ConditionMatcher.load()
    for name in names:
        found = search_site(name.text).results
        top = found[0] if found else None
        assert isinstance(top, ConditionPage), f"search for {name.text!r}: {top}"
        assert top.pk == name.condition_id, name.text
        assert matcher.match_ids([name.text]) == {name.condition_id}, name.text
