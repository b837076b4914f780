"""The sample agency sites behave like small real careers sites, over real HTTP on loopback.

Other tests crawl these sites and trust them as fixtures, so these tests pin down
what the sites promise: links, JSON-LD, robots.txt, pagination and the controls.
"""
from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest
import yaml

from peerjobs.demo import SampleSites
from peerjobs.demo.server import load_agencies, posting_path

AGENCIES = load_agencies()
AGENCY_IDS = [a["id"] for a in AGENCIES]


class PageParser(HTMLParser):
    """Collects links (with rel) and JSON-LD script bodies, as a crawler would."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], attrs.get("rel") or ""))
        self._in_jsonld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def parse(body: str) -> PageParser:
    parser = PageParser()
    parser.feed(body)
    return parser


def jsonld_nodes(body: str) -> tuple[list[dict], int]:
    """Every node in the page's JSON-LD, flattening lists and @graph; plus the count of broken blocks."""
    nodes, broken = [], 0
    for block in parse(body).jsonld:
        try:
            doc = json.loads(block)
        except json.JSONDecodeError:
            broken += 1
            continue
        for item in doc if isinstance(doc, list) else [doc]:
            nodes.extend(item.get("@graph", [item]))
    return nodes, broken


def job_postings(body: str) -> list[dict]:
    return [n for n in jsonld_nodes(body)[0] if n.get("@type") == "JobPosting"]


def agency(agency_id: str) -> dict:
    return next(a for a in AGENCIES if a["id"] == agency_id)


def agency_with(key: str) -> dict:
    return next(a for a in AGENCIES if a.get(key))


def posting_with(key: str) -> tuple[dict, dict]:
    return next((a, p) for a in AGENCIES for p in a["postings"] if p.get(key))


def listing_links(sites: SampleSites, agency_id: str) -> list[str]:
    """Posting and event links across every listing page, following rel=next."""
    url, links = sites.base_url(agency_id) + "/careers/", []
    while url:
        status, body = fetch(url)
        assert status == 200, url
        page = parse(body)
        links += [h for h, _ in page.links
                  if "/careers/" in h and "?" not in h and not h.endswith("/careers/")]
        url = next((h for h, rel in page.links if rel == "next"), None)
    return links


@pytest.fixture(scope="module")
def sites():
    with SampleSites() as running:
        yield running


# --------------------------------------------------------------------------- the data


def test_data_covers_enough_agencies_states_and_postings():
    postings = [p for a in AGENCIES for p in a["postings"]]
    assert len(AGENCIES) >= 14
    assert len({a["state"] for a in AGENCIES}) >= 8
    assert len(postings) >= 70
    assert sum(1 for p in postings if p["peer"] is False) >= 6
    assert all(3 <= len(a["postings"]) <= 7 for a in AGENCIES)


def test_dayton_has_a_part_time_recovery_coach():
    dayton = next(a for a in AGENCIES if a["city"] == "Dayton" and a["state"] == "OH")
    assert any("Recovery Coach" in p["title"] and "PART_TIME" in str(p.get("employment_type"))
               for p in dayton["postings"])


# --------------------------------------------------------------------------- pages


@pytest.mark.parametrize("agency_id", AGENCY_IDS)
def test_listing_links_to_every_posting(sites, agency_id):
    base = sites.base_url(agency_id)
    links = listing_links(sites, agency_id)
    assert {base + posting_path(p) for p in agency(agency_id)["postings"]} <= set(links)
    assert all(link.startswith(base) for link in links)


@pytest.mark.parametrize("agency_id", AGENCY_IDS)
def test_each_posting_page_has_exactly_one_job_posting(sites, agency_id):
    base = sites.base_url(agency_id)
    for posting in agency(agency_id)["postings"]:
        url = base + posting_path(posting)
        status, body = fetch(url)
        assert status == 200, url
        nodes, broken = jsonld_nodes(body)
        jobs = [n for n in nodes if n.get("@type") == "JobPosting"]
        assert len(jobs) == 1, url
        assert broken == (1 if posting.get("malformed_jsonld") else 0), url
        job = jobs[0]
        assert job["title"] == posting["title"] and job["url"] == url and job["directApply"] is True
        assert date.today() - timedelta(days=60) <= date.fromisoformat(job["datePosted"]) <= date.today()


def test_home_page_links_to_careers(sites):
    base = sites.base_url(AGENCY_IDS[0])
    status, body = fetch(base + "/")
    assert status == 200
    assert base + "/careers/" in [h for h, _ in parse(body).links]


def test_listing_paginates_four_per_page(sites):
    paged = agency_with("page_size")
    base = sites.base_url(paged["id"])
    first = parse(fetch(base + "/careers/")[1])
    assert (base + "/careers/?page=2", "next") in first.links
    assert len(listing_links(sites, paged["id"])) == len(paged["postings"]) > 5
    assert fetch(base + "/careers/?page=9")[0] == 404


def test_robots_txt_disallows_the_private_posting_it_links_to(sites):
    owner, posting = posting_with("private")
    base = sites.base_url(owner["id"])
    robots = RobotFileParser()
    robots.parse(fetch(base + "/robots.txt")[1].splitlines())
    private_url = base + posting_path(posting)
    assert "/private/" in private_url and private_url in listing_links(sites, owner["id"])
    assert not robots.can_fetch("PeerJobsBot", private_url)
    assert robots.can_fetch("PeerJobsBot", base + "/careers/")
    assert len(job_postings(fetch(private_url)[1])) == 1


def test_unknown_paths_answer_404(sites):
    base = sites.base_url(AGENCY_IDS[0])
    for path in ["/nope", "/careers/no-such-job/", "/private/careers/no-such-job/", "/careers/a/b/"]:
        assert fetch(base + path)[0] == 404, path


def test_missing_trailing_slash_redirects_like_a_real_cms(sites):
    origin = urlsplit(sites.base_url(AGENCY_IDS[0]))
    connection = http.client.HTTPConnection(origin.hostname, origin.port, timeout=10)
    connection.request("HEAD", "/careers")
    response = connection.getresponse()
    connection.close()
    assert response.status == 301
    assert response.getheader("Location") == sites.base_url(AGENCY_IDS[0]) + "/careers/"


def test_private_posting_is_not_served_at_the_public_path(sites):
    owner, posting = posting_with("private")
    assert fetch(sites.base_url(owner["id"]) + f"/careers/{posting['id']}/")[0] == 404


def test_event_page_linked_from_listing_has_no_job_posting(sites):
    host = agency_with("events")
    event_url = f"{sites.base_url(host['id'])}/careers/{host['events'][0]['id']}/"
    assert event_url in listing_links(sites, host["id"])
    nodes, broken = jsonld_nodes(fetch(event_url)[1])
    assert [n["@type"] for n in nodes] == ["Event"] and broken == 0


# --------------------------------------------------------------------------- JSON-LD shapes


def raw_jsonld(sites: SampleSites, owner: dict, posting: dict):
    body = fetch(sites.base_url(owner["id"]) + posting_path(posting))[1]
    return json.loads(parse(body).jsonld[-1])


def test_graph_style_puts_the_posting_beside_webpage_and_organization(sites):
    owner = next(a for a in AGENCIES if a.get("jsonld") == "graph")
    doc = raw_jsonld(sites, owner, owner["postings"][0])
    assert {n["@type"] for n in doc["@graph"]} == {"WebPage", "Organization", "JobPosting"}


def test_list_style_is_a_top_level_array(sites):
    owner = next(a for a in AGENCIES if a.get("jsonld") == "list")
    doc = raw_jsonld(sites, owner, owner["postings"][0])
    assert isinstance(doc, list) and doc[-1]["@type"] == "JobPosting"


def test_region_may_be_a_full_state_name(sites):
    owner = next(a for a in AGENCIES if a.get("region") == "full" and a["state"] == "OH")
    posting = next(p for p in owner["postings"] if not p.get("remote"))
    assert raw_jsonld(sites, owner, posting)["jobLocation"]["address"]["addressRegion"] == "Ohio"


def test_escaped_description_arrives_as_entities(sites):
    owner = agency_with("escape_description")
    assert raw_jsonld(sites, owner, owner["postings"][0])["description"].startswith("&lt;p&gt;")


def test_remote_posting_is_telecommute_without_a_street_address(sites):
    owner, posting = posting_with("remote")
    job = job_postings(fetch(sites.base_url(owner["id"]) + posting_path(posting))[1])[0]
    assert job["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in job
    assert job["applicantLocationRequirements"]["name"]


def test_hostile_description_reaches_the_crawler_intact(sites):
    owner, posting = next((a, p) for a in AGENCIES for p in a["postings"]
                          if "<script>" in p["description_html"])
    body = fetch(sites.base_url(owner["id"]) + posting_path(posting))[1]
    description = job_postings(body)[0]["description"]
    traps = ["<script>alert(1)</script>", "tracker.invalid/p.gif", "onclick=", "<iframe", "javascript:alert(1)"]
    for trap in traps:
        assert trap in description


# --------------------------------------------------------------------------- controls


def test_hide_posting_removes_it_until_shown_again(sites):
    owner = agency(AGENCY_IDS[0])
    posting = owner["postings"][0]
    url = sites.base_url(owner["id"]) + posting_path(posting)
    sites.hide_posting(owner["id"], posting["id"])
    try:
        assert url not in listing_links(sites, owner["id"])
        assert fetch(url)[0] == 404
    finally:
        sites.show_posting(owner["id"], posting["id"])
    assert url in listing_links(sites, owner["id"]) and fetch(url)[0] == 200


def test_set_failure_answers_every_path_with_that_status(sites):
    failing, healthy = AGENCY_IDS[1], AGENCY_IDS[2]
    base = sites.base_url(failing)
    paths = ["/", "/robots.txt", "/careers/", posting_path(agency(failing)["postings"][0])]
    sites.set_failure(failing, 503)
    try:
        assert [fetch(base + p)[0] for p in paths] == [503] * len(paths)
        assert fetch(sites.base_url(healthy) + "/careers/")[0] == 200
    finally:
        sites.set_failure(failing, None)
    assert [fetch(base + p)[0] for p in paths] == [200] * len(paths)


def test_request_count_counts_requests(sites):
    agency_id = AGENCY_IDS[3]
    before = sites.request_count(agency_id)
    fetch(sites.base_url(agency_id) + "/robots.txt")
    fetch(sites.base_url(agency_id) + "/missing/")
    assert sites.request_count(agency_id) == before + 2


# --------------------------------------------------------------------------- hosts and sources


def test_each_agency_has_its_own_loopback_origin(sites):
    origins = {urlsplit(sites.base_url(a)).netloc for a in AGENCY_IDS}
    assert len(origins) == len(AGENCY_IDS)
    assert all(urlsplit(sites.base_url(a)).hostname.startswith("127.") for a in AGENCY_IDS)


def test_shared_host_mode_uses_one_address_and_many_ports():
    with SampleSites(separate_hosts=False) as shared:
        hosts = {urlsplit(shared.base_url(a)).hostname for a in AGENCY_IDS}
        assert hosts == {"127.0.0.1"}
        assert fetch(shared.base_url(AGENCY_IDS[0]) + "/careers/")[0] == 200


def test_write_sources_lists_every_agency_as_a_jsonld_source(sites, tmp_path):
    path = sites.write_sources(tmp_path / "sources.yaml")
    sources = yaml.safe_load(path.read_text())["sources"]
    assert [s["id"] for s in sources] == [f"demo-{a}" for a in AGENCY_IDS]
    assert all(s["platform"] == "jsonld" and s["enabled"] and s["url"].endswith("/careers/") for s in sources)
    assert fetch(sources[0]["url"])[0] == 200


def test_a_forked_copy_stops_nothing_and_the_parent_keeps_serving():
    """Web server workers fork from the demo process; their exit must not wait on the sites."""
    import os
    import time

    with SampleSites() as sites:
        child = os.fork()
        if child == 0:
            sites.stop()
            os._exit(0)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and os.waitpid(child, os.WNOHANG) == (0, 0):
            time.sleep(0.05)
        finished = time.monotonic() < deadline
        if not finished:
            os.kill(child, 9)
            os.waitpid(child, 0)
        assert finished
        agency = sites.agencies[0]["id"]
        with urllib.request.urlopen(sites.base_url(agency) + "/careers/", timeout=5) as response:
            assert response.status == 200
