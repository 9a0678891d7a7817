"""Demo intake teams: the center's contact team (the default) and the
Endocrine-Oncology team, which answers for its program, the conditions it treats and
the trials. The addresses are samples (example.org)."""

from programs.models import ProgramPage
from trials.models import TrialListingPage

from .models import IntakeTeam, TeamPage

TEAMS = [
    {
        "name": "Family contact team",
        "inbox_email": "contact-team@example.org",
        "callback_promise": "Someone from our family contact team will call or e-mail "
        "you back within 2 working days (Monday to Friday).",
        "is_default": True,
    },
    {
        "name": "Endocrine-Oncology intake team",
        "inbox_email": "endocrine-intake@example.org",
        "callback_promise": "A nurse from the Endocrine-Oncology Program will call you "
        "back within 2 working days (Monday to Friday).",
        "pages": [
            (ProgramPage, "endocrine-oncology-program"),
            (TrialListingPage, "trials"),
        ],
    },
]


def load(home) -> int:
    created = 0
    for data in TEAMS:
        fields = {key: value for key, value in data.items() if key != "pages"}
        team, was_created = IntakeTeam.objects.get_or_create(
            name=fields.pop("name"), defaults=fields
        )
        created += was_created
        if not was_created:
            continue
        for page_model, slug in data.get("pages", []):
            page = page_model.objects.descendant_of(home).filter(slug=slug).first()
            if page is not None and not TeamPage.objects.filter(page=page).exists():
                TeamPage.objects.create(team=team, page=page)
                created += 1
    return created
