"""`peerjobs admin`: the admin area's accounts, made and removed on the server only."""
from __future__ import annotations

import sys

import click

from foundation.settings import Settings


def _settings(ctx: click.Context) -> Settings:
    root = ctx.find_root().obj
    return root if isinstance(root, Settings) else Settings.from_env()


def _sessions(settings: Settings):
    from indexer.store import db
    engine = db.make_engine(settings.database_url)
    db.migrate(engine)
    return engine, db.session_factory(engine)


@click.group()
def admin() -> None:
    """Accounts for the admin area at /admin (docs/admin.md)."""


@admin.command("create-user")
@click.argument("username")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input instead of asking.")
@click.pass_context
def create_user(ctx, username, password_stdin):
    """Make an admin account. The password is asked twice and not shown."""
    from indexer import store
    from webapp.admin import accounts, passwords
    name = accounts.normalize_username(username)
    problem = accounts.username_problem(name)
    if problem:
        raise click.ClickException(f"username {username!r}: {problem}")
    engine, sessions = _sessions(_settings(ctx))
    try:
        with sessions() as session:
            if store.find_admin(session, name) is not None:
                raise click.ClickException(f"username {name!r} is taken")
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password")
        problem = passwords.password_problem(password)
        if problem:
            raise click.ClickException(f"password: {problem}")
        with sessions() as session:
            try:
                accounts.create_account(session, name, password)
            except accounts.AccountError as error:
                raise click.ClickException(str(error)) from error
            session.commit()
    finally:
        engine.dispose()
    click.echo(f"admin account {name!r} created; sign in at /admin/login")


@admin.command("list-users")
@click.pass_context
def list_users(ctx):
    """The admin accounts, with when each last signed in."""
    from indexer import store
    engine, sessions = _sessions(_settings(ctx))
    try:
        with sessions() as session:
            users = store.admins(session)
            for user in users:
                last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "never"
                click.echo(f"{user.username}\tcreated {user.created_at:%Y-%m-%d}\tlast sign-in {last}")
    finally:
        engine.dispose()
    if not users:
        click.echo("no admin accounts; make one with `peerjobs admin create-user NAME`", err=True)


@admin.command("delete-user")
@click.argument("username")
@click.pass_context
def delete_user(ctx, username):
    """Remove an admin account and sign out all its browsers."""
    from indexer import store
    from webapp.admin import accounts
    name = accounts.normalize_username(username)
    engine, sessions = _sessions(_settings(ctx))
    try:
        with sessions() as session:
            if not store.delete_admin(session, name):
                raise click.ClickException(f"no admin account {name!r}")
            session.commit()
    finally:
        engine.dispose()
    click.echo(f"admin account {name!r} deleted")


@admin.command("totp")
@click.argument("username")
@click.option("--remove", is_flag=True, help="Take the second factor off the account.")
@click.pass_context
def totp(ctx, username, remove):
    """Give an account a second factor: sign-in then asks for the 6-digit code of an
    authenticator app. Prints the otpauth URI to add to the app (keep it secret)."""
    from indexer import store
    from webapp.admin import accounts, totp as one_time
    name = accounts.normalize_username(username)
    secret = None if remove else one_time.new_secret()
    engine, sessions = _sessions(_settings(ctx))
    try:
        with sessions() as session:
            if not store.set_admin_totp(session, name, secret):
                raise click.ClickException(f"no admin account {name!r}")
            session.commit()
    finally:
        engine.dispose()
    if remove:
        click.echo(f"admin account {name!r} signs in with its password alone")
        return
    click.echo(f"admin account {name!r} now asks for a code at sign-in; add this to an authenticator app:")
    click.echo(one_time.provisioning_uri(secret, name))
