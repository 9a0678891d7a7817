"""The condition page's schema.org JSON-LD (``ConditionPage.structured_data``)."""

from netsite import schema


def condition_graph(page, data: schema.PageData) -> list[dict]:
    """A MedicalWebPage about a MedicalCondition, with its names, sites, trials."""
    aliases = data.ctx("aliases", lambda: list(page.also_known_as.all()))
    body_sites = data.ctx("body_sites", lambda: list(page.body_sites.all()))
    condition = schema.clean(
        {
            "@type": "MedicalCondition",
            "@id": data.ref("condition"),
            "name": page.title,
            "alternateName": [alias.name for alias in aliases],
            "description": page.summary,
            "url": data.url,
            "associatedAnatomy": [
                {"@type": "AnatomicalStructure", "name": site.name}
                for site in body_sites
            ],
            "study": [
                {
                    "@type": "MedicalTrial",
                    "name": trial.title,
                    "url": trial.get_full_url(data.request),
                }
                for trial in page.open_trials
            ],
        }
    )
    about = {"@id": condition["@id"]}
    webpage = schema.web_page(
        data,
        "MedicalWebPage",
        about=about,
        mainEntity=about,
        **page.review_schema(),
    )
    return [webpage, condition]
