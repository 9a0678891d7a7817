"""Factories for condition pages and their parts."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from conditions.models import (
    ConditionAlias,
    ConditionIndexPage,
    ConditionPage,
    ConditionProgram,
)

from .programs import ProgramPageFactory


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


class ConditionProgramFactory(DjangoModelFactory):
    page = factory.SubFactory(ConditionPageFactory)
    program = factory.SubFactory(ProgramPageFactory)

    class Meta:
        model = ConditionProgram
