"""A family's shortlist of trials to take to the doctor: in the URL, nowhere else.

No account, no cookie, nothing stored on the server: the list is the ``shortlist``
query parameter ("NCT01234567,NCT07654321"), so the link can be shared, and adding or
removing a trial is an ordinary link that works without JavaScript. The parameter is
untrusted: anything that is not an NCT ID is left out with a note, repeats are
dropped, and past five only the first five are kept (with a note), so the query that
loads the trials never grows with the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.http import urlencode

from conditions.blocks import QUESTIONS_HEADING, question_lines

from . import distance, sites
from .registry import values

PARAM = "shortlist"
MAX_TRIALS = 5
# Five IDs and their commas are 59 characters; anything much longer is not a shortlist.
MAX_PARAM_LENGTH = 300
_SEPARATORS_RE = re.compile(r"[\s,;]+")


@dataclass
class Shortlist:
    """The NCT IDs in the order the family added them, and what was left out."""

    ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> Shortlist:
        raw = query.get(PARAM, "").replace("\x00", "")
        shortlist = cls()
        if len(raw) > MAX_PARAM_LENGTH:
            shortlist.notes.append("The shortlist in this link was too long to read.")
            raw = raw[:MAX_PARAM_LENGTH]
        invalid = []
        for token in _SEPARATORS_RE.split(raw):
            if not token:
                continue
            try:
                nct_id = values.validate_nct_id(token)
            except values.RecordError:
                invalid.append(token[:20])
                continue
            if nct_id not in shortlist.ids:
                shortlist.ids.append(nct_id)
        if invalid:
            shortlist.notes.append(
                f"We left out {', '.join(invalid[:3])}{' …' if len(invalid) > 3 else ''}"
                ": not a trial's NCT ID (“NCT” and 8 digits)."
            )
        if len(shortlist.ids) > MAX_TRIALS:
            shortlist.ids = shortlist.ids[:MAX_TRIALS]
            shortlist.notes.append(
                f"A shortlist holds up to {MAX_TRIALS} trials: we kept the first "
                f"{MAX_TRIALS}."
            )
        return shortlist

    def __contains__(self, nct_id: str) -> bool:
        return nct_id in self.ids

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def full(self) -> bool:
        return len(self.ids) >= MAX_TRIALS

    @property
    def value(self) -> str:
        return ",".join(self.ids)

    def with_id(self, nct_id: str) -> str:
        """The parameter's value with ``nct_id`` added (at the end)."""
        return ",".join([*self.ids, nct_id] if nct_id not in self.ids else self.ids)

    def without_id(self, nct_id: str) -> str:
        return ",".join(pk for pk in self.ids if pk != nct_id)


def query_with(query: QueryDict, shortlist_value: str) -> str:
    """``query`` (a listing's filters, say) with the shortlist replaced; no page number:
    adding a trial keeps the filters, and the page it was on is the family's to find."""
    query = query.copy()
    query.pop("page", None)
    if shortlist_value:
        query[PARAM] = shortlist_value
    else:
        query.pop(PARAM, None)
    return query.urlencode()


def where_to_go(trial, names: list[str], home: tuple[float, float] | None):
    """The site a family would contact: ours if open, else the nearest open one to
    their ZIP code, else the first open one; (site, miles or None), or (None, None).
    The trial's sites must be prefetched."""
    open_sites = [site for site in trial.sites.all() if site.is_open]
    ours = [site for site in open_sites if sites.is_ours(site.facility, names)]
    if ours:
        return ours[0], None
    if home:
        located = [
            (distance.miles_between(home, (site.latitude, site.longitude)), site)
            for site in open_sites
            if site.latitude is not None and site.longitude is not None
        ]
        if located:
            miles, site = min(located, key=lambda pair: pair[0])
            return site, miles
    return (open_sites[0], None) if open_sites else (None, None)


def shortlist_context(listing, request, trials) -> dict:
    """What the shortlist page shows: the family's trials (from ``trials``, the
    listing's live public ones) in their order, each with the site to contact, and a
    note for whatever in the link was left out."""
    from netsite.models import SiteSettings  # noqa: PLC0415 - needs the app registry

    shortlist = Shortlist.from_query(request.GET)
    found = {
        trial.nct_id: trial
        for trial in trials.filter(nct_id__in=shortlist.ids)
        .for_cards()
        .prefetch_related("sites")
    }
    kept = Shortlist(ids=[nct_id for nct_id in shortlist.ids if nct_id in found])
    notes = list(shortlist.notes)
    missing = [nct_id for nct_id in shortlist.ids if nct_id not in found]
    if missing:
        notes.append(
            f"We could not find {', '.join(missing)} on our site: it may have been "
            "removed, or the link was mistyped."
        )
    zip_code = request.GET.get("zip", "")[:10]
    home = distance.zip_centroid(zip_code)
    if zip_code and home is None:
        notes.append("We ignored the ZIP code: it is not a 5-digit US ZIP code.")
    kept_zip = zip_code if home else ""
    names = sites.our_names(SiteSettings.for_request(request).our_facilities)
    shown = [found[nct_id] for nct_id in kept.ids]
    for trial in shown:
        trial.contact_site, trial.contact_miles = where_to_go(trial, names, home)
        trial.remove_url = listing.shortlist_url(
            kept.without_id(trial.nct_id), kept_zip
        )
    return {
        "shortlist": kept,
        "shortlist_trials": shown,
        "shortlist_notes": notes,
        "share_url": request.build_absolute_uri(
            listing.shortlist_url(kept.value, kept_zip)
        ),
        "listing_query": urlencode({PARAM: kept.value}) if kept else "",
        "questions": question_lines(listing.shortlist_questions),
        "questions_heading": QUESTIONS_HEADING,
    }
