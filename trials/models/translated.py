"""A trial page in another language: the family-facing words are translated, the
registry's data is not.

Status, phases, ages, sites, conditions and the rest of the registry record are read
from the English page whenever a translation is shown, never copied into it, so a
registry sync that closes a trial closes it on the Spanish page at once. The registry's
own text (titles, summary, criteria) stays in English unless someone wrote a family
summary, and the page marks it ``lang="en"``.
"""

# Written by the registry import (trials/registry/writer.py) on the English page alone.
REGISTRY_FIELDS = (
    "nct_id",
    "official_title",
    "acronym",
    "brief_summary",
    "overall_status",
    "study_type",
    "minimum_age",
    "maximum_age",
    "minimum_age_months",
    "maximum_age_months",
    "sex",
    "eligibility_criteria",
    "registry_conditions",
    "registry_keywords",
    "lead_sponsor",
    "collaborators",
    "principal_investigator",
    "contact_name",
    "contact_phone",
    "contact_email",
    "start_date",
    "registry_last_updated",
    "status_changed_at",
    "last_synced_at",
    "collaborative_group",
    "conditions",
)


def take_registry_data(translation, original) -> None:
    """Show ``original``'s registry data on ``translation`` (in memory, for one
    render): the fields, the phases and the last confirmation."""
    for name in REGISTRY_FIELDS:
        if name != "conditions":
            setattr(translation, name, getattr(original, name))
    translation.__dict__["phase_list"] = original.phase_list
