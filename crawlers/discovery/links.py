"""Which links on an agency's page lead to its careers page, best first; which are aggregators."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

#: (pattern over a link's text, URL and image alt, score): the best match is the link's score.
CAREER_WORDS: tuple[tuple[re.Pattern[str], int], ...] = tuple((re.compile(p, re.I), s) for p, s in (
    (r"join (our|the) team|work (with|for) us|current openings|job openings|open positions", 9),
    (r"\bcareers?\b|\bjobs?\b|\bemployment\b|\bempleos?\b|\btrabaja con nosotros\b", 8),
    (r"careers?|jobs|employment|empleo|vacanc|\bopenings\b", 6),
    (r"\bhiring\b|\bopportunities\b|\bpositions\b|human resources", 4),
    (r"\babout\b|who we are|get involved|departments|our team|\bstaff\b", 1),
))
#: Words that make a careers-looking link something else.
NOT_CAREERS = re.compile(r"job seekers? resources|employment services|supported employment|job training|"
                         r"vocational|jobs? club|volunteer", re.I)
COMMON_PATHS = ("/careers", "/jobs", "/employment", "/careers/", "/jobs/", "/employment/", "/about/careers",
                "/join-our-team")
#: Job sites that list others' postings: not a source.
AGGREGATORS = ("indeed.com", "linkedin.com", "ziprecruiter.com", "glassdoor.com", "idealist.org",
               "simplyhired.com", "monster.com", "careerbuilder.com", "snagajob.com", "handshake.com")
#: Hosts of job-board vendors and script CDNs: their scripts are never read as embeds.
VENDORS = ("greenhouse.io", "lever.co", "smartrecruiters.com", "myworkdayjobs.com", "bamboohr.com", "paylocity.com",
           "icims.com", "ultipro.com", "ukg.net", "adp.com", "usajobs.gov", "governmentjobs.com", "schooljobs.com",
           "neogov.com", "e3applicants.com", "applicantpro.com", "isolvedhire.com", "paycomonline.net",
           "jobapscloud.com", "jobaps.com", "pageuppeople.com", "recruitee.com", "workable.com", "breezy.hr",
           "applytojob.com", "jazz.co", "dayforcehcm.com", "oraclecloud.com", "taleo.net", "googleapis.com",
           "gstatic.com", "google.com", "googletagmanager.com", "jquery.com", "cloudflare.com", "jsdelivr.net",
           "unpkg.com", "wp.com", "squarespace.com", "wixstatic.com", "facebook.net", "fontawesome.com")
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "#", "data:")


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    score: int


def page_links(page_url: str, html: str) -> list[Link]:
    """Every http(s) link of the page with its text (or its image's alt) and careers score."""
    selector = Selector(text=html)
    base = selector.css("base::attr(href)").get() or page_url
    found = []
    for anchor in selector.css("a[href]"):
        href = (anchor.attrib.get("href") or "").strip()
        if not href or href.lower().startswith(SKIPPED_SCHEMES):
            continue
        url = urljoin(urljoin(page_url, base), href).split("#")[0]
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        text = " ".join(" ".join(anchor.css("::text, img::attr(alt)").getall()).split())[:200]
        found.append(Link(url, text, careers_score(text, url, anchor.attrib.get("title", ""))))
    return found


def careers_score(text: str, url: str, title: str = "") -> int:
    """How strongly a link says it leads to jobs; 0 when it does not."""
    words = f"{text} {title}"
    if NOT_CAREERS.search(words):
        return 0
    path = urlsplit(url).path.replace("-", " ").replace("_", " ")
    return max((score for pattern, score in CAREER_WORDS if pattern.search(words) or pattern.search(path)), default=0)


def careers_links(links: list[Link], limit: int = 4) -> list[Link]:
    """The links worth following for the careers page, best first, each URL once."""
    chosen: dict[str, Link] = {}
    for link in sorted((link for link in links if link.score > 0), key=lambda link: -link.score):
        chosen.setdefault(link.url, link)
    return list(chosen.values())[:limit]


def is_aggregator(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == name or host.endswith("." + name) for name in AGGREGATORS)


def is_vendor(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == name or host.endswith("." + name) for name in VENDORS)


def is_pdf(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(".pdf")


def same_site(url: str, site: str) -> bool:
    """Both on one host ("www." aside)."""
    def host(u: str) -> str:
        return (urlsplit(u).netloc or "").lower().removeprefix("www.")
    return host(url) == host(site)
