"""The digest email: one message with a text and an HTML part, built from an outbox row.

Everything in it comes from the row and the store, so a digest sent again after a crash carries
the same Message-ID, Date and postings. Links are plain addresses on the site (no redirects, no
images, no pixels); titles and employers come from crawled pages and are escaped in the HTML.
"""
from __future__ import annotations

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

from foundation.settings import Settings
from indexer.cards import PostingCard
from indexer.store.deliveries import OutboxItem
from indexer.taxonomy import taxonomy_or_none
from alerts import spoken, tokens, words
from alerts.language import ENGLISH, Speech, speech_of
from alerts.subjects import heading_line, one_line, subject_line, subject_words
from indexer.networks import network_names

__all__ = ["compose", "links", "environment", "one_line", "subject_line", "subject_words", "heading_line"]
TEMPLATES = Path(__file__).resolve().parent / "templates"


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


def links(settings: Settings, subscription_id: int, nonce: str, search: Mapping[str, Any],
          lang: str = "en") -> Links:
    """The email's links, to the pages in its language (/es/... in Spanish)."""
    unsubscribe_token = tokens.make_token(settings.secret_key, "unsubscribe", subscription_id, nonce)
    site = tokens.site(settings, lang)
    return Links(
        posting=f"{site}/jobs/{{id}}",
        results=results_url(settings, search, lang),
        manage=tokens.link(settings, "manage", subscription_id, nonce, lang),
        unsubscribe=f"{site}/alerts/unsubscribe/{unsubscribe_token}",
        unsubscribe_mailto=(f"mailto:unsubscribe@{mail_domain(settings)}"
                            f"?subject={quote('unsubscribe-' + unsubscribe_token)}"),
    )


def results_url(settings: Settings, search: Mapping[str, Any], lang: str = "en") -> str:
    """The results page of the search, newest first."""
    args = {name: value for name, value in search.items() if name not in ("page", "per_page", "sort")}
    return f"{tokens.site(settings, lang)}/jobs?{urlencode({**args, 'sort': 'date'}, doseq=True)}"

def posting_facts(posting: PostingCard, today: date, speech: Speech = ENGLISH) -> list[str]:
    """Employer, place, the pay it shows, and the date posted: one line each."""
    facts = [posting.employer or "", spoken.place_words(speech, posting), spoken.pay_words(speech, posting.pay),
             spoken.posted_words(speech, posting.posted, today)]
    return [one_line(fact) for fact in facts if fact]


@lru_cache(maxsize=4)
def environment(speech: Speech) -> Environment:
    """The email templates, speaking `speech`'s language ({% trans %} and _() from its catalog)."""
    templates = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, auto_reload=False,
                            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
                            trim_blocks=True, keep_trailing_newline=True, extensions=["jinja2.ext.i18n"])
    templates.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them
    templates.install_gettext_translations(speech.catalog, newstyle=True)
    templates.filters["one_line"] = one_line
    templates.globals["lang"] = speech.lang
    return templates


def compose(settings: Settings, item: OutboxItem, postings: list[PostingCard],
            today: date | None = None) -> EmailMessage:
    """The digest of one outbox row, showing `postings` (those of the row still in the store,
    in the row's order). The caller sends nothing when `postings` is empty."""
    today = today or date.today()
    count = len(postings) + item.more
    speech = speech_of(settings, item.language)
    address = links(settings, item.subscription_id, item.link_nonce, item.search, speech.lang)
    subject = subject_line(count, item.search, speech)
    context = dict(
        subject=subject, heading=heading_line(count, item.search, speech), more=item.more,
        results_url=address.results, manage_url=address.manage, unsubscribe_url=address.unsubscribe,
        network=network_names(settings.networks_file).get(item.network, item.network) if item.network else None,
        frequency_words=words.frequency_in_words(item.frequency, speech),
        search_words=words.search_in_words(item.search, taxonomy_or_none(), speech),
        postings=[dict(title=posting.title, url=address.posting.format(id=posting.id),
                       facts=posting_facts(posting, today, speech)) for posting in postings],
    )
    templates = environment(speech)
    message = EmailMessage(policy=POLICY)
    message["From"] = settings.mail_from
    message["To"] = item.email
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(_aware(item.created_at))
    message["Message-ID"] = item.message_id
    message["List-Unsubscribe"] = f"<{address.unsubscribe}>, <{address.unsubscribe_mailto}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(templates.get_template("digest.txt").render(context))
    message.add_alternative(templates.get_template("digest.html").render(context), subtype="html")
    return message


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
