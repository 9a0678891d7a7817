"""Clinical trials: the listing families filter, and one page per registry study.

The models live in small modules beside the rules they follow (``listing.py``,
``trial.py``, ``../sites.py``, ``../freshness.py``); everything is importable from here.
"""

from ..freshness import TrialConfirmation
from ..sites import TrialSite
from .listing import DEFAULT_SHORTLIST_QUESTIONS, TrialListingPage
from .trial import ClinicalTrialPage, Phase, TrialQuerySet

__all__ = [
    "DEFAULT_SHORTLIST_QUESTIONS",
    "ClinicalTrialPage",
    "Phase",
    "TrialConfirmation",
    "TrialListingPage",
    "TrialQuerySet",
    "TrialSite",
]
