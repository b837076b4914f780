"""Thin view: find the posting, work out the page, render."""
from __future__ import annotations

from datetime import date

from flask import abort, render_template, request, url_for

from indexer import store
from indexer.taxonomy.credential_cards import posting_cards
from webapp.db import get_session
from webapp.pay.transparency import pay_laws_or_none, pay_not_posted
from webapp.i18n import public_get
from webapp.postings import bp
from webapp.postings.benefits import posting_benefits
from webapp.postings.content import posting_page
from webapp.postings.similar import similar_postings
from webapp.search.back import back_args
from webapp.search_index import get_index
from webapp.structured_data import job_posting


@public_get(bp, "/jobs/<int(max=2147483647):posting_id>")
def show(posting_id: int):
    posting = store.get_posting(get_session(), posting_id)
    if posting is None:
        abort(404)
    page = posting_page(posting)
    address = url_for("postings.show", posting_id=posting.id, _external=True)
    back = back_args(request.args.get("back"))
    return render_template("posting.html", page=page, canonical_url=address,
                           back_url=None if back is None else url_for("search.results", **back),
                           job_posting=job_posting(posting, address, page.description),
                           similar=similar_postings(get_index(), posting),
                           credential_cards=posting_cards(posting),
                           pay_not_posted=pay_not_posted(posting, pay_laws_or_none(), date.today()),
                           benefits=posting_benefits(posting),
                           being_checked=store.being_checked(get_session(), posting.id))
