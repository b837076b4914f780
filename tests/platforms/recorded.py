"""The demo boards' recorded responses, read as the board server would serve them."""
from __future__ import annotations

import json
from typing import Any

from peerjobs.demo.boards import BOARDS_DIR, fill_placeholders

BASE = "http://127.0.0.1:8000"


def recorded(platform: str, name: str) -> Any:
    text = (BOARDS_DIR / platform / name).read_text(encoding="utf-8")
    return json.loads(fill_placeholders(text, BASE))


def days_ago(days: int) -> str:
    """The ISO date `{{date:-days}}` is served as."""
    return fill_placeholders(f"{{{{date:{-days}}}}}", BASE)


def subset(fields: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    return {key: fields.get(key) for key in expected}
