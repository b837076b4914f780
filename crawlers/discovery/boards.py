"""A board URL as a source entry would have it: which platform a link, iframe or script points
at, the URL its spider starts from, the keys it needs, and the board's identity (`board_key`).

Each platform has one small reader of (host, path segments, query) -> Board or None; `board_from_url`
tries them in order. A URL no reader claims is not a known board (an agency's own page).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_WORKDAY = re.compile(r"^([a-z0-9_-]+)\.wd\d+\.myworkdayjobs\.com$")
_ULTIPRO = re.compile(r"^recruiting\d*\.ultipro\.(com|ca)$|\.rec\.pro\.ukg\.net$")
_LOCALE = re.compile(r"^[a-z]{2}(-[a-z]{2})?$", re.I)
#: Labels of vendor hosts that name no company.
#: usajobs.gov's search parameters by the API's names, so both forms name one search.
USAJOBS_NAMES = {"k": "keyword", "l": "locationname", "j": "jobcategorycode", "d": "organization",
                 "a": "organization", "hp": "hiringpath"}
VENDOR_LABELS = frozenset({"www", "app", "api", "help", "support", "blog", "assets", "cdn", "static", "marketing"})


@dataclass(frozen=True)
class Board:
    platform: str
    url: str
    key: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Parts:
    host: str
    segments: list[str]
    query: dict[str, str]
    url: str


def parts_of(url: str) -> Parts | None:
    split = urlsplit(url.strip())
    if split.scheme.lower() not in ("http", "https") or not split.hostname:
        return None
    query = {key.lower(): values[0] for key, values in parse_qs(split.query).items() if values}
    return Parts(split.hostname.lower().rstrip("."), [s for s in split.path.split("/") if s], query, url.strip())


def label_of(host: str, domain: str) -> str | None:
    """The one company label of `host` on a vendor's `domain` ("acme" of acme.breezy.hr)."""
    if not host.endswith("." + domain):
        return None
    label = host[: -len(domain) - 1]
    return label if label and "." not in label and label not in VENDOR_LABELS else None


def greenhouse(p: Parts) -> Board | None:
    if p.host not in ("boards.greenhouse.io", "job-boards.greenhouse.io", "boards-api.greenhouse.io"):
        return None
    token = p.query.get("for")
    if not token and p.segments[:2] == ["v1", "boards"] and len(p.segments) > 2:
        token = p.segments[2]
    if not token and p.segments and p.segments[0] not in ("embed", "v1"):
        token = p.segments[0]
    return Board("greenhouse", f"https://job-boards.greenhouse.io/{token}", f"greenhouse:{token.lower()}") if token else None


def lever(p: Parts) -> Board | None:
    if p.host in ("jobs.lever.co", "jobs.eu.lever.co") and p.segments:
        site = p.segments[0]
    elif p.host in ("api.lever.co", "api.eu.lever.co") and p.segments[:2] == ["v0", "postings"] and len(p.segments) > 2:
        site = p.segments[2]
    else:
        return None
    origin = "https://jobs.eu.lever.co" if ".eu." in p.host else "https://jobs.lever.co"
    return Board("lever", f"{origin}/{site}", f"lever:{site.lower()}")


def smartrecruiters(p: Parts) -> Board | None:
    if p.host not in ("careers.smartrecruiters.com", "jobs.smartrecruiters.com") or not p.segments:
        return None
    company = p.segments[0]
    return Board("smartrecruiters", f"https://careers.smartrecruiters.com/{company}", f"smartrecruiters:{company.lower()}")


def workday(p: Parts) -> Board | None:
    match = _WORKDAY.match(p.host)
    segments = [s for s in p.segments if not _LOCALE.match(s)]
    if not match or not segments or segments[0] == "wday":
        return None
    site = segments[0]
    return Board("workday", f"https://{p.host}/{site}", f"workday:{match.group(1)}/{site.lower()}")


def ultipro(p: Parts) -> Board | None:
    if not _ULTIPRO.search(p.host) or len(p.segments) < 3 or p.segments[1].lower() != "jobboard":
        return None
    tenant, guid = p.segments[0], p.segments[2]
    return Board("ultipro", f"https://{p.host}/{tenant}/JobBoard/{guid}/", f"ultipro:{tenant.lower()}/{guid.lower()}")


def paylocity(p: Parts) -> Board | None:
    if p.host != "recruiting.paylocity.com":
        return None
    position = next((i for i, s in enumerate(p.segments) if _GUID.match(s)), None)
    if position is None:
        return None
    guid = p.segments[position]
    slug = p.segments[position + 1] if len(p.segments) > position + 1 else "Jobs"
    return Board("paylocity", f"https://recruiting.paylocity.com/recruiting/jobs/All/{guid}/{slug}",
                 f"paylocity:{guid.lower()}")


def icims(p: Parts) -> Board | None:
    if not p.host.endswith(".icims.com") or p.host.split(".")[0] in VENDOR_LABELS:
        return None
    return Board("icims", f"https://{p.host}/jobs/search?ss=1", f"icims:{p.host}")


def adp(p: Parts) -> Board | None:
    if p.host not in ("workforcenow.adp.com", "workforcenow.cloud.adp.com") or not p.query.get("cid"):
        return None
    return Board("adp", p.url.split("#")[0], f"adp:{p.query['cid'].lower()}")


def bamboohr(p: Parts) -> Board | None:
    company = label_of(p.host, "bamboohr.com")
    return Board("bamboohr", f"https://{company}.bamboohr.com/careers", f"bamboohr:{company}") if company else None


def usajobs(p: Parts) -> Board | None:
    if p.host == "data.usajobs.gov" and p.segments[:2] == ["api", "search"] or (
            p.host in ("www.usajobs.gov", "usajobs.gov") and p.segments[:2] == ["search", "results"]):
        named = {USAJOBS_NAMES.get(k, k): v.lower() for k, v in p.query.items()}
        query = "&".join(f"{k}={v}" for k, v in sorted(named.items()))
        return Board("usajobs", p.url.split("#")[0], f"usajobs:{query}")
    return None


def neogov(p: Parts) -> Board | None:
    host = p.host.removeprefix("www.")
    if host not in ("governmentjobs.com", "schooljobs.com") or len(p.segments) < 2 or p.segments[0].lower() != "careers":
        return None
    agency = p.segments[1]
    return Board("neogov", f"https://www.{host}/careers/{agency}", f"neogov:{agency.lower()}")
