"""Trim whitespace and turn empty strings into missing values."""
from __future__ import annotations

from typing import Any


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        return [_clean(member) for member in value]
    if isinstance(value, dict):
        return {key: _clean(member) for key, member in value.items()}
    return value


class CleanPipeline:
    def process_item(self, item, spider=None):
        for key in list(item.keys()):
            item[key] = _clean(item[key])
        return item
