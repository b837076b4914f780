"""Gettext catalogs: the .po files are the source (in git); their .mo files are built from them.
The web app's pages and the alert emails read the same catalogs (Settings.translations_dir).

A .mo is built beside its .po when missing or older; where the package folder is read-only (an
installed wheel run by another user) the catalogs are built into a folder of their own instead."""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

#: The languages PeerJobs speaks, and the locale that formats numbers, dates and pay in each:
#: Spanish as written in the US, dollars as "$18.50".
LANGUAGES = ("en", "es")
LOCALES = {"en": "en_US", "es": "es_US"}


def compiled_catalogs(folder: Path) -> Path:
    """The folder whose messages.mo files are current: `folder` itself, or a fresh one."""
    try:
        compile_catalogs(folder)
        return folder
    except OSError:
        target = Path(tempfile.mkdtemp(prefix="peerjobs-translations-"))
        compile_catalogs(folder, target)
        return target


def compile_catalogs(folder: Path, target: Path | None = None) -> list[Path]:
    """Build each messages.mo (under `target`, else beside its .po) that is missing or older than
    its .po; return the ones built."""
    built = []
    for po_path in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        mo_path = (target / po_path.relative_to(folder)).with_suffix(".mo") if target else po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=po_path.parent.parent.name)
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo")
        with os.fdopen(handle, "wb") as out:
            write_mo(out, catalog)
        os.replace(temporary, mo_path)  # whole, even with several workers starting at once
        built.append(mo_path)
    return built


@lru_cache(maxsize=8)
def translations(folder: Path, lang: str) -> NullTranslations:
    """The gettext catalog of `lang` from the .po files under `folder` (built when needed);
    English, the language of the code, needs none."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(compiled_catalogs(Path(folder))), [LOCALES[lang]])
