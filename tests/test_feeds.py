"""The Atom feed of a search, the sitemap and robots.txt, read back with a real XML parser."""
from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest

from indexer.taxonomy import load_taxonomy
from tests.test_pages import board_settings, client, ids  # noqa: F401  (fixtures: the varied board and its client)
from webapp.feeds.xml import AtomEntry, atom_feed, rfc3339, sitemap

A = "{http://www.w3.org/2005/Atom}"
S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml(client, url: str, content_type: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == content_type
    return ElementTree.fromstring(response.get_data())


def entry_titles(feed: ElementTree.Element) -> set[str]:
    return {entry.findtext(f"{A}title") for entry in feed.iter(f"{A}entry")}


def test_the_feed_of_a_search_is_well_formed_atom(client, ids):
    feed = xml(client, "/jobs.atom?where=Dayton,+OH", "application/atom+xml")
    assert feed.tag == f"{A}feed" and feed.findtext(f"{A}title") == "PeerJobs: 3 jobs near Dayton, OH within 25 miles"
    assert feed.findtext(f"{A}id") == "http://localhost/jobs?where=Dayton,+OH"
    assert feed.findtext(f"{A}updated").endswith("Z") and feed.findtext(f"{A}author/{A}name") == "PeerJobs"
    rels = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert rels == {"self": "http://localhost/jobs.atom?where=Dayton,+OH", "alternate": "http://localhost/jobs?where=Dayton,+OH"}
    entry = next(e for e in feed.iter(f"{A}entry") if e.findtext(f"{A}title") == "Peer Support Specialist")
    assert entry.findtext(f"{A}id") == f"http://localhost/jobs/{ids['dayton_specialist']}"
    assert entry.find(f"{A}link").get("href") == entry.findtext(f"{A}id")
    assert entry.findtext(f"{A}summary") == "Miami Valley Recovery · Dayton, OH · $18.00–$20.00 an hour · Part-time · Peer specialist"


@pytest.mark.parametrize("query", [
    "category=peer_recovery_coach", "remote=1", "where=Pittsburgh,+PA&q=bridger", "min_hourly=21",
    "q=peer&where=Ohio&setting=outpatient", "where=Dayton,+OH&category=peer_bridger",
])
def test_the_feed_honours_the_same_parameters_as_the_results_page(client, query):
    feed = entry_titles(xml(client, f"/jobs.atom?{query}", "application/atom+xml"))
    html = client.get(f"/jobs?{query}").get_data(as_text=True)
    assert feed == {title for title in feed if f">{title}</a></h2>" in html}
    assert html.count('<li class="card">') == len(feed)


def test_the_feed_survives_bad_parameters_and_hostile_titles():
    feed = atom_feed("PeerJobs: x", "http://localhost/jobs.atom", "http://localhost/jobs", [
        AtomEntry("http://localhost/jobs/1", "Peer \x00\x1b Specialist <b>&amp;", datetime(2026, 3, 1, 8, 0, 0, 123), "a & b"),
    ], now=datetime(2026, 3, 2))
    root = ElementTree.fromstring(feed)
    assert root.findtext(f"{A}entry/{A}title") == "Peer  Specialist <b>&amp;"
    assert root.findtext(f"{A}updated") == "2026-03-01T08:00:00Z"


def test_an_empty_feed_is_still_a_feed(client):
    feed = xml(client, "/jobs.atom?q=zebra&radius=abc&page=-1", "application/atom+xml")
    assert entry_titles(feed) == set() and feed.findtext(f"{A}updated")


def test_the_sitemap_lists_open_peer_postings_and_the_public_pages(client, ids):
    urlset = xml(client, "/sitemap.xml", "application/xml")
    locations = [url.findtext(f"{S}loc") for url in urlset.findall(f"{S}url")]
    postings = {loc for loc in locations if "/jobs/" in loc}
    assert postings == {f"http://localhost/jobs/{ids[name]}" for name in ids if name not in ("closed_specialist", "not_peer")}
    assert {"http://localhost/", "http://localhost/roles/", "http://localhost/pay"} <= set(locations)
    assert {f"http://localhost/roles/{category.id}" for category in load_taxonomy().categories} <= set(locations)
    lastmod = [url.findtext(f"{S}lastmod") for url in urlset.findall(f"{S}url") if "/jobs/" in url.findtext(f"{S}loc")]
    assert all(value and value.endswith("Z") for value in lastmod)


def test_robots_points_to_the_sitemap_and_keeps_crawlers_off_result_pages(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in lines and "Disallow: /jobs?" in lines
    assert "Disallow: /jobs/" not in lines


def test_the_results_page_advertises_its_feed(client):
    html = client.get("/jobs?q=peer&page=2").get_data(as_text=True)
    feed = html.split('<link rel="alternate" type="application/atom+xml"', 1)[1].split(">", 1)[0]
    assert parse_qs(urlsplit(feed.split('href="', 1)[1].split('"', 1)[0]).query) == {"q": ["peer"]}


def test_rfc3339_of_a_date_and_a_datetime():
    assert rfc3339(datetime(2026, 3, 1, 8, 5, 9, 999)) == "2026-03-01T08:05:09Z"
    assert rfc3339(datetime(2026, 3, 1).date()) == "2026-03-01T00:00:00Z"
    assert b"<loc>http://x/?a=1&amp;b=2</loc>" in sitemap([("http://x/?a=1&b=2", None)])
