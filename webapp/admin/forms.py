"""The admin forms. Every one is a POST carrying a CSRF token (Flask-WTF); sign-out is a
button with nothing but its token, checked like every other (views.require_sign_in)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from foundation.schedules import MAX_CRON_LENGTH, validate_cron


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    username = StringField("Username", filters=[_strip], validators=[
        InputRequired(message="Type your username."), Length(max=100, message="Wrong username or password")])
    password = PasswordField("Password", validators=[
        InputRequired(message="Type your password."), Length(max=1024, message="Wrong username or password")])
    next = HiddenField()


class BackForm(FlaskForm):
    """A button: run now, enable, disable. `back` says which page to return to."""

    back = HiddenField()


class EnabledForm(BackForm):
    enabled = HiddenField()

    def validate_enabled(self, field) -> None:
        if field.data not in ("0", "1"):
            raise ValidationError("Choose enable or disable.")


class ScheduleForm(BackForm):
    """A cron expression in the scheduler's time zone; empty goes back to the default."""

    schedule = StringField("Schedule", filters=[_strip], validators=[Length(max=MAX_CRON_LENGTH)])

    def __init__(self, *args, tz="UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.tz = tz

    def validate_schedule(self, field) -> None:
        if field.data:
            problem = validate_cron(field.data, self.tz)
            if problem:
                raise ValidationError(f"“{field.data}” cannot be used: {problem}.")
