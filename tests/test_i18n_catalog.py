"""The Spanish catalog against the code: every message pybabel extracts from the templates and views
is in messages.po with a Spanish translation, none is left over, and the placeholders agree."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from foundation.catalogs import compile_catalogs, compiled_catalogs

ROOT = Path(__file__).resolve().parent.parent
SPANISH = ROOT / "webapp" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
#: As in the Makefile's `translations` target.
KEYWORDS = ["-k", "_l", "-k", "lazy_gettext"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict:
    target = tmp_path_factory.mktemp("pot") / "messages.pot"
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", *KEYWORDS, "--no-location",
                                    "-o", str(target), "."])
    finally:
        os.chdir(here)
    with target.open("rb") as source:
        return {message.id: message for message in read_po(source) if message.id}


@pytest.fixture(scope="module")
def spanish():
    with SPANISH.open("rb") as source:
        return read_po(source, locale="es")


def test_extraction_finds_the_pages_messages(extracted):
    assert "Find peer-support jobs" in extracted and "Apply on the employer’s site" in extracted
    assert ("%(count)s job", "%(count)s jobs") in extracted  # ngettext keeps both forms
    assert "Peer specialist" in extracted and "Jail or prison" in extracted  # from config/taxonomy.yaml


def test_every_extracted_message_is_in_the_spanish_catalog(extracted, spanish):
    missing = sorted(str(key) for key in extracted if key not in spanish)
    assert not missing, "run `make translations` and translate: " + "; ".join(missing)


def test_the_catalog_has_no_message_the_code_no_longer_says(extracted, spanish):
    stale = sorted(str(message.id) for message in spanish if message.id and message.id not in extracted)
    assert not stale and not spanish.obsolete, "stale messages: " + "; ".join(stale + list(map(str, spanish.obsolete)))


def test_every_message_has_a_spanish_translation_that_is_not_fuzzy(spanish):
    untranslated = [str(m.id) for m in spanish if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple)
                                                                                  else (m.string,)))]
    assert not untranslated


def test_the_translations_keep_the_placeholders(spanish):
    problems = [(str(message.id), [str(error) for error in errors]) for message, errors in spanish.check()]
    assert not problems


def test_the_mo_is_built_from_the_po_when_missing_or_older(tmp_path):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(SPANISH, folder / "messages.po")
    assert compile_catalogs(tmp_path) == [folder / "messages.mo"]
    assert compile_catalogs(tmp_path) == []  # up to date
    with (folder / "messages.mo").open("rb") as built:
        assert read_mo(built).get("Search").string == "Buscar"
    os.utime(folder / "messages.po", (os.path.getmtime(folder / "messages.mo") + 5,) * 2)
    assert compile_catalogs(tmp_path) == [folder / "messages.mo"]


def test_a_package_folder_that_cannot_take_the_mo_gets_its_catalogs_built_elsewhere(tmp_path):
    folder = tmp_path / "translations"
    (folder / "es" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(SPANISH, folder / "es" / "LC_MESSAGES" / "messages.po")
    blocked = folder / "es" / "LC_MESSAGES" / "messages.mo"
    blocked.mkdir()  # writing the .mo there fails, as in a read-only install
    os.utime(blocked, (1, 1))
    built = compiled_catalogs(folder)
    assert built != folder
    with (built / "es" / "LC_MESSAGES" / "messages.mo").open("rb") as mo:
        assert read_mo(mo).get("Search").string == "Buscar"
