"""The sample homepages (peerjobs/demo/homepages.py): every site answers as labeled, every
labeled careers chain really reaches its board, every platform appears, and the CSVs parse."""
from __future__ import annotations

import csv
import html
import http.client
import json
import re
import socket
import urllib.robotparser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
import zipcodes

from crawlers.platforms import spiders
from peerjobs.demo.homepage_csv import FINDTREATMENT_COLUMNS, OWN_COLUMNS
from peerjobs.demo.homepages import HELDOUT_FILE, HOMEPAGES_FILE, HomepageWorld, start_for_demo

#: Words a hosted board's pages carry, as the vendors' real pages do.
FINGERPRINTS = {"icims": "iCIMS", "neogov": "NEOGOV", "e3applicants": "e3applicants", "jobaps": "JobAps",
                "pageup": "PageUp", "breezy": "Breezy", "jazzhr": "JazzHR"}
AGGREGATORS = ("indeed.com", "linkedin.com", "ziprecruiter.com", "glassdoor.com")
NOT_HIRING = re.compile(r"not hiring|no openings|no tenemos vacantes", re.I)
REFERENCE = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)


def fetch(url: str, method: str = "GET", body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target or "/", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def references(page_url: str, body: bytes) -> set[str]:
    return {urljoin(page_url, html.unescape(ref)) for ref in REFERENCE.findall(body.decode("utf-8", "replace"))}


@pytest.fixture(scope="module", params=[HOMEPAGES_FILE, HELDOUT_FILE], ids=["homepages", "heldout"])
def world(request):
    with HomepageWorld(request.param) as running:
        yield running


def labeled(world, kind: str):
    return [org for org in world.organizations if kind in org.expect]


def test_the_catalogs_are_large_enough():
    with HomepageWorld(HOMEPAGES_FILE) as main, HomepageWorld(HELDOUT_FILE) as heldout:
        assert len(main.organizations) >= 40
        assert len(heldout.organizations) >= 15
        assert not {o.name for o in main.organizations} & {o.name for o in heldout.organizations}


def test_stopping_closes_every_site():
    world = HomepageWorld(HELDOUT_FILE).start()
    website = world.organizations[0].website
    assert fetch(website + "/")[0] == 200
    world.stop()
    with pytest.raises(ConnectionRefusedError):
        fetch(website + "/")


def test_every_homepage_answers_or_fails_as_labeled(world):
    for org in world.organizations:
        dead_end = org.expect.get("dead_end")
        if dead_end == "unreachable":
            with pytest.raises(ConnectionRefusedError):
                fetch(org.website + "/")
            continue
        status, headers, body = fetch(org.website + "/")
        if dead_end == "server_error":
            assert status >= 500, org.id
        else:
            assert status == 200 and headers["content-type"].startswith("text/html"), org.id
            assert org.name.encode() in body.replace(b"&amp;", b"&"), org.id


def follow_chain(world, org) -> bytes:
    """Walk the labeled chain as a crawler would; the last page's body."""
    status, _, body = fetch(org.chain[0])
    assert status == 200, org.id
    for previous, step in zip(org.chain, org.chain[1:]):
        linked = step in references(previous, body)
        if org.found_by in ("sitemap", "common_path") and step == org.chain[-1]:
            assert not linked, f"{org.id}: {step} is linked"
            if org.found_by == "sitemap":
                assert step.encode() in fetch(org.website + "/sitemap.xml")[2], org.id
        else:
            assert linked, f"{org.id}: {previous} does not link {step}"
        status, _, body = fetch(step)
        assert status == 200, f"{org.id}: {step} answers {status}"
    return body


def board_answers(world, org) -> None:
    url = org.expect["url"]
    host = urlsplit(url).hostname
    if host == "127.0.0.1":
        status, _, body = fetch(url)
        assert status == 200 and body, f"{org.id}: {url} answers {status}"
        return
    base = world.routes()[host]
    board = world.boards[org.labels["board"]]
    assert board.source()["url"] == url, org.id
    first = board.board.routes[0]
    query = urlencode({k: str(v) for k, v in (first.get("query") or {}).items()})
    body = None if first.get("method", "GET") == "GET" else json.dumps(first.get("json") or {}).encode()
    status, _, _ = fetch(f"{base}{first['path']}?{query}", first.get("method", "GET"), body)
    assert status == 200, f"{org.id}: the {org.labels['board']} board answers {status}"


def test_each_labeled_chain_reaches_its_board(world):
    routes = world.routes()
    for org in labeled(world, "platform"):
        last = follow_chain(world, org)
        if org.board_ref:
            assert org.board_ref.encode() in last, f"{org.id}: {org.board_ref} not on {org.chain[-1]}"
            ref_host = urlsplit(html.unescape(org.board_ref)).hostname
            assert ref_host is None or ref_host == "127.0.0.1" or ref_host in routes, org.id
        else:
            assert org.expect["url"] == org.chain[-1], org.id
        board_answers(world, org)


def test_own_site_postings_carry_job_posting_json_ld(world):
    for org in labeled(world, "platform"):
        if org.expect["platform"] != "jsonld" or urlsplit(org.expect["url"]).port != urlsplit(org.website).port:
            continue
        listing = fetch(org.expect["url"])[2]
        postings = [u for u in references(org.expect["url"], listing)
                    if u.startswith(org.expect["url"]) and u != org.expect["url"]]
        assert postings, org.id
        assert b'"@type": "JobPosting"' in fetch(postings[0])[2], org.id


def test_feeds_are_announced_and_are_rss(world):
    for org in labeled(world, "platform"):
        if org.expect["platform"] != "rss":
            continue
        status, headers, body = fetch(org.expect["url"])
        assert status == 200 and "xml" in headers["content-type"], org.id
        assert b"<item>" in body or b"<entry" in body, org.id


def test_hosted_boards_carry_their_vendor_fingerprints(world):
    for org in labeled(world, "platform"):
        word = FINGERPRINTS.get(org.expect["platform"])
        if word:
            assert word.encode() in fetch(org.expect["url"])[2], f"{org.id}: no {word} on its board"


def test_every_supported_platform_appears_at_least_once():
    with HomepageWorld(HOMEPAGES_FILE) as world:
        found = {org.expect["platform"] for org in labeled(world, "platform")}
        dead_ends = {org.expect["dead_end"] for org in labeled(world, "dead_end")}
    assert set(spiders()) <= found
    assert {"no_jobs_page", "pdf_only", "login_wall", "robots_disallow", "server_error", "unreachable",
            "not_hiring", "aggregator_only", "redirect_loop", "oversized"} <= dead_ends


def test_robots_disallow_really_disallows(world):
    for org in world.organizations:
        parser = urllib.robotparser.RobotFileParser()
        dead_end = org.expect.get("dead_end")
        if dead_end in ("server_error", "unreachable"):
            continue
        parser.parse(fetch(org.website + "/robots.txt")[2].decode().splitlines())
        allowed = parser.can_fetch("PeerJobsBot", org.chain[-1])
        assert allowed == (dead_end != "robots_disallow"), org.id


def redirect_loops(url: str, hops: int = 10) -> bool:
    seen = set()
    for _ in range(hops):
        status, headers, _ = fetch(url)
        if status not in (301, 302, 303, 307, 308):
            return False
        if url in seen:
            return True
        seen.add(url)
        url = urljoin(url, headers["location"])
    return True


def careers_links(body: bytes) -> list[str]:
    return re.findall(rb">[^<]*(?:career|job|employ|hiring|empleo|work with)[^<]*<", body, re.I)


def dead_end_holds(world, org) -> bool:
    kind, last = org.expect["dead_end"], org.chain[-1]
    if kind in ("server_error", "unreachable"):
        return True  # checked with every homepage
    status, headers, body = fetch(last)
    checks = {
        "no_jobs_page": lambda: not careers_links(body) and all(
            fetch(org.website + path)[0] == 404 for path in ("/careers/", "/jobs/", "/employment/")),
        "pdf_only": lambda: headers["content-type"] == "application/pdf" and body.startswith(b"%PDF"),
        "login_wall": lambda: status == 401 or (status == 302 and b'type="password"' in fetch(
            urljoin(last, headers["location"]))[2]),
        "robots_disallow": lambda: status == 200,
        "not_hiring": lambda: status == 200 and bool(NOT_HIRING.search(body.decode())),
        "aggregator_only": lambda: all(any(a in u for a in AGGREGATORS) for u in references(last, body)
                                       if not u.startswith(org.website)),
        "redirect_loop": lambda: redirect_loops(last),
        "oversized": lambda: int(headers["content-length"]) > 10 * 1024 * 1024,
    }
    return checks[kind]()


def test_each_dead_end_is_what_its_label_says(world):
    for org in labeled(world, "dead_end"):
        assert dead_end_holds(world, org), org.id


def test_the_idempotency_cases_are_labeled_consistently(world):
    by_id = {org.id: org for org in world.organizations}
    for org in world.organizations:
        if "shares_board_with" in org.labels:
            assert by_id[org.labels["shares_board_with"]].expect == org.expect
        if "already_source" in org.labels:
            source = world.boards[org.labels["board"]].source()
            assert source["id"] == org.labels["already_source"] and source["url"] == org.expect["url"]


def test_every_organization_is_its_own_host(world):
    ports = [urlsplit(org.website).port for org in world.organizations]
    assert len(set(ports)) == len(ports)


def test_cities_and_zip_codes_are_real(world):
    for org in world.organizations:
        found = zipcodes.matching(org.zip)
        assert found and found[0]["state"] == org.state, f"{org.id}: {org.zip}"


@pytest.mark.parametrize("style, columns", [("peerjobs", OWN_COLUMNS), ("findtreatment", FINDTREATMENT_COLUMNS)])
def test_the_organizations_csv_parses_in_both_styles(world, tmp_path, style, columns):
    path = world.write_csv(tmp_path / f"{style}.csv", style=style)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == columns
    assert [row["website"] for row in rows] == [org.website for org in world.organizations]
    assert all(row["city"] and row["state"] and row["zip"] for row in rows)
    if style == "findtreatment":
        assert all(row["name1"] and float(row["latitude"]) and row["typeFacility"] in ("MH", "SA") for row in rows)


def test_an_unknown_csv_style_is_refused(world, tmp_path):
    with pytest.raises(ValueError):
        world.write_csv(tmp_path / "x.csv", style="excel")


def test_the_demo_hook_writes_the_organizations_csv(tmp_path):
    world = start_for_demo(tmp_path, echo=lambda *a, **k: None)
    try:
        with (tmp_path / "organizations.csv").open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == len(world.organizations)
        assert fetch(rows[0]["website"] + "/")[0] == 200
    finally:
        world.stop()


def test_a_closed_port_refuses_connections(world):
    for org in labeled(world, "dead_end"):
        if org.expect["dead_end"] == "unreachable":
            with socket.socket() as probe:
                assert probe.connect_ex(("127.0.0.1", urlsplit(org.website).port)) != 0


FOUND_BY = {"nav_link", "footer_link", "image_link", "sitemap", "common_path", "two_hop", "homepage_ats_link"}
EMBEDS = {"link", "iframe", "script", "jsonld", "feed", "html_list"}


def test_every_label_is_well_formed(world):
    for org in world.organizations:
        assert org.chain and org.chain[0] == org.website + "/", org.id
        if "platform" in org.expect:
            assert org.found_by in FOUND_BY and org.labels.get("embed") in EMBEDS, org.id
            assert org.expect["url"].startswith(("http://", "https://")), org.id
        else:
            assert set(org.expect) == {"dead_end"}, org.id


def test_a_chain_whose_page_is_not_linked_is_caught(tmp_path):
    catalog = tmp_path / "one.yaml"
    catalog.write_text("""organizations:
- {id: lone, name: Lone Peer Center, street: 1 Main St, city: Dayton, state: OH, zip: "45402",
   nav: [{text: About, href: /about/}], pages: {/about/: {title: About, html: <h1>About</h1>},
   /careers/: {title: Careers, html: <a href="https://jobs.lever.co/crossroadspeer">Jobs</a>}},
   board: lever, found_by: nav_link, chain: [/, /careers/], board_ref: https://jobs.lever.co/crossroadspeer,
   expect: {platform: lever, url: https://jobs.lever.co/crossroadspeer}}
""", encoding="utf-8")
    with HomepageWorld(catalog) as world:
        with pytest.raises(AssertionError, match="does not link"):
            follow_chain(world, world.organizations[0])
        assert fetch(world.organizations[0].chain[-1])[0] == 200
