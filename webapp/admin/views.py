"""Thin views over webapp.admin.overview, accounts and auth, and the store's writes.

Every page but the sign-in page needs a signed-in session: a page asked for without one
redirects to sign-in, a form sent without one is refused (403) before anything is read from it.
Every POST then needs its CSRF token, the sign-in form included.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    abort, current_app, flash, g, redirect, render_template, request, session, url_for,
)
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, Forbidden, NotFound, TooManyRequests

from indexer import store
from indexer.store.models import utcnow
from webapp.admin import accounts, auth, bp, clock, overview, signin
from webapp.admin.forms import BackForm, EnabledForm, LoginForm, ScheduleForm
from webapp.db import get_session
from webapp.extensions import csrf, limiter
from webapp.widget.networks import get_networks

#: Sign-in attempts allowed from one address; wrong passwords then wait longer (webapp.admin.backoff).
LOGIN_PER_ADDRESS = "5 per minute"
WRONG = "Wrong username or password"
OPEN_ENDPOINTS = {"admin.login", "admin.code"}
RUNS_SHOWN = 100

csrf.exempt(bp)  # checked in require_sign_in, after the session, so a stranger's POST is a plain 403


def _settings():
    return current_app.config["PEERJOBS_SETTINGS"]


def _secure() -> bool:
    return _settings().public_url.startswith("https://")


@bp.before_request
def require_sign_in():
    db = get_session()
    g.admin_user = auth.signed_in(db, request.cookies.get(auth.COOKIE))
    db.commit()
    if g.admin_user is None and request.endpoint not in OPEN_ENDPOINTS:
        if request.method in ("GET", "HEAD"):
            return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))
        abort(403)
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()
    return None


@bp.after_request
def private_headers(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.vary.add("Cookie")
    return response


@bp.context_processor
def admin_globals() -> dict:
    zone = _settings().admin_timezone
    return {"admin_user": g.get("admin_user"), "when": lambda moment: clock.when(moment, zone),
            "short_when": lambda moment: clock.short(moment, zone), "admin_zone": zone,
            "when_stamp": lambda text: clock.when_stamp(text, zone),
            "iso": overview.iso, "ago": overview.ago, "duration": overview.duration,
            "health_label": overview.health_label, "health_state": overview.health_state}


def safe_next(target: str | None) -> str | None:
    """Only a path inside the admin area: never another site, never a scheme-relative URL,
    never a control character (a line break would split the Location header)."""
    if target and target.startswith("/admin") and "\\" not in target and target.isprintable():
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return None


def _next_page(target: str | None) -> str:
    return safe_next(target) or url_for("admin.sources")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_PER_ADDRESS, methods=["POST"], scope="admin-login-address")
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if g.admin_user is not None and request.method == "GET":
        return redirect(_next_page(form.next.data))
    error = None
    if form.validate_on_submit():
        signin.wait_first(form.username.data)
        db = get_session()
        user = accounts.authenticate(db, form.username.data, form.password.data)
        if user is not None:
            return signin.passed_password(db, user, _next_page(form.next.data), _secure())
        signin.failed(form.username.data)
        db.commit()
        error = WRONG
    elif request.method == "POST" and form.username.data and form.password.data:
        error = WRONG  # too long to be anyone's: the same answer as any wrong pair
    status = 400 if request.method == "POST" else 200
    return render_template("admin/login.html", form=form, error=error), status


@bp.route("/logout", methods=["POST"])
def logout():
    db = get_session()
    auth.end_session(db, request.cookies.get(auth.COOKIE))
    db.commit()
    session.clear()
    flash("You are signed out.")
    response = redirect(url_for("admin.login"), code=303)
    auth.clear_cookie(response, _secure())
    return response


def _runs_for(source_id: str) -> list:
    return store.runs_of_source(get_session(), source_id, RUNS_SHOWN)


@bp.route("/sources/<source_id>")
def source(source_id: str):
    return _source_page(source_id, errors={})


def _source_page(source_id: str, errors: dict, status: int = 200, attempted: dict | None = None):
    db = get_session()
    view = overview.sources_view(db, _settings(), only=[source_id])
    line = next((line for line in view.lines if line.id == source_id), None)
    if line is None:
        abort(404)
    runs = _runs_for(source_id)
    problem = overview.last_problem(runs)
    return render_template("admin/source.html", line=line, view=view, runs=runs, problem=problem,
                           problem_text=overview.problem_text(problem) if problem else None,
                           row=store.source_row(db, source_id), stored=store.get_source(db, source_id),
                           next_runs=clock.next_runs(line, view.schedules, _settings().admin_timezone),
                           spark=overview.items_sparkline(runs), errors=errors, attempted=attempted or {},
                           now=utcnow()), status


def _known_source(source_id: str) -> None:
    if store.get_source(get_session(), source_id) is None:
        abort(404)


def _back(source_id: str, back: str | None):
    if back == "source":
        return redirect(url_for("admin.source", source_id=source_id), code=303)
    return redirect(url_for("admin.sources", _anchor=f"source-{source_id}"), code=303)


@bp.route("/sources/<source_id>/run", methods=["POST"])
def run_now(source_id: str):
    _known_source(source_id)
    form = BackForm()
    db = get_session()
    store.request_run(db, source_id, g.admin_user.username)
    db.commit()
    current_app.logger.info("admin %s asked for a run of %s", g.admin_user.username, source_id)
    flash(f"{source_id}: run queued. The scheduler starts it within a few seconds; reload to see it.")
    return _back(source_id, form.back.data)


@bp.route("/sources/<source_id>/enabled", methods=["POST"])
def set_enabled(source_id: str):
    _known_source(source_id)
    form = EnabledForm()
    if not form.validate():
        abort(400)
    enabled = form.enabled.data == "1"
    db = get_session()
    store.set_enabled(db, source_id, enabled, g.admin_user.username)
    db.commit()
    current_app.logger.info("admin %s %s %s", g.admin_user.username, "enabled" if enabled else "disabled", source_id)
    flash(f"{source_id}: {'enabled' if enabled else 'disabled'}.")
    return _back(source_id, form.back.data)


@bp.route("/sources/<source_id>/schedule", methods=["POST"])
def set_schedule(source_id: str):
    _known_source(source_id)
    schedules, _own, _notices = overview.read_schedules(_settings())
    form = ScheduleForm(tz=schedules.tz)
    if not form.validate():
        errors = {source_id: form.schedule.errors[0] if form.schedule.errors else "This form could not be read."}
        return _source_page(source_id, errors, 400, {source_id: form.schedule.data or ""})
    db = get_session()
    store.set_schedule(db, source_id, form.schedule.data or None, g.admin_user.username)
    db.commit()
    current_app.logger.info("admin %s set the schedule of %s to %r", g.admin_user.username, source_id,
                            form.schedule.data or "default")
    flash(f"{source_id}: schedule {'set to ' + form.schedule.data if form.schedule.data else 'back to the default'}.")
    return _back(source_id, form.back.data)


@bp.route("/runs")
def runs():
    return render_template("admin/runs.html", runs=store.recent_runs(get_session(), RUNS_SHOWN), now=utcnow())


@bp.route("/widgets")
def widgets():
    """Counts per network, named from networks.yaml as the app loaded it, with that file's problems."""
    since = overview.widget_since()
    rows = store.widget_counts(get_session(), since)
    networks = get_networks()
    names = {network.id: network.name for network in networks}
    return render_template("admin/widgets.html", rows=rows, totals=overview.widget_totals(rows, names), since=since,
                           days=overview.WIDGET_DAYS, names=names, problems=networks.problems,
                           networks_file=_settings().networks_file)


@bp.route("/subscriptions")
def subscriptions():
    figures = store.subscription_figures(get_session())
    return render_template("admin/subscriptions.html", figures=figures,
                           table=overview.subscription_table(figures.by_status_frequency))


def problem_page(status: int, heading: str, text: str):
    return render_template("admin/problem.html", heading=heading, text=text), status


@bp.errorhandler(CSRFError)
def form_expired(_error: CSRFError):
    return problem_page(400, "This form has expired",
                        "Forms work for a few hours and only in the browser that opened them. "
                        "Go back, reload the page and try again.")


@bp.errorhandler(BadRequest)
def bad_request(_error: BadRequest):
    return problem_page(400, "This request cannot be used", "Go back, reload the page and try again.")


@bp.errorhandler(Forbidden)
def forbidden(_error: Forbidden):
    return problem_page(403, "Sign in first", "This needs a signed-in admin. Your session may have ended.")


@bp.errorhandler(NotFound)
def not_found(_error: NotFound):
    return problem_page(404, "Not found", "There is no such page or source in the admin area.")


@bp.errorhandler(TooManyRequests)
def too_many(error: TooManyRequests):
    page = problem_page(429, "Too many sign-in attempts",
                        "Wait a minute and try again. Repeated wrong passwords wait longer, up to a minute.")
    return (*page, error.get_headers()) if error.retry_after else page
