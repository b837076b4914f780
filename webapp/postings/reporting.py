"""The "report a problem with this posting" form and what a report keeps of its sender.

A report keeps no address: `reporter_key` is an HMAC of the address, the day and the posting
under the app's secret, so reports from one connection on one day count once for "being
checked", and the key says nothing of the address without the secret (docs/privacy.md)."""
from __future__ import annotations

import hashlib
import hmac
from datetime import date

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from indexer.store import MAX_REPORT_TEXT

#: Reports one address may send: enough for a reader, too few to flood the queue.
REPORT_LIMIT = "5 per hour"
REASON_LABELS = {
    "closed": "The job is closed or filled",
    "wrong_pay_or_place": "The pay or the place is wrong",
    "not_peer_work": "This is not peer-support work",
    "scam_or_unsafe": "It looks like a scam, or it seems unsafe",
    "other": "Something else",
}


def reporter_key(secret: str, address: str | None, day: date, posting_id: int) -> str:
    message = f"{day.isoformat()}|{posting_id}|{address or ''}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ReportForm(FlaskForm):
    reason = RadioField("What is wrong with this posting?", choices=[SelectChoice(name, label) for name, label in REASON_LABELS.items()],
                        validators=[InputRequired(message="Choose what is wrong.")])
    text = TextAreaField("Anything else we should know? (optional)", filters=[_strip], validators=[
        Optional(), Length(max=MAX_REPORT_TEXT, message=f"Please keep it to {MAX_REPORT_TEXT} characters or fewer.")])
