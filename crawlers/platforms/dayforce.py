"""Dayforce candidate portals, read through the search JSON the portal's own page posts.

`url` is the portal: https://jobs.dayforcehcm.com/{culture}/{namespace}/{board} (a posting:
.../{board}/jobs/{id}); the older https://{pod}.dayforcehcm.com/CandidatePortal/{culture}/{namespace}
[/SITE/{board}] names the same board (default board CANDIDATEPORTAL). The portal answers its
search only with the anonymous token of GET {api}/api/auth/csrf (sent back as X-CSRF-TOKEN, with
the cookie that call sets); then pages of POST {api}/api/geo/{namespace}/jobposting/search with
{clientNamespace, jobBoardCode, cultureCode, paginationStart} until `maxCount`. The search carries
the description; pay is only in its text. Keys: `api_url` (origin of those calls, default
https://jobs.dayforcehcm.com), `page_size` (the portal's page, 25), `max_pages` (default 50).
"""
from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import quote, urlsplit

from scrapy.http import JsonRequest

from crawlers.platforms.ats_api import ApiSpider
from crawlers.platforms.ats_fields import listing, mapping, paragraphs, place, text_of, unescaped_html
from indexer.parsers.locations import mentions_remote

PORTAL_HOST = "https://jobs.dayforcehcm.com"
DEFAULT_BOARD = "CANDIDATEPORTAL"
_CULTURE = re.compile(r"^[a-z]{2}-[A-Za-z]{2}$")


def board_of(url: str) -> tuple[str, str | None, str]:
    """(culture, namespace, board) from a portal URL; the namespace is None when it names none."""
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    if segments and segments[0].lower() == "candidateportal":
        segments = [segment for segment in segments[1:] if segment.upper() != "SITE"]
    culture = segments.pop(0) if segments and _CULTURE.match(segments[0]) else "en-US"
    namespace = segments[0] if segments and segments[0].lower() not in ("api", "jobs") else None
    board = segments[1] if namespace and len(segments) > 1 and segments[1].lower() != "jobs" else DEFAULT_BOARD
    return culture, namespace, board


def cookie_header(set_cookies: list[bytes]) -> str:
    """The name=value part of each Set-Cookie, as one Cookie header (attributes dropped)."""
    pairs = [raw.decode("latin-1").split(";", 1)[0].strip() for raw in set_cookies]
    return "; ".join(pair for pair in pairs if "=" in pair)


def places_of(posting: dict[str, Any]) -> list[dict[str, Any] | str]:
    """Each posting location by its fields, else its `formattedAddress` label."""
    found: list[dict[str, Any] | str] = []
    for location in map(mapping, listing(posting.get("postingLocations"))):
        fields = place(location.get("cityName"), location.get("stateCode"), location.get("postalCode"),
                       location.get("isoCountryCode"))
        label = text_of(location.get("formattedAddress"))
        if fields["city"] or fields["region"]:
            found.append(fields)
        elif label:
            found.append(label)
    return found


def description_of(posting: dict[str, Any]) -> str | None:
    """The description as HTML: entity-escaped markup unescaped, plain text made paragraphs."""
    return paragraphs(unescaped_html(posting.get("jobDescription")))


def posting_fields(posting: dict[str, Any], portal: str) -> dict[str, Any]:
    """One search result; `portal` is the board's human URL the posting pages hang off."""
    posting_id = text_of(posting.get("jobPostingId"))
    page = f"{portal}/jobs/{posting_id}" if posting_id else None
    labels = [mapping(location).get("formattedAddress") for location in listing(posting.get("postingLocations"))]
    return {
        "external_id": posting_id,
        "url": page,
        "apply_url": page,
        "title": text_of(posting.get("jobTitle")),
        "description_html": description_of(posting),
        "date_posted": text_of(posting.get("postingStartTimestampUTC")),
        "valid_through": text_of(posting.get("postingExpiryTimestampUTC")),
        "locations": places_of(posting),
        "remote": posting.get("hasVirtualLocation") is True or mentions_remote(*labels),
    }


class DayforceSpider(ApiSpider):
    name = "dayforce"
    default_api = PORTAL_HOST
    page_size = max_page_size = 25
    token: str = ""
    cookie: str = ""

    def setup_problem(self) -> str | None:
        if board_of(self.source.url)[1]:
            return None
        return f"no Dayforce client namespace in {self.source.url} (expected {PORTAL_HOST}/en-US/<namespace>/<board>)"

    def portal(self) -> str:
        culture, namespace, board = board_of(self.source.url)
        return f"{PORTAL_HOST}/{culture}/{namespace}/{board}"

    def list_requests(self) -> Iterator[JsonRequest]:
        yield JsonRequest(f"{self.api_url()}/api/auth/csrf", callback=self.parse_token,
                          errback=self.start_failed, headers={"Referer": self.portal()})

    def parse_token(self, response) -> Iterator[Any]:
        data = self.json_of(response, first_list=True)
        token = text_of(mapping(data).get("csrfToken")) if data is not None else None
        if data is not None and not token:
            self.fail(f"{response.url}: no csrfToken in the answer; is the portal's URL right?")
        if token:
            self.token, self.cookie = token, cookie_header(response.headers.getlist("Set-Cookie"))
            yield self.list_request(0)

    def list_request(self, page: int):
        culture, namespace, board = board_of(self.source.url)
        body = {"clientNamespace": namespace, "jobBoardCode": board, "cultureCode": culture,
                "distanceUnit": 0, "paginationStart": page * self.size()}
        headers = {"X-CSRF-TOKEN": self.token, "Referer": self.portal(), **({"Cookie": self.cookie} if self.cookie else {})}
        return self.api_request(f"{self.api_url()}/api/geo/{quote(namespace)}/jobposting/search",
                                page=page, data=body, headers=headers)

    def jobs_in(self, data: Any) -> list[Any]:
        return listing(data["jobPostings"])

    def has_more(self, data: Any, page: int, jobs: list[Any]) -> bool:
        total = data.get("maxCount")
        return isinstance(total, int) and page * self.size() + len(jobs) < total

    def fields_of(self, job: dict[str, Any], detail: dict[str, Any] | None) -> dict[str, Any]:
        return posting_fields(job, self.portal())
