"""Demo content of the trials app: the trial listing and the sample registry records
in ``demo/`` beside this file (the real v2 shape), imported through the same code path
as real records. Called by ``manage.py load_demo_content`` after the conditions' demo,
so the importer links the trials to the NET page; idempotent.
"""

import json
from pathlib import Path

from django.core.management.base import CommandError

from netsite.demo import (
    SAMPLE_NOTE,
    SPANISH_DEMO_NOTE,
    section,
    streamfield,
    translate_demo_page,
)

from .models import TrialConfirmation, TrialListingPage
from .models.listing import DEFAULT_SHORTLIST_QUESTIONS
from .registry.importer import CREATED, REJECTED, import_record

RECORDS_DIR = Path(__file__).resolve().parent / "demo"

SECTION = {
    "title": "Clinical trials",
    "summary": "Research studies your child may be able to join, from our own investigators and from collaborative groups.",
    "intro": "<p>Clinical trials are research studies that test new ways to find and treat illness. Use the filters to find trials for your child's condition and age. Your care team can tell you whether a trial is right for your child.</p>",
}

# “Questions to ask your child's care team” on the demo trials (a body block).
TRIAL_QUESTIONS = [
    {
        "type": "questions",
        "value": {
            "heading": "Questions to ask your child's care team",
            "questions": "\n".join(
                [
                    "What is this trial trying to find out?",
                    "How is it different from the standard treatment my child would "
                    "get otherwise?",
                    "What extra visits, tests or scans would my child need, and where?",
                    "Who do we call if my child has a problem or a side effect, day "
                    "or night?",
                ]
            ),
        },
    }
]

# What staff add to imported trials: never in the registry record.
TRIAL_STAFF_FIELDS = {
    "NCT09990001": {
        "eligibility_short": "Progressive or recurrent tumor",
        "family_summary": "<p>" + SAMPLE_NOTE + " This study tests a medicine taken by "
        "mouth for children and young adults whose tumor has grown or come back.</p>",
        "body": streamfield(TRIAL_QUESTIONS),
    },
    "NCT09990002": {
        "eligibility_short": "A rare endocrine tumor, diagnosed before age 30",
        "family_summary": "<p>" + SAMPLE_NOTE + " This study collects health "
        "information and tissue samples. It has no study medicine.</p>",
        "body": streamfield(TRIAL_QUESTIONS),
    },
}


def load(home) -> int:
    """The trial listing and the sample trials, with what staff would add."""
    listing, created = section(home, TrialListingPage, "trials", SECTION)
    # Each trial is imported in its own transaction by the importer.
    for path in sorted(RECORDS_DIR.glob("*.json")):
        result = import_record(json.loads(path.read_text()), listing=listing)
        if result.outcome == REJECTED:
            raise CommandError(f"Demo trial {path.name} was rejected: {result.message}")
        if result.outcome == CREATED:
            created += 1
            fields = TRIAL_STAFF_FIELDS.get(result.page.nct_id, {})
            if fields:
                for name, value in fields.items():
                    setattr(result.page, name, value)
                result.page.save_revision().publish()
            # As our study team would after checking it (by nobody: no account yet).
            TrialConfirmation.objects.create(trial=result.page)
    return created + load_spanish(listing)


# --- In Spanish (demo text, not medically reviewed: SPANISH_DEMO_NOTE) -----------------

SPANISH_SECTION = {
    SECTION["title"]: "Ensayos clínicos",
    "trials": "ensayos",
    SECTION["summary"]: (
        "Estudios de investigación en los que su hijo o hija podría participar, de "
        "nuestros investigadores y de grupos colaborativos."
    ),
    SECTION["intro"].removeprefix("<p>").removesuffix("</p>"): (
        "Los ensayos clínicos son estudios de investigación que prueban nuevas formas "
        "de detectar y tratar enfermedades. Use los filtros para buscar ensayos según "
        "la enfermedad y la edad de su hijo o hija. Su equipo médico puede decirle si "
        "un ensayo es adecuado. " + SPANISH_DEMO_NOTE
    ),
    "<br/>".join(DEFAULT_SHORTLIST_QUESTIONS.splitlines()): "<br/>".join(
        [
            "¿Es probable que mi hijo o hija pueda participar en este ensayo?",
            "¿Cómo serían el tratamiento y las visitas de mi hijo o hija en el ensayo?",
            "¿En qué se diferencia del tratamiento que recibiríamos si no?",
            "¿Cuáles son los posibles beneficios y riesgos?",
            "¿Adónde tendríamos que ir y con qué frecuencia? ¿Quién paga el viaje y la "
            "atención?",
            "¿Podemos dejar el ensayo más adelante si queremos?",
        ]
    ),
}


def load_spanish(listing) -> int:
    """The trial listing in Spanish (the trials themselves stay in English until
    someone translates them; the listing shows them marked as English)."""
    return translate_demo_page(listing, SPANISH_SECTION)
