"""The widget's script, read as text: small enough to embed, and free of the calls that would turn
scraped text into markup or leave anything behind in the visitor's browser."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import rjsmin

SCRIPT = Path(__file__).resolve().parents[1] / "webapp" / "widget" / "static" / "widget.js"
MAX_MINIFIED = 15 * 1024
FORBIDDEN = {
    "innerHTML": r"\binnerHTML\b", "outerHTML": r"\bouterHTML\b",
    "insertAdjacentHTML": r"\binsertAdjacentHTML\b", "document.write": r"\bdocument\s*\.\s*write(ln)?\b",
    "eval": r"\beval\s*\(", "new Function": r"\bnew\s+Function\b", "setTimeout with text": r"setTimeout\(\s*['\"`]",
    "localStorage": r"\blocalStorage\b", "sessionStorage": r"\bsessionStorage\b", "indexedDB": r"\bindexedDB\b",
    "document.cookie": r"\bdocument\s*\.\s*cookie\b", "setAttribute style": r"setAttribute\(\s*['\"]style['\"]",
}


@pytest.fixture(scope="module")
def source() -> str:
    return SCRIPT.read_text(encoding="utf-8")


def test_minified_script_is_under_15_kb(source):
    assert len(rjsmin.jsmin(source).encode("utf-8")) < MAX_MINIFIED


def test_minified_script_is_one_strict_function(source):
    minified = rjsmin.jsmin(source).strip()
    assert minified.startswith('(function(){"use strict";') and minified.endswith("})();")


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_script_never_uses(source, name):
    assert re.search(FORBIDDEN[name], source) is None, f"widget.js uses {name}"


def test_script_writes_text_as_text(source):
    assert "textContent" in source and "createElement" in source


def test_every_fetch_omits_credentials_and_referrer(source):
    assert re.findall(r"\bfetch\(", source) == ["fetch("]  # one helper does every request
    for setting in ('credentials: "omit"', 'referrerPolicy: "no-referrer"', 'mode: "cors"'):
        assert setting in source
