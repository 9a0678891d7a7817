"""factory_boy factories for every page type and snippet, one module per app, with a
fixed seed. Tests import them from here: ``from tests import factories``."""

import factory.random

from .conditions import (
    ConditionAliasFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    ConditionProgramFactory,
)
from .intake import FamilyRequestFactory, IntakeTeamFactory, TeamPageFactory
from .netsite import HomePageFactory, StandardPageFactory
from .programs import (
    CollaborativeGroupFactory,
    DisciplineFactory,
    PersonFactory,
    ProgramIndexPageFactory,
    ProgramPageFactory,
    ProgramTeamMemberFactory,
)
from .trials import ClinicalTrialPageFactory, TrialListingPageFactory

factory.random.reseed_random("netsite")

__all__ = [
    "ClinicalTrialPageFactory",
    "CollaborativeGroupFactory",
    "ConditionAliasFactory",
    "ConditionIndexPageFactory",
    "ConditionPageFactory",
    "ConditionProgramFactory",
    "DisciplineFactory",
    "FamilyRequestFactory",
    "HomePageFactory",
    "IntakeTeamFactory",
    "PersonFactory",
    "ProgramIndexPageFactory",
    "ProgramPageFactory",
    "ProgramTeamMemberFactory",
    "StandardPageFactory",
    "TeamPageFactory",
    "TrialListingPageFactory",
]
