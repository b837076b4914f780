"""The admin forms. Every one is a POST carrying a CSRF token (Flask-WTF); sign-out is a
button with nothing but its token, checked like every other (views.require_sign_in)."""
from __future__ import annotations

from flask import request
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from foundation.schedules import MAX_CRON_LENGTH, validate_cron


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    username = StringField("Username", filters=[_strip], validators=[
        InputRequired(message="Type your username."), Length(max=100, message="Wrong username or password")])
    password = PasswordField("Password", validators=[
        InputRequired(message="Type your password."), Length(max=1024, message="Wrong username or password")])
    next = HiddenField()


class CodeForm(FlaskForm):
    """The second step of signing in, for an account with a second factor."""

    code = StringField("6-digit code", filters=[_strip], validators=[
        InputRequired(message="Type the 6-digit code."), Length(max=20, message="Type the 6-digit code.")])


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


class BulkForm(FlaskForm):
    """The checked rows of the sources table and what to do with them; `back` is the list's query."""

    action = HiddenField()
    back = HiddenField()

    def validate_action(self, field) -> None:
        if field.data not in ("enable", "disable", "run"):
            raise ValidationError("Choose enable, disable or run now.")

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not request.form.getlist("ids"):
            self.action.errors = ["Check at least one source first."]
            return False
        return True

    def errors_in_words(self) -> str:
        return next((errors[0] for errors in self.errors.values() if errors), "This form could not be read.")


class ProposalEditForm(FlaskForm):
    """A proposal's platform, board URL and extra keys, corrected before accepting it."""

    platform = StringField("Platform", filters=[_strip], validators=[
        DataRequired(message="Name the platform."), Length(max=40, message="At most 40 characters.")])
    url = StringField("Board or careers page URL", filters=[_strip], validators=[
        DataRequired(message="Give the board's URL."), Length(max=2000, message="At most 2,000 characters.")])
    options = TextAreaField("Extra keys", validators=[Length(max=4000, message="At most 4,000 characters.")])


class AcceptForm(FlaskForm):
    source_id = StringField("Source id", filters=[_strip], validators=[
        DataRequired(message="Give the new source an id."), Length(max=100, message="At most 100 characters.")])
    employer = StringField("Employer", filters=[_strip], validators=[
        DataRequired(message="Name the employer."), Length(max=300, message="At most 300 characters.")])
    enabled = HiddenField()

    def validate_enabled(self, field) -> None:
        if field.data not in ("0", "1"):
            raise ValidationError("Choose whether it is crawled on schedule.")


class RejectForm(FlaskForm):
    reason = TextAreaField("Why it is rejected", filters=[_strip], validators=[
        DataRequired(message="Say why, so the next reviewer knows."), Length(max=500, message="At most 500 characters.")])
