"""Thin views: read the link's token or the form, call alerts.subscribing, render.

A GET never changes anything (mail scanners open links); every change is a POST. Pages that
show a form set Flask's session cookie for its CSRF token; the one-click unsubscribe needs none.
"""
from __future__ import annotations

from flask import current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import TooManyRequests

from indexer import store
from indexer.store.models import Subscription
from webapp.alerts import bp
from alerts import subscribing, tokens, words
from alerts.language import speech_of
from webapp.alerts.confirmation import send_after_response
from webapp.alerts.forms import ButtonForm, FrequencyForm, SubscribeForm
from webapp.db import get_session
from webapp.extensions import csrf, limiter
from webapp.formatting import get_taxonomy
from webapp.i18n import page_language, public_get, public_route

#: What the manage page says after each change.
DONE = {
    "frequency": _l("Saved. We will use the new schedule from the next email."),
    "pause": _l("Paused. We will not email you until you resume this alert."),
    "resume": _l("Resumed. The next email will hold jobs found from now on."),
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


def _linked(purpose: str, token: str) -> Subscription | None:
    """The subscription the link names, None when it is gone; LinkProblem(400) for a bad link."""
    named = tokens.read_token(_settings().secret_key, purpose, token)
    if named is None:
        raise LinkProblem(400)
    return store.linked_subscription(get_session(), *named)


def _subscription(purpose: str, token: str) -> Subscription:
    subscription = _linked(purpose, token)
    if subscription is None:
        raise LinkProblem(404)
    return subscription


def _speech():
    return speech_of(_settings(), page_language())


def page(template: str, **context) -> str:
    """An alert page; its language switch leads to the same address in the other language."""
    return render_template(template, canonical_url=request.url, **context)


def _described(subscription: Subscription) -> dict:
    return {"search_words": words.search_in_words(subscription.search, get_taxonomy(), _speech()),
            "frequency_words": words.frequency_in_words(subscription.frequency, _speech()),
            "results_url": url_for("search.results", **subscription.search)}


@public_route(bp, "/alerts/new", ("GET", "POST"))
@limiter.shared_limit(subscribing.SUBSCRIBE_LIMIT, scope="alerts-subscribe", methods=["POST"])
def new():
    search = subscribing.search_from_args(request.args)
    form = SubscribeForm()
    if form.validate_on_submit():
        due = subscribing.subscribe(get_session(), form.email.data, form.frequency.data, search,
                                    language=form.lang.data or page_language())
        # The same page whether the address was new, waiting or already subscribed.
        return send_after_response(make_response(page("alerts/check_email.html")), due)
    form.lang.data = form.lang.data or page_language()
    status = 400 if request.method == "POST" else 200
    return page("alerts/new.html", form=form, search=search,
                search_words=words.search_in_words(search, get_taxonomy(), _speech()),
                results_url=url_for("search.results", **search)), status


@public_route(bp, "/alerts/confirm/<token>", ("GET", "POST"))
def confirm(token: str):
    subscription = _subscription("confirm", token)
    form = ButtonForm()
    if subscription.status == "pending" and not form.validate_on_submit():
        return page("alerts/confirm.html", form=form, **_described(subscription))
    if request.method == "POST":
        subscription = subscribing.confirm(get_session(), subscription.id) or subscription
    return page("alerts/confirmed.html", subscription=subscription,
                manage_url=url_for(".manage", token=tokens.make_token(
                    _settings().secret_key, "manage", subscription.id, subscription.link_nonce)),
                **_described(subscription))


@public_route(bp, "/alerts/manage/<token>", ("GET", "POST"))
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
        return page("alerts/delete.html", form=ButtonForm(), **_described(subscription))
    if action == "delete-confirmed" and ButtonForm().validate_on_submit():
        subscribing.delete(session, subscription.id)
        return page("alerts/deleted.html", heading=gettext("Your alert is deleted"))
    return page("alerts/manage.html", subscription=subscription, frequency_form=frequency_form,
                form=ButtonForm(), done=DONE.get(request.args.get("done", "")),
                **_described(subscription)), 400 if request.method == "POST" else 200


@public_get(bp, "/alerts/unsubscribe/<token>")
def unsubscribe_page(token: str):
    subscription = _linked("unsubscribe", token)
    if subscription is None:
        return page("alerts/deleted.html", heading=gettext("You are unsubscribed"))
    return page("alerts/unsubscribe.html", **_described(subscription))


@public_route(bp, "/alerts/unsubscribe/<token>", ("POST",))
@csrf.exempt
def unsubscribe(token: str):
    """RFC 8058 one-click: a mail client posts "List-Unsubscribe=One-Click" with no cookie. The
    token is the proof; asking twice answers the same."""
    subscription = _linked("unsubscribe", token)
    if subscription is not None:
        subscribing.delete(get_session(), subscription.id)
    return page("alerts/deleted.html", heading=gettext("You are unsubscribed"))


@bp.errorhandler(LinkProblem)
def link_problem(problem: LinkProblem):
    if problem.status == 404:
        return problem_page(404, gettext("This alert no longer exists"),
                            gettext("It was deleted, or it was never confirmed and has expired. "
                                    "You can set up a new alert from any list of jobs."))
    return problem_page(400, gettext("This link does not work"),
                        gettext("It may be cut short or too old. Links in our emails work for a limited time. "
                                "You can set up a new alert from any list of jobs."))


@bp.errorhandler(CSRFError)
def form_expired(_error: CSRFError):
    return problem_page(400, gettext("This form has expired"),
                        gettext("For your safety, forms work for a few hours only. "
                                "Go back, reload the page and try again."))


@bp.errorhandler(TooManyRequests)
def too_many(_error: TooManyRequests):
    return problem_page(429, gettext("Please wait a little"),
                        gettext("We received many sign-ups from your connection in a short time. "
                                "Try again in an hour."))


def problem_page(status: int, heading: str, text: str):
    return page("alerts/problem.html", heading=heading, text=text), status
