"""A pybabel extractor for config/taxonomy.yaml: the role and setting names and the role
descriptions the pages show, so the catalog test holds them to a Spanish translation too."""
from __future__ import annotations

from typing import IO, Any, Iterator

import yaml

FIELDS = {"categories": ("label", "description"), "settings": ("label",)}


def taxonomy_messages(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                      options: Any) -> Iterator[tuple[int, None, str, list[str]]]:
    """(line, function, message, comments) as pybabel takes them; the comment names the entry."""
    data = yaml.safe_load(fileobj) or {}
    for kind, fields in FIELDS.items():
        for entry in data.get(kind) or []:
            for field in fields:
                if isinstance(entry.get(field), str):
                    yield 0, None, entry[field], [f"taxonomy.yaml {kind} {entry.get('id')} {field}"]
