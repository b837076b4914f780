"""The alert forms, labels and messages in the page's language. Each carries a CSRF token
(Flask-WTF); the one-click unsubscribe is the only POST without one, because a mail client sends
it with no cookie (RFC 8058)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, RadioField, SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional, ValidationError

from alerts import words
from alerts.subscribing import MAX_EMAIL, normalize_email
from indexer.store.subscriptions import LANGUAGES


def frequency_choices() -> list[SelectChoice]:
    """The choices, their labels translated when the form is shown."""
    return [SelectChoice(name, _l(label)) for name, (label, _sentence) in words.FREQUENCIES.items()]


def _plain_address(_form, field) -> None:
    if normalize_email(field.data) is None:
        raise ValidationError(_l("Type an email address like name@example.org."))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def frequency_field(default: str = "daily") -> RadioField:
    return RadioField(_l("How often should we email you?"), choices=frequency_choices(), default=default,
                      validators=[InputRequired(message=_l("Choose how often."))])


class SubscribeForm(FlaskForm):
    email = EmailField(_l("Your email address"), filters=[_strip], validators=[
        InputRequired(message=_l("Type your email address.")),
        Length(max=MAX_EMAIL, message=_l("An email address has at most %(max)s characters.", max=MAX_EMAIL)),
        _plain_address])
    frequency = frequency_field()
    #: The language of the alert's emails: the page's, unless the page (a network's) says another.
    lang = HiddenField(filters=[_strip], validators=[Optional(), AnyOf(LANGUAGES, message=_l("Choose a language."))])


class FrequencyForm(FlaskForm):
    frequency = frequency_field()


class ButtonForm(FlaskForm):
    """A button and its CSRF token: confirm, pause, resume, delete."""
