"""Thin view: read the rates from the store, group them, render."""
from __future__ import annotations

from datetime import date
from functools import partial

from flask import render_template

from indexer import wording
from indexer import store
from webapp import formatting
from webapp.db import get_session
from webapp.i18n import public_get, translated
from webapp.pay import bp
from webapp.pay.figures import MIN_POSTINGS, pay_figures
from webapp.pay.transparency import pay_laws_or_none, states_without_pay


@public_get(bp, "/pay")
def overview():
    rows = store.open_peer_hourly_pay(get_session())
    laws = pay_laws_or_none()
    counts = store.open_peer_pay_by_state(get_session(), [law.state for law in laws.laws] if laws else [])
    return render_template(
        "pay.html", by_role=pay_figures(rows, 0), by_state=pay_figures(rows, 1), total=len(rows),
        min_postings=MIN_POSTINGS, without_pay=states_without_pay(counts, laws, date.today()),
        state_label=wording.state_name,
        role_label=translated(partial(wording.category_label, taxonomy=formatting.get_taxonomy())),
    )
