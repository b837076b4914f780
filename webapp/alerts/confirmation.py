"""The confirmation email (alerts.confirmation), sent after the answer has gone out, so that how
long the answer takes cannot tell whether an email was sent (and so whether the address was
already known)."""
from __future__ import annotations

from functools import partial

from flask import Response, current_app

from alerts.confirmation import confirmation_message
from alerts.subscribing import ConfirmationDue, send_confirmation
from webapp.formatting import get_taxonomy
from webapp.widget.networks import get_networks

__all__ = ["confirmation_message", "send_after_response"]


def send_after_response(response: Response, due: ConfirmationDue | None) -> Response:
    """Build the email now, send it when the response has been delivered."""
    if due is None:
        return response
    settings = current_app.config["PEERJOBS_SETTINGS"]
    network = get_networks().get(due.network)
    message = confirmation_message(settings, due, get_taxonomy(), network_name=network.name if network else None)
    response.call_on_close(partial(send_confirmation, settings.smtp_url, message, due.subscription_id,
                                   current_app.extensions["peerjobs_sessions"]))
    return response
