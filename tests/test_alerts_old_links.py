"""A deleted subscriber's old links reach nothing, not even the subscription made after it:
links name a random nonce kept on the row, and ids are never given twice. Through the real
app, a real SMTP server (aiosmtpd) and the store on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from indexer import store
from indexer.store import db
from indexer.store.models import Subscription
from tests.test_alerts_subscribe import HOSTS, alert_settings, csrf_token, links, path_of, rows, sign_up
from tests.support.smtp import smtp_server
from webapp import create_app

NOW = datetime(2026, 3, 2, 12, 0)


@pytest.fixture
def mailed_app(tmp_path, database_url):
    with smtp_server() as (url, inbox):
        yield create_app(alert_settings(tmp_path, database_url, url), **HOSTS), inbox


def confirm_link(inbox, count: int) -> str:
    return path_of(links(inbox.wait_for(count)[count - 1])[0][0])


def post_button(client, path: str, **data):
    token = csrf_token(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def test_a_deleted_subscribers_links_do_nothing_for_the_next_subscriber(mailed_app):
    app, inbox = mailed_app
    client = app.test_client()
    sign_up(client, email="first@example.org")
    old_confirm = confirm_link(inbox, 1)
    confirmed = post_button(client, old_confirm).get_data(as_text=True)
    old_manage = re.search(r'href="(/alerts/manage/[^"]+)"', confirmed).group(1)
    [first] = rows(app)
    assert post_button(client, old_manage, action="delete-confirmed").status_code == 200
    assert rows(app) == []

    sign_up(client, email="second@example.org")
    [second] = rows(app)
    assert second.id != first.id and second.status == "pending"
    other = app.test_client()
    assert other.get(old_confirm).status_code == 404
    assert other.post(old_confirm, data={"csrf_token": csrf_token(other.get("/alerts/new").get_data(
        as_text=True))}).status_code == 404
    assert other.get(old_manage).status_code == 404
    [still] = rows(app)
    assert (still.id, still.status) == (second.id, "pending")


def test_a_link_for_another_rows_nonce_opens_nothing(mailed_app):
    app, inbox = mailed_app
    client = app.test_client()
    sign_up(client, email="first@example.org")
    link = confirm_link(inbox, 1)
    with app.extensions["peerjobs_sessions"]() as session:
        [subscription] = rows(app)
        session.get(type(subscription), subscription.id).link_nonce = "another"
        session.commit()
    assert client.get(link).status_code == 404


def test_migration_0006_gives_stored_subscriptions_nonces_and_never_reuses_an_id(database_url):
    engine = db.make_engine(database_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "0005")
    with engine.begin() as conn:
        for address in ("a@example.org", "b@example.org"):
            conn.execute(text("INSERT INTO subscriptions (email, search, frequency, status, created_at, bounces) "
                              "VALUES (:email, '{}', 'daily', 'active', :t, 0)"), {"email": address, "t": NOW})
    command.upgrade(config, "head")
    with db.session_factory(engine)() as session:
        stored = session.scalars(select(Subscription).order_by(Subscription.id)).all()
        nonces = {subscription.link_nonce for subscription in stored}
        assert len(nonces) == 2 and all(len(nonce) >= 16 for nonce in nonces)
        last = stored[-1].id
        store.delete_subscription(session, last)
        session.commit()
        assert store.add_subscription(session, "c@example.org", {}, "daily").id > last
        session.commit()
    command.downgrade(config, "0005")
    assert "link_nonce" not in {column["name"] for column in inspect(engine).get_columns("subscriptions")}
    engine.dispose()
