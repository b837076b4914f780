"""Request bodies read as JSON with caps on size and nesting, so no body can make the parser
recurse without end (RecursionError) or read megabytes for a sign-up of a few hundred bytes.

The depth is counted first, in one pass over the text without recursion; only a body within
both caps reaches json.loads."""
from __future__ import annotations

import json
import re
from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l

from webapp.api.errors import INVALID_SIGN_UP, ApiError

#: An alert sign-up is a few hundred bytes; a generous search still fits many times over.
MAX_BYTES = 16 * 1024
MAX_DEPTH = 10
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


class TooDeep(ValueError):
    """JSON that nests deeper than allowed."""


def parse_json(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """The value of `text`; TooDeep past max_depth, ValueError when it is not JSON."""
    if nesting_depth(text) > max_depth:
        raise TooDeep(f"the JSON nests deeper than {max_depth} levels")
    return json.loads(text)


def _raw_body(max_bytes: int) -> bytes:
    raw = b"" if (request.content_length or 0) > max_bytes else request.stream.read(max_bytes + 1)
    if (request.content_length or 0) > max_bytes or len(raw) > max_bytes:
        raise ApiError(413, "body_too_large", _l("The body is too large."), [f"send at most {max_bytes} bytes"])
    return raw


def json_body(max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any | None:
    """The request's JSON body; None when it is not JSON at all. A body past the caps is
    refused in the API's error shape: 413 for its size, 400 for its depth."""
    raw = _raw_body(max_bytes)
    if not request.is_json:
        return None
    try:
        return parse_json(raw.decode("utf-8"), max_depth)
    except TooDeep as error:
        raise ApiError(400, *INVALID_SIGN_UP, [str(error)]) from None
    except ValueError:  # UnicodeDecodeError is one
        return None
