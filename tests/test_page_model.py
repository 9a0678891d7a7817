"""The content model: every page type created through the real admin form, where each
page type may live, and the NCT ID rules."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from conditions.models import ConditionIndexPage, ConditionPage
from netsite.models import HomePage, StandardPage
from programs.models import ProgramIndexPage, ProgramPage
from trials.models import ClinicalTrialPage, TrialListingPage

from . import factories

pytestmark = pytest.mark.django_db


class TestCreateEveryPageTypeInTheAdmin(WagtailPageTestCase):
    """Each page type saved through the admin's real create form (STYLE.md)."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.conditions = factories.ConditionIndexPageFactory(parent=cls.home)
        cls.programs = factories.ProgramIndexPageFactory(parent=cls.home)
        cls.trials = factories.TrialListingPageFactory(parent=cls.home)
        cls.program = factories.ProgramPageFactory(parent=cls.programs)
        cls.person = factories.PersonFactory()
        cls.discipline = factories.DisciplineFactory(name="Oncologists")

    def setUp(self):
        self.login()

    def test_standard_page(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "About us",
                    "slug": "about",
                    "body": streamfield(
                        [
                            (
                                "section",
                                {"heading": "Who we are", "text": rich_text("Hi.")},
                            )
                        ]
                    ),
                }
            ),
        )

    def test_condition_index_page(self):
        self.conditions.delete()  # max_count = 1
        self.assertCanCreate(
            self.home,
            ConditionIndexPage,
            nested_form_data(
                {"title": "Conditions we treat", "intro": rich_text("A–Z")}
            ),
        )

    def test_condition_page_with_every_structured_part(self):
        data = nested_form_data(
            {
                "title": "Neuroendocrine tumors",
                "slug": "neuroendocrine-tumors",
                "short_name": "NETs",
                "summary": "Growths from hormone-making tissue.",
                "overview_heading": "What are neuroendocrine tumors?",
                "overview": rich_text("Neuroendocrine tumors are growths."),
                "where_it_forms_intro": "These tumors can form in:",
                "functioning_text": rich_text("Some make hormones."),
                "body": streamfield([]),
                "care_text": rich_text("We care."),
                "research_text": rich_text("We research."),
                "trials_text": rich_text("We run trials."),
                "also_known_as": inline_formset(
                    [{"name": "NETs", "note": "", "show_in_a_to_z": "on"}]
                ),
                "body_sites": inline_formset([{"name": "Pancreas", "note": ""}]),
                "types": inline_formset(
                    [
                        {
                            "group": "Pancreatic NETs",
                            "name": "Insulinoma",
                            "description": "Makes too much insulin.",
                            "hormone_activity": "functioning",
                        }
                    ]
                ),
                "care_programs": inline_formset(
                    [{"program": self.program.pk, "note": ""}]
                ),
            }
        )
        self.assertCanCreate(self.conditions, ConditionPage, data)
        page = ConditionPage.objects.get(slug="neuroendocrine-tumors")
        assert [a.name for a in page.also_known_as.all()] == ["NETs"]
        assert page.types.get().hormone_activity == "functioning"
        assert page.care_programs.get().program == self.program

    def test_program_index_page(self):
        self.programs.delete()
        self.assertCanCreate(
            self.home,
            ProgramIndexPage,
            nested_form_data({"title": "Programs", "intro": rich_text("")}),
        )

    def test_program_page_with_care_team(self):
        data = nested_form_data(
            {
                "title": "Endocrine-Oncology Program",
                "slug": "endocrine-oncology-program",
                "summary": "",
                "overview": rich_text("What we do."),
                "body": streamfield([]),
                "phone": "617-555-0123",
                "team_members": inline_formset(
                    [
                        {
                            "person": self.person.pk,
                            "discipline": self.discipline.pk,
                            "role": "Director",
                        }
                    ]
                ),
            }
        )
        self.assertCanCreate(self.programs, ProgramPage, data)
        page = ProgramPage.objects.get(slug="endocrine-oncology-program")
        assert page.team_members.get().person == self.person

    def test_trial_listing_page(self):
        self.trials.delete()
        self.assertCanCreate(
            self.home,
            TrialListingPage,
            nested_form_data(
                {
                    "title": "Clinical trials",
                    "intro": rich_text(""),
                    "per_page": 20,
                    "shortlist_questions": "Can we join later?",
                }
            ),
        )

    def test_clinical_trial_page(self):
        data = nested_form_data(
            {
                "title": "A study of a new medicine",
                "slug": "nct01234567",
                "nct_id": " nct01234567 ",
                "overall_status": "RECRUITING",
                "study_type": "INTERVENTIONAL",
                "minimum_age": "6 Months",
                "maximum_age": "21 Years",
                "sex": "ALL",
                "body": streamfield([]),
            }
        )
        self.assertCanCreate(self.trials, ClinicalTrialPage, data)
        trial = ClinicalTrialPage.objects.get(slug="nct01234567")
        assert trial.nct_id == "NCT01234567"
        assert str(trial.minimum_age_months) == "6.000"
        assert trial.age_range_label == "6 months to 21 years"

    def test_a_duplicate_nct_id_is_refused_with_a_message(self):
        factories.ClinicalTrialPageFactory(parent=self.trials, nct_id="NCT01234567")
        response = self.client.post(
            f"/admin/pages/add/trials/clinicaltrialpage/{self.trials.pk}/",
            nested_form_data(
                {
                    "title": "Copy",
                    "slug": "copy",
                    "nct_id": "NCT01234567",
                    "overall_status": "RECRUITING",
                    "sex": "ALL",
                    "body": streamfield([]),
                }
            ),
        )
        assert response.status_code == 200
        assert "NCT ID already exists" in response.content.decode()
        assert ClinicalTrialPage.objects.filter(nct_id="NCT01234567").count() == 1

    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {ConditionIndexPage, ProgramIndexPage, TrialListingPage, StandardPage},
        )
        self.assertAllowedSubpageTypes(ConditionIndexPage, {ConditionPage})
        self.assertAllowedParentPageTypes(ConditionPage, {ConditionIndexPage})
        self.assertAllowedSubpageTypes(ConditionPage, set())
        self.assertAllowedSubpageTypes(ProgramIndexPage, {ProgramPage})
        self.assertAllowedParentPageTypes(ProgramPage, {ProgramIndexPage})
        self.assertAllowedSubpageTypes(TrialListingPage, {ClinicalTrialPage})
        self.assertAllowedParentPageTypes(ClinicalTrialPage, {TrialListingPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(ConditionIndexPage, ConditionIndexPage)
        self.assertCanNotCreateAt(HomePage, ClinicalTrialPage)
        self.assertCanNotCreateAt(ProgramIndexPage, ConditionPage)

    def test_singleton_sections(self):
        # One conditions index, one program index and one trial listing per site.
        assert not ConditionIndexPage.can_create_at(self.home)
        assert not ProgramIndexPage.can_create_at(self.home)
        assert not TrialListingPage.can_create_at(self.home)


@pytest.mark.parametrize(
    "value",
    ["", "NCT1234567", "NCT123456789", "NCTABCDEFGH", "XYZ01234567", "NCT0123456 7"],
)
def test_a_malformed_nct_id_does_not_validate(trial_listing, value):
    trial = ClinicalTrialPage(title="A trial", slug="a-trial", nct_id=value)
    with pytest.raises(ValidationError) as error:
        trial.full_clean()
    assert "nct_id" in error.value.message_dict


def test_a_well_formed_nct_id_validates(trial_listing):
    trial = factories.ClinicalTrialPageFactory.build(nct_id="NCT09990001")
    trial_listing.add_child(instance=trial)
    trial.full_clean()


@pytest.mark.parametrize("age", ["6", "six months", "6 Fortnights", "-1 Years"])
def test_ages_must_be_written_as_the_registry_does(age):
    trial = ClinicalTrialPage(
        title="A", slug="a", nct_id="NCT01234567", minimum_age=age
    )
    with pytest.raises(ValidationError) as error:
        trial.full_clean()
    assert "minimum_age" in error.value.message_dict


def test_youngest_age_must_not_exceed_oldest():
    trial = factories.ClinicalTrialPageFactory.build(
        minimum_age="2 Years", maximum_age="6 Months"
    )
    with pytest.raises(ValidationError) as error:
        trial.clean()
    assert "maximum_age" in error.value.message_dict
