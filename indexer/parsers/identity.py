"""When two sightings are one job, and which apply link a posting shows: pure functions.

One job can be reached through an ATS feed and an agency page, or through two URLs of one
site. The store keeps one posting per job and one sighting per (source, external id); these
functions decide whether an incoming sighting belongs to a stored posting.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterable, NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Hosts of applicant-tracking systems: an apply link there is the agency's own application.
ATS_HOSTS = (
    "greenhouse.io", "lever.co", "smartrecruiters.com", "myworkdayjobs.com", "myworkdaysite.com",
    "bamboohr.com", "paylocity.com", "icims.com", "applytojob.com", "adp.com", "ultipro.com",
    "ukg.net", "e3applicants.com", "applicantpro.com", "isolvedhire.com", "governmentjobs.com",
    "schooljobs.com", "usajobs.gov", "jobaps.com", "jobapscloud.com", "paycomonline.net",
    "pageuppeople.com", "healthcaresource.com", "catsone.com", "checkwritersrecruit.com",
    "dayforcehcm.com", "oraclecloud.com", "taleo.net",
)
#: Platforms that crawl an agency's own web pages rather than its ATS.
PAGE_PLATFORMS = frozenset({"jsonld"})
MAX_KEY = 2000
_TRACKING = re.compile(r"^(utm_|gclid$|fbclid$|mc_|ref$|source$|src$)", re.I)
_EMPLOYER_SUFFIXES = re.compile(r"\b(the|inc|incorporated|llc|l l c|corp|corporation|co|ltd|pc|pllc|lp)\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str | None) -> str:
    return " ".join(_NON_WORD.sub(" ", (text or "").lower().replace("&", " and ")).split())


def employer_key(employer: str | None) -> str:
    """'The Acme Recovery Services, Inc.' and 'Acme Recovery Services' give one key."""
    return " ".join(_EMPLOYER_SUFFIXES.sub(" ", _words(employer)).split())


def place_key(city: str | None, state: str | None, postal_code: str | None, remote: bool) -> str:
    if remote:
        return "remote"
    if city or state:
        return f"{_words(city)}|{_words(state)}"
    return (postal_code or "")[:5]


def fingerprint(fields: dict) -> str | None:
    """Employer, title and place, normalized; None when the employer or title is unknown."""
    employer, title = employer_key(fields.get("employer")), _words(fields.get("title"))
    if not employer or not title:
        return None
    place = place_key(fields.get("city"), fields.get("state"), fields.get("postal_code"),
                      bool(fields.get("remote")))
    return hashlib.sha256(f"{employer}\n{title}\n{place}".encode()).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """One spelling per page: lower-case host, no fragment, no tracking parameters or final slash."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return urlunsplit(("https", parts.netloc.lower(), parts.path.rstrip("/") or "/", query, ""))


def url_key(url: str | None) -> str | None:
    """canonical_url, as a digest when too long for an indexed column."""
    canonical = canonical_url(url)
    if canonical and len(canonical) > MAX_KEY:
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()
    return canonical


def same_text(first: str | None, second: str | None) -> bool:
    """The same page reached by two URLs carries the same description."""
    return " ".join((first or "").split()) == " ".join((second or "").split())


def is_ats_link(url: str | None) -> bool:
    host = urlsplit(url or "").netloc.lower().split(":")[0]
    return any(host == known or host.endswith("." + known) for known in ATS_HOSTS)


class Sighting(NamedTuple):
    """What ranking needs of one source's view of a posting."""

    apply_url: str | None
    platform: str
    source_employer: str | None


def content_rank(platform: str, source_employer: str | None, posting_employer: str | None) -> tuple[int, int]:
    """Whose fields a posting shows: a source run by the employer, then an ATS feed over a page."""
    own_source = employer_key(source_employer) == employer_key(posting_employer)
    return int(own_source), int(platform not in PAGE_PLATFORMS)


def apply_rank(sighting: Sighting, posting_employer: str | None) -> tuple[int, int, int]:
    """Higher is better: a link into an ATS first, then as content_rank."""
    return (int(is_ats_link(sighting.apply_url)),
            *content_rank(sighting.platform, sighting.source_employer, posting_employer))


def preferred_apply_url(sightings: Iterable[Sighting], posting_employer: str | None) -> str | None:
    """The agency's own ATS link over an agency page, and an agency page over an aggregator."""
    usable = [s for s in sightings if s.apply_url]
    if not usable:
        return None
    return max(usable, key=lambda s: apply_rank(s, posting_employer)).apply_url
