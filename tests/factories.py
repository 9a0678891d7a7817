"""factory_boy factories for every page type and snippet, with a fixed seed."""

import factory
import factory.random
import wagtail_factories
from factory.django import DjangoModelFactory

from conditions.models import (
    ConditionAlias,
    ConditionIndexPage,
    ConditionPage,
    ConditionProgram,
)
from netsite.models import HomePage, StandardPage
from programs.models import (
    ClinicalTrialPage,
    CollaborativeGroup,
    Discipline,
    Person,
    ProgramIndexPage,
    ProgramPage,
    ProgramTeamMember,
    TrialListingPage,
)

factory.random.reseed_random("netsite")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    intro = "Care for children with cancer."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"About us {n}")
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage


class ConditionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Conditions we treat"
    slug = "conditions"

    class Meta:
        model = ConditionIndexPage


class ConditionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = factory.Faker("sentence")
    overview = "<p>What this condition is, in plain words.</p>"

    class Meta:
        model = ConditionPage


class ConditionAliasFactory(DjangoModelFactory):
    page = factory.SubFactory(ConditionPageFactory)
    name = factory.Sequence(lambda n: f"Other name {n}")

    class Meta:
        model = ConditionAlias


class ProgramIndexPageFactory(wagtail_factories.PageFactory):
    title = "Programs and centers"
    slug = "programs"

    class Meta:
        model = ProgramIndexPage


class ProgramPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Program {n}")
    summary = factory.Faker("sentence")
    overview = "<p>What the program does.</p>"
    phone = "617-555-0199"

    class Meta:
        model = ProgramPage


class ConditionProgramFactory(DjangoModelFactory):
    page = factory.SubFactory(ConditionPageFactory)
    program = factory.SubFactory(ProgramPageFactory)

    class Meta:
        model = ConditionProgram


class DisciplineFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Specialists {n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Discipline


class PersonFactory(DjangoModelFactory):
    name = factory.Faker("name")
    credentials = "MD"
    job_title = "Sample physician"

    class Meta:
        model = Person


class ProgramTeamMemberFactory(DjangoModelFactory):
    page = factory.SubFactory(ProgramPageFactory)
    person = factory.SubFactory(PersonFactory)
    discipline = factory.SubFactory(DisciplineFactory)

    class Meta:
        model = ProgramTeamMember


class CollaborativeGroupFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Research Group {n}")
    short_name = factory.Sequence(lambda n: f"RG{n}")

    class Meta:
        model = CollaborativeGroup


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
