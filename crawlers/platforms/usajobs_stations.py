"""USAJOBS duty stations (PositionLocation entries) as place labels, and where a remote job's
people may live."""
from __future__ import annotations

import re
from typing import Any

from crawlers.platforms.ats_fields import listing, mapping, place_label, text_of
from indexer.parsers import geo
from indexer.parsers.locations import mentions_remote

#: CountryCode values that are the US: its territories are duty stations at home.
US_COUNTRIES = frozenset({"united states", "us", "usa", "puerto rico", "guam", "virgin islands",
                          "u.s. virgin islands", "northern mariana islands", "american samoa"})
_US_NAMES = ("united states", "us", "usa")
#: LocationName/CityName values that name no duty station.
_NO_STATION = re.compile(r"remote job|anywhere|negotiable|multiple locations|various locations|^n/?a$", re.I)


def station_label(location: dict[str, Any]) -> str | None:
    """One PositionLocation as "city, state, country" ("Tampa, FL, United States",
    "Washington, DC, United States", "Vicenza, Veneto, Italy"); None for
    "Anywhere in the U.S. (remote job)", "Location Negotiable After Selection" and the like."""
    named = text_of(location.get("CityName")) or text_of(location.get("LocationName"))
    if not named or _NO_STATION.search(named):
        return None
    country = text_of(location.get("CountryCode"))
    region = text_of(location.get("CountrySubDivisionCode"))
    region = None if region is None or _NO_STATION.search(region) else region
    if country and is_us(country) and country.lower() not in _US_NAMES:
        region, country = region or country, "United States"  # a territory: "Hagatna, Guam"
    city = _city(named.split(",")[0], region)
    if region and is_us(country):
        region = geo.state_code(region) or region  # "District of Columbia" is DC
    return place_label(city, region, country) if region or country and not is_us(country) else None


def _city(city: str, region: str | None) -> str:
    """"Washington DC" in the District of Columbia is Washington."""
    city = city.strip()
    if region and geo.state_code(region) == "DC" and city.upper().endswith(" DC"):
        return city[:-3].strip()
    return city


def is_us(country: str | None) -> bool:
    return (country or "united states").strip().lower() in US_COUNTRIES


def places_of(descriptor: dict[str, Any]) -> list[str]:
    """Every duty station's label, in order, without repeats."""
    labels = [station_label(location) for location in map(mapping, listing(descriptor.get("PositionLocation")))]
    return list(dict.fromkeys(label for label in labels if label))


def applicant_areas(descriptor: dict[str, Any]) -> list[str]:
    """Where a remote job's people may live: "United States", or the countries abroad its
    stations are in (a remote job in Germany is not open across the US)."""
    countries = [country for country in (text_of(mapping(location).get("CountryCode"))
                                         for location in listing(descriptor.get("PositionLocation"))) if country]
    if countries and not any(is_us(country) for country in countries):
        return list(dict.fromkeys(countries))
    return ["United States"]


def is_remote(descriptor: dict[str, Any]) -> bool:
    details = mapping(mapping(descriptor.get("UserArea")).get("Details"))
    names = [mapping(location).get("LocationName") for location in listing(descriptor.get("PositionLocation"))]
    return details.get("RemoteIndicator") is True or mentions_remote(descriptor.get("PositionLocationDisplay"), *names)
