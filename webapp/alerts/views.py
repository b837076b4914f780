"""Thin views: read the link's token or the form, call alerts.subscribing, render.

A GET never changes anything (mail scanners open links); every change is a POST. Pages that
show a form set Flask's session cookie for its CSRF token; the one-click unsubscribe needs none.
"""
from __future__ import annotations

from flask import current_app, make_response, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import TooManyRequests

from indexer import store
from indexer.store.models import Subscription
from webapp.alerts import bp
from alerts import subscribing, tokens, words
from webapp.alerts.confirmation import send_after_response
from webapp.alerts.forms import ButtonForm, FrequencyForm, SubscribeForm
from webapp.db import get_session
from webapp.extensions import csrf, limiter
from webapp.formatting import get_taxonomy

#: What the manage page says after each change.
DONE = {
    "frequency": "Saved. We will use the new schedule from the next email.",
    "pause": "Paused. We will not email you until you resume this alert.",
    "resume": "Resumed. The next email will hold jobs found from now on.",
}

#: The status each button can change: only an active alert pauses, only a paused one resumes.
PAUSE_FROM = {"pause": "active", "resume": "paused"}


class LinkProblem(Exception):
    """A link that is damaged or expired (400) or whose alert is gone (404)."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


@bp.app_template_global()
def alert_args(query) -> dict:
    """The arguments of /alerts/new for a results page's search."""
    return subscribing.alert_search(query)


def _settings():
    return current_app.config["PEERJOBS_SETTINGS"]


def _subscription(purpose: str, token: str) -> Subscription:
    subscription_id = tokens.read_token(_settings().secret_key, purpose, token)
    if subscription_id is None:
        raise LinkProblem(400)
    subscription = store.get_subscription(get_session(), subscription_id)
    if subscription is None:
        raise LinkProblem(404)
    return subscription


def _described(subscription: Subscription) -> dict:
    return {"search_words": words.search_in_words(subscription.search, get_taxonomy()),
            "frequency_words": words.frequency_in_words(subscription.frequency),
            "results_url": url_for("search.results", **subscription.search)}


@bp.route("/alerts/new", methods=["GET", "POST"])
@limiter.shared_limit(subscribing.SUBSCRIBE_LIMIT, scope="alerts-subscribe", methods=["POST"])
def new():
    search = subscribing.search_from_args(request.args)
    form = SubscribeForm()
    if form.validate_on_submit():
        due = subscribing.subscribe(get_session(), form.email.data, form.frequency.data, search)
        # The same page whether the address was new, waiting or already subscribed.
        return send_after_response(make_response(render_template("alerts/check_email.html")), due)
    status = 400 if request.method == "POST" else 200
    return render_template("alerts/new.html", form=form, search=search,
                           search_words=words.search_in_words(search, get_taxonomy()),
                           results_url=url_for("search.results", **search)), status


@bp.route("/alerts/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    subscription = _subscription("confirm", token)
    form = ButtonForm()
    if subscription.status == "pending" and not form.validate_on_submit():
        return render_template("alerts/confirm.html", form=form, **_described(subscription))
    if request.method == "POST":
        subscription = subscribing.confirm(get_session(), subscription.id) or subscription
    return render_template("alerts/confirmed.html", subscription=subscription,
                           manage_url=url_for(".manage", token=tokens.make_token(
                               _settings().secret_key, "manage", subscription.id)),
                           **_described(subscription))


@bp.route("/alerts/manage/<token>", methods=["GET", "POST"])
def manage(token: str):
    subscription = _subscription("manage", token)
    session = get_session()
    action = request.form.get("action", "") if request.method == "POST" else ""
    frequency_form = FrequencyForm(data={"frequency": subscription.frequency})
    if action == "frequency" and frequency_form.validate_on_submit():
        subscribing.change(session, subscription.id, "frequency", frequency_form.frequency.data)
        return redirect(url_for(".manage", token=token, done=action), 303)
    if PAUSE_FROM.get(action) == subscription.status and ButtonForm().validate_on_submit():
        subscribing.change(session, subscription.id, action)
        return redirect(url_for(".manage", token=token, done=action), 303)
    if action == "delete" and ButtonForm().validate_on_submit():
        return render_template("alerts/delete.html", form=ButtonForm(), **_described(subscription))
    if action == "delete-confirmed" and ButtonForm().validate_on_submit():
        subscribing.delete(session, subscription.id)
        return render_template("alerts/deleted.html", heading="Your alert is deleted")
    return render_template("alerts/manage.html", subscription=subscription, frequency_form=frequency_form,
                           form=ButtonForm(), done=DONE.get(request.args.get("done", "")),
                           **_described(subscription)), 400 if request.method == "POST" else 200


@bp.get("/alerts/unsubscribe/<token>")
def unsubscribe_page(token: str):
    subscription_id = tokens.read_token(_settings().secret_key, "unsubscribe", token)
    if subscription_id is None:
        raise LinkProblem(400)
    subscription = store.get_subscription(get_session(), subscription_id)
    if subscription is None:
        return render_template("alerts/deleted.html", heading="You are unsubscribed")
    return render_template("alerts/unsubscribe.html", **_described(subscription))


@bp.post("/alerts/unsubscribe/<token>")
@csrf.exempt
def unsubscribe(token: str):
    """RFC 8058 one-click: a mail client posts "List-Unsubscribe=One-Click" with no cookie. The
    token is the proof; asking twice answers the same."""
    subscription_id = tokens.read_token(_settings().secret_key, "unsubscribe", token)
    if subscription_id is None:
        raise LinkProblem(400)
    subscribing.delete(get_session(), subscription_id)
    return render_template("alerts/deleted.html", heading="You are unsubscribed")


@bp.errorhandler(LinkProblem)
def link_problem(problem: LinkProblem):
    if problem.status == 404:
        return problem_page(404, "This alert no longer exists",
                            "It was deleted, or it was never confirmed and has expired. "
                            "You can set up a new alert from any list of jobs.")
    return problem_page(400, "This link does not work",
                        "It may be cut short or too old. Links in our emails work for a limited time. "
                        "You can set up a new alert from any list of jobs.")


@bp.errorhandler(CSRFError)
def form_expired(_error: CSRFError):
    return problem_page(400, "This form has expired",
                        "For your safety, forms work for a few hours only. Go back, reload the page and try again.")


@bp.errorhandler(TooManyRequests)
def too_many(_error: TooManyRequests):
    return problem_page(429, "Please wait a little",
                        "We received many sign-ups from your connection in a short time. Try again in an hour.")


def problem_page(status: int, heading: str, text: str):
    return render_template("alerts/problem.html", heading=heading, text=text), status
