"""How far a trial's sites are from a family's home, by US ZIP code.

ZIP centroids come from the ``zipcodes`` package, which ships its data (nothing is
fetched at run time). Distances are great-circle miles between the ZIP's centroid and
each site's registry geoPoint; a site without a geoPoint is never "near". One query
finds the open sites inside the circle's bounding box, whatever the ZIP or distance;
the exact distance is worked out here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import zipcodes

from .sites import OPEN_SITE_STATUSES, TrialSite

EARTH_RADIUS_MILES = 3958.8
DISTANCE_CHOICES = (25, 50, 100, 250)
DEFAULT_DISTANCE = 100
_ZIP_RE = re.compile(r"^[0-9]{5}$")


def zip_centroid(text: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a 5-digit US ZIP code, or None if it is unknown."""
    if not _ZIP_RE.match(text or ""):
        return None
    try:
        found = zipcodes.matching(text)
        return float(found[0]["lat"]), float(found[0]["long"])
    except (IndexError, KeyError, TypeError, ValueError):
        return None


def miles_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in miles (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, h)))


@dataclass(frozen=True)
class NearestSite:
    facility: str
    place: str
    miles: float

    @property
    def miles_label(self) -> str:
        return describe_miles(self.miles)


def describe_miles(miles: float) -> str:
    """ "12 miles", or "less than 1 mile"."""
    return "less than 1 mile" if miles < 1 else f"{round(miles)} miles"


def nearest_open_sites(
    center: tuple[float, float], radius_miles: float
) -> dict[int, NearestSite]:
    """For each trial with an open site within ``radius_miles``: its nearest one."""
    lat, lon = center
    lat_span = math.degrees(radius_miles / EARTH_RADIUS_MILES)
    lon_span = lat_span / max(math.cos(math.radians(lat)), 0.01)
    rows = TrialSite.objects.filter(
        status__in=OPEN_SITE_STATUSES,
        latitude__range=(lat - lat_span, lat + lat_span),
        longitude__range=(lon - lon_span, lon + lon_span),
    ).values_list("trial_id", "facility", "city", "state", "latitude", "longitude")
    nearest: dict[int, NearestSite] = {}
    for trial_id, facility, city, state, site_lat, site_lon in rows:
        miles = miles_between(center, (site_lat, site_lon))
        if miles > radius_miles:
            continue
        if trial_id not in nearest or miles < nearest[trial_id].miles:
            place = ", ".join(part for part in (city, state) if part)
            nearest[trial_id] = NearestSite(facility, place, miles)
    return nearest
