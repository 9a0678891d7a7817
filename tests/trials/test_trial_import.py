"""trials.importer: registry records become trial pages, and staff work survives."""

from decimal import Decimal

import pytest
from django.db import DatabaseError
from wagtail.models import Page, Revision

from tests import factories
from tests.ctgov_records import (
    DELETE,
    SAMPLE_IDS,
    FakeRegistry,
    edit,
    load_sample,
    studies_page,
    study,
)
from trials.models import ClinicalTrialPage
from trials.registry import importer, values
from trials.registry.importer import import_record
from trials.registry.matching import ConditionMatcher, GroupMatcher
from trials.registry.writer import summary_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def net_page(condition_index):
    """The NET condition page as the seed page names it, with its other names."""
    page = factories.ConditionPageFactory(
        parent=condition_index, title="Neuroendocrine tumors (NETs)"
    )
    for name in ("carcinoid tumors", "islet cell tumors"):
        factories.ConditionAliasFactory(page=page, name=name)
    return page


def trial(nct_id: str) -> ClinicalTrialPage:
    return ClinicalTrialPage.objects.get(nct_id=nct_id)


def revision_count(page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


# ---------------------------------------------------------------------------
# Creating pages
# ---------------------------------------------------------------------------


def test_a_new_study_becomes_a_published_page_under_the_listing(trial_listing):
    result = import_record(load_sample("NCT09990001"))

    assert result.outcome == "created"
    assert result.nct_id == "NCT09990001"
    assert "NCT09990001" in result.message and "published" in result.message
    page = trial("NCT09990001")
    assert result.page == page
    assert page.get_parent().specific == trial_listing
    assert page.live and not page.has_unpublished_changes
    assert page.slug == "nct09990001"
    assert page.title.startswith("Sample study: a targeted medicine")
    assert page.acronym == "SAMPLE-NET"
    assert page.official_title.startswith("Sample record for testing only: A Phase 2")
    assert page.overall_status == "RECRUITING" and page.is_open
    assert [phase.code for phase in page.phases.all()] == ["PHASE2"]
    assert page.study_type == "INTERVENTIONAL"
    assert (page.minimum_age, page.maximum_age) == ("2 Years", "21 Years")
    assert page.minimum_age_months == Decimal(24)
    assert page.age_range_label == "2 years to 21 years"
    assert page.lead_sponsor == "Children's Oncology Group"
    assert page.collaborators == ["National Cancer Institute (NCI)"]
    assert page.principal_investigator == "A. Investigator, MD"
    assert page.contact_name == "Study Information Line"
    assert page.contact_phone == "617-555-0100"
    assert page.contact_email == "trials@example.org"
    assert page.registry_conditions[0] == "Neuroendocrine Tumor"
    assert page.registry_keywords == ["NET", "islet cell tumor", "recurrent"]
    assert page.start_date == "2025-03-01"
    assert page.registry_last_updated == "2026-09-14"
    assert page.eligibility_criteria.startswith("Inclusion Criteria:")
    assert page.last_synced_at is not None
    # Staff fields start empty, except the card summary taken from the registry.
    assert page.family_summary == "" and page.eligibility_short == ""
    assert page.summary.startswith("This sample record shows the shape")
    assert revision_count(page) == 1
    assert page.live_revision_id == page.latest_revision_id


@pytest.mark.parametrize("nct_id", SAMPLE_IDS)
def test_every_recorded_sample_imports(trial_listing, nct_id):
    assert import_record(load_sample(nct_id)).outcome == "created"


def test_a_nine_month_old_fits_an_age_range_written_in_months(trial_listing):
    import_record(load_sample("NCT09990002"))  # 6 Months to 29 Years

    page = trial("NCT09990002")
    assert page.minimum_age == "6 Months"
    assert page.minimum_age_months == Decimal(6)
    assert page.minimum_age_months <= Decimal(9) <= page.maximum_age_months
    assert page.age_range_label == "6 months to 29 years"
    assert page.phase_label == ""  # observational: no phase


def test_ages_with_no_upper_limit_read_as_people_say_them(trial_listing):
    record = study(
        eligibilityModule__minimumAge="18 Years", eligibilityModule__maximumAge=DELETE
    )
    import_record(record)

    page = trial("NCT05550001")
    assert page.maximum_age == "" and page.maximum_age_months is None
    assert page.age_range_label == "18 years and older"


def test_combined_phases_are_stored_and_described_together(trial_listing):
    import_record(load_sample("NCT09990003"))

    page = trial("NCT09990003")
    assert sorted(p.code for p in page.phases.all()) == ["PHASE1", "PHASE2"]
    assert page.phase_label == "Phase 1/2"
    assert not page.is_open and page.status_label == "Completed"


def test_the_card_summary_is_cut_at_a_sentence_under_300_characters(trial_listing):
    sentence = "This sentence is exactly fifty-nine characters long, truly."
    assert len(sentence) == 59
    # Five sentences and their spaces take 299 characters; a sixth does not fit.
    import_record(study(descriptionModule__briefSummary=" ".join([sentence] * 8)))

    summary = trial("NCT05550001").summary
    assert summary == " ".join([sentence] * 5)
    assert len(summary) == 299


def test_a_summary_with_no_sentence_break_is_cut_at_a_word():
    text = "word " * 100
    summary = summary_from(text)
    assert len(summary) <= 300 and summary.endswith("word…")


def test_a_brief_title_longer_than_a_page_title_is_shortened_at_a_word(trial_listing):
    long_title = "A study of " + "very " * 60 + "long titles"
    result = import_record(study(identificationModule__briefTitle=long_title))

    assert result.outcome == "created"
    title = trial("NCT05550001").title
    assert len(title) <= 255 and title.endswith("very…")


def test_unknown_extra_fields_are_ignored(trial_listing):
    record = study()
    record["resultsSection"] = {"anything": [1, 2, 3]}
    edit(record, "protocolSection.statusModule.whyStopped", "not a field we use")
    edit(record, "protocolSection.armsInterventionsModule.arms", [{"label": "A"}])

    assert import_record(record).outcome == "created"


def test_revisions_record_the_user_who_imported(trial_listing, django_user_model):
    user = django_user_model.objects.create_user("importer", password="x" * 12)
    page = import_record(study(), user=user).page

    assert page.latest_revision.user == user


# ---------------------------------------------------------------------------
# Matching condition pages
# ---------------------------------------------------------------------------


def test_registry_conditions_and_keywords_link_the_net_page(trial_listing, net_page):
    other = factories.ConditionPageFactory(
        parent=net_page.get_parent(), title="Hodgkin lymphoma"
    )
    page = import_record(load_sample("NCT09990001")).page

    assert list(page.conditions.all()) == [net_page]
    assert other not in page.conditions.all()


@pytest.mark.parametrize(
    ("registry_name", "matches"),
    [
        ("Carcinoid Tumor", True),  # = alias "carcinoid tumors"
        ("Pancreatic Neuroendocrine Tumor", True),  # contains the title
        ("NEUROENDOCRINE TUMOURS", False),  # a different spelling is not guessed
        ("neuroendocrine-tumors", True),  # punctuation and case folded
        ("NETs", True),  # the bracketed part of the title, exactly
        ("Islet Cell Tumor, Malignant", True),  # alias as whole words
        ("Neuroendocrine", False),  # part of a name is not the name
        ("Non-Neuroendocrine Tumor", False),  # "non" negates
        ("Neuroendocrinetumor", False),  # not whole words
        ("Net Promoter Score", False),  # short names only match exactly
    ],
)
def test_condition_matching_rule(net_page, registry_name, matches):
    matcher = ConditionMatcher.load()

    assert (net_page.pk in matcher.match_ids([registry_name])) is matches


def test_short_names_match_only_exactly(condition_index):
    leukemia = factories.ConditionPageFactory(
        parent=condition_index, title="Acute lymphoblastic leukemia (ALL)"
    )
    matcher = ConditionMatcher.load()

    assert matcher.match_ids(["ALL"]) == {leukemia.pk}
    assert matcher.match_ids(["All Solid Tumors"]) == set()
    assert matcher.match_ids(["Childhood Acute Lymphoblastic Leukemia"]) == {
        leukemia.pk
    }


def test_a_general_registry_name_does_not_link_a_more_specific_page(condition_index):
    specific = factories.ConditionPageFactory(
        parent=condition_index, title="Pancreatic neuroendocrine tumors"
    )
    matcher = ConditionMatcher.load()

    assert matcher.match_ids(["Neuroendocrine Tumors"]) == set()
    assert matcher.match_ids(["Pancreatic NET", "Pancreatic NETs"]) == set()
    assert matcher.match_ids(["Pancreatic Neuroendocrine Tumor"]) == {specific.pk}


def test_draft_condition_pages_are_linked_too(trial_listing, condition_index):
    draft = factories.ConditionPageFactory(
        parent=condition_index, title="Insulinoma", live=False
    )
    page = import_record(load_sample("NCT09990003")).page

    assert draft in page.conditions.all()


def test_condition_pages_and_aliases_are_loaded_once_per_batch(
    trial_listing, net_page, monkeypatch
):
    loads = []
    real_load = ConditionMatcher.load.__func__

    def counting_load(cls):
        loads.append(cls)
        return real_load(cls)

    monkeypatch.setattr(ConditionMatcher, "load", classmethod(counting_load))
    records = [
        study(f"NCT0555000{n}", conditionsModule__conditions=["NETs"]) for n in range(5)
    ]

    results = importer.import_payload(records)

    assert {r.outcome for r in results} == {"created"}
    assert len(loads) == 1
    assert all(list(r.page.conditions.all()) == [net_page] for r in results)


# ---------------------------------------------------------------------------
# Collaborative groups
# ---------------------------------------------------------------------------


def test_the_group_is_found_from_the_lead_sponsor_by_its_registry_names(trial_listing):
    group = factories.CollaborativeGroupFactory(
        name="Children's Oncology Group (COG)",
        short_name="COG",
        registry_names="Children's Oncology Group\nCOG Foundation",
    )
    page = import_record(load_sample("NCT09990001")).page

    assert page.collaborative_group == group


def test_the_group_is_found_from_a_collaborator(trial_listing):
    group = factories.CollaborativeGroupFactory(name="National Cancer Institute (NCI)")
    record = study()
    edit(
        record,
        "protocolSection.sponsorCollaboratorsModule.collaborators",
        [{"name": "national cancer institute (NCI)"}],
    )

    assert import_record(record).page.collaborative_group == group


def test_group_matching_is_exact_after_folding():
    factories.CollaborativeGroupFactory(
        name="Children's Oncology Group", short_name="COG"
    )
    matcher = GroupMatcher.load()

    assert matcher.match(["Children's Oncology Group"]) is not None
    assert matcher.match(["COG"]) is not None
    assert matcher.match(["Oncology Group"]) is None


# ---------------------------------------------------------------------------
# Re-importing: unchanged, updated, and staff work kept
# ---------------------------------------------------------------------------


def test_reimporting_the_same_record_changes_nothing(trial_listing):
    first = import_record(load_sample("NCT09990001")).page
    before = trial("NCT09990001")

    result = import_record(load_sample("NCT09990001"))

    assert result.outcome == "unchanged"
    assert "up to date" in result.message
    after = trial("NCT09990001")
    assert revision_count(after) == 1
    assert after.latest_revision_id == first.latest_revision_id
    assert after.last_synced_at == before.last_synced_at
    assert after.last_published_at == before.last_published_at


def test_an_update_publishes_registry_changes_and_keeps_what_staff_wrote(
    trial_listing, net_page, condition_index
):
    import_record(load_sample("NCT09990001"))
    staff_choice = factories.ConditionPageFactory(parent=condition_index, title="Other")
    group = factories.CollaborativeGroupFactory(name="Chosen by staff")
    page = trial("NCT09990001")
    page.family_summary = "<p>Written for families.</p>"
    page.eligibility_short = "Progressive or recurrent tumor"
    page.summary = "Staff card summary."
    page.conditions = [staff_choice]  # removed the NET link, added another
    page.collaborative_group = group
    page.reviewed_by = "Jane Doe, MD"
    page.body = [("questions", {"heading": "Ask", "questions": "Who do we call?"})]
    page.save_revision().publish()

    record = load_sample("NCT09990001")
    edit(record, "protocolSection.statusModule.overallStatus", "ACTIVE_NOT_RECRUITING")
    edit(record, "protocolSection.eligibilityModule.maximumAge", "30 Years")
    edit(record, "protocolSection.identificationModule.briefTitle", "A new title")
    result = import_record(record)

    assert result.outcome == "updated" and not result.draft_kept
    assert "overall status" in result.message and "maximum age" in result.message
    assert "no longer open" in result.message
    page = trial("NCT09990001")
    assert page.overall_status == "ACTIVE_NOT_RECRUITING" and not page.is_open
    assert page.maximum_age == "30 Years" and page.maximum_age_months == 360
    assert page.title == "A new title"  # the title follows the registry
    assert not page.has_unpublished_changes
    assert page.family_summary == "<p>Written for families.</p>"
    assert page.eligibility_short == "Progressive or recurrent tumor"
    assert page.summary == "Staff card summary."
    assert list(page.conditions.all()) == [staff_choice]
    assert page.collaborative_group == group
    assert page.reviewed_by == "Jane Doe, MD"
    assert page.body[0].value["questions"] == "Who do we call?"
    assert page.slug == "nct09990001"
    assert revision_count(page) == 3


def test_an_update_to_a_page_with_a_draft_is_saved_as_a_draft(trial_listing):
    import_record(study())
    page = trial("NCT05550001")
    draft = page.get_latest_revision_as_object()
    draft.family_summary = "<p>Draft by an editor.</p>"
    draft.save_revision()

    result = import_record(
        study(
            statusModule__overallStatus="COMPLETED",
            eligibilityModule__maximumAge="18 Years",
            descriptionModule__briefSummary="A new registry summary.",
        )
    )

    assert result.outcome == "updated" and result.draft_kept
    assert "draft" in result.message and "publish" in result.message
    live = trial("NCT05550001")
    # A closure and new ages reach families at once (issue 11, High 2)...
    assert live.overall_status == "COMPLETED"
    assert live.maximum_age == "18 Years" and live.maximum_age_months == 216
    assert live.status_changed_at is not None
    # ...and nothing else of the registry's or the editor's goes live.
    assert live.brief_summary != "A new registry summary."
    assert live.family_summary == ""
    assert live.has_unpublished_changes
    latest = live.get_latest_revision_as_object()
    assert latest.overall_status == "COMPLETED"  # registry change in the draft
    assert latest.family_summary == "<p>Draft by an editor.</p>"  # editor's kept
    # The same record again matches the draft: nothing to do.
    again = import_record(
        study(
            statusModule__overallStatus="COMPLETED",
            eligibilityModule__maximumAge="18 Years",
            descriptionModule__briefSummary="A new registry summary.",
        )
    )
    assert again.outcome == "unchanged"


def test_an_unpublished_page_is_never_published_by_an_update(trial_listing):
    import_record(study())
    trial("NCT05550001").unpublish()

    result = import_record(study(statusModule__overallStatus="SUSPENDED"))

    assert result.outcome == "updated" and result.draft_kept
    assert not trial("NCT05550001").live


def test_new_registry_conditions_add_links_but_old_ones_do_not_come_back(
    trial_listing, net_page, condition_index
):
    insulinoma = factories.ConditionPageFactory(
        parent=condition_index, title="Insulinoma"
    )
    import_record(load_sample("NCT09990001"))
    page = trial("NCT09990001")
    assert list(page.conditions.all()) == [net_page]
    page.conditions = []  # staff decided the NET link was wrong
    page.save_revision().publish()

    record = load_sample("NCT09990001")
    conditions = record["protocolSection"]["conditionsModule"]["conditions"]
    conditions.append("Malignant Insulinoma")
    result = import_record(record)

    assert result.outcome == "updated" and "conditions" in result.message
    assert list(trial("NCT09990001").conditions.all()) == [insulinoma]


def test_a_group_is_set_on_update_only_when_none_was_chosen(trial_listing):
    import_record(load_sample("NCT09990001"))
    assert trial("NCT09990001").collaborative_group is None
    group = factories.CollaborativeGroupFactory(name="Children's Oncology Group")

    result = import_record(load_sample("NCT09990001"))

    assert result.outcome == "updated"
    assert trial("NCT09990001").collaborative_group == group


def test_an_existing_page_is_updated_where_it_is(trial_listing, home):
    import_record(study())
    other = factories.TrialListingPageFactory(parent=home, title="Other", slug="other")

    result = import_record(
        study(statusModule__overallStatus="COMPLETED"), listing=other
    )

    assert result.outcome == "updated"
    assert ClinicalTrialPage.objects.count() == 1
    assert trial("NCT05550001").get_parent().pk == trial_listing.pk


# ---------------------------------------------------------------------------
# Rejections: whole, named, and nothing half-written
# ---------------------------------------------------------------------------

BAD_RECORDS = [
    ("no NCT ID", {"identificationModule__nctId": DELETE}, "nctId is missing"),
    ("malformed NCT ID", {"identificationModule__nctId": "NCT123"}, "nctId"),
    ("unknown status", {"statusModule__overallStatus": "OPEN"}, "overallStatus"),
    ("unknown phase", {"designModule__phases": ["PHASE2", "PHASE5"]}, "phases[1]"),
    (
        "age not <n> <unit>",
        {"eligibilityModule__minimumAge": "six months"},
        "minimumAge",
    ),
    ("age unit", {"eligibilityModule__maximumAge": "21 Decades"}, "maximumAge"),
    ("wrong type", {"conditionsModule__conditions": "Neuroblastoma"}, "conditions"),
    ("wrong item type", {"conditionsModule__keywords": ["ok", 3]}, "keywords[1]"),
    ("no title", {"identificationModule__briefTitle": "  "}, "briefTitle"),
    ("bad sex", {"eligibilityModule__sex": "BOTH"}, "sex"),
    ("bad date", {"statusModule__startDateStruct__date": "March 2025"}, "startDate"),
    ("ages reversed", {"eligibilityModule__minimumAge": "30 Years"}, "minimumAge"),
    ("too long", {"identificationModule__acronym": "A" * 61}, "acronym"),
    (
        "bad e-mail",
        {"contactsLocationsModule__centralContacts": [{"email": "no-at-sign"}]},
        "centralContacts[0].email",
    ),
]


@pytest.mark.parametrize(
    ("changes", "field"),
    [(changes, field) for _name, changes, field in BAD_RECORDS],
    ids=[name for name, _changes, _field in BAD_RECORDS],
)
def test_a_record_that_does_not_fit_is_rejected_whole(trial_listing, changes, field):
    pages_before = Page.objects.count()

    result = import_record(study("NCT05550009", **changes))

    assert result.outcome == "rejected"
    assert result.page is None
    assert field in result.message
    assert result.message.startswith("Rejected ")
    assert result.message.endswith("Nothing was saved for this study.")
    if "nctId" not in field:
        assert "NCT05550009" in result.message and result.nct_id == "NCT05550009"
    assert Page.objects.count() == pages_before
    assert not ClinicalTrialPage.objects.exists()


@pytest.mark.parametrize("data", [None, [], "a string", 42, {"protocolSection": []}])
def test_a_record_of_the_wrong_type_is_rejected(trial_listing, data):
    result = import_record(data)

    assert result.outcome == "rejected" and result.nct_id == ""
    assert "Rejected the study record" in result.message


def test_a_rejected_update_leaves_the_page_as_it_was(trial_listing):
    import_record(study())
    before = trial("NCT05550001")

    result = import_record(study(statusModule__overallStatus="Recruiting!"))

    assert result.outcome == "rejected"
    after = trial("NCT05550001")
    assert after.overall_status == "RECRUITING"
    assert after.latest_revision_id == before.latest_revision_id


def test_a_batch_imports_the_good_studies_and_reports_every_bad_one(trial_listing):
    payload = studies_page(
        study("NCT05550001"),
        study("NCT05550002", statusModule__overallStatus="OPEN"),
        {"protocolSection": {"identificationModule": {}}},
        study("NCT05550004"),
    )

    results = importer.import_payload(payload)

    assert [r.outcome for r in results] == [
        "created",
        "rejected",
        "rejected",
        "created",
    ]
    assert "NCT05550002" in results[1].message
    assert "study record 3 of 4" in results[2].message
    assert "nctId is missing" in results[2].message
    assert set(ClinicalTrialPage.objects.values_list("nct_id", flat=True)) == {
        "NCT05550001",
        "NCT05550004",
    }
    assert importer.summarise(results) == "4 studies: 2 created, 2 rejected."


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b'{"studies": [{"protocolSection": ', "not valid JSON"),
        ("<html>Service unavailable</html>", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        ('{"studies": "none"}', "studies must be a list"),
        ('{"nextPageToken": "x"}', "neither a study record nor a page of studies"),
        ("NaN", "not valid JSON"),
    ],
)
def test_data_that_is_not_studies_is_rejected_with_a_reason(
    trial_listing, payload, expected
):
    results = importer.import_payload(payload)

    assert len(results) == 1 and results[0].outcome == "rejected"
    assert expected in results[0].message
    assert not ClinicalTrialPage.objects.exists()


def test_one_study_or_a_list_of_studies_is_a_payload_too(trial_listing):
    assert [r.outcome for r in importer.import_payload(study())] == ["created"]
    results = importer.import_payload([study("NCT05550002"), study("NCT05550003")])
    assert [r.outcome for r in results] == ["created", "created"]


def test_a_database_error_rolls_back_only_that_study(trial_listing, monkeypatch):
    real_save_revision = ClinicalTrialPage.save_revision

    def failing_save_revision(self, *args, **kwargs):
        if self.nct_id == "NCT05550001":
            raise DatabaseError("disk full")
        return real_save_revision(self, *args, **kwargs)

    monkeypatch.setattr(ClinicalTrialPage, "save_revision", failing_save_revision)
    pages_before = Page.objects.count()

    results = importer.import_payload([study("NCT05550001"), study("NCT05550002")])

    assert [r.outcome for r in results] == ["rejected", "created"]
    assert "NCT05550001" in results[0].message and "disk full" in results[0].message
    # The failed study's page row was added to the tree, then rolled back whole.
    assert Page.objects.count() == pages_before + 1
    assert not ClinicalTrialPage.objects.filter(nct_id="NCT05550001").exists()
    listing = Page.objects.get(pk=trial_listing.pk)
    assert listing.numchild == 1
    assert all(not problems for problems in Page.find_problems())


def test_with_no_trial_listing_a_new_study_is_rejected_clearly(home):
    result = import_record(study())

    assert result.outcome == "rejected"
    assert "NCT05550001" in result.message
    assert "no trial listing page" in result.message
    assert not ClinicalTrialPage.objects.exists()


def test_a_chosen_listing_is_used(trial_listing, home):
    # TrialListingPage has max_count 1 in the admin; code may still make a second.
    other = factories.TrialListingPageFactory(parent=home, title="Other", slug="other")

    page = import_record(study(), listing=other).page

    assert page.get_parent().pk == other.pk


# ---------------------------------------------------------------------------
# By NCT ID, and the nightly sync
# ---------------------------------------------------------------------------


def test_import_by_nct_id_fetches_each_study_once(trial_listing):
    registry = FakeRegistry(study("NCT05550001"), study("NCT05550002"))

    results = importer.import_nct_ids(
        ["NCT05550001", " nct05550002 ", "NCT05550001"], fetch=registry
    )

    assert [r.outcome for r in results] == ["created", "created"]
    assert registry.calls == ["NCT05550001", "NCT05550002"]


def test_network_failures_and_bad_ids_are_rejected_per_study(trial_listing):
    registry = FakeRegistry(
        study("NCT05550001"),
        errors={
            "NCT05550003": values.RecordError(
                "could not fetch https://registry.test: timed out", nct_id="NCT05550003"
            ),
            "NCT05550004": ConnectionResetError("connection reset"),
        },
    )

    results = importer.import_nct_ids(
        ["NCT05550001", "NCT05550002", "NCT05550003", "NCT05550004", "12345"],
        fetch=registry,
    )

    assert [r.outcome for r in results] == ["created", *["rejected"] * 4]
    assert "NCT05550002" in results[1].message and "HTTP 404" in results[1].message
    assert "timed out" in results[2].message
    assert (
        "NCT05550004" in results[3].message and "connection reset" in results[3].message
    )
    assert "'12345'" in results[4].message and "not an NCT ID" in results[4].message
    assert list(ClinicalTrialPage.objects.values_list("nct_id", flat=True)) == [
        "NCT05550001"
    ]


def test_the_default_fetch_uses_the_configured_registry(trial_listing):
    # Test settings point at a closed local port: a network error, not a crash.
    results = importer.import_nct_ids(["NCT05550001"])

    assert results[0].outcome == "rejected"
    assert "could not fetch http://127.0.0.1:9/" in results[0].message


def test_a_registry_answer_for_another_study_is_rejected(trial_listing):
    registry = FakeRegistry()
    registry.records["NCT05550001"] = study("NCT05550002")

    result = importer.import_nct_ids(["NCT05550001"], fetch=registry)[0]

    assert result.outcome == "rejected" and "NCT05550002" in result.message
    assert not ClinicalTrialPage.objects.exists()


def test_sync_reimports_only_trials_that_came_from_the_registry(trial_listing):
    importer.import_payload([study("NCT05550001"), study("NCT05550002")])
    by_hand = factories.ClinicalTrialPageFactory(parent=trial_listing)
    registry = FakeRegistry(
        study("NCT05550001"),
        study("NCT05550002", statusModule__overallStatus="COMPLETED"),
    )

    results = importer.sync_all(fetch=registry)

    assert sorted(registry.calls) == ["NCT05550001", "NCT05550002"]
    assert by_hand.nct_id not in registry.calls
    assert [(r.nct_id, r.outcome) for r in results] == [
        ("NCT05550001", "unchanged"),
        ("NCT05550002", "updated"),
    ]
    assert trial("NCT05550002").overall_status == "COMPLETED"


def test_a_second_import_of_many_records_writes_nothing(
    trial_listing, django_assert_max_num_queries
):
    records = [study(f"NCT055501{n:02d}") for n in range(20)]
    assert {r.outcome for r in importer.import_payload(records)} == {"created"}

    # Per unchanged study: the page, its phases, its conditions, and the savepoint
    # pair of its transaction; plus the batch's lookups.
    with django_assert_max_num_queries(20 * 5 + 5) as queries:
        results = importer.import_payload(records)

    assert {r.outcome for r in results} == {"unchanged"}
    statements = [query["sql"] for query in queries.captured_queries]
    writes = [sql for sql in statements if not sql.startswith(("SELECT", "SAVEPOINT"))]
    assert [sql for sql in writes if not sql.startswith("RELEASE SAVEPOINT")] == []
