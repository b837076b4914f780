"""Thin views: the state's credentials from the lexicon, the roles they lead to, render."""
from __future__ import annotations

from flask import abort, redirect, render_template, url_for

from indexer.search.understanding import CREDENTIAL_ROLES
from indexer.taxonomy.credential_states import search_words, state_credentials, states_with_credentials
from indexer.taxonomy.credentials import lexicon_or_none
from webapp.credentials import bp
from webapp.i18n import credential_words, public_get
from indexer.wording import state_name
from webapp.formatting import get_taxonomy


def _lexicon():
    lexicon = lexicon_or_none()
    if lexicon is None:
        abort(404)
    return lexicon


@public_get(bp, "/credentials/")
def index():
    return render_template("credentials.html", states=states_with_credentials(_lexicon()))


@public_get(bp, "/credentials/<code>")
def state(code: str):
    lexicon = _lexicon()
    if code != code.lower():
        return redirect(url_for("credentials.state", code=code.lower()), 301)
    credentials = state_credentials(lexicon, code)
    if not credentials:
        abort(404)
    taxonomy = get_taxonomy()
    return render_template(
        "credentials_state.html", code=code.upper(), state_name=state_name(code.upper()),
        entries=[(credential, _categories(credential.roles, taxonomy)) for credential in credentials],
        roles_in_words=credential_words.roles_in_words, medicaid_in_words=credential_words.medicaid_in_words,
        status_in_words=credential_words.status_in_words, time_to_certify=credential_words.time_to_certify_words,
        search_words=lambda credential: search_words(credential, lexicon),
    )


def _categories(roles, taxonomy) -> list:
    """The taxonomy's kinds of work the credential's roles lead to, each once."""
    found = (taxonomy.category(CREDENTIAL_ROLES.get(role)) for role in roles)
    return list({category.id: category for category in found if category}.values())
