"""The reports queue: readers' reports of a problem with a posting, and what operators decide.

Accepting "not peer work" leaves a labeled example and a classification override, so the
posting leaves peer search at the next index sync and stays out after re-crawls; accepting
"closed" closes the posting."""
from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, url_for

from indexer import lifecycle, store
from webapp.admin import bp
from webapp.db import get_session
from webapp.postings.reporting import REASON_LABELS

ACTIONS = {"accept": "accepted", "dismiss": "dismissed"}
STATUS_LABELS = {"open": "Open", "accepted": "Accepted", "dismissed": "Dismissed"}


@bp.route("/reports")
def reports():
    session = get_session()
    return render_template("admin/reports.html", queue=store.report_queue(session),
                           open_count=store.count_open_reports(session), reasons=REASON_LABELS,
                           statuses=STATUS_LABELS)


@bp.route("/reports/<int:report_id>/<any(accept, dismiss):action>", methods=["POST"])
def handle(report_id: int, action: str):
    session = get_session()
    report = store.get_report(session, report_id)
    if report is None:
        abort(404)
    if report.status == "open":
        store.handle_report(session, report, ACTIONS[action], g.admin_user.username)
        if action == "accept":
            _accepted(session, report)
        session.commit()
        current_app.logger.info("admin %s %s report %d", g.admin_user.username, ACTIONS[action], report_id)
    flash(f"Report {report_id}: {ACTIONS[action] if report.status == ACTIONS[action] else report.status}.")
    return redirect(url_for("admin.reports"), code=303)


def _accepted(session, report) -> None:
    posting = store.get_posting(session, report.posting_id)
    if posting is None:
        return
    if report.reason == "not_peer_work":
        store.add_label(session, posting, None, g.admin_user.username)
        store.override_not_peer(session, posting, g.admin_user.username)
    elif report.reason == "closed":
        store.close_reported(session, posting.id, lifecycle.ACCEPTED_CLOSED)
