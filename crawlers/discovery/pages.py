"""What a careers page says by itself: a hosted board's marks on a custom domain, JobPosting
structured data, a plain list of openings (with the selectors that would read it), or a dead end
(no openings, a sign-in form). Pure functions of (URL, HTML)."""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawlers.discovery.boards_more import page_key
from crawlers.discovery.signals import Candidate, board_candidates, feed_candidates, where


def _origin(url: str) -> str:
    split = urlsplit(url)
    return f"{split.scheme}://{split.netloc}"


def _first_segment(url: str) -> str:
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return f"{_origin(url)}/{segments[0]}/" if segments else _origin(url) + "/"


def _up_to(marker: str) -> Callable[[str], str]:
    def board(url: str) -> str:
        path = urlsplit(url).path
        cut = path.lower().find(marker)
        return _origin(url) + (path[: cut + len(marker)] if cut >= 0 else marker)
    return board


def _listing(url: str) -> str:
    return url.split("#")[0].split("?")[0]


def _neogov(url: str) -> str:
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) >= 2 and segments[0].lower() == "careers":
        return f"{_origin(url)}/careers/{segments[1]}"
    return _listing(url)


#: (platform, marks in the HTML, the board URL from the page's URL, confidence).
FINGERPRINTS: tuple[tuple[str, re.Pattern[str], Callable[[str], str], float], ...] = (
    ("icims", re.compile(r"iCIMS_(MainWrapper|JobsTable|ListingsPage|JobContent|JobCardItem)"),
     lambda url: _origin(url) + "/jobs/search?ss=1", 0.88),
    ("neogov", re.compile(r"neogov|governmentjobs\.com", re.I), _neogov, 0.9),
    ("e3applicants", re.compile(r"JobPostRow|e3applicants", re.I), _listing, 0.88),
    ("jobaps", re.compile(r"bulpreview\.asp|JobBoard\.asp|jobaps", re.I), _first_segment, 0.88),
    ("pageup", re.compile(r"pageuppeople|PageUp People", re.I), _up_to("/cw/en-us/"), 0.88),
    ("jazzhr", re.compile(r"Powered by JazzHR|applytojob\.com|resumator", re.I), lambda url: _origin(url) + "/apply", 0.88),
    ("breezy", re.compile(r"Powered by Breezy|breezy\.hr|breezy-portal", re.I), lambda url: _origin(url) + "/", 0.88),
    ("recruitee", re.compile(r"recruitee", re.I), lambda url: _origin(url) + "/", 0.75),
    ("applicantpro", re.compile(r"applicantpro|isolvedhire", re.I), lambda url: _origin(url) + "/jobs/", 0.75),
)
_GENERATOR = re.compile(r"<meta[^>]+name=[\"']generator[\"'][^>]*>", re.I)
_NOT_HIRING = re.compile(r"no (current |open )?(job )?(openings|vacancies|positions|opportunities)|"
                         r"not (currently )?hiring|no positions (are )?(currently )?available|"
                         r"(are|is) (currently )?fully staffed|no tenemos vacantes", re.I)
_SIGN_IN = re.compile(r"sign in to (view|see|apply)|log ?in to (view|see)|employee login required", re.I)
_JOB_TITLE = re.compile(r"specialist|coach|peer|counsel|therapist|nurse|clinician|manager|director|coordinator|"
                        r"advocate|worker|assistant|technician|supervisor|navigator|mentor|recovery|case|"
                        r"bookkeeper|driver|cook|aide|mentor|analyst|officer|partner|lead\b", re.I)
_JOBPOSTING = re.compile(r"JobPosting")


def hosted_candidates(page_url: str, html: str) -> list[Candidate]:
    """Boards a vendor hosts on the page's own host, known by their markup or footer."""
    found = []
    marks = html[:400_000]
    for platform, pattern, board_url, confidence in FINGERPRINTS:
        match = pattern.search(marks)
        if match:
            url = board_url(page_url)
            line = f"{platform} page marks ({match.group(0)[:40]!r}) on {where(page_url)}"
            found.append(Candidate(platform, url, page_key(url), confidence, (line,)))
    return found


def has_job_posting(selector: Selector) -> bool:
    """The page carries schema.org JobPosting, as JSON-LD or microdata."""
    scripts = selector.css("script[type*='ld+json']::text").getall()
    microdata = selector.css("[itemtype*='JobPosting']")
    return bool(microdata) or any(_JOBPOSTING.search(text) for text in scripts)


def job_links(page_url: str, selector: Selector) -> list[tuple[Selector, str]]:
    """(anchor, URL) of the links on the page that look like one opening each, on its own host."""
    found = []
    host = urlsplit(page_url).netloc
    for anchor in selector.xpath("//a[@href][not(ancestor::nav or ancestor::header or ancestor::footer)]"):
        url = urljoin(page_url, anchor.attrib["href"]).split("#")[0]
        text = " ".join(" ".join(anchor.css("::text").getall()).split())
        if (urlsplit(url).netloc == host and url.rstrip("/") != page_url.rstrip("/") and 4 <= len(text) <= 120
                and _JOB_TITLE.search(text) and not url.lower().endswith(".pdf")):
            found.append((anchor, url))
    return found


def listing_selectors(anchors: list[Selector]) -> dict[str, str]:
    """Selectors for the html spider when the openings share one kind of row (tag and class)."""
    rows = Counter(_row_of(anchor) for anchor in anchors)
    rows.pop(None, None)
    if not rows:
        return {}
    row, count = rows.most_common(1)[0]
    if count < max(1, (len(anchors) + 1) // 2):
        return {}
    return {"list_item": row, "link": "a::attr(href)", "title": "a"}


def _row_of(anchor: Selector) -> str | None:
    for ancestor in anchor.xpath("ancestor::*[self::li or self::tr or self::article or self::div][@class][1]"):
        classes = (ancestor.attrib.get("class") or "").split()
        if classes and re.match(r"^[A-Za-z][\w-]*$", classes[0]):
            return f"{ancestor.root.tag}.{classes[0]}"
    return None


def html_candidate(page_url: str, anchors: list[Selector]) -> Candidate:
    selectors = listing_selectors(anchors)
    line = f"{len(anchors)} openings listed on {where(page_url)}"
    if selectors:
        return Candidate("html", _listing(page_url), page_key(page_url), 0.55, (line,), selectors)
    return Candidate("html", _listing(page_url), page_key(page_url), 0.3,
                     (line, "no common row markup: selectors are needed"), {})


def not_hiring(selector: Selector) -> bool:
    text = " ".join(selector.css("main ::text, body ::text").getall())[:200_000]
    return bool(_NOT_HIRING.search(" ".join(text.split())))


def sign_in_wall(selector: Selector) -> bool:
    text = " ".join(" ".join(selector.css("body ::text").getall()).split())[:50_000]
    return bool(selector.css("input[type=password]")) or bool(_SIGN_IN.search(text))


def generator(html: str) -> str | None:
    match = _GENERATOR.search(html[:50_000])
    content = re.search(r"content=[\"']([^\"']+)", match.group(0)) if match else None
    return content.group(1)[:80] if content else None


def page_candidates(page_url: str, html: str, hosted: bool = True) -> list[Candidate]:
    """Every board a page refers to or is, best first (`hosted`: read vendors' marks too, for a
    page off the organization's own site)."""
    selector = Selector(text=html)
    found = board_candidates(page_url, selector) + feed_candidates(page_url, selector)
    found += hosted_candidates(page_url, html) if hosted else []
    return sorted(found, key=lambda candidate: -candidate.confidence)
