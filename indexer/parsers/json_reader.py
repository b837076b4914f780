"""Scraped JSON read without recursion, with caps on its size and nesting depth.

The standard library's reader recurses once per nesting level, so a hostile page with a few
thousand levels raises RecursionError (not ValueError) in it and in everything that walks the
result. `read_json` keeps its own stack instead. A container nested deeper than `max_depth` is
read past but kept as TOO_DEEP, so the rest of the document (the good postings beside a hostile
one) still counts; `holds_too_deep` tells a caller which values lost a part. A text nested past
REFUSED_DEPTH is refused whole.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring
from json.scanner import NUMBER_RE
from typing import Any

MAX_DEPTH = 32
#: Past this many levels the text is refused: reading it all would cost time for nothing.
REFUSED_DEPTH = 1000
MAX_CHARS = 10 * 1024 * 1024
_SPACE = re.compile(r"[ \t\n\r]*")
_LITERALS = (("true", True), ("false", False), ("null", None))


class JsonError(ValueError):
    """Not JSON, or JSON over a cap; the message says where or which."""


class _TooDeep:
    def __repr__(self) -> str:
        return "<nested too deep>"


TOO_DEEP: Any = _TooDeep()
_OPENED, _MORE, _NOT_SHALLOW = object(), object(), object()


def read_json(text: str | bytes, max_depth: int = MAX_DEPTH, max_chars: int = MAX_CHARS) -> Any:
    """The value a JSON text holds; JsonError when it is malformed or longer than `max_chars`."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise JsonError(f"not UTF-8: {error}") from error
    if len(text) > max_chars:
        raise JsonError(f"{len(text)} characters, over the limit of {max_chars}")
    value = _standard(text, max_depth)
    if value is not _NOT_SHALLOW:
        return value
    reader = _Reader(text, max_depth)
    value = reader.value()
    if reader.peek():
        raise reader.error("extra data after the value")
    return value


def _standard(text: str, max_depth: int) -> Any:
    """The standard library's C reader, when the text nests within the cap: much faster, and
    its own recursion is bounded (RecursionError past the interpreter's limit). _NOT_SHALLOW
    when the text nests deeper, for the reader here to cap."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        return _NOT_SHALLOW
    except ValueError as error:
        raise JsonError(str(error)) from error
    return value if _nesting(value) <= max_depth else _NOT_SHALLOW


def _nesting(value: Any) -> int:
    """How many arrays and objects deep a value goes (walked without recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        current, depth = pending.pop()
        members = current.values() if isinstance(current, dict) else current if isinstance(current, list) else None
        if members is not None:
            deepest = max(deepest, depth)
            pending.extend((member, depth + 1) for member in members if isinstance(member, (dict, list)))
    return deepest


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def holds_too_deep(value: Any) -> bool:
    """Whether TOO_DEEP stands anywhere in a value read by read_json (walked without recursion)."""
    pending = [value]
    while pending:
        current = pending.pop()
        if current is TOO_DEEP:
            return True
        if isinstance(current, dict):
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
    return False


class _Frame:
    """An open array or object; `items` is None past the depth cap (its members are dropped)."""

    __slots__ = ("closer", "items", "key")

    def __init__(self, opener: str, keep: bool) -> None:
        self.closer = "]" if opener == "[" else "}"
        self.items: Any = ([] if opener == "[" else {}) if keep else None
        self.key: str | None = None

    def add(self, value: Any) -> None:
        if self.items is None:
            return
        if self.closer == "]":
            self.items.append(value)
        else:
            self.items[self.key] = value

    def result(self) -> Any:
        return TOO_DEEP if self.items is None else self.items


class _Reader:
    def __init__(self, text: str, max_depth: int) -> None:
        self.text, self.pos, self.max_depth = text, 0, max_depth

    def value(self) -> Any:
        stack: list[_Frame] = []
        while True:
            value = self._scalar_or_open(stack)
            if value is _OPENED:
                if self.peek() != stack[-1].closer:
                    self._key_if_object(stack[-1])
                    continue
                self.pos += 1
                value = stack.pop().result()
            value = self._attach(stack, value)
            if value is not _MORE:
                return value

    def _attach(self, stack: list[_Frame], value: Any) -> Any:
        """Put a finished value in its container, closing each container that ends after it:
        the whole document once the stack is empty, else _MORE (another member follows)."""
        while stack:
            frame = stack[-1]
            frame.add(value)
            char = self.peek()
            self.pos += 1
            if char == ",":
                self._key_if_object(frame)
                return _MORE
            if char != frame.closer:
                raise self.error(f"expected ',' or {frame.closer!r}")
            value = stack.pop().result()
        return value

    def _scalar_or_open(self, stack: list[_Frame]) -> Any:
        char = self.peek()
        if char and char in "[{":
            self.pos += 1
            if len(stack) >= REFUSED_DEPTH:
                raise self.error(f"nested deeper than {REFUSED_DEPTH} levels")
            stack.append(_Frame(char, keep=len(stack) < self.max_depth))
            return _OPENED
        if char == '"':
            value, self.pos = scanstring(self.text, self.pos + 1)
            return value
        number = NUMBER_RE.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            integer, fraction, exponent = number.groups()
            return float(integer + (fraction or "") + (exponent or "")) if fraction or exponent else int(integer)
        for word, value in _LITERALS:
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return value
        raise self.error("expected a value")

    def _key_if_object(self, frame: _Frame) -> None:
        if frame.closer != "}":
            return
        if self.peek() != '"':
            raise self.error("expected a quoted key")
        frame.key, self.pos = scanstring(self.text, self.pos + 1)
        if self.peek() != ":":
            raise self.error("expected ':'")
        self.pos += 1

    def peek(self) -> str:
        """The next character that is not white space ('' at the end), without taking it."""
        self.pos = _SPACE.match(self.text, self.pos).end()
        return self.text[self.pos:self.pos + 1]

    def error(self, message: str) -> JsonError:
        return JsonError(f"{message} at character {self.pos}")
