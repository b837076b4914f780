"""The confirmation email, in the language of the page it was asked from: what the alert is
for, and one link to a page with a Confirm button (alerts.subscribing sends it).

The link only opens a page; pressing the button confirms. Mail scanners that open every link
therefore confirm nothing. The email holds no images and no redirecting links: nothing in it can
tell us that it was read.
"""
from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from foundation.settings import Settings
from indexer.taxonomy import Taxonomy
from alerts import tokens, words
from alerts.emails import environment
from alerts.language import N_, speech_of
from alerts.subscribing import ConfirmationDue

SUBJECT = N_("Please confirm your PeerJobs job alert")


def mail_domain(settings: Settings) -> str:
    """The domain of the From address, for Message-IDs."""
    return parseaddr(settings.mail_from)[1].rpartition("@")[2] or "peerjobs.invalid"


def confirmation_message(settings: Settings, due: ConfirmationDue, taxonomy: Taxonomy | None = None,
                         network_name: str | None = None) -> EmailMessage:
    """The email for `due`, with a text and an HTML part, in the subscription's language."""
    speech = speech_of(settings, due.language)
    context = {
        "subject": speech.gettext(SUBJECT),
        "confirm_url": tokens.link(settings, "confirm", due.subscription_id, due.link_nonce, speech.lang),
        "search_words": words.search_in_words(due.search, taxonomy, speech),
        "frequency_words": words.frequency_in_words(due.frequency, speech),
        "network_name": network_name,
        "days_valid": tokens.MAX_AGE["confirm"] // 86400,
    }
    templates = environment(speech)
    message = EmailMessage()
    message["Subject"] = context["subject"]
    message["From"] = settings.mail_from
    message["To"] = due.email
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(idstring="confirm", domain=mail_domain(settings))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(templates.get_template("confirm.txt").render(context))
    message.add_alternative(templates.get_template("confirm.html").render(context), subtype="html")
    return message
