"""Field helpers the JSON applicant-tracking platforms share: pure functions over API values.

Location labels stay text in the raw posting; indexer.locations reads them in normalize."""
from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from typing import Any


def text_of(value: Any) -> str | None:
    """Ids and labels as text: numbers become digits, blanks and other shapes None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def listing(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def place(city: Any = None, region: Any = None, postal_code: Any = None, country: Any = None,
          street: Any = None) -> dict[str, str | None]:
    return {"street": text_of(street), "city": text_of(city), "region": text_of(region),
            "postal_code": text_of(postal_code), "country": text_of(country)}


_US = re.compile(r"^(?:u\.?s\.?(?:a\.?)?|united states(?: of america)?)$", re.I)
_NAMES_US = re.compile(r"\b(?:USA?|United States(?: of America)?)\b")


#: ISO 3166-1 alpha-2 codes the boards' countries come as, by name (a bare "CA" or "IN" in a
#: label would read as a state). Codes not listed are left out of labels.
COUNTRY_CODES = {"US": "United States", "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands",
                 "CA": "Canada", "MX": "Mexico", "GB": "United Kingdom", "IE": "Ireland", "DE": "Germany",
                 "FR": "France", "ES": "Spain", "NL": "Netherlands", "IN": "India", "PH": "Philippines",
                 "AU": "Australia", "NZ": "New Zealand", "BR": "Brazil", "CO": "Colombia", "IL": "Israel",
                 "JP": "Japan", "SG": "Singapore", "ZA": "South Africa", "KE": "Kenya", "NG": "Nigeria"}


def country_name(value: Any) -> str | None:
    """A country as a label part: "US", "USA", "United States of America" are "United States";
    a two-letter code is its name, or None when it is not one known."""
    text = text_of(value)
    if text and _US.match(text):
        return "United States"
    if text and len(text) == 2:
        return COUNTRY_CODES.get(text.upper())
    return text


def place_label(*parts: Any) -> str | None:
    """Structured place fields (city, state, postal code, country) as one label,
    "Santa Clara, CA, United States"; blanks and repeats left out."""
    kept: dict[str, str] = {}
    for text in filter(None, map(text_of, parts)):
        kept.setdefault(text.lower(), text)
    return ", ".join(kept.values()) or None


def with_country(label: Any, country: Any) -> str | None:
    """A free-text place label with its country added when it does not name it already."""
    text, name = text_of(label), country_name(country)
    if not text or not name or name.lower() in text.lower() or name == "United States" and _NAMES_US.search(text):
        return text
    return f"{text}, {name}"


def monetary_amount(low: Any, high: Any, unit: str | None, currency: Any = "USD") -> dict | None:
    """A schema.org MonetaryAmount, the shape the pay parser reads; None without figures."""
    if low in (None, "", 0) and high in (None, "", 0):
        return None
    value = {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": unit}
    return {"@type": "MonetaryAmount", "currency": text_of(currency) or "USD", "value": value}


def iso_from_epoch_ms(value: Any) -> str | None:
    """Lever's createdAt (epoch milliseconds, as a number or digits) as an ISO timestamp."""
    try:
        seconds = float(value) / 1000
        return datetime.fromtimestamp(seconds, timezone.utc).isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def unescaped_html(value: Any) -> str | None:
    """HTML that arrives entity-escaped ("&lt;p&gt;") as markup; plain HTML as it is."""
    if not isinstance(value, str) or not value.strip():
        return None
    return html.unescape(value) if "&lt;" in value and "<" not in value else value


def paragraphs(value: Any) -> str | None:
    """Plain text (its entities read) as escaped paragraphs; text that is already HTML stays as it is."""
    text = text_of(value)
    if text is None or "<" in text and ">" in text:
        return text
    text = html.unescape(text)  # "clinics &amp; community" is an entity, not text to escape twice
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def sections(*pairs: tuple[Any, Any]) -> str | None:
    """(heading, HTML) pairs as one description; empty sections are left out."""
    parts = []
    for heading, body in pairs:
        body = paragraphs(body)
        if body:
            parts.append((f"<h3>{html.escape(heading)}</h3>" if isinstance(heading, str) and heading else "") + body)
    return "\n".join(parts) or None
