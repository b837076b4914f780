"""The public pages in English and in Spanish.

The language is in the address, never in a cookie: `/jobs` is English, `/es/jobs` is Spanish.
Views are registered for both with `public_get`; the language is taken off the URL values before
the view runs (g.lang) and put back on every link to a public page, so a Spanish page links to
Spanish pages. A browser asking for Spanish first is offered the switch, never redirected.
"""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Blueprint, Flask, current_app, g, request
from flask_babel import Babel, gettext

from webapp.i18n import facts, fields, notices, places, words
from foundation.catalogs import LANGUAGES, LOCALES, compiled_catalogs

NAMES = {"en": "English", "es": "Español"}

babel = Babel()


def public_get(bp: Blueprint, path: str, **options):
    """Route a public page at `path` in English and at `/es` + `path` in Spanish."""
    return public_route(bp, path, ("GET",), **options)


def public_route(bp: Blueprint, path: str, methods=("GET",), **options):
    """As public_get, for a page that takes its form too (methods GET and POST)."""
    def register(view):
        bp.add_url_rule(path, view_func=view, methods=list(methods), defaults={"lang": "en"}, **options)
        bp.add_url_rule("/es" + path, view_func=view, methods=list(methods), defaults={"lang": "es"}, **options)
        return view
    return register


def init_app(app: Flask) -> None:
    catalogs = app.config["PEERJOBS_SETTINGS"].translations_dir
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(compiled_catalogs(catalogs)))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en_US")
    babel.init_app(app, locale_selector=lambda: LOCALES[page_language()])
    app.url_value_preprocessor(take_language)
    app.url_defaults(keep_language)
    app.context_processor(language_context)
    app.jinja_env.filters.update(words.FILTERS, **facts.FILTERS, **fields.FILTERS, place_words=places.place_words,
                               in_language=in_language, notice_words=notices.notice_words)
    for name in ("category_label", "setting_label"):  # the taxonomy's names, in the catalog too
        app.jinja_env.filters[name] = translated(app.jinja_env.filters[name])


def translated(label):
    """A function giving English words, giving them in the page's language instead."""
    return lambda *args, **kwargs: gettext(label(*args, **kwargs))


def page_language() -> str:
    return g.get("lang") or "en"


def take_language(_endpoint: str | None, values: dict | None) -> None:
    if values and "lang" in values:
        g.lang = values.pop("lang")
    elif request.url_rule is None and request.path.startswith("/es/"):
        g.lang = "es"  # an address under /es/ that matched nothing: its "not found" page in Spanish


def keep_language(endpoint: str, values: dict) -> None:
    if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = page_language()


def is_public_page() -> bool:
    return bool(request.url_rule and "lang" in (request.url_rule.defaults or {}))


def in_language(address: str | None, lang: str) -> str:
    """A public page's address (its canonical one, which keeps only the search's own arguments)
    in `lang`: '/jobs?q=peer' <-> '/es/jobs?q=peer'."""
    if not address:
        return ""
    parts = urlsplit(address)
    root = request.script_root
    path = parts.path[len(root):] if root and parts.path.startswith(root) else parts.path
    path = path[3:] or "/" if path == "/es" or path.startswith("/es/") else path
    return urlunsplit(parts._replace(path=root + ("/es" + path if lang == "es" else path)))


def language_context() -> dict:
    """The page's language, the others it is in (hreflang), the switch, and whether to offer Spanish."""
    lang = page_language()
    if not is_public_page():
        return {"page_lang": lang, "languages": (), "switch": None, "offer_spanish": False}
    other = "en" if lang == "es" else "es"
    prefers = request.accept_languages.best_match(LANGUAGES, default="en")
    return {"page_lang": lang, "languages": LANGUAGES, "switch": (other, NAMES[other]),
            "offer_spanish": lang == "en" and prefers == "es"}
