"""An alert's words in its language: the gettext catalog the pages use too (foundation.catalogs,
read with Babel) and Babel's formats for the language's locale (es_US: "$18.50", "3 de marzo de 2026").

Module tables mark their words with N_ (pybabel finds them) and are translated when used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations

from foundation.catalogs import LANGUAGES, LOCALES, translations


def N_(message: str) -> str:
    """Marks a message for the catalog where it is defined; translated where it is said."""
    return message


def language_or_english(lang: str | None) -> str:
    return lang if lang in LANGUAGES else "en"


@dataclass(frozen=True)
class Speech:
    """gettext, ngettext and the formats of one language."""
    lang: str
    catalog: NullTranslations

    @property
    def locale(self) -> str:
        return LOCALES[self.lang]

    def gettext(self, message: str, **values) -> str:
        text = self.catalog.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, num: int, **values) -> str:
        """As Flask-Babel's: %(num)s is the count, written in the language's digits."""
        text = self.catalog.ngettext(singular, plural, num)
        return text % {"num": self.number(num), **values}

    #: gettext and ngettext again, for the messages the pages say first (webapp/i18n/words.py,
    #: places.py): pybabel extracts them there, so the catalog keeps the order it has.
    say = gettext
    say_plural = ngettext

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def money(self, amount: float) -> str:
        """'$18.50'; from a thousand on, whole dollars: '$45,000' (as on the pages)."""
        pattern = "¤#,##0.00" if amount < 1000 else "¤#,##0"
        return format_currency(amount, "USD", format=pattern, currency_digits=False, locale=self.locale)

    def day(self, moment: date | datetime) -> str:
        return format_date(moment, "long", locale=self.locale)


#: The language of the code: no catalog to read.
ENGLISH = Speech("en", NullTranslations())


@lru_cache(maxsize=4)
def speech(folder: Path, lang: str | None) -> Speech:
    """The Speech of `lang` (English for anything else) from the catalogs under `folder`."""
    lang = language_or_english(lang)
    return Speech(lang, translations(Path(folder), lang))


def speech_of(settings, lang: str | None) -> Speech:
    """The Speech of `lang` from the catalogs the settings name (Settings.translations_dir)."""
    return speech(settings.translations_dir, lang)
