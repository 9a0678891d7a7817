"""The conditions app's models: pages and their parts (``pages``), and the snippets
editors manage (``snippets``)."""

from .pages import (
    ConditionAlias,
    ConditionBodySite,
    ConditionIndexPage,
    ConditionPage,
    ConditionProgram,
    ConditionType,
)
from .snippets import ConditionSynonym, GlossaryTerm

__all__ = [
    "ConditionAlias",
    "ConditionBodySite",
    "ConditionIndexPage",
    "ConditionPage",
    "ConditionProgram",
    "ConditionSynonym",
    "ConditionType",
    "GlossaryTerm",
]
