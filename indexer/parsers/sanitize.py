"""Scraped HTML is hostile: clean it once at ingest, and turn it into text for the index."""
from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import nh3

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "u", "h2", "h3", "h4", "h5",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "div", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
#: Dropped with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "frame", "frameset", "noscript", "noembed", "noframes",
                        "template", "object", "embed", "applet", "svg", "math", "canvas", "video", "audio",
                        "select", "textarea", "button", "head", "title"}
_TEXT_TAGS = {"p", "br", "hr", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "dt", "dd",
              "blockquote", "pre", "section", "article"}
_BLOCK_TAG = re.compile(r"<(?:/?(?:%s)|br|hr)\b[^>]*>" % "|".join(sorted(_TEXT_TAGS - {"br", "hr"})), re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
#: NUL, the bidi embedding, override and isolate controls (they can make text read backwards),
#: and surrogate code points (only a lone one can be in a str; no database or page takes it).
_UNSAFE_CHARACTERS = re.compile("[\x00\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe_text(value: str) -> str:
    """Scraped text without the characters that must never be stored or shown."""
    return _UNSAFE_CHARACTERS.sub("", value)


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
        clean_content_tags=DROPPED_WITH_CONTENT,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
        attribute_filter=keep_link,
        strip_comments=True,
    ).strip()


def html_to_text(fragment: str | None, sanitized: bool = False) -> str:
    """Readable plain text with block boundaries kept as line breaks (inline markup stays inline).

    Markup not `sanitized` by clean_html is first cut down by nh3 to block tags without attributes;
    either way the tags left are simple enough for a regular expression, ten times faster than a tree."""
    if not fragment:
        return ""
    if not sanitized:
        fragment = nh3.clean(fragment, tags=_TEXT_TAGS, attributes={}, clean_content_tags=DROPPED_WITH_CONTENT,
                             strip_comments=True, link_rel=None)
    text = html.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\n", fragment)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def plain_text(value: str | None) -> str:
    """A single line of text from a value that may carry markup or entities (titles, names)."""
    if not value:
        return ""
    text = html_to_text(value) if "<" in value else html.unescape(value)
    return " ".join(text.split())
