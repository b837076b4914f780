"""Thin view: find the posting, work out the page, render."""
from __future__ import annotations

from flask import abort, render_template

from indexer import store
from webapp.db import get_session
from webapp.postings import bp
from webapp.postings.content import posting_page


@bp.get("/jobs/<int(max=2147483647):posting_id>")
def show(posting_id: int):
    posting = store.get_posting(get_session(), posting_id)
    if posting is None:
        abort(404)
    return render_template("posting.html", page=posting_page(posting))
