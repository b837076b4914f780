"""Recruitee careers sites, read through the Careers Site API their own pages call.

`url` is the careers site: https://{company}.recruitee.com/ (a job's page, /o/{slug}, will do;
so will a custom careers domain hosted by Recruitee). The whole board comes from
GET {origin}/api/offers/ as {"offers": [...]}, descriptions included; there is no paging.
Keys: `api_url` (origin of that call, default the careers site's own).

Offers carry `id`, `slug`, `title`, `description` and `requirements` (HTML), `careers_url`,
`careers_apply_url`, `published_at` ("2026-01-31 09:00:00 UTC"; older offers only `created_at`),
`employment_type_code` ("fulltime", "parttime_fixed_term" ...), `remote`/`hybrid`/`on_site`,
`company_name`, a flat `city`/`state_code`/`postal_code`/`country_code` and, on newer sites,
a `locations` list, and `salary` {min, max, period, currency} whose figures are often strings.
"""
from __future__ import annotations

import re
from typing import Any

from crawlers.platforms import hosted
from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, monetary_amount, place, sections, text_of

#: salary.period -> schema.org unitText.
PERIODS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}
_UTC_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*UTC$")


def company_of(url: str) -> str | None:
    return hosted.company_of(url, "recruitee.com")


def posted_of(offer: dict[str, Any]) -> str | None:
    """`published_at`, else `created_at`, as ISO: "2026-01-31 09:00:00 UTC" -> 2026-01-31T09:00:00+00:00."""
    stamp = text_of(offer.get("published_at")) or text_of(offer.get("created_at"))
    match = _UTC_STAMP.match(stamp or "")
    return f"{match.group(1)}T{match.group(2)}+00:00" if match else stamp


def salary_of(offer: dict[str, Any]) -> dict[str, Any] | None:
    salary = mapping(offer.get("salary"))
    unit = PERIODS.get(str(salary.get("period") or "").lower())
    if unit is None:
        return None
    return monetary_amount(_figure(salary.get("min")), _figure(salary.get("max")), unit, salary.get("currency"))


def _figure(value: Any) -> Any:
    """A salary figure as given ("18.50" or 18.5); blank, zero or unreadable ones are None."""
    if isinstance(value, bool):
        return None
    try:
        return value if float(value) > 0 else None
    except (TypeError, ValueError):
        return None


def places_of(offer: dict[str, Any]) -> list[dict[str, Any]]:
    """Each of `locations`, else the offer's flat address; entries with no city or state are left out."""
    entries = [mapping(entry) for entry in listing(offer.get("locations"))] or [offer]
    found = [place(entry.get("city"), entry.get("state_code") or entry.get("state_name") or entry.get("state"),
                   entry.get("postal_code"), entry.get("country_code") or entry.get("country"))
             for entry in entries]
    return [candidate for candidate in found if candidate["city"] or candidate["region"]]


def employment_of(offer: dict[str, Any]) -> str | None:
    """"parttime_fixed_term" as words the employment parser reads ("parttime fixed term")."""
    code = text_of(offer.get("employment_type_code"))
    return code.replace("_", " ") if code else None


def offer_fields(offer: dict[str, Any]) -> dict[str, Any]:
    page = text_of(offer.get("careers_url"))
    return {
        "external_id": text_of(offer.get("id")) or text_of(offer.get("slug")),
        "url": page,
        "apply_url": text_of(offer.get("careers_apply_url")) or page,
        "title": text_of(offer.get("title")),
        "description_html": sections(("", offer.get("description")), ("Requirements", offer.get("requirements"))),
        "date_posted": posted_of(offer),
        "employment_type": employment_of(offer),
        "locations": places_of(offer),
        "remote": offer.get("remote") is True,
        "salary": salary_of(offer),
        "employer": text_of(offer.get("company_name")),
    }


class RecruiteeSpider(ApiSpider):
    name = "recruitee"
    option_keys = frozenset({"api_url"})

    def setup_problem(self) -> str | None:
        return None if company_of(self.source.url) else f"no Recruitee company in {self.source.url}"

    def list_request(self, page: int):
        return self.api_request(f"{self.api_url()}/api/offers/", page=page)

    def jobs_in(self, data: Any) -> list[Any]:
        offers = data["offers"]
        if not isinstance(offers, list):
            raise ValueError(f"expected a list of offers, got {type(offers).__name__}")
        return offers

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return offer_fields(job)
