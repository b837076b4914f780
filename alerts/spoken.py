"""A digest's posting facts in the email's language, with the pages' own messages (one whole
phrase each; Speech.say, as they are extracted from the pages): the pay, where the job is, and
when it was posted. A posting's title and employer stay as the employer wrote them."""
from __future__ import annotations

from datetime import date

from babel.lists import format_list

from alerts.language import Speech
from indexer.cards import PayShown, PostingCard
from indexer.parsers.geo import STATES
from indexer.wording import place_in_words

#: unit -> (range, one figure, from, up to), as on the pages (webapp.i18n.words).
PAY_PHRASES = {
    "HOUR": (("%(low)s–%(high)s an hour"), ("%(low)s an hour"),
             ("From %(low)s an hour"), ("Up to %(high)s an hour")),
    "DAY": (("%(low)s–%(high)s a day"), ("%(low)s a day"), ("From %(low)s a day"), ("Up to %(high)s a day")),
    "WEEK": (("%(low)s–%(high)s a week"), ("%(low)s a week"),
             ("From %(low)s a week"), ("Up to %(high)s a week")),
    "BIWEEK": (("%(low)s–%(high)s every two weeks"), ("%(low)s every two weeks"),
               ("From %(low)s every two weeks"), ("Up to %(high)s every two weeks")),
    "MONTH": (("%(low)s–%(high)s a month"), ("%(low)s a month"),
              ("From %(low)s a month"), ("Up to %(high)s a month")),
    "YEAR": (("%(low)s–%(high)s a year"), ("%(low)s a year"),
             ("From %(low)s a year"), ("Up to %(high)s a year")),
}


def pay_range(speech: Speech, low: float | None, high: float | None, unit: str | None = "HOUR") -> str:
    phrases = PAY_PHRASES.get((unit or "").upper())
    if phrases is None or (low is None and high is None):
        return ""
    figures = {"low": speech.money(low) if low is not None else "",
               "high": speech.money(high) if high is not None else ""}
    if low is not None and high is not None:
        return speech.say(phrases[0 if round(low, 2) != round(high, 2) else 1], **figures)
    return speech.say(phrases[2 if low is not None else 3], **figures)


def pay_words(speech: Speech, pay: PayShown) -> str:
    """The hourly figures, else the figures as posted, else the posting's own words."""
    return (pay_range(speech, pay.hourly_min, pay.hourly_max)
            or pay_range(speech, pay.posted_min, pay.posted_max, pay.posted_unit) or (pay.text or ""))


def place_words(speech: Speech, card: PostingCard) -> str:
    """The card's place; a remote job's in the email's language when its fields say all of it."""
    if not card.remote or place_in_words(card.city, card.state, True, card.remote_area) != card.place:
        return card.place  # not remote, or a place the fields do not hold (abroad): as stored
    place = ", ".join(part for part in (card.city, card.state) if part)
    codes = (card.remote_area or "").split() or ([card.state] if card.state and not card.city else [])
    states = format_list([STATES.get(code, code) for code in codes if code in STATES], style="or",
                         locale=speech.locale) if any(code in STATES for code in codes) else ""
    if place and card.city:
        if states:
            return speech.say("%(place)s, or remote for people in %(states)s", place=place, states=states)
        return speech.say("%(place)s, or remote", place=place)
    return speech.say("Remote, for people in %(states)s", states=states) if states else speech.say("Remote")


def age_words(speech: Speech, posted: date, today: date) -> str:
    """'today', 'yesterday', '3 days ago', '2 weeks ago', else the date."""
    days = (today - posted).days
    if days <= 0:
        return speech.say("today")
    if days == 1:
        return speech.say("yesterday")
    if days < 14:
        return speech.say_plural("%(num)s day ago", "%(num)s days ago", days)
    return speech.say_plural("%(num)s week ago", "%(num)s weeks ago", days // 7)


def posted_words(speech: Speech, posted: date | None, today: date) -> str:
    """'Posted today', 'Posted 3 days ago', 'Posted on March 3, 2026'."""
    if posted is None:
        return ""
    if (today - posted).days >= 60:
        return speech.say("Posted on %(day)s", day=speech.day(posted))
    return speech.say("Posted %(age)s", age=age_words(speech, posted, today))
