"""The digest email: one message with a text and an HTML part, built from an outbox row.

Everything in it comes from the row and the store, so a digest sent again after a crash carries
the same Message-ID, Date and postings. Links are plain addresses on the site (no redirects, no
images, no pixels); titles and employers come from crawled pages and are escaped in the HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime
from functools import lru_cache
from ipaddress import ip_address
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from indexer.parsers import geo
from foundation.settings import Settings
from indexer.cards import PostingCard
from indexer.store.deliveries import OutboxItem
from indexer.taxonomy import taxonomy_or_none
from alerts import tokens, words
from indexer.wording import category_label, money, posted_in_words
from indexer.networks import network_names

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_SUBJECT_WORDS = 100


class ListHeader(UnstructuredHeader):
    """List-Unsubscribe: folded only between its <URI>s and never encoded, since readers take
    the URIs literally (RFC 2369). A token makes each URI longer than a folded line."""

    def fold(self, *, policy) -> str:
        uris = [part.strip() for part in str(self).split(",") if part.strip()]
        return f"{self.name}: " + ("," + policy.linesep + " ").join(uris) + policy.linesep


def _policy():
    registry = HeaderRegistry()
    registry.map_to_type("list-unsubscribe", ListHeader)
    return default_policy.clone(header_factory=registry)


POLICY = _policy()


@dataclass(frozen=True)
class Links:
    posting: str  # with {id}
    results: str
    manage: str
    unsubscribe: str
    unsubscribe_mailto: str


def public_host(settings: Settings) -> str:
    """The site's host name, for Message-IDs and the unsubscribe mailbox."""
    return urlsplit(settings.public_url).hostname or "localhost"


def mail_domain(settings: Settings) -> str:
    """The host as the domain of an address: an IP address goes in brackets (RFC 5321)."""
    host = public_host(settings)
    try:
        ip_address(host)
    except ValueError:
        return host
    return f"[{host}]"


def with_secret(settings: Settings) -> Settings:
    """Settings whose secret key is read once: signing a few links per email otherwise reads
    the key file each time."""
    return settings if settings.secret_key_value else replace(settings, secret_key_value=settings.secret_key)


def links(settings: Settings, subscription_id: int, nonce: str, search: Mapping[str, Any]) -> Links:
    unsubscribe_token = tokens.make_token(settings.secret_key, "unsubscribe", subscription_id, nonce)
    return Links(
        posting=f"{settings.public_url}/jobs/{{id}}",
        results=results_url(settings, search),
        manage=tokens.link(settings, "manage", subscription_id, nonce),
        unsubscribe=f"{settings.public_url}/alerts/unsubscribe/{unsubscribe_token}",
        unsubscribe_mailto=(f"mailto:unsubscribe@{mail_domain(settings)}"
                            f"?subject={quote('unsubscribe-' + unsubscribe_token)}"),
    )


def results_url(settings: Settings, search: Mapping[str, Any]) -> str:
    """The results page of the search, newest first."""
    args = {name: value for name, value in search.items() if name not in ("page", "per_page", "sort")}
    return f"{settings.public_url}/jobs?{urlencode({**args, 'sort': 'date'}, doseq=True)}"



def subject_words(search: Mapping[str, Any]) -> str:
    """The search in a few words, for a subject line: 'recovery coach near Dayton, OH',
    'Family peer advocate in Ohio remote'; '' for no filters. (The body says it in full, in the
    words of the alert's own pages: alerts.words.)"""
    parts = []
    text = one_line(str(search.get("q") or ""))
    categories = _as_list(search.get("category"))
    if text:
        parts.append(text)
    elif categories:
        parts.append(" or ".join(category_label(category, taxonomy_or_none()) for category in categories))
    where = one_line(str(search.get("where") or ""))
    if where:
        code = geo.state_code(where)
        parts.append(f"in {geo.STATES.get(code, where)}" if code else f"near {where}")
    states = [geo.STATES.get(code, code) for code in _as_list(search.get("state"))]
    if states:
        parts.append("in " + " or ".join(states))
    if search.get("remote"):
        parts.append("remote")
    if search.get("min_hourly"):
        try:
            parts.append(f"paying {money(float(search['min_hourly']))} an hour or more")
        except (TypeError, ValueError):
            pass
    phrase = " ".join(parts)
    return phrase if len(phrase) <= MAX_SUBJECT_WORDS else phrase[:MAX_SUBJECT_WORDS - 1].rstrip() + "…"


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in value.split(",") if part]
    return [str(part) for part in value or () if part]


#: Control and format characters: line breaks of every kind, bidirectional overrides, zero-width marks.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def one_line(text: str) -> str:
    """Text safe in a header or on one line: every run of whitespace or control characters is
    one space (a crawled title cannot start a new header or fake a line)."""
    return " ".join(_INVISIBLE.sub(" ", text or "").split())


def subject_line(count: int, search: Mapping[str, Any], joint: str = ":") -> str:
    """'3 new peer-support jobs: recovery coach near Dayton, OH' (joint " for": the heading)."""
    jobs = "1 new peer-support job" if count == 1 else f"{count} new peer-support jobs"
    phrase = subject_words(search)
    return f"{jobs}{joint} {phrase}" if phrase else jobs


def posting_facts(posting: PostingCard, today: date) -> list[str]:
    """Employer, place, the pay it shows, and the date posted: one line each."""
    facts = [posting.employer or "", posting.place, posting.pay.words, posted_in_words(posting.posted, today)]
    return [one_line(fact) for fact in facts if fact]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, auto_reload=False,
                              autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
                              trim_blocks=True, keep_trailing_newline=True)
    environment.filters["one_line"] = one_line
    return environment


def compose(settings: Settings, item: OutboxItem, postings: list[PostingCard],
            today: date | None = None) -> EmailMessage:
    """The digest of one outbox row, showing `postings` (those of the row still in the store,
    in the row's order). The caller sends nothing when `postings` is empty."""
    today = today or date.today()
    count = len(postings) + item.more
    address = links(settings, item.subscription_id, item.link_nonce, item.search)
    subject = subject_line(count, item.search)
    context = dict(
        subject=subject, heading=subject_line(count, item.search, " for"), more=item.more,
        results_url=address.results, manage_url=address.manage, unsubscribe_url=address.unsubscribe,
        network=network_names(settings.networks_file).get(item.network, item.network) if item.network else None,
        frequency_words=words.frequency_in_words(item.frequency),
        search_words=words.search_in_words(item.search, taxonomy_or_none()),
        postings=[dict(title=posting.title, url=address.posting.format(id=posting.id),
                       facts=posting_facts(posting, today)) for posting in postings],
    )
    environment = _environment()
    message = EmailMessage(policy=POLICY)
    message["From"] = settings.mail_from
    message["To"] = item.email
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(_aware(item.created_at))
    message["Message-ID"] = item.message_id
    message["List-Unsubscribe"] = f"<{address.unsubscribe}>, <{address.unsubscribe_mailto}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(environment.get_template("digest.txt").render(context))
    message.add_alternative(environment.get_template("digest.html").render(context), subtype="html")
    return message


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
