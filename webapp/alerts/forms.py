"""The alert forms. Each carries a CSRF token (Flask-WTF); the one-click unsubscribe is the only
POST without one, because a mail client sends it with no cookie (RFC 8058)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from alerts import words
from alerts.subscribing import MAX_EMAIL, normalize_email

FREQUENCY_CHOICES = [SelectChoice(name, label) for name, (label, _sentence) in words.FREQUENCIES.items()]


def _plain_address(_form, field) -> None:
    if normalize_email(field.data) is None:
        raise ValidationError("Type an email address like name@example.org.")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def frequency_field(default: str = "daily") -> RadioField:
    return RadioField("How often should we email you?", choices=FREQUENCY_CHOICES, default=default,
                      validators=[InputRequired(message="Choose how often.")])


class SubscribeForm(FlaskForm):
    email = EmailField("Your email address", filters=[_strip], validators=[
        InputRequired(message="Type your email address."),
        Length(max=MAX_EMAIL, message=f"An email address has at most {MAX_EMAIL} characters."),
        _plain_address])
    frequency = frequency_field()


class FrequencyForm(FlaskForm):
    frequency = frequency_field()


class ButtonForm(FlaskForm):
    """A button and its CSRF token: confirm, pause, resume, delete."""
