"""The discovery queue in the admin area: the proposals `peerjobs discover` left, each with its
evidence and trial crawl, to correct, accept (a source kept in the database) or reject with a reason.
Thin views over webapp.admin.proposals and the store's queue."""
from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from foundation import sources_file
from indexer import store
from indexer.store.discovery import STATUSES
from webapp.admin import bp, proposals
from webapp.admin.forms import AcceptForm, ProposalEditForm, RejectForm
from webapp.db import get_session


def _settings():
    return current_app.config["PEERJOBS_SETTINGS"]


def _rules():
    """The spiders' platform rules, handed in by the composition root (`peerjobs serve`, the demo)
    as the SOURCE_RULES setting; without them only the keys every entry has are checked."""
    return current_app.config.get("SOURCE_RULES")


@bp.route("/discovery")
def discovery():
    status = request.args.get("status", "pending")
    status = status if status in STATUSES or status == "all" else "pending"
    sort = request.args.get("sort") if request.args.get("sort") in proposals.SORT_WORDS else (
        "confidence" if status == "pending" else "newest")
    page = int(request.args["page"]) if request.args.get("page", "").isdigit() else 1
    page = max(1, min(page, 100_000))
    db = get_session()
    counts = store.proposal_counts(db)
    shown = sum(counts.values()) if status == "all" else counts.get(status, 0)
    rows = store.proposals(db, None if status == "all" else status, proposals.PER_PAGE,
                           (page - 1) * proposals.PER_PAGE, sort=sort)
    pages = max(1, -(-shown // proposals.PER_PAGE))
    return render_template("admin/discovery.html", counts=counts, status=status, sort=sort, rows=rows,
                           page=page, pages=pages, shown=shown, words=proposals.STATUS_WORDS,
                           sorts=proposals.SORT_WORDS)


def _taken(db) -> set[str]:
    try:
        in_file = {source.id for source in sources_file.load_sources(_settings().sources_file).sources}
    except sources_file.SourcesFileError:
        in_file = set()
    return store.source_ids(db) | in_file


def _proposal_or_404(db, proposal_id: int):
    proposal = store.get_proposal(db, proposal_id)
    if proposal is None:
        abort(404)
    return proposal


def _page(proposal_id: int, status: int = 200, edit=None, accept=None, reject=None, errors=None, problem=None):
    db = get_session()
    proposal = _proposal_or_404(db, proposal_id)
    taken = _taken(db)
    edit = edit or ProposalEditForm(platform=proposal.platform or "", url=proposal.url or "",
                                    options=proposals.options_text(proposal.options))
    accept = accept or AcceptForm(source_id=proposals.proposed_id(proposal.org_name, taken),
                                  employer=proposal.org_name, enabled="0")
    checked = proposals.entry_problems(proposal.platform or "", proposal.url or "", proposal.options or {},
                                       _rules()) if proposal.status == "pending" else {}
    return render_template("admin/proposal.html", proposal=proposal, edit=edit, accept=accept,
                           reject=reject or RejectForm(), errors=errors or {}, problem=problem, checked=checked,
                           words=proposals.STATUS_WORDS), status


@bp.route("/discovery/<int:proposal_id>")
def proposal(proposal_id: int):
    return _page(proposal_id)


def _already(proposal_id: int, error: store.ProposalError):
    return _page(proposal_id, 409, problem=f"Nothing was changed: {error}.")


@bp.route("/discovery/<int:proposal_id>/edit", methods=["POST"])
def edit_proposal(proposal_id: int):
    db = get_session()
    _proposal_or_404(db, proposal_id)
    form = ProposalEditForm()
    errors = {} if form.validate() else {name: errors[0] for name, errors in form.errors.items()}
    options, options_problem = proposals.read_options(form.options.data or "")
    if options_problem:
        errors.setdefault("options", options_problem)
    if not errors:
        errors = proposals.entry_problems(form.platform.data, form.url.data, options, _rules())
    if errors:
        return _page(proposal_id, 400, edit=form, errors=errors)
    try:
        store.edit_proposal(db, proposal_id, proposals.resolved_platform(form.platform.data, form.url.data),
                            form.url.data, options)
    except store.ProposalError as error:
        db.rollback()
        return _already(proposal_id, error)
    db.commit()
    flash("The proposal is corrected.")
    return redirect(url_for("admin.proposal", proposal_id=proposal_id), code=303)


@bp.route("/discovery/<int:proposal_id>/accept", methods=["POST"])
def accept_proposal(proposal_id: int):
    db = get_session()
    proposal = _proposal_or_404(db, proposal_id)
    form = AcceptForm()
    errors = {} if form.validate() else {name: errors[0] for name, errors in form.errors.items()}
    if "source_id" not in errors and (problem := proposals.id_problem(form.source_id.data, _taken(db))):
        errors["source_id"] = problem
    if proposal.status == "pending" and proposals.entry_problems(proposal.platform or "", proposal.url or "",
                                                                 proposal.options or {}, _rules()):
        errors["proposal"] = "Correct the platform, URL or keys above first: the crawler could not use them."
    if errors:
        return _page(proposal_id, 400, accept=form, errors=errors)
    try:
        store.accept_proposal(db, proposal_id, form.source_id.data, employer=form.employer.data,
                              enabled=form.enabled.data == "1", by=g.admin_user.username)
    except store.ProposalError as error:
        db.rollback()
        return _already(proposal_id, error)
    db.commit()
    current_app.logger.info("admin %s accepted proposal %s as %s", g.admin_user.username, proposal_id,
                            form.source_id.data)
    flash(f"{form.source_id.data}: a source now, {'enabled' if form.enabled.data == '1' else 'disabled'}. "
          "The scheduler picks it up within a few seconds.")
    return redirect(url_for("admin.source", source_id=form.source_id.data), code=303)


@bp.route("/discovery/<int:proposal_id>/reject", methods=["POST"])
def reject_proposal(proposal_id: int):
    db = get_session()
    _proposal_or_404(db, proposal_id)
    form = RejectForm()
    if not form.validate():
        return _page(proposal_id, 400, reject=form, errors={"reason": form.reason.errors[0]})
    try:
        store.reject_proposal(db, proposal_id, form.reason.data, by=g.admin_user.username)
    except store.ProposalError as error:
        db.rollback()
        return _already(proposal_id, error)
    db.commit()
    flash(f"Proposal {proposal_id} rejected.")
    return redirect(url_for("admin.discovery"), code=303)
