"""Scraped HTML is hostile: clean it once at ingest, and turn it into text for the index."""
from __future__ import annotations

import html
from urllib.parse import urljoin, urlsplit

import nh3
from bs4 import BeautifulSoup

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "u", "h2", "h3", "h4", "h5",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "div", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def is_web_url(url: str | None) -> bool:
    """Only absolute http(s) URLs may become links or apply buttons."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def absolute_web_url(url: str | None, base_url: str | None = None) -> str | None:
    if not url:
        return None
    candidate = urljoin(base_url, url.strip()) if base_url else url.strip()
    return candidate if is_web_url(candidate) else None


def clean_html(fragment: str | None, base_url: str | None = None,
               tags: set[str] = ALLOWED_TAGS) -> str:
    """Allow-listed markup only: no scripts, styles, forms, frames or images; links absolute http(s).

    `tags` narrows the allow-list further (it should be a subset of ALLOWED_TAGS)."""
    if not fragment:
        return ""
    if "<" not in fragment and "&lt;" in fragment:
        fragment = html.unescape(fragment)

    def keep_link(element: str, attribute: str, value: str) -> str | None:
        if element == "a" and attribute == "href":
            return absolute_web_url(value, base_url)
        return value

    return nh3.clean(
        fragment,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style", "iframe", "noscript", "template", "object", "svg"},
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
        attribute_filter=keep_link,
        strip_comments=True,
    ).strip()


def html_to_text(fragment: str | None) -> str:
    """Readable plain text with block boundaries kept as line breaks."""
    if not fragment:
        return ""
    soup = BeautifulSoup(fragment, "lxml")
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def plain_text(value: str | None) -> str:
    """A single line of text from a value that may carry markup or entities (titles, names)."""
    if not value:
        return ""
    text = html_to_text(value) if "<" in value else html.unescape(value)
    return " ".join(text.split())
