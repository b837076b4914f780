"""Where a job is, in the page's language. A card keeps its place in English words; a remote job's
place is said again in Spanish from the card's own fields (city, state, remote area)."""
from __future__ import annotations

from flask_babel import get_locale, gettext
from babel.lists import format_list

from indexer.cards import PostingCard
from indexer.parsers.geo import STATES
from indexer.wording import place_in_words


def area_states(remote_area: str | None) -> list[str]:
    return [STATES[code] for code in (remote_area or "").split() if code in STATES]


def remote_place(city: str | None, state: str | None, remote_area: str | None) -> str:
    """'Remoto, para personas en Ohio', 'Dayton, OH, o remoto', 'Remoto', as one message each."""
    place = ", ".join(part for part in (city, state) if part)
    abroad = (remote_area or "").split() == ["abroad"]
    names = area_states(remote_area) or ([STATES.get(state, state)] if state and not city and not abroad else [])
    listed = format_list(names, style="or", locale=get_locale()) if names else ""
    if place and city:
        if abroad:
            return gettext("%(place)s, or remote outside the US", place=place)
        if listed:
            return gettext("%(place)s, or remote for people in %(states)s", place=place, states=listed)
        return gettext("%(place)s, or remote", place=place)
    if abroad:
        return gettext("Remote, outside the US")
    return gettext("Remote, for people in %(states)s", states=listed) if listed else gettext("Remote")


def place_words(card: PostingCard) -> str:
    """The card's place; a remote job's in the page's language when its fields say all of it."""
    if not card.remote or get_locale() is None or get_locale().language == "en":
        return card.place
    if place_in_words(card.city, card.state, True, card.remote_area) != card.place:
        return card.place  # a place the fields do not hold (a country abroad): as stored
    return remote_place(card.city, card.state, card.remote_area)
