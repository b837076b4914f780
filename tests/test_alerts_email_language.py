"""The alert emails in both languages, rendered from an outbox row and a confirmation due: the
English exactly as before, the Spanish with no English left but proper names and the posting's
own words, Babel's es_US formats for dates and pay, plural counts, and /es/ links."""
from __future__ import annotations

import html as html_lib
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from alerts.confirmation import confirmation_message
from alerts.emails import compose
from alerts.subscribing import ConfirmationDue
from foundation.settings import Settings
from indexer.cards import PayShown, PostingCard
from indexer.store.deliveries import OutboxItem
from indexer.taxonomy import load_taxonomy

SETTINGS = Settings(data_dir=Path("/nonexistent"), database_url="sqlite://", index_dir=Path("/nonexistent"),
                    public_url="https://jobs.example.org", secret_key_value="email-language-secret")
SEARCH = {"q": "recovery coach", "where": "Dayton, OH", "employment_type": ["PART_TIME"], "min_hourly": 18,
          "posted_within": 7, "remote": True, "state": ["OH"], "category": ["peer_recovery_coach"]}
TODAY = date(2026, 12, 7)
POSTINGS = [
    PostingCard(id=7, title="Peer Support Specialist", employer="Miami Valley Recovery Services", place="Dayton, OH",
                city="Dayton", state="OH", pay=PayShown(18.5, 21.0), posted=date(2026, 12, 4)),
    PostingCard(id=8, title="Recovery Coach (Remote)", employer="Buckeye Health", place="Remote, for people in Ohio",
                remote=True, remote_area="OH", posted=date(2026, 8, 1),
                pay=PayShown(posted_min=42000.0, posted_max=50000.0, posted_unit="YEAR")),
    PostingCard(id=9, title="Peer Bridger", employer="Buckeye Health", place="Columbus, OH, or remote",
                city="Columbus", state="OH", remote=True, posted=TODAY - (TODAY - date(2026, 12, 6))),
]
#: What may stay as it is in a Spanish email: names, the posting's own words, the search typed.
PROPER = ["PeerJobs", "Ohio Peer Network", "recovery coach", "Dayton, OH", "Columbus, OH", "Ohio", "OH",
          *[p.title for p in POSTINGS], *[p.employer for p in POSTINGS]]
#: Words only English has: none may be left once the proper names are gone ("coach" is Spanish too:
#: "coach de recuperación", docs/spanish_glossary.md).
ENGLISH = {"the", "and", "job", "jobs", "new", "search", "alert", "alerts", "email", "emails", "unsubscribe",
           "posted", "hour", "year", "change", "pause", "delete", "for", "this", "address", "more", "see", "newest",
           "ago", "remote", "most", "once", "day", "days", "week", "pay", "shown", "matching", "within", "miles",
           "near", "paying", "confirm", "please", "open", "page", "link", "works", "if", "you", "your", "ignore",
           "nothing", "will", "be", "sent", "keeps", "only", "how", "often", "via", "or", "of", "to", "in", "on",
           "at", "is", "peer", "support", "match", "matches", "part", "time", "from", "up", "an", "asked", "today",
           "first", "least", "someone", "probably", "press", "stop", "copy", "browser", "when", "there"}


def item(language: str, more: int = 0, network: str | None = "Ohio Peer Network") -> OutboxItem:
    return OutboxItem(1, "<digest-1@jobs.example.org>", (7, 8, 9), more, 0, datetime(2026, 12, 7, 9), 3,
                      "sam@example.org", SEARCH, "daily", network, "n0nce", language)


def due(language: str) -> ConfirmationDue:
    return ConfirmationDue(3, "sam@example.org", SEARCH, "weekly", "n0nce", None, language)


def plain(part: str) -> str:
    """The words a reader sees: no tags, no addresses."""
    words = html_lib.unescape(re.sub(r"<[^>]+>", " ", part))
    return re.sub(r"(https?|mailto):\S+", " ", words)


def english_left(text: str) -> list[str]:
    for name in sorted(PROPER, key=len, reverse=True):
        text = text.replace(name, " ")
    return sorted({word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH})


def parts(message) -> tuple[str, str]:
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def spanish_digest(more: int = 0):
    return compose(SETTINGS, item("es", more), POSTINGS, TODAY)


@pytest.mark.parametrize("message", [
    lambda: spanish_digest(), lambda: spanish_digest(more=1), lambda: spanish_digest(more=4),
    lambda: compose(SETTINGS, item("es", network=None), POSTINGS, TODAY),
    lambda: confirmation_message(SETTINGS, due("es"), load_taxonomy()),
    lambda: confirmation_message(SETTINGS, due("es"), load_taxonomy(), network_name="Ohio Peer Network"),
])
def test_a_spanish_email_has_no_english_left(message):
    built = message()
    text, html = parts(built)
    for part in (built["Subject"], plain(text), plain(html)):
        assert english_left(part) == [], part
    assert '<html lang="es">' in html


def test_the_spanish_digest_says_dates_pay_and_places_the_es_us_way():
    text, html = parts(spanish_digest(more=4))
    for words in ("$18.50–$21.00 por hora", "$42,000–$50,000 al año", "Publicado el 1 de agosto de 2026",
                  "Publicado hace 3 días", "Publicado ayer", "Remoto, para personas en Ohio", "Columbus, OH, o remoto",
                  "Y 4 resultados más. Vea la lista completa, con los más nuevos primero:",
                  "con sueldo de al menos $18.00 por hora", "publicados en la última semana", "como máximo una vez al día",
                  "Empleos de coach de recuperación que coinciden con “recovery coach”"):
        assert words in text, words
    assert "Y 4 resultados más: vea la lista completa" in html
    assert "Y 1 resultado más. Vea la lista completa" in parts(spanish_digest(more=1))[0]


def test_the_spanish_subject_counts_with_ngettext():
    assert spanish_digest()["Subject"] == "3 empleos nuevos de apoyo entre pares: recovery coach cerca de Dayton, OH " \
                                          "en Ohio remoto con sueldo de $18.00 por hora o más"
    one = compose(SETTINGS, item("es"), POSTINGS[:1], TODAY)["Subject"]
    assert one.startswith("1 empleo nuevo de apoyo entre pares: ")


def test_every_link_of_a_spanish_email_goes_to_a_spanish_page_and_english_ones_do_not():
    for language, prefix in (("es", "https://jobs.example.org/es/"), ("en", "https://jobs.example.org/")):
        for message in (compose(SETTINGS, item(language), POSTINGS, TODAY),
                        confirmation_message(SETTINGS, due(language), load_taxonomy())):
            text, html = parts(message)
            links = re.findall(r"https?://\S+", text) + re.findall(r'href="([^"]+)"', html)
            assert links and all(link.startswith(prefix) for link in links)
            assert language == "es" or not any("/es/" in link for link in links)


def test_the_list_unsubscribe_header_names_the_spanish_page_and_the_same_mailbox():
    spanish, english = spanish_digest(), compose(SETTINGS, item("en"), POSTINGS, TODAY)
    es_page, es_mail = re.findall(r"<([^>]+)>", spanish["List-Unsubscribe"])
    en_page, en_mail = re.findall(r"<([^>]+)>", english["List-Unsubscribe"])
    assert es_page.startswith("https://jobs.example.org/es/alerts/unsubscribe/")
    assert en_page.startswith("https://jobs.example.org/alerts/unsubscribe/")
    assert es_mail == en_mail and es_mail.startswith("mailto:unsubscribe@jobs.example.org?subject=unsubscribe-")


def test_the_english_email_stays_as_it_was():
    message = compose(SETTINGS, item("en", more=1), POSTINGS, TODAY)
    text, html = parts(message)
    assert message["Subject"] == "4 new peer-support jobs: recovery coach near Dayton, OH in Ohio remote " \
                                 "paying $18.00 an hour or more"
    assert "And 1 more match. See them all, newest first:" in text and "Posted 3 days ago" in text
    assert "This address asked PeerJobs (via Ohio Peer Network) for new jobs at most once a day" in text
    assert '<html lang="en">' in html and "Posted on August 1, 2026" in html
    confirmation = confirmation_message(SETTINGS, due("en"), load_taxonomy())
    assert confirmation["Subject"] == "Please confirm your PeerJobs job alert"
    assert "The link works for 7 days." in parts(confirmation)[0]
