"""The trial page's schema.org JSON-LD (``ClinicalTrialPage.structured_data``)."""

from netsite import schema

from .registry import values


def trial_graph(page, data: schema.PageData) -> list[dict]:
    """A MedicalWebPage about a MedicalTrial: status, phase, conditions, sponsor."""
    conditions = list(data.ctx("conditions", lambda: page.conditions.live().public()))
    linked = {condition.title.casefold() for condition in conditions}
    health_conditions = [condition.schema_ref(data.request) for condition in conditions]
    health_conditions += [
        {"@type": "MedicalCondition", "name": name}
        for name in page.registry_conditions or []
        if isinstance(name, str) and name.casefold() not in linked
    ]
    settings = data.settings
    status = values.SCHEMA_STUDY_STATUS.get(page.overall_status)
    trial = schema.clean(
        {
            "@type": "MedicalTrial",
            "@id": data.ref("trial"),
            "name": page.title,
            "alternateName": [
                name for name in (page.official_title, page.acronym) if name
            ],
            "description": page.summary or page.brief_summary,
            "url": data.url,
            "sameAs": page.registry_url,
            "identifier": page.nct_id,
            "code": {
                "@type": "MedicalCode",
                "codeValue": page.nct_id,
                "codingSystem": "ClinicalTrials.gov",
            },
            "status": f"{schema.SCHEMA}/{status}" if status else None,
            "phase": page.phase_label,
            "healthCondition": health_conditions,
            "sponsor": {"@type": "Organization", "name": page.lead_sponsor}
            if page.lead_sponsor
            else None,
            "studyLocation": schema.clean(
                {
                    "@type": "AdministrativeArea",
                    "name": settings.center_name,
                    "address": ", ".join(settings.address.split("\n")) or None,
                }
            ),
        }
    )
    about = {"@id": trial["@id"]}
    webpage = schema.web_page(
        data,
        "MedicalWebPage",
        about=about,
        mainEntity=about,
        **page.review_schema(),
    )
    return [webpage, trial]
