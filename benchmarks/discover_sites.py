"""Synthetic organizations for the discovery benchmark: N homepages from one template, each its
own loopback host, served by one event loop, each labeled with what discovery should find.

The kinds take turns: a careers page linking to a Greenhouse board, a careers page with a job
feed, a careers page listing postings with JobPosting JSON-LD, a "Join our team" page with a
Lever embed, and a site with no careers page at all (every common path answers 404).
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from peerjobs.demo.boards import Request
from peerjobs.demo.loopback_hosts import Answer, LoopbackHosts

KINDS = ("greenhouse", "rss", "jsonld", "lever", "none")
HTML = {"Content-Type": "text/html; charset=utf-8"}


@dataclass
class SyntheticOrg:
    id: str
    name: str
    website: str
    expect: dict


def page(title: str, body: str, head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html lang=en><head><title>{title}</title>{head}</head><body>"
            f"<nav><a href=/>Home</a> <a href=/services/>Services</a> {{nav}}</nav>{body}</body></html>").encode()


def nav_for(kind: str) -> str:
    return {"lever": "<a href=/join-our-team/>Join Our Team</a>", "none": "<a href=/about/>About</a>"}.get(
        kind, "<a href=/careers/>Careers</a>")


def careers_body(kind: str, number: int) -> str:
    if kind == "greenhouse":
        return f'<h1>Careers</h1><a href="https://job-boards.greenhouse.io/agency{number}">Open positions</a>'
    if kind == "rss":
        return '<h1>Careers</h1><ul class="jobs"></ul><a href="/jobs/feed/">Job feed</a>'
    return '<h1>Careers</h1><ul><li class="job"><a href="/careers/peer-specialist/">Peer Specialist</a></li></ul>'


def posting() -> bytes:
    data = {"@context": "https://schema.org", "@type": "JobPosting", "title": "Peer Specialist",
            "datePosted": "2026-11-30", "description": "<p>Lived experience of recovery.</p>"}
    return page("Peer Specialist", "<h1>Peer Specialist</h1>",
                f'<script type="application/ld+json">{json.dumps(data)}</script>')


def site(kind: str, number: int):
    """The handler answering for one synthetic organization."""
    def respond(request: Request) -> Answer:
        path = request.path
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /wp-admin/\n"
        if path == "/":
            return 200, HTML, page(f"Agency {number}", f"<h1>Agency {number}</h1>").replace(b"{nav}", nav_for(kind).encode())
        if path == "/careers/" and kind in ("greenhouse", "rss", "jsonld"):
            return 200, HTML, page("Careers", careers_body(kind, number)).replace(b"{nav}", b"")
        if path == "/careers/peer-specialist/" and kind == "jsonld":
            return 200, HTML, posting().replace(b"{nav}", b"")
        if path == "/join-our-team/" and kind == "lever":
            script = f'<script>window.leverJobsOptions = {{accountName: "agency{number}"}};</script>'
            return 200, HTML, page("Join", f"<h1>Join our team</h1><div id=lever-jobs-container></div>{script}"
                                   "<script src=/js/lever-jobs-embed.js></script>").replace(b"{nav}", b"")
        if path == "/about/":
            return 200, HTML, page("About", "<h1>About us</h1>").replace(b"{nav}", b"")
        return 404, HTML, b"<h1>Not found</h1>"
    return respond


def expected(kind: str, base: str, number: int) -> dict:
    return {"greenhouse": {"platform": "greenhouse", "url": f"https://job-boards.greenhouse.io/agency{number}"},
            "rss": {"platform": "rss", "url": f"{base}/jobs/feed/"},
            "jsonld": {"platform": "jsonld", "url": f"{base}/careers/"},
            "lever": {"platform": "lever", "url": f"https://jobs.lever.co/agency{number}"},
            "none": {"dead_end": "no_jobs_page"}}[kind]


class SyntheticOrganizations:
    def __init__(self, count: int) -> None:
        self.count = count
        self.hosts = LoopbackHosts()
        self.organizations: list[SyntheticOrg] = []

    def __enter__(self) -> "SyntheticOrganizations":
        for number in range(self.count):
            kind = KINDS[number % len(KINDS)]
            base = self.hosts.add(site(kind, number))
            self.organizations.append(SyntheticOrg(f"agency-{number}", f"Agency {number}", base + "/",
                                                   expected(kind, base, number)))
        self.hosts.start()
        return self

    def __exit__(self, *exc) -> None:
        self.hosts.stop()

    def write_csv(self, path: Path) -> Path:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "website", "city", "state", "zip"])
            writer.writerows([org.name, org.website, "Dayton", "OH", "45402"] for org in self.organizations)
        return path
