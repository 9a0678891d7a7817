"""Factories for programs, people, disciplines and collaborative groups."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from programs.models import (
    CollaborativeGroup,
    Discipline,
    Person,
    ProgramIndexPage,
    ProgramPage,
    ProgramTeamMember,
)


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
