"""JobAps public-sector job boards: https://www.jobapscloud.com/{AGENCY}/ (also www.jobaps.com).

The agency's `JobBoard.asp` lists one table row per recruitment: `a.JobTitle` links to its
bulletin (`sup/bulpreview.asp?R1=..&R2=..&R3=..`, the recruitment number), an
`input[id^=rowJobProps_]` holds JSON with the bulletin and apply links (`noapply: "1"`: none), and `td.Locs`,
`td.Dept`, `td.Salary`, `td.Deadline` the rest ("Continuous" deadlines are common; a deadline is
never a posting date). Class specifications (`specs/classspecdisplay.asp`) are not vacancies, and
rows linking off the board's host are skipped. Each bulletin's header gives `Date Opened`,
`Salary`, `Employment Type` and `Work Location`, in label/value cells or "Label: value" lines.
Keys: `max_pages`.
"""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawlers.platforms.fields import find_date, first_text, location_fields, node_html, node_text
from crawlers.platforms.pages import ListingSpider
from crawlers.structured_data import raw_fields
from indexer.parsers.dates import is_posting_label
from indexer.parsers.sanitize import is_web_url

_BULLETIN = re.compile(r"/sup/bulpreview\.asp$", re.I)
_LABELS = {
    "pay_text": ("salary", "salary range", "hiring range", "pay"),
    "employment_type": ("employment type", "position type", "job type", "schedule"),
    "location": ("work location", "location", "job location"),
}


def agency_of(url: str) -> str | None:
    """The agency code, the first path segment: "CT" in https://www.jobapscloud.com/CT/."""
    first = next((segment for segment in urlsplit(url).path.split("/") if segment), "")
    return first if first and not first.lower().endswith(".asp") else None


def board_url(url: str) -> str:
    """The agency's JobBoard.asp for an agency URL (`/{AGENCY}/`); an .asp page stays as given."""
    parts = urlsplit(url)
    if parts.path.lower().endswith(".asp"):
        return url
    return urlunsplit((parts.scheme, parts.netloc, f"/{agency_of(url)}/JobBoard.asp", "", ""))


def recruitment_of(url: str) -> str | None:
    """"2026-12351-02" from a bulletin link's R1/R2/R3; None when it is no bulletin."""
    parts = urlsplit(url)
    query = {key.upper(): values[0] for key, values in parse_qs(parts.query).items()}
    numbers = [query.get(key, "").strip() for key in ("R1", "R2", "R3")]
    return "-".join(numbers) if _BULLETIN.search(parts.path) and all(numbers) else None


def row_props(row: Selector) -> dict[str, Any]:
    """The row's `rowJobProps_*` JSON (entity-escaped in its value attribute); {} when unreadable."""
    try:
        props = json.loads(row.css("input[id^=rowJobProps_]::attr(value)").get() or "{}")
    except ValueError:
        return {}
    return props if isinstance(props, dict) else {}


def cell_lines(row: Selector, css: str) -> list[str]:
    """A cell's lines (`<br>` separates places: "Willimantic, CT<br>Windham County, CT")."""
    texts = [" ".join(text.split()) for text in row.css(f"{css} ::text").getall()]
    return [text for text in texts if text]


def listing_row(row: Selector, page_url: str) -> dict[str, Any] | None:
    """One board row as raw fields; None for spec links, rows off the board's host, no bulletin."""
    props = row_props(row)
    href = props.get("url") or row.css("a.JobTitle::attr(href)").get()
    url = urljoin(page_url, href.strip()) if isinstance(href, str) and href.strip() else None
    if not url or urlsplit(url).netloc != urlsplit(page_url).netloc or not recruitment_of(url):
        return None
    apply = props.get("apply") if str(props.get("noapply", "0")) == "0" else None  # "1": no online applying
    apply_url = urljoin(page_url, apply) if isinstance(apply, str) and is_web_url(urljoin(page_url, apply)) else url
    return raw_fields(
        url, external_id=recruitment_of(url), apply_url=apply_url,
        title=first_text(row, "a.JobTitle") or props.get("link"),
        pay_text=first_text(row, "td.Salary"),
        **location_fields(*cell_lines(row, "td.Locs")),
    )


def listing_rows(page: Selector, page_url: str) -> list[dict[str, Any]]:
    rows = (listing_row(row, page_url) for row in page.css("tr"))
    found = {row["external_id"]: row for row in rows if row}
    return list(found.values())


def header_pairs(page: Selector) -> list[tuple[str, str]]:
    """(label, value) of a bulletin's header: two-cell table rows, then "Label: value" lines."""
    pairs = []
    for row in page.css("tr"):
        cells = [node_text(cell) for cell in row.xpath("./td|./th")]
        if len(cells) == 2 and cells[0] and cells[1] and len(cells[0]) <= 40:
            pairs.append((cells[0].rstrip(":").strip(), cells[1]))
    for line in map(node_text, page.css("p, li")):
        label, colon, value = line.partition(":")
        if colon and value.strip() and len(label) <= 40:
            pairs.append((label.strip(), value.strip()))
    return pairs


def bulletin_fields(page: Selector) -> dict[str, Any]:
    """Date, pay, schedule, place and description of a bulletin page without structured data."""
    pairs = header_pairs(page)
    labelled = {label.lower(): value for label, value in reversed(pairs)}
    pick = {field: next((labelled[name] for name in names if labelled.get(name)), None)
            for field, names in _LABELS.items()}
    opened = next((find_date(value) for label, value in pairs if is_posting_label(label) and find_date(value)), None)
    content = page.css("#BulletinContent, .Bulletin, main") or page.css("body")
    fields = {"date_posted": opened, "pay_text": pick["pay_text"], "employment_type": pick["employment_type"],
              "description_html": node_html(content[0]) if content else None}
    if pick["location"]:
        fields.update(location_fields(pick["location"]))
    return fields


class JobApsSpider(ListingSpider):
    name = "jobaps"
    option_keys = frozenset({"max_pages"})

    async def start(self):
        if not agency_of(self.source.url):
            self.entry_unreadable(f"no JobAps agency in {self.source.url} (expected https://www.jobapscloud.com/{{AGENCY}}/)")
            return
        async for request in super().start():
            yield request

    def entry_url(self) -> str:
        return board_url(self.source.url)

    def listing_rows(self, response) -> list[dict[str, Any]]:
        return listing_rows(response, response.url)

    def page_fields(self, response, listed: dict[str, Any]) -> dict[str, Any]:
        fields = bulletin_fields(response)
        if listed.get("locations"):  # the board's places: often more than the bulletin's one
            fields.pop("locations", None)
        return fields
