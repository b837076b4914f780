"""Gettext catalogs: the .po files are the source (in git); their .mo files are built from them."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_catalogs(folder: Path) -> list[Path]:
    """Build each messages.mo that is missing or older than its .po; return the ones built."""
    built = []
    for po_path in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=po_path.parent.parent.name)
        handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo")
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalog)
        os.replace(temporary, mo_path)  # whole, even with several workers starting at once
        built.append(mo_path)
    return built
