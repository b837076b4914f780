"""The organizations CSV: PeerJobs' own columns (name, website, city, state, zip) or those of
SAMHSA's FindTreatment.gov locator download (name1, name2, website, city, state, zip, ...).

A row that cannot be an organization to visit (no website, a website that is not http(s) or that
points inside a network, a state that is not a US state or territory) is skipped with its reason.
"""
from __future__ import annotations

import csv
import io
import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from crawlers.network_guard import refusal_for_address

STATES = frozenset((
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP").split())
#: Host names that never name a public website.
INTERNAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")
MAX_FIELD = 300


@dataclass(frozen=True)
class Organization:
    org_key: str
    name: str
    website: str
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None


@dataclass
class OrganizationList:
    organizations: list[Organization] = field(default_factory=list)
    #: (line number, reason) for every row skipped.
    skipped: list[tuple[int, str]] = field(default_factory=list)


def read_organizations(text: str, allow_loopback: bool = False) -> OrganizationList:
    """Every usable row once (the first row of an org_key wins); the others with their reason."""
    result, seen = OrganizationList(), set()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    for line, row in enumerate(reader, start=2):
        organization, reason = organization_of(_lower_keys(row), allow_loopback)
        if organization is not None and organization.org_key in seen:
            organization, reason = None, f"{organization.org_key} is listed already"
        if organization is None:
            result.skipped.append((line, reason or "unreadable row"))
            continue
        seen.add(organization.org_key)
        result.organizations.append(organization)
    return result


def _lower_keys(row: dict) -> dict[str, str]:
    return {str(key).strip().lower(): (value or "").strip()[:MAX_FIELD] if isinstance(value, str) else ""
            for key, value in row.items() if key is not None}


def organization_of(row: dict[str, str], allow_loopback: bool = False) -> tuple[Organization | None, str | None]:
    """The organization a row names, or None and why not."""
    name = row_name(row)
    if not name:
        return None, "no name"
    website, problem = website_of(row.get("website", ""), allow_loopback)
    if problem:
        return None, problem
    state = row.get("state", "").upper()
    if state and state not in STATES:
        return None, f"state {state!r} is not a US state or territory"
    return Organization(org_key_of(website), name, website, row.get("city") or None, state or None,
                        postal_code_of(row.get("zip", ""))), None


def row_name(row: dict[str, str]) -> str:
    """`name`, or FindTreatment's `name1` with its `name2` (a program's name) after a dash."""
    if row.get("name"):
        return row["name"]
    return " - ".join(part for part in (row.get("name1", ""), row.get("name2", "")) if part)


def website_of(text: str, allow_loopback: bool = False) -> tuple[str, str | None]:
    """The website as an absolute URL (https:// added when it has no scheme), or why it is unusable."""
    text = text.strip()
    if not text:
        return "", "no website"
    if "://" not in text and not text.lower().startswith(("mailto:", "javascript:", "tel:")):
        text = "https://" + text.lstrip("/")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "", f"website {text[:80]!r} is not an http(s) address"
    problem = internal_host_problem(parts.hostname, allow_loopback)
    if problem:
        return "", f"website {text[:80]!r} {problem}"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")), None


def internal_host_problem(host: str, allow_loopback: bool = False) -> str | None:
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(INTERNAL_NAMES):
        return None if allow_loopback and host == "localhost" else "is an internal name"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None if "." in host else "is not a public host name"
    if allow_loopback and address.is_loopback:
        return None
    problem = refusal_for_address(str(address))
    return f"is an internal address ({problem})" if problem else None


def org_key_of(website: str) -> str:
    """The website's host without "www." (and its port, when it names one)."""
    parts = urlsplit(website)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    port = parts.port
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{host}:{port}" if port and port != default else host


def postal_code_of(text: str) -> str | None:
    digits = text.strip()[:10]
    return digits or None

