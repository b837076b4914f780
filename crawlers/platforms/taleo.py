"""Taleo Enterprise career sections (*.taleo.net/careersection), read through their search JSON.

`url` is the section's search page: https://{tenant}.taleo.net/careersection/{section}/jobsearch.ftl?lang=en
[&portal={portalNo}]. Without a portal number the search page is read once for its `portalNo: '...'`.
Pages of POST {api}/careersection/rest/jobboard/searchjobs?lang=..&portal=.. (the `tz` header is
required; `pageNo` from 1, the page size is the section's) until `pagingData.totalCount`: a page past
the last answers the last one again, so the count bounds the paging. A row is `column` cells whose
order the section sets: `linkedColumn` is the title, `locationsColumns` hold JSON lists of
"Country-State-City" labels, another cell the posting date. The text is on the job page,
/careersection/{section}/jobdetail.ftl?job={contestNo}, in its `descRequisition` list of URL-encoded
strings; pay is only in that text. Keys: `api_url` (origin of those calls, default the section's
own), `portal` (the portal number), `max_pages` (default 50).
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator
from urllib.parse import parse_qs, quote, unquote, urlsplit

import scrapy

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, text_of
from crawlers.platforms.fields import find_date
from indexer.parsers.locations import mentions_remote

_SECTION = re.compile(r"/careersection/([^/]+)/")
_PORTAL = re.compile(r"portalNo\s*:\s*['\"](\d+)['\"]")
_DESCRIPTION_LIST = re.compile(
    r"api\.fillList\(\s*['\"]requisitionDescriptionInterface['\"]\s*,\s*['\"]descRequisition['\"]\s*,\s*\[(.*?)\]\s*\)",
    re.S)
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'", re.S)
_JS_ESCAPE = re.compile(r"%u([0-9A-Fa-f]{4})")
SEARCH_BODY = {"multilineEnabled": False,
               "sortingSelection": {"sortBySelectionParam": "3", "ascendingSortingOrder": "false"},
               "fieldData": {"fields": {"KEYWORD": "", "LOCATION": ""}, "valid": True},
               "filterSelectionParam": {"searchFilterSelections": []},
               "advancedSearchFiltersSelectionParam": {"searchFilterSelections": []}}


def section_of(url: str) -> tuple[str | None, str, str | None]:
    """(section, lang, portal) from a career-section URL; section or portal may be None."""
    parts = urlsplit(url)
    section = _SECTION.search(parts.path + "/")
    query = parse_qs(parts.query)
    name = section.group(1) if section and section.group(1) != "rest" else None
    return name, query.get("lang", ["en"])[0], query.get("portal", [None])[0]


def portal_in(page: str) -> str | None:
    found = _PORTAL.search(page)
    return found.group(1) if found else None


def place_label(label: str) -> str:
    """A "Country-State-City" label ("US-VT-Burlington") as "City, State, Country"; others as they are."""
    parts = [part.strip() for part in label.split("-", 2)]
    if "," in label or len(parts) < 3 or not all(parts):
        return label.strip()
    return ", ".join(reversed(parts))


def labels_in(cell: Any) -> list[str]:
    """A locations cell: a JSON list in a string ('["US-VT-Rutland"]'), else the cell's text."""
    text = text_of(cell)
    if not text:
        return []
    try:
        found = json.loads(text)
    except ValueError:
        found = text
    return [place_label(label) for label in map(text_of, listing(found)) if label]


def row_fields(row: dict[str, Any]) -> dict[str, Any]:
    """Title, places and posting date from a row's cells, by the section's own column roles."""
    cells = row.get("column") if isinstance(row.get("column"), list) else []
    linked = row.get("linkedColumn") if isinstance(row.get("linkedColumn"), int) else 0
    located = [index for index in listing(row.get("locationsColumns")) if isinstance(index, int)]
    others = [cell for index, cell in enumerate(cells) if index != linked and index not in located]
    places = [label for index in located if index < len(cells) for label in labels_in(cells[index])]
    return {"title": text_of(cells[linked]) if linked < len(cells) else None, "locations": places,
            "date_posted": next((found for found in map(find_date, map(text_of, others)) if found), None)}


def decoded(item: str) -> str:
    """A string of the page's script: URL-encoded, with JavaScript's %uXXXX for characters past Latin-1."""
    text = _JS_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), item.replace("\\'", "'"))
    return unquote(text)


def description_in(page: str) -> str | None:
    """The advert of a job page: the longest decoded string of its `descRequisition` list (the
    others are ids, flags and labels, and which place the advert holds differs by section)."""
    found = _DESCRIPTION_LIST.search(page)
    strings = [decoded(item).replace("!*!", "").strip() for item in _QUOTED.findall(found.group(1))] if found else []
    return max(strings, key=len, default=None) or None


def posting_fields(row: dict[str, Any], description: str | None, detail_url: str | None) -> dict[str, Any]:
    fields = row_fields(row)
    return {
        **fields,
        "external_id": text_of(row.get("contestNo")) or text_of(row.get("jobId")),
        "url": detail_url,
        "apply_url": detail_url,
        "description_html": description,
        "remote": mentions_remote(*fields["locations"]),
    }


class TaleoSpider(ApiSpider):
    name = "taleo"
    option_keys = frozenset({"api_url", "portal", "max_pages"})
    portal: str | None = None

    def setup_problem(self) -> str | None:
        if section_of(self.source.url)[0]:
            return None
        return f"no career section in {self.source.url} (expected .../careersection/<section>/jobsearch.ftl)"

    def list_requests(self) -> Iterator[Any]:
        section, lang, portal = section_of(self.source.url)
        self.portal = text_of(self.option("portal")) or portal
        if self.portal:
            yield self.list_request(0)
            return
        yield scrapy.Request(f"{self.api_url()}/careersection/{quote(section)}/jobsearch.ftl?lang={quote(lang)}",
                             callback=self.parse_search_page, errback=self.start_failed)

    def parse_search_page(self, response) -> Iterator[Any]:
        self.portal = portal_in(response.text) if hasattr(response, "text") else None
        if not self.portal:
            self.fail(f"{response.url}: no portalNo on the search page (not a faceted-search section? set portal)")
            return
        yield self.list_request(0)

    def list_request(self, page: int):
        lang = section_of(self.source.url)[1]
        return self.api_request(
            f"{self.api_url()}/careersection/rest/jobboard/searchjobs?lang={quote(lang)}&portal={quote(self.portal)}",
            page=page, data={**SEARCH_BODY, "pageNo": page + 1},
            headers={"tz": "GMT+00:00", "tzname": "UTC", "X-Requested-With": "XMLHttpRequest"})

    def jobs_in(self, data: Any) -> list[Any]:
        if data.get("careerSectionUnAvailable") is True:
            raise ValueError("the career section says it is unavailable")
        return listing(data["requisitionList"])

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        paging = mapping(data.get("pagingData"))
        total, size = paging.get("totalCount"), paging.get("pageSize")
        return isinstance(total, int) and isinstance(size, int) and size > 0 and (page + 1) * size < total

    def detail_url(self, job: dict[str, Any], origin: str) -> str | None:
        number = text_of(job.get("contestNo")) or text_of(job.get("jobId"))
        section, lang, _ = section_of(self.source.url)
        return f"{origin}/careersection/{quote(section)}/jobdetail.ftl?job={quote(number)}&lang={quote(lang)}" \
            if number else None

    def detail_request(self, job: dict[str, Any]):
        url = self.detail_url(job, self.api_url())
        return scrapy.Request(url, callback=self.parse_job_page, errback=self.detail_lost) if url else None

    def parse_job_page(self, response, job: dict[str, Any]) -> Iterator[Any]:
        yield from self.posting_of(job, {"description": description_in(getattr(response, "text", ""))})

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        site = urlsplit(self.source.url)
        return posting_fields(job, mapping(detail).get("description"), self.detail_url(job, f"{site.scheme}://{site.netloc}"))
