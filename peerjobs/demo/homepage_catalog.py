"""The sample homepages' catalog: organizations read from YAML, their labels (what a
careers-page discovery should find) filled in with this run's URLs, and the source entry each
label stands for. The format is described at the top of homepages.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from peerjobs.demo.homepage_jobs import peer_count

HOMEPAGES_FILE = Path(__file__).with_name("homepages.yaml")
HELDOUT_FILE = Path(__file__).resolve().parents[2] / "tests" / "data" / "discovery" / "heldout_homepages.yaml"
_PLACEHOLDER = re.compile(r"\{(site|board:[a-z0-9-]+|org:[a-z0-9-]+)\}")
#: Further hosts of an API platform that answer for the same board as its board URL's host.
HOST_ALIASES = {
    "greenhouse": ("boards.greenhouse.io", "job-boards.greenhouse.io", "boards-api.greenhouse.io"),
    "lever": ("jobs.lever.co", "api.lever.co"),
    "smartrecruiters": ("careers.smartrecruiters.com", "jobs.smartrecruiters.com", "api.smartrecruiters.com"),
    "usajobs": ("data.usajobs.gov", "www.usajobs.gov", "usajobs.gov"),
}


@dataclass
class Organization:
    id: str
    name: str
    website: str
    city: str
    state: str
    zip: str
    expect: dict[str, Any]
    peer_postings: int | None = None
    street: str = ""
    phone: str = ""
    kind: str = ""
    #: How the careers page is reached (nav_link, sitemap, common_path, two_hop, ...).
    found_by: str = ""
    #: The labeled path: URLs from the homepage to the page that refers to the board.
    chain: list[str] = field(default_factory=list)
    #: The reference to the board as it is written on the chain's last page (link, iframe, script).
    board_ref: str = ""
    #: Other labels: shares_board_with, already_source, embed, name1, name2.
    labels: dict[str, Any] = field(default_factory=dict)


#: Keys of a board's source entry that are not options of its recorded answers.
BOARD_ENTRY_KEYS = {"id", "platform", "url", "employer", "api_url"}


def board_hosts(entry: dict[str, Any]) -> set[str]:
    return {urlsplit(entry["url"]).hostname, *HOST_ALIASES.get(entry["platform"], ())}


def load_catalog(path: Path) -> list[dict[str, Any]]:
    entries = (yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("organizations") or []
    for entry in entries:
        entry["zip"] = str(entry["zip"])
    return entries


def boards_needed(entries: list[dict[str, Any]]) -> list[str]:
    """Board folders the catalog refers to, by `board:` or a `{board:FOLDER}` placeholder."""
    names = {entry["board"] for entry in entries if entry.get("board")}
    names |= {m.split(":", 1)[1] for m in _PLACEHOLDER.findall(yaml.safe_dump(entries)) if m.startswith("board:")}
    return sorted(names)


def filler(bases: dict[str, str], site: str):
    """The function that fills `{site}`, `{board:X}` and `{org:ID}` in an entry's text."""
    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: site if m.group(1) == "site" else bases[m.group(1)], text)
    return fill


def fill_all(value: Any, fill) -> Any:
    if isinstance(value, str):
        return fill(value)
    if isinstance(value, list):
        return [fill_all(v, fill) for v in value]
    if isinstance(value, dict):
        return {k: fill_all(v, fill) for k, v in value.items()}
    return value


def organization(entry: dict[str, Any], site: str, fill) -> Organization:
    expect = fill_all(entry.get("expect") or {}, fill)
    peer = entry.get("peer_postings", peer_count(entry.get("jobs")))
    labels = {key: entry[key] for key in ("shares_board_with", "already_source", "embed", "name1", "name2", "board")
              if key in entry}
    return Organization(
        id=entry["id"], name=entry["name"], website=site, city=entry["city"], state=entry["state"],
        zip=entry["zip"], expect=expect, peer_postings=peer, street=entry.get("street", ""),
        phone=entry.get("phone", ""), kind=entry.get("kind", ""), found_by=entry.get("found_by", ""),
        chain=[site + p if p.startswith("/") else p for p in fill_all(entry.get("chain") or [], fill)],
        board_ref=fill(entry.get("board_ref", "")), labels=labels)


def expected_source(org: Organization, routes: dict[str, str],
                    options: dict[str, dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """The source entry an organization's label stands for; for an API platform with `api_url`
    sent to loopback and the recorded board's options (as a trial crawl would add them)."""
    if "platform" not in org.expect:
        return None
    entry = {"id": f"homepage-{org.id}", "platform": org.expect["platform"], "url": org.expect["url"],
             "employer": org.name, **(org.expect.get("keys") or {})}
    host = urlsplit(org.expect["url"]).hostname
    if host in routes:
        entry.update({**(options or {}).get(host, {}), "api_url": routes[host]})
    return entry
