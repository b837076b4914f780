"""Regexes over long lower-case text, skipped when a literal they need is absent.

Python's re tries every alternative at every position of a description; a plain substring test
(`"respite" in text`) runs in C at memory speed. Each pattern's top-level branches are read for
the longest literal they must contain; when none of those literals is in the text, the regex
cannot match and is not run. A branch without such a literal disables the shortcut.
"""
from __future__ import annotations

import re

_LITERAL = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '-&")
_CASE_SENSITIVE = re.compile(r"^\(\?-i:(.*)\)$")


class Matcher:
    """A pattern for lower-case text, with its literal hints.

    A pattern written as `(?-i:...)` is case-sensitive: it is matched against the original
    text instead ("ED" is an emergency department, "ed" is not)."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.regex = re.compile(pattern)
        inner = _CASE_SENSITIVE.match(pattern)
        self.case_sensitive = bool(inner)
        self.hints = literal_hints(inner.group(1) if inner else pattern)
        single = self.hints is not None and len(self.hints) == 1 and len(self.hints[0]) == 1
        self.single_hint = self.hints[0][0] if single else None

    def may_match(self, text: str) -> bool:
        """False when no branch's literals are all in the text, so the regex cannot match."""
        if self.single_hint is not None:
            return self.single_hint in text
        if self.hints is None:
            return True
        for needed in self.hints:
            for literal in needed:
                if literal not in text:
                    break
            else:
                return True
        return False

    def search(self, lower: str, original: str = "") -> re.Match[str] | None:
        text = original if self.case_sensitive else lower
        return self.regex.search(text) if self.may_match(text) else None

    def finditer(self, lower: str):
        return self.regex.finditer(lower) if self.may_match(lower) else iter(())


def literal_hints(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """For each way to match, the literals it needs; None when some branch needs none.

    A top-level branch needs its literal runs of three characters or more; a branch without
    one that opens with a group, "(peer|recovery coach)...", needs one of that group's hints."""
    hints: list[tuple[str, ...]] = []
    for branch in _branches(pattern):
        runs = tuple(dict.fromkeys(run.strip() for run in _runs(branch) if len(run.strip()) >= 3))
        group = _leading_group(branch) if not runs else None
        inner = literal_hints(group) if group else None
        if not runs and not inner:
            return None
        hints.extend(inner if not runs else (runs,))
    return tuple(dict.fromkeys(hints)) or None


def _leading_group(branch: str) -> str | None:
    """The body of a plain group the branch opens with (after \\b), or None."""
    body = branch[2:] if branch.startswith("\\b") else branch
    if not body.startswith("(") or body.startswith("(?"):
        return None
    depth = 0
    for index, char in enumerate(body):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            closing = body[index + 1:index + 2]
            return None if closing in ("?", "*") else body[1:index]
    return None


def _branches(pattern: str) -> list[str]:
    branches, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
        index += 1
    return branches + [pattern[start:]]


def _runs(branch: str) -> list[str]:
    """Literal runs at depth 0; a quantified last character is dropped from its run."""
    runs, current, depth, index, in_class = [], "", 0, 0, False
    while index < len(branch):
        char = branch[index]
        if char == "\\":
            runs.append(current)
            current, index = "", index + 2
            continue
        if in_class or char in "[]()":
            in_class = (in_class and char != "]") or (not in_class and char == "[")
            depth += (char == "(" and not in_class) - (char == ")" and not in_class)
            runs.append(current)
            current = ""
        elif depth == 0 and char in "?*{":
            runs.append(current[:-1])
            current = ""
        elif depth == 0 and char in _LITERAL:
            current += char
        elif depth == 0:
            runs.append(current)
            current = ""
        index += 1
    return runs + [current]
