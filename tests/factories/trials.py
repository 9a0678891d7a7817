"""Factories for the trial listing and trial pages."""

import factory
import wagtail_factories

from trials.models import ClinicalTrialPage, TrialListingPage


class TrialListingPageFactory(wagtail_factories.PageFactory):
    title = "Clinical trials"
    slug = "trials"

    class Meta:
        model = TrialListingPage


class ClinicalTrialPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"A study of treatment {n}")
    nct_id = factory.Sequence(lambda n: f"NCT{n + 10000000:08d}")
    overall_status = "RECRUITING"
    study_type = "INTERVENTIONAL"
    minimum_age = "1 Year"
    maximum_age = "21 Years"
    summary = factory.Faker("sentence")

    class Meta:
        model = ClinicalTrialPage
