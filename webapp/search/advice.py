"""Advice for a search that found nothing, fitted to why, and the town nearest a shared location."""
from __future__ import annotations

import math
import re
from dataclasses import replace

from flask_babel import gettext

from indexer.parsers import geo
from indexer.search import SearchIndex, SearchQuery
from indexer.search.params import RADII, query_args
from webapp.search.refine import Choice

NEAREST_TOWN_MILES = 60
_COORDINATE = re.compile(r"^-?\d{1,3}(?:\.\d{1,6})?$")


def wider_with_jobs(index: SearchIndex, query: SearchQuery, place: geo.Place | None) -> Choice | None:
    """The smallest larger radius with jobs for the same search, and how many; None without one."""
    if place is None or place.kind == "state":
        return None
    for radius in (radius for radius in RADII if radius > query.radius):
        total = index.search(replace(query, radius=radius, page=1, per_page=1)).total
        if total:
            return Choice(gettext("Search within %(radius)s miles", radius=radius), query_args(query, radius=radius, page=1), count=total)
    return None


def coordinates(latitude: object, longitude: object) -> tuple[float, float] | None:
    """A latitude and longitude from a form, or None for anything else."""
    texts = [str(value).strip() for value in (latitude, longitude) if isinstance(value, str)]
    if len(texts) != 2 or not all(_COORDINATE.match(text) for text in texts):
        return None
    lat, lon = map(float, texts)
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def nearest_town(lat: float, lon: float) -> str | None:
    """'Dayton, OH' for a point in Dayton; None when no US town is within NEAREST_TOWN_MILES."""
    scale = math.cos(math.radians(lat))
    best = min(geo.city_sizes(), default=None,
               key=lambda found: (found[1].latitude - lat) ** 2 + ((found[1].longitude - lon) * scale) ** 2)
    if best is None:
        return None
    place = best[1]
    near = geo.distance_miles(lat, lon, place.latitude, place.longitude) <= NEAREST_TOWN_MILES
    return place.label if near else None
