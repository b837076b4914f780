"""The sample homepages: invented agencies' websites on loopback, each labeled with what a
careers-page discovery should find on it (a platform and board URL, or a dead end).

Every organization is its own host (its own port), so robots.txt and per-domain throttling are
per organization; one event loop in one thread serves them all, with the sample boards
(peerjobs/demo/boards/) they link to. API platforms are linked by their real board URLs
(https://job-boards.greenhouse.io/harborlight); `routes()` says which loopback board answers
for each such host. Hosted platforms are linked on the loopback board server itself.

    with HomepageWorld() as world:
        world.write_csv(tmp / "orgs.csv")
        for org in world.organizations: org.website, org.expect

The catalog format is described at the top of homepages.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from peerjobs.demo.boards import BOARDS_DIR, BoardServer, Request
from peerjobs.demo.content import TEMPLATES_DIR
from peerjobs.demo.homepage_csv import write_organizations_csv
from peerjobs.demo.homepage_jobs import peer_count
from peerjobs.demo.homepage_site import HomepageSite
from peerjobs.demo.loopback_hosts import Answer, LoopbackHosts

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


class _Slot:
    """A host's handler, set once every host's URL is known."""

    def __init__(self) -> None:
        self.target = None

    def __call__(self, request: Request) -> Answer:
        return self.target(request)


class _LoopBoard(BoardServer):
    """A sample board answered by the world's event loop instead of a server of its own."""

    def __init__(self, folder: Path, base: str) -> None:
        super().__init__(folder)
        self._base = base

    @property
    def base_url(self) -> str:
        return self._base


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


class HomepageWorld:
    def __init__(self, catalog: Path = HOMEPAGES_FILE) -> None:
        self.catalog = Path(catalog)
        self.entries = load_catalog(self.catalog)
        self.organizations: list[Organization] = []
        self.boards: dict[str, BoardServer] = {}
        self._hosts: LoopbackHosts | None = None
        self._env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(["html"]))

    def start(self) -> "HomepageWorld":
        hosts, bases, slots = LoopbackHosts(), {}, {}
        for folder in boards_needed(self.entries):
            slot = _Slot()
            bases[f"board:{folder}"] = hosts.add(slot)
            self.boards[folder] = _LoopBoard(BOARDS_DIR / folder, bases[f"board:{folder}"])
            slot.target = self.boards[folder].respond
        for entry in self.entries:
            slots[entry["id"]] = _Slot()
            bases[f"org:{entry['id']}"] = hosts.reserve_closed() if entry.get("refused") else hosts.add(slots[entry["id"]])
        for entry in self.entries:
            site, fill = bases[f"org:{entry['id']}"], filler(bases, bases[f"org:{entry['id']}"])
            slots[entry["id"]].target = HomepageSite(entry, site, fill, self._env).respond
            self.organizations.append(organization(entry, site, fill))
        self._hosts = hosts.start()
        return self

    def stop(self) -> None:
        if self._hosts is not None:
            self._hosts.stop()
            self._hosts = None

    def __enter__(self) -> "HomepageWorld":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def get(self, org_id: str) -> Organization:
        return next(org for org in self.organizations if org.id == org_id)

    def routes(self) -> dict[str, str]:
        """Real ATS host -> the loopback base URL answering that board's API (a source's api_url)."""
        found: dict[str, str] = {}
        for board in self.boards.values():
            entry = board.board.source_entry
            if "api_url" not in entry:
                continue
            found.update({host: board.base_url for host in board_hosts(entry)})
        return found

    def recorded_options(self) -> dict[str, dict[str, Any]]:
        """Real ATS host -> the source keys its recorded board needs besides `api_url` (the
        page size and search words it was recorded with: it answers no other pages)."""
        found: dict[str, dict[str, Any]] = {}
        for board in self.boards.values():
            entry = board.board.source_entry
            if "api_url" in entry:
                extra = {k: v for k, v in entry.items() if k not in BOARD_ENTRY_KEYS}
                found.update({host: extra for host in board_hosts(entry)})
        return found

    def trial_source(self, org: Organization) -> dict[str, Any] | None:
        """The organization's expected source, ready for a trial crawl on loopback."""
        return expected_source(org, self.routes(), self.recorded_options())

    def write_csv(self, path: Path | str, style: str = "peerjobs") -> Path:
        return write_organizations_csv(self.organizations, Path(path), style)


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


def start_for_demo(data_dir: Path, echo=print) -> HomepageWorld:
    """Start the sample homepages and write their organizations (with this run's ports) to
    DATA_DIR/organizations.csv, for `peerjobs discover` to read; the caller stops the world."""
    world = HomepageWorld().start()
    path = world.write_csv(Path(data_dir) / "organizations.csv")
    echo(f"Sample homepages: {len(world.organizations)} organizations on loopback, listed in {path}")
    return world


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
