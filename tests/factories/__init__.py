"""factory_boy factories for every page type and snippet, one module per app, with a
fixed seed. Tests import them from here: ``from tests import factories``."""

import factory.random

from .conditions import (
    ConditionAliasFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    ConditionProgramFactory,
)
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
    "HomePageFactory",
    "PersonFactory",
    "ProgramIndexPageFactory",
    "ProgramPageFactory",
    "ProgramTeamMemberFactory",
    "StandardPageFactory",
    "TrialListingPageFactory",
]
