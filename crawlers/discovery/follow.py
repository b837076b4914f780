"""Which pages a visit reads next: pure functions of a page's links and markup."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawlers.discovery import links as careers
from crawlers.discovery.boards_more import board_from_url
from crawlers.platforms.jsonld import DEFAULT_LINK_PATTERN

_EMBED = re.compile(r"embed|jobs?\b|career|widget|position|openings", re.I)


def embedded_pages(page_url: str, selector: Selector) -> list[str]:
    """Iframes, and embed scripts on other hosts, that no known board URL explains: a hosted
    board on a custom domain shows itself only when they are read."""
    host = urlsplit(page_url).netloc
    frames = [urljoin(page_url, src) for src in selector.css("iframe::attr(src)").getall()]
    scripts = [urljoin(page_url, src) for src in selector.css("script::attr(src)").getall()
               if _EMBED.search(src) and not careers.is_vendor(urljoin(page_url, src))]
    return [url for url in frames + [u for u in scripts if urlsplit(u).netloc != host][:2]
            if urlsplit(url).scheme in ("http", "https") and board_from_url(url) is None][:3]


def links_to_follow(links: list[careers.Link], hop: int) -> list[careers.Link]:
    """Links that say careers, best first; from the homepage, when none does, the pages most
    likely to link to one (About, Human Resources)."""
    if hop >= 2:
        return []
    strong = [link for link in links if link.score >= 4]
    if strong:
        return careers.careers_links(strong, limit=3 if hop == 0 else 2)
    return careers.careers_links(links, limit=2) if hop == 0 else []


def jsonld_keys(listing: str, posting: str) -> dict[str, str]:
    """A `link_pattern` when the posting's path is one the jsonld spider would not follow by default."""
    path = urlsplit(posting).path
    if re.search(DEFAULT_LINK_PATTERN, path, re.I):
        return {}
    return {"link_pattern": "^" + re.escape(urlsplit(listing).path.rstrip("/")) + "/."}


def boards_to_check(links: list[careers.Link], site: str) -> list[careers.Link]:
    """Past the last hop, a careers link off the site is still read once: it may be the board."""
    return [link for link in careers.careers_links(links, limit=4)
            if link.score >= 4 and not careers.same_site(link.url, site)][:1]
