"""The widget script's words in every language: its English is marked in widget.js with _() and
ngettext() (extracted into the catalog by babel.cfg); the script is served with their translations
from the catalog written into its WORDS table, so one script speaks each language."""
from __future__ import annotations

import io
import json
from pathlib import Path

from babel.messages.extract import extract
from babel.support import Translations

from webapp.i18n import LANGUAGES, LOCALES

#: The script's empty table, as widget.js writes it; the served script has the translations there.
TABLE = "const WORDS = {};"
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def script_messages(text: str) -> list[str | tuple[str, str]]:
    """Every message the script marks: a text, or (one, many) for a count."""
    found = extract("javascript", io.BytesIO(text.encode("utf-8")), keywords=KEYWORDS)
    return list(dict.fromkeys(message for _line, message, _comments, _context in found))


def language_table(messages: list, translations: Translations) -> dict[str, str | list[str]]:
    """English -> the language's words; a count's two forms under its English "one" form."""
    table: dict[str, str | list[str]] = {}
    for message in messages:
        if isinstance(message, tuple):
            table[message[0]] = [translations.ungettext(*message, n) for n in (1, 2)]
        else:
            table[message] = translations.ugettext(message)
    return table


def script_with_words(text: str, catalogs: Path) -> str:
    """The script with WORDS holding each language but English, from the compiled catalogs."""
    messages = script_messages(text)
    tables = {lang: language_table(messages, Translations.load(str(catalogs), [LOCALES[lang], lang]))
              for lang in LANGUAGES if lang != "en"}
    return text.replace(TABLE, f"const WORDS = {json.dumps(tables, ensure_ascii=False)};", 1)

