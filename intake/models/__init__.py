"""Families' requests, the teams they are routed to, and the forms' wording."""

from .requests import FamilyRequest
from .teams import IntakeTeam, TeamPage
from .wording import FieldWording, IntakeSettings

__all__ = ["FamilyRequest", "FieldWording", "IntakeSettings", "IntakeTeam", "TeamPage"]
