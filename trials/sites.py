"""Where a trial runs: its sites from the registry, and which of them are ours.

Sites belong to the registry, not to editors: every import and sync replaces a trial's
sites with the registry's list, at once and outside page revisions (a site that
closes must show as closed even while editors have a draft of the page). "Our center"
is named in Settings › Site settings (``our_facilities``); a registry facility is ours
when its folded name contains one of those names, so "Sample Children's Cancer Center –
Main Campus" matches "Sample Children's Cancer Center".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from conditions.names import fold_name

from .registry.records import Contact, StudyRecord

# Per-site statuses under which a family can still be referred to that site.
OPEN_SITE_STATUSES = frozenset(
    {"RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION", "AVAILABLE"}
)

OPEN_HERE = "open-here"
NOT_OPEN_HERE_YET = "not-open-here-yet"
ONLY_ELSEWHERE = "only-elsewhere"
NO_SITES = "no-sites"
HERE_LABELS = {
    OPEN_HERE: "Open at our center",
    NOT_OPEN_HERE_YET: "Not open here yet",
    ONLY_ELSEWHERE: "Only at other hospitals",
    NO_SITES: "",
}


class TrialSite(models.Model):
    """One place a trial runs, as the registry lists it (written by imports only)."""

    # Imports replace a trial's sites in bulk and then empty the page cache once
    # (trials/registry/writer.py), rather than once per row.
    page_cache_watch = False

    trial = models.ForeignKey(
        "trials.ClinicalTrialPage",
        on_delete=models.CASCADE,
        related_name="sites",
        help_text="The trial this site takes part in.",
    )
    sort_order = models.PositiveIntegerField(
        default=0, help_text="The site's position in the registry's list."
    )
    facility = models.CharField(
        max_length=255,
        blank=True,
        help_text="Hospital or clinic, as the registry names it.",
    )
    facility_folded = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The facility name folded as our_names() folds ours, for matching.",
    )
    city = models.CharField(max_length=255, blank=True, help_text="City.")
    state = models.CharField(max_length=255, blank=True, help_text="State or region.")
    zip_code = models.CharField(
        max_length=20, blank=True, help_text="ZIP or postal code."
    )
    country = models.CharField(max_length=255, blank=True, help_text="Country.")
    status = models.CharField(
        max_length=32,
        blank=True,
        help_text="Recruitment at this site (registry code, e.g. RECRUITING).",
    )
    latitude = models.FloatField(
        null=True, blank=True, help_text="The registry's geoPoint latitude, if given."
    )
    longitude = models.FloatField(
        null=True, blank=True, help_text="The registry's geoPoint longitude, if given."
    )
    contact_name = models.CharField(
        max_length=255, blank=True, help_text="The site's first contact, if listed."
    )
    contact_phone = models.CharField(
        max_length=40, blank=True, help_text="The site contact's phone."
    )
    contact_email = models.EmailField(
        blank=True, help_text="The site contact's e-mail."
    )

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "trial site"

    def __str__(self) -> str:
        return ", ".join(
            part for part in (self.facility, self.city, self.state) if part
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_SITE_STATUSES

    @property
    def miles_label(self) -> str:
        """ "12 miles" from the family's ZIP code ("" when not worked out)."""
        from .distance import describe_miles  # noqa: PLC0415 - distance imports this

        miles = getattr(self, "miles", None)
        return "" if miles is None else describe_miles(miles)

    @property
    def place(self) -> str:
        """ "Boston, Massachusetts" (or the country, outside the United States)."""
        parts = [self.city, self.state]
        if self.country and self.country != "United States":
            parts.append(self.country)
        return ", ".join(part for part in parts if part)


def our_names(text: str) -> list[str]:
    """The folded facility names in Site settings' ``our_facilities`` (one a line)."""
    return [name for name in (fold_name(line) for line in text.splitlines()) if name]


def is_ours(facility: str, names: Iterable[str]) -> bool:
    folded = fold_name(facility)
    return bool(folded) and any(name in folded for name in names)


def at_our_center_q(names: list[str], *, open_only: bool) -> models.Q:
    """Trials with a site of ours (an open one if ``open_only``), as a filter: the
    database's version of ``is_ours`` (the same folded containment, on
    ``facility_folded``)."""
    if not names:
        return models.Q(pk__in=[])
    ours = models.Q()
    for name in names:
        ours |= models.Q(facility_folded__contains=name)
    if open_only:
        ours &= models.Q(status__in=OPEN_SITE_STATUSES)
    return models.Q(
        models.Exists(TrialSite.objects.filter(ours, trial=models.OuterRef("pk")))
    )


def here_status(sites: Iterable[TrialSite], names: list[str]) -> str:
    """Open at our center, not open here yet, only at other hospitals, or no sites."""
    sites = list(sites)
    if not sites:
        return NO_SITES
    ours = [site for site in sites if is_ours(site.facility, names)]
    if any(site.is_open for site in ours):
        return OPEN_HERE
    if ours:
        return NOT_OPEN_HERE_YET
    return ONLY_ELSEWHERE


def in_display_order(
    sites: Iterable[TrialSite],
    names: list[str],
    home: tuple[float, float] | None = None,
) -> list[TrialSite]:
    """Ours first, then open sites before closed ones; among those, nearest to the
    family's ZIP code when given (each site gets ``miles``; sites without a geoPoint
    come after the ones we can place), else by state and city."""
    from .distance import miles_between  # noqa: PLC0415 - distance imports this module

    sites = list(sites)
    for site in sites:
        site.miles = (
            miles_between(home, (site.latitude, site.longitude))
            if home and site.latitude is not None and site.longitude is not None
            else None
        )
    return sorted(
        sites,
        key=lambda site: (
            not is_ours(site.facility, names),
            not site.is_open,
            float("inf") if site.miles is None else site.miles,
            site.state.casefold(),
            site.city.casefold(),
            site.facility.casefold(),
        ),
    )


# --- From the registry (trials/registry/writer.py) ------------------------------------

SITE_FIELDS = (
    "facility",
    "city",
    "state",
    "zip_code",
    "country",
    "status",
    "latitude",
    "longitude",
    "contact_name",
    "contact_phone",
    "contact_email",
)


# Where a TrialSite field comes from inside one registry location, for messages.
SITE_REGISTRY_KEYS = {
    "zip_code": "zip",
    "latitude": "geoPoint.lat",
    "longitude": "geoPoint.lon",
    "contact_name": "contacts[0].name",
    "contact_phone": "contacts[0].phone",
    "contact_email": "contacts[0].email",
}


def site_rows(record: StudyRecord) -> list[tuple]:
    """The registry's sites as TrialSite field values, in SITE_FIELDS order."""
    rows = []
    for location in record.locations:
        contact = location.contact or Contact(name="", phone="", email="")
        rows.append(
            (
                location.facility,
                location.city,
                location.state,
                location.zip_code,
                location.country,
                location.status,
                location.latitude,
                location.longitude,
                contact.name,
                contact.phone,
                contact.email,
            )
        )
    return rows
