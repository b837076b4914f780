"""The careers-page finder on loopback sites of its own: the crawler's User-Agent, robots.txt read
first and obeyed, the request budget per organization, one download slot per site."""
from __future__ import annotations

from crawlers.discovery.finder import MAX_REQUESTS
from crawlers.discovery.organizations import read_organizations
from crawlers.discovery.run import find_careers
from crawlers.discovery.slots import SiteSlotMiddleware
from peerjobs.demo.loopback_hosts import LoopbackHosts
from peerjobs.discover_command import LOOPBACK_MODE
from scrapy import Request

HTML = {"Content-Type": "text/html; charset=utf-8"}


def recording_site(pages: dict[str, str], robots: str, seen: list):
    def respond(request):
        seen.append((request.path, request.headers.get("user-agent", "")))
        if request.path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, robots.encode()
        if request.path in pages:
            return 200, HTML, f"<html><body>{pages[request.path]}</body></html>".encode()
        return 404, HTML, b"<h1>Not found</h1>"
    return respond


def test_the_finder_is_polite_and_bounded(sqlite_settings):
    hosts, polite, busy, forbidden = LoopbackHosts(), [], [], []
    many_links = "".join(f'<a href="/careers/{n}/">Careers {n}</a>' for n in range(40))
    sites = [
        hosts.add(recording_site({"/": '<a href="/careers/">Careers</a>',
                                  "/careers/": '<a href="https://jobs.lever.co/polite">Jobs</a>'}, "User-agent: *\n", polite)),
        hosts.add(recording_site({"/": many_links, **{f"/careers/{n}/": "<a href='/careers/more/'>Careers</a>"
                                                      for n in range(40)}}, "User-agent: *\n", busy)),
        hosts.add(recording_site({"/": '<a href="/careers/">Careers</a>', "/careers/": "secret"},
                                 "User-agent: *\nDisallow: /careers/\n", forbidden)),
    ]
    rows = "name,website,city,state\n" + "".join(f"Agency {n},{site}/,Dayton,OH\n" for n, site in enumerate(sites))
    organizations = read_organizations(rows, allow_loopback=True).organizations
    hosts.start()
    try:
        findings = find_careers(organizations, sqlite_settings, LOOPBACK_MODE, processes=1)
    finally:
        hosts.stop()
    first, second, third = (findings[org.org_key] for org in organizations)
    assert (first["platform"], first["url"]) == ("lever", "https://jobs.lever.co/polite")
    assert polite[0][0] == "/robots.txt" and all(agent.startswith("PeerJobs/") for _, agent in polite)
    assert len([path for path, _ in busy if path != "/robots.txt"]) <= MAX_REQUESTS
    assert second["requests"] <= MAX_REQUESTS
    assert "/careers/" not in [path for path, _ in forbidden]
    assert third["status"] == "dead_end" and third["dead_end"] == "robots_disallow"


def test_each_site_has_its_own_download_slot_even_on_one_host_name():
    middleware = SiteSlotMiddleware()
    one, two = Request("http://127.0.0.1:4001/robots.txt"), Request("http://127.0.0.1:4002/")
    middleware.process_request(one)
    middleware.process_request(two)
    assert (one.meta["download_slot"], two.meta["download_slot"]) == ("127.0.0.1:4001", "127.0.0.1:4002")


def test_a_reviewed_organization_is_not_visited_again(sqlite_settings, tmp_path):
    from indexer.store import db
    from indexer.store.discovery import find_proposal, reject_proposal
    from peerjobs.discover_command import discover_command

    hosts, seen = LoopbackHosts(), []
    site = hosts.add(recording_site({"/": '<a href="https://jobs.lever.co/reviewed">Careers</a>'}, "User-agent: *\n", seen))
    rows = tmp_path / "orgs.csv"
    rows.write_text(f"name,website,city,state\nReviewed Agency,{site}/,Dayton,OH\n", encoding="utf-8")
    lines: list[str] = []
    hosts.start()
    try:
        run = dict(settings=sqlite_settings, csv_path=str(rows), loopback=True, routes={}, trial=False,
                   limit=None, processes=1, sources_file=str(tmp_path / "none.yaml"))
        assert discover_command(**run, echo=lambda *a, **k: None) == 0
        engine = db.make_engine(sqlite_settings.database_url)
        with db.session_factory(engine)() as session:
            proposal = find_proposal(session, site.removeprefix("http://"))
            assert (proposal.status, proposal.platform) == ("pending", "lever")
            reject_proposal(session, proposal.id, "a staffing agency", by="ops")
            session.commit()
        visits = len(seen)
        assert discover_command(**run, echo=lambda line="", **_: lines.append(line)) == 0
    finally:
        hosts.stop()
    assert len(seen) == visits  # not fetched again
    with db.session_factory(engine)() as session:
        assert find_proposal(session, site.removeprefix("http://")).status == "rejected"
    assert any("kept as reviewed: 1" in line for line in lines)
