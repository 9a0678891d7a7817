"""Factories for intake teams and families' requests."""

import factory
from django.utils import timezone

from intake.models import FamilyRequest, IntakeTeam, TeamPage


class IntakeTeamFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Intake team {n}")
    inbox_email = factory.Sequence(lambda n: f"team{n}@example.org")
    callback_promise = "We call back within 2 working days."

    class Meta:
        model = IntakeTeam


class TeamPageFactory(factory.django.DjangoModelFactory):
    team = factory.SubFactory(IntakeTeamFactory)

    class Meta:
        model = TeamPage


class FamilyRequestFactory(factory.django.DjangoModelFactory):
    kind = "appointment"
    team = factory.SubFactory(IntakeTeamFactory)
    received_at = factory.LazyFunction(timezone.now)
    consent_text = "I agree."
    requester_name = factory.Sequence(lambda n: f"Parent {n}")
    relationship = "parent"
    phone = "617-555-0199"
    child_age = "7 years"
    question = factory.Sequence(lambda n: f"Question {n} about my child's scan")

    class Meta:
        model = FamilyRequest
