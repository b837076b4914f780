"""What one page says about where an organization's jobs are: pure functions of (URL, HTML).

A `Candidate` is a proposed source (platform, the URL its entry would have, its keys, board
identity, evidence lines, confidence 0..1). Boards are found by the URLs a page refers to (links,
iframes, scripts, embed settings), by the marks hosted boards leave on a custom domain, by job
feeds, by JobPosting structured data and, last, by a plain list of openings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawlers.discovery.boards_more import board_from_url, page_key

_URL_IN_TEXT = re.compile(r"""https?:(?://|\\/\\/)[^\s"'<>()\\]+(?:\\/[^\s"'<>()\\]*)*""")
_LEVER_EMBED = re.compile(r"""accountName["']?\s*[:=]\s*["']([A-Za-z0-9_-]+)["']""")
_SR_COMPANY = re.compile(r"""["']?company_code["']?\s*:\s*["']([A-Za-z0-9_-]+)["']""")
_BAMBOO_DOMAIN = re.compile(r"""([a-z0-9-]+)\.bamboohr\.com""", re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml")
_JOB_FEED = re.compile(r"job|career|opening|employ|position|vacanc", re.I)
#: How sure a reference is, by where it was written.
WEIGHTS = {"iframe": 0.95, "script": 0.9, "embed": 0.9, "link": 0.9, "form": 0.85, "text": 0.75}


@dataclass(frozen=True)
class Candidate:
    platform: str
    url: str
    board_key: str
    confidence: float
    evidence: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)

    def seen(self, line: str, confidence: float | None = None) -> "Candidate":
        return replace(self, evidence=self.evidence + (line,),
                       confidence=self.confidence if confidence is None else confidence)


def where(url: str) -> str:
    """A page as evidence names it: its path (and query)."""
    split = urlsplit(url)
    return (split.path or "/") + (f"?{split.query}" if split.query else "")


def references(page_url: str, selector: Selector) -> list[tuple[str, str]]:
    """(kind, absolute URL) of every link, iframe, script, form and data-* URL on the page."""
    found = [("link", href) for href in selector.css("a::attr(href)").getall()]
    found += [("iframe", src) for src in selector.css("iframe::attr(src), iframe::attr(data-src)").getall()]
    found += [("script", src) for src in selector.css("script::attr(src)").getall()]
    found += [("form", action) for action in selector.css("form::attr(action)").getall()]
    found += [("embed", value) for value in selector.xpath("//@*[starts-with(name(), 'data-')]").getall()
              if "://" in value]
    for text in selector.css("script:not([src])::text").getall():
        found += [("script", match.replace("\\/", "/")) for match in _URL_IN_TEXT.findall(text)]
    return [(kind, urljoin(page_url, value.strip())) for kind, value in found if value and value.strip()]


def board_candidates(page_url: str, selector: Selector) -> list[Candidate]:
    """Known boards the page refers to, each once, with the strongest reference's confidence."""
    found: dict[str, Candidate] = {}
    for kind, url in references(page_url, selector) + embed_references(selector):
        board = board_from_url(url)
        if board is None:
            continue
        line = f"{kind} {url[:200]} on {where(page_url)}"
        known = found.get(board.key)
        if known is None or WEIGHTS[kind] > known.confidence:
            found[board.key] = Candidate(board.platform, board.url, board.key, WEIGHTS[kind], (line,), board.options)
    return list(found.values())


def embed_references(selector: Selector) -> list[tuple[str, str]]:
    """Embed widgets that name their board without a URL (Lever's accountName, BambooHR's div)."""
    scripts = " ".join(selector.css("script::text").getall())
    found = [("embed", f"https://jobs.lever.co/{name}") for name in _LEVER_EMBED.findall(scripts)
             if "lever" in scripts.lower()]
    if "smartrecruiters" in " ".join(selector.css("script::attr(src)").getall()).lower():
        found += [("embed", f"https://careers.smartrecruiters.com/{code}") for code in _SR_COMPANY.findall(scripts)]
    for value in selector.css("#BambooHR::attr(data-domain), [id^=BambooHR]::attr(data-domain)").getall():
        match = _BAMBOO_DOMAIN.search(value)
        if match:
            found.append(("embed", f"https://{match.group(1).lower()}.bamboohr.com/careers"))
    return found


def feed_candidates(page_url: str, selector: Selector) -> list[Candidate]:
    """A job feed the page announces (<link rel=alternate> whose title or URL says jobs) or links to."""
    found = []
    for link in selector.css("link[rel~=alternate]"):
        kind, href, title = (link.attrib.get(key, "") for key in ("type", "href", "title"))
        if kind.lower() in _FEED_TYPES and href and _JOB_FEED.search(f"{title} {href}"):
            found.append(_feed(urljoin(page_url, href), f"{kind} feed {title!r} announced on {where(page_url)}", 0.85))
    for href in selector.css("a::attr(href)").getall():
        url = urljoin(page_url, href)
        if is_job_feed_url(url):
            found.append(_feed(url, f"link to job feed {url[:200]} on {where(page_url)}", 0.8))
    return found


def is_job_feed_url(url: str) -> bool:
    split = urlsplit(url)
    path, query = split.path.lower(), split.query.lower()
    return "feed=job_feed" in query or path.rstrip("/").endswith(("/jobs/feed", "/careers/feed", "/job-feed")) or (
        path.endswith((".rss", ".atom", "/feed.xml", "/rss.xml")) and bool(_JOB_FEED.search(path)))


def _feed(url: str, line: str, confidence: float) -> Candidate:
    return Candidate("rss", url, page_key(url), confidence, (line,))
