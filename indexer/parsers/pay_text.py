"""Pay figures in prose (a pay field, a title, a description), judged by the words around them.

- a bonus, reimbursement, differential or benefit amount is not pay;
- an amount without a "$" counts only after a pay label ("Salary:", "Rate of pay"), and only when it
  has cents, thousands or a unit, or is a range of two figures of four digits or more (95000-140000); an amount without a unit gets one by its size (7.25-150 an hour,
  15,000-250,000 a year), else it is dropped; a figure implausible for its written unit is dropped;
- "up to $X" has no minimum, "$X+" and "starting at $X" no maximum; a reversed range is swapped;
- rates for certified and uncertified staff in one phrase give one range across both, and the
  phrase keeps the labels that say which is which ("Uncertified: $17/hour; Certified: $19/hour");
- the same pay in several units ("$12.58 hourly; $26,175 annually") gives the first figure, with
  the whole phrase kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from indexer.parsers.pay_units import HOURS_PER, UNIT_IN, UNIT_WORD, guess_unit, ordered, plausible, word_unit

_UNIT_AFTER = re.compile(r"[\s,(]*(?:usd|dollars)?\s*(?:/|per\b|an?\b|each\b)?\s*" + UNIT_WORD
                         + r"(?!\s*[:$\d])", re.I)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
_MONEY = re.compile(
    rf"(?<![\w.,$#])(?P<c1>\$\s?|usd\s?)?(?P<n1>{_NUM})(?P<k1>k\b)?(?:(?P<u1>\s*(?:/|per\s)\s*(?:hour|hr|year|yr|"
    rf"month|mo|week|wk|annum)\b)?(?P<sep>\s*(?:-+|–|—|to\s*-?|and|"
    rf"through|thru)\s*)(?P<c2>\$\s?|usd\s?)?(?P<n2>{_NUM})(?P<k2>k\b)?)?(?P<plus>\s?\+)?(?!\d|,\d)", re.I)
_NOT_PAY_AFTER = re.compile(
    r"[^.;\n$]{0,25}?\b(?:bonus|sign[- ]?on|incentive|reimburs|tuition|referral|relocation|match|"
    r"differential|allowance|gift|insurance|deductible|co-?pay|per mile|mileage|million|billion|budget|"
    r"grant|loan|scholarship|credit|fee)", re.I)
_NOT_PAY_BEFORE = re.compile(r"\b(?:bonus|sign[- ]?on|incentive|reimburse\w*|tuition|referral|differential|"
                             r"mileage|budget|grant|loan)\b(?:\W+(?:of|up to|is|worth|totaling|amount))*\W*$", re.I)
_NOT_MONEY_AFTER = re.compile(r"\s*(?:%|percent|hours|hrs|years|yrs|days|weeks|months|miles)\b", re.I)
_PAY_LABEL = re.compile(r"\b(?:pay|salary|wages?|rate|compensation|hourly|annual|starting|range)\b", re.I)
_PHRASE_START = re.compile(r"\b(?:pays?|salary|wages?|rate|compensation|hourly|annual|starting|range|between|"
                           r"up to|from|\w*certified)\b", re.I)
_UP_TO = re.compile(r"\b(?:up to|as much as|maximum|max)\W*$", re.I)
_FROM = re.compile(r"\b(?:starting (?:at|from)?|starts at|from|minimum|min|at least)\W*$", re.I)
_BOUNDARY = re.compile(r"[;\n|•]|\.\s")
_CERTIFIED = re.compile(r"certif", re.I)
#: The words of _PAY_LABEL, for a quick look at a line before any regular expression runs.
_LABEL_WORDS = ("pay", "salary", "wage", "rate", "compensation", "hourly", "annual", "starting", "range")

Figures = tuple[float | None, float | None, str, str]  # low, high, unit, the phrase


@dataclass(frozen=True)
class _Figure:
    low: float | None
    high: float | None
    unit: str
    start: int
    end: int
    stated: bool  # the unit was written, not guessed from the size


def figures_in(text: str) -> Figures | None:
    """The first figure with a written unit (else the first figure), widened as the module says."""
    found = _figures(text)
    if not found:
        return None
    first = next((i for i, figure in enumerate(found) if figure.stated), 0)
    chosen, end = _merged(text, found[first:])
    return chosen.low, chosen.high, chosen.unit, _phrase(text, chosen.start, end)


def _figures(text: str) -> list[_Figure]:
    """Figures line by line (no rule looks past a line break). A line without a pay label can hold
    only "$" amounts, so only its "$" signs are looked at; a line with one is read whole."""
    found: list[_Figure] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if _has_label(text[start:end].lower()):
            found += _figures_between(text, _MONEY.finditer(text, start, end), start)
        elif "$" in text[start:end]:
            found += _figures_between(text, _dollar_amounts(text, start, end), start)
        start = end + 1
    return found


def _has_label(line: str) -> bool:
    """Whether a pay label word is in a lower-cased line: substring finds, then word edges."""
    for word in _LABEL_WORDS:
        at = line.find(word)
        while at >= 0:
            after = at + len(word)
            if (at == 0 or not line[at - 1].isalpha()) and (after == len(line) or not line[after].isalpha()
                                                          or line[after] == "s"):
                return True
            at = line.find(word, after)
    return False


def _dollar_amounts(text: str, start: int, end: int) -> Iterator[re.Match]:
    at = text.find("$", start, end)
    while at >= 0:
        match = _MONEY.match(text, at, end)
        if match:
            yield match
        at = text.find("$", match.end() if match else at + 1, end)


def _figures_between(text: str, matches: Iterable[re.Match], start: int) -> list[_Figure]:
    found, previous_end = [], start
    for match in matches:
        figure = _figure(text, match, previous_end)
        if figure is not None:
            found.append(figure)
        previous_end = match.end()
    return found


def _figure(text: str, match: re.Match, previous_end: int) -> _Figure | None:
    in_dollars = bool(match.group("c1") or match.group("c2"))
    if not in_dollars and not _may_be_bare_pay(text, match):
        return None
    low, high, end = _range(match)
    after = text[end:end + 40]
    written = _UNIT_AFTER.match(after)
    before = _before(text, match.start(), previous_end)
    if not in_dollars and not _PAY_LABEL.search(before):
        return None
    if _NOT_PAY_AFTER.match(after) or _NOT_PAY_BEFORE.search(before):
        return None
    if high is None:
        low, high = _open_ended(low, before, bool(match.group("plus")))
    if written:
        unit, stated, end = word_unit(written.group("word")), True, end + written.end()
    else:
        unit, stated = _label_unit(before, low, high)
    if unit is None or not plausible(low, high, unit):
        return None
    return _Figure(low, high, unit, match.start(), end, stated)


def _may_be_bare_pay(text: str, match: re.Match) -> bool:
    """A first, cheap look at an amount without "$": it has cents, thousands or a unit, and is no
    count of hours, years or percent."""
    after, number = text[match.end():match.end() + 30], match.group("n1")
    if _NOT_MONEY_AFTER.match(after):
        return False
    salary_range = bool(match.group("n2")) and min(len(number), len(match.group("n2"))) >= 4
    return "." in number or "," in number or salary_range or bool(_UNIT_AFTER.match(after))


def _range(match: re.Match) -> tuple[float, float | None, int]:
    """Both ends of a range; a second figure with no "$" after "and", or one with no "$" far off,
    is no range end. Two "$" figures are a range however wide ($60,000 - $200,000): the unit's
    plausible figures judge it whole."""
    first = _amount(match.group("n1"), match.group("k1"))
    if match.group("n2") is None:
        return first, None, match.end()
    low, high = ordered(first, _amount(match.group("n2"), match.group("k2")))
    both_dollars = bool(match.group("c1") and match.group("c2"))
    if (match.group("sep").strip().lower() == "and" and not match.group("c2")) or (high > 3 * low and not both_dollars):
        return first, None, match.end("k1") if match.group("k1") else match.end("n1")
    return low, high, match.end()


def _amount(number: str, thousands: str | None) -> float:
    return float(number.replace(",", "")) * (1000 if thousands else 1)


def _open_ended(amount: float, before: str, plus: bool) -> tuple[float | None, float | None]:
    """"up to $X" has no minimum; "$X+", "starting at $X" no maximum; "$X" is both."""
    if _UP_TO.search(before):
        return None, amount
    return amount, None if plus or _FROM.search(before) else amount


def _before(text: str, start: int, previous_end: int) -> str:
    window = text[max(previous_end, start - 50):start]
    cuts = list(_BOUNDARY.finditer(window))
    return window[cuts[-1].end():] if cuts else window


def _label_unit(before: str, low: float | None, high: float | None) -> tuple[str | None, bool]:
    """A unit named before the figure ("Hourly rate:") if it fits the size; else one by size."""
    labels = UNIT_IN.findall(before)
    unit = word_unit(labels[-1]) if labels else None
    if plausible(low, high, unit):
        return unit, True
    return guess_unit(high or low), False


def _merged(text: str, figures: list[_Figure]) -> tuple[_Figure, int]:
    """The first figure, widened over certified/uncertified rates and over the same pay restated."""
    chosen, end = figures[0], figures[0].end
    for following in figures[1:]:
        if following.start - end > 60 or "\n" in text[end:following.start]:
            break
        if following.unit == chosen.unit and _CERTIFIED.search(text[max(0, chosen.start - 40):following.end + 30]):
            values = [v for f in (chosen, following) for v in (f.low, f.high) if v is not None]
            chosen = replace(chosen, low=min(values), high=max(values))
        elif not _same_pay(chosen, following):
            break
        end = following.end
    return chosen, end


def _same_pay(one: _Figure, other: _Figure) -> bool:
    """Two units, one wage: hourly figures within 10% of each other."""
    a = (one.low or one.high or 0) / HOURS_PER[one.unit]
    b = (other.low or other.high or 0) / HOURS_PER[other.unit]
    return one.unit != other.unit and a > 0 and b > 0 and abs(a - b) <= 0.1 * max(a, b)


def _phrase(text: str, start: int, end: int) -> str:
    """The figures with their label ("Starting Salary:", "Uncertified:"), if one precedes them."""
    head = text[max(0, start - 60):start]
    cuts = list(_BOUNDARY.finditer(head))
    label = _PHRASE_START.search(head, cuts[-1].end() if cuts else 0)
    head = head[label.start():] if label else ""
    return " ".join((head + text[start:end]).split()).strip(" ,(")
