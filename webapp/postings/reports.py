"""Thin views: the report form of a posting, its thank-you page, and the posting's short URL."""
from __future__ import annotations

from datetime import date

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import TooManyRequests

from indexer import store
from webapp.db import get_session
from webapp.extensions import limiter
from webapp.postings import bp
from webapp.postings.reporting import REASON_LABELS, REPORT_LIMIT, ReportForm, reporter_key

POSTING_ID = "<int(max=2147483647):posting_id>"


def _posting_or_404(posting_id: int):
    posting = store.get_posting(get_session(), posting_id)
    if posting is None:
        abort(404)
    return posting


@bp.get(f"/j/{POSTING_ID}")
def short(posting_id: int):
    """The short address a reader shares; it leads to the posting's page."""
    _posting_or_404(posting_id)
    return redirect(url_for("postings.show", posting_id=posting_id), code=301)


@bp.route(f"/jobs/{POSTING_ID}/report", methods=["GET", "POST"])
@limiter.limit(REPORT_LIMIT, methods=["POST"], scope="posting-report")
def report(posting_id: int):
    posting = _posting_or_404(posting_id)
    form = ReportForm()
    if form.validate_on_submit():
        session = get_session()
        key = reporter_key(current_app.config["SECRET_KEY"], request.remote_addr, date.today(), posting.id)
        store.add_report(session, posting.id, form.reason.data, form.text.data, key)
        session.commit()
        return redirect(url_for("postings.report_sent", posting_id=posting.id, reason=form.reason.data), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("report.html", form=form, job=posting, max_text=store.MAX_REPORT_TEXT), status


@bp.get(f"/jobs/{POSTING_ID}/report/sent")
def report_sent(posting_id: int):
    posting = _posting_or_404(posting_id)
    reason = request.args.get("reason")
    return render_template("report_sent.html", job=posting, reason=reason if reason in REASON_LABELS else None)


@bp.errorhandler(CSRFError)
def form_expired(_error: CSRFError):
    return render_template("report_problem.html", heading="This form has expired",
                           text="For your safety, forms work for a few hours only. "
                                "Go back, reload the page and try again."), 400


@bp.errorhandler(TooManyRequests)
def too_many(_error: TooManyRequests):
    return render_template("report_problem.html", heading="Please wait a little",
                           text="We received several reports from your connection in a short time. "
                                "Try again in an hour."), 429
