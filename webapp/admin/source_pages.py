"""The sources page (a table for thousands of sources) and its bulk actions: thin views over
webapp.admin.listing and the store."""
from __future__ import annotations

from urllib.parse import parse_qsl

from flask import current_app, flash, g, redirect, render_template, request, url_for

from foundation import sources_file
from indexer import store
from webapp.admin import bp, listing, overview
from webapp.admin.forms import BulkForm
from webapp.db import get_session

#: Sources one bulk action may change: more than a page's worth is a mistake, not a choice.
MAX_BULK = 500
BULK_WORDS = {"enable": "enabled", "disable": "disabled", "run": "queued for a run"}


def _settings():
    return current_app.config["PEERJOBS_SETTINGS"]


def source_notices(session, settings) -> list[str]:
    """What is wrong with the configuration and the one list of sources, said on the page."""
    _schedules, _own, notices = overview.read_schedules(settings)
    rules = current_app.config.get("SOURCE_RULES")
    if rules is None or notices:
        return notices
    try:
        listed = sources_file.load_sources(settings.sources_file, rules)
    except sources_file.SourcesFileError:
        return notices
    merged = sources_file.merge_sources(listed, store.discovered_sources(session), rules)
    return notices + [f"Not crawled: {problem}" for problem in merged.problems]


@bp.route("/")
@bp.route("/sources")
def sources():
    query = listing.read_query(request.args)
    db = get_session()
    page = store.source_page(db, query)
    return render_template("admin/sources.html", page=page, query=query, paging=listing.paging(query, page),
                           notices=source_notices(db, _settings()), filtered=listing.filtered(query),
                           listing=listing, form=BulkForm(back=listing.query_string(query)))


def _back_to_list(back: str | None):
    """The list as it was, its query read again so nothing but a query of the list comes back."""
    query = listing.read_query(dict(parse_qsl((back or "").lstrip("?"))))
    return redirect(url_for("admin.sources") + listing.query_string(query), code=303)


@bp.route("/sources/bulk", methods=["POST"])
def bulk():
    form = BulkForm()
    if not form.validate():
        flash(form.errors_in_words())
        return _back_to_list(form.back.data)
    db = get_session()
    ids = store.known_source_ids(db, request.form.getlist("ids")[:MAX_BULK])
    by = g.admin_user.username
    for source_id in ids:
        if form.action.data == "run":
            store.request_run(db, source_id, by)
        else:
            store.set_enabled(db, source_id, form.action.data == "enable", by)
    db.commit()
    current_app.logger.info("admin %s: %s %s", by, BULK_WORDS[form.action.data], ", ".join(ids))
    flash(f"{len(ids)} source{'' if len(ids) == 1 else 's'} {BULK_WORDS[form.action.data]}: {', '.join(ids)}."
          if ids else "None of the checked sources exists any more; nothing changed.")
    return _back_to_list(form.back.data)
