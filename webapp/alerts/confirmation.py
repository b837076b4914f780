"""The confirmation email: what the alert is for, and one link to a page with a Confirm button.

The link only opens a page; pressing the button confirms. Mail scanners that open every link
therefore confirm nothing. The email holds no images and no redirecting links: nothing in it can
tell us that it was read. It is sent after the answer has gone out, so that how long the answer
takes cannot tell whether an email was sent (and so whether the address was already known).
"""
from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from functools import partial

from flask import Response, current_app, render_template

from foundation.settings import Settings
from alerts import tokens, words
from alerts.subscribing import ConfirmationDue, send_confirmation
from webapp.formatting import get_taxonomy
from webapp.widget.networks import get_networks

SUBJECT = "Please confirm your PeerJobs job alert"


def mail_domain(settings: Settings) -> str:
    """The domain of the From address, for Message-IDs."""
    return parseaddr(settings.mail_from)[1].rpartition("@")[2] or "peerjobs.invalid"


def confirmation_message(settings: Settings, due: ConfirmationDue, network_name: str | None = None) -> EmailMessage:
    """The email for `due`, with a text and an HTML part (rendered in the app's context)."""
    context = {
        "confirm_url": tokens.link(settings, "confirm", due.subscription_id),
        "search_words": words.search_in_words(due.search, get_taxonomy()),
        "frequency_words": words.frequency_in_words(due.frequency),
        "network_name": network_name,
        "days_valid": tokens.MAX_AGE["confirm"] // 86400,
    }
    message = EmailMessage()
    message["Subject"] = SUBJECT
    message["From"] = settings.mail_from
    message["To"] = due.email
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(idstring="confirm", domain=mail_domain(settings))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_template("email/confirm.txt", **context))
    message.add_alternative(render_template("email/confirm.html", **context), subtype="html")
    return message


def send_after_response(response: Response, due: ConfirmationDue | None) -> Response:
    """Build the email now, send it when the response has been delivered."""
    if due is None:
        return response
    settings = current_app.config["PEERJOBS_SETTINGS"]
    network = get_networks().get(due.network)
    message = confirmation_message(settings, due, network_name=network.name if network else None)
    response.call_on_close(partial(send_confirmation, settings.smtp_url, message, due.subscription_id,
                                   current_app.extensions["peerjobs_sessions"]))
    return response
