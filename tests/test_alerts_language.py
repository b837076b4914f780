"""An alert keeps the language it was asked for in: the column on SQLite and PostgreSQL (and its
migration), the sign-up pages under /es/, the form's lang field, the API's language field, and
the confirmation and digest emails in Spanish, with links to the Spanish pages, through a real
SMTP server."""
from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from alerts import tokens
from indexer import store
from indexer.store import db
from indexer.store.models import Subscription
from tests.test_alerts_send import T, Board, html_part, mail_server, text_part
from tests.test_alerts_subscribe import (HOSTS, SEARCH, SEARCH_ARGS, STORED, alert_settings, csrf_token, path_of,
                                         post_api, rows)
from webapp import create_app
from tests.support.smtp import smtp_server

SPANISH_PAGE = f"/es/alerts/new?{SEARCH_ARGS}"


@pytest.fixture
def smtp():
    with smtp_server() as server:
        yield server


@pytest.fixture
def app(tmp_path, smtp):
    return create_app(alert_settings(tmp_path, f"sqlite:///{tmp_path / 'store.db'}", smtp[0]), **HOSTS)


def sign_up(client, path: str = SPANISH_PAGE, **fields):
    form = client.get(path)
    assert form.status_code == 200
    data = {"csrf_token": csrf_token(form.get_data(as_text=True)), "email": STORED, "frequency": "daily", **fields}
    return client.post(path, buffered=True, data=data)


# The store ---------------------------------------------------------------------------------------

def test_a_subscription_keeps_its_language_and_english_is_the_default(session):
    spanish = store.add_subscription(session, STORED, SEARCH, "daily", language="es")
    english = store.add_subscription(session, STORED, {"q": "peer"}, "daily")
    session.commit()
    session.expire_all()
    assert (session.get(Subscription, spanish.id).language, session.get(Subscription, english.id).language) == (
        "es", "en")
    with pytest.raises(ValueError):
        store.add_subscription(session, STORED, {"q": "coach"}, "daily", language="fr")


def test_migration_0014_makes_the_alerts_already_there_english(database_url):
    engine = db.make_engine(database_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "0010")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO subscriptions (link_nonce, email, search, frequency, status, created_at, bounces) "
                          "VALUES ('n0nce', 'sam@example.org', '{}', 'daily', 'active', :t, 0)"), {"t": T})
    command.upgrade(config, "head")
    with db.session_factory(engine)() as session:
        assert session.scalars(select(Subscription.language)).all() == ["en"]
    command.downgrade(config, "0010")
    assert "language" not in {column["name"] for column in inspect(engine).get_columns("subscriptions")}
    command.upgrade(config, "head")
    engine.dispose()


# The pages ---------------------------------------------------------------------------------------

def test_signing_up_on_a_spanish_page_gives_a_spanish_alert_email_and_pages(app, smtp):
    client = app.test_client()
    answer = sign_up(client)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and '<html lang="es">' in html and "Revise su correo electrónico" in html
    assert [row.language for row in rows(app)] == ["es"]
    [message] = smtp[1].wait_for(1)
    assert message["Subject"] == "Confirme su alerta de empleos de PeerJobs"
    body = text_part(message)
    assert "Empleos de apoyo entre pares que coinciden con “recovery coach” a menos de 25 millas de Dayton, OH " \
           "(medio tiempo)" in body and "como máximo una vez al día" in body
    link = re.search(r"https://jobs\.example/\S+/confirm/\S+", body).group(0)
    assert path_of(link).startswith("/es/alerts/confirm/")
    assert f'href="{link}"' in html_part(message) and '<html lang="es">' in html_part(message)
    page = client.get(path_of(link))
    assert "Confirme su alerta de empleos" in page.get_data(as_text=True)
    confirmed = client.post(path_of(link), data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    confirmed_html = confirmed.get_data(as_text=True)
    assert "Su alerta está activa" in confirmed_html and 'href="/es/alerts/manage/' in confirmed_html
    assert 'href="/es/jobs?' in confirmed_html  # "see these jobs now" stays Spanish


def test_an_english_page_gives_an_english_alert_and_a_lang_field_can_choose_spanish(app, smtp):
    sign_up(app.test_client(), f"/alerts/new?{SEARCH_ARGS}")
    sign_up(app.test_client(), "/alerts/new?q=coach", lang="es", email="pat@example.org")
    assert [row.language for row in rows(app)] == ["en", "es"]
    first, second = smtp[1].wait_for(2)
    assert first["Subject"] == "Please confirm your PeerJobs job alert" and "/alerts/confirm/" in text_part(first)
    assert "/es/alerts/confirm/" not in text_part(first) and "/es/alerts/confirm/" in text_part(second)


def test_a_lang_field_outside_english_and_spanish_is_refused(app, smtp):
    answer = sign_up(app.test_client(), lang="fr")
    assert answer.status_code == 400 and "Elija un idioma." in answer.get_data(as_text=True)
    assert rows(app) == []


@pytest.mark.parametrize("email, says", [
    ("", "Escriba su correo electrónico."),
    ("sam@example", "Escriba una dirección de correo electrónico como nombre@example.org."),
    ("x" * 250 + "@example.org", "Una dirección de correo electrónico tiene como máximo 254 caracteres."),
])
def test_the_spanish_form_says_what_is_wrong_in_spanish(app, smtp, email, says):
    answer = sign_up(app.test_client(), email=email)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400 and says in html
    assert "¿Con qué frecuencia quiere recibir nuestros correos?" in html and "Una vez a la semana" in html


@pytest.mark.parametrize("path, status, says", [
    ("/es/alerts/confirm/not-a-token", 400, "Este enlace no funciona"),
    ("/es/alerts/manage/not-a-token", 400, "Este enlace no funciona"),
    ("/es/alerts/unsubscribe/not-a-token", 400, "Este enlace no funciona"),
])
def test_the_problem_pages_speak_spanish(app, path, status, says):
    answer = app.test_client().get(path)
    assert answer.status_code == status and says in answer.get_data(as_text=True)
    assert '<html lang="es">' in answer.get_data(as_text=True)


def test_an_expired_form_is_said_in_spanish(app):
    answer = app.test_client().post(SPANISH_PAGE, data={"email": STORED, "frequency": "daily"})
    assert answer.status_code == 400 and "Este formulario venció" in answer.get_data(as_text=True)


def test_too_many_sign_ups_are_told_to_wait_in_spanish(app, smtp):
    client = app.test_client()
    for n in range(5):
        assert sign_up(client, email=f"persona{n}@example.org").status_code == 200
    refused = sign_up(client, email="persona5@example.org")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "Espere un poco, por favor" in html and '<html lang="es">' in html


def test_the_manage_page_pauses_and_says_so_in_spanish(app, smtp):
    client = app.test_client()
    sign_up(client)
    [message] = smtp[1].wait_for(1)
    confirm_path = path_of(re.search(r"https://jobs\.example/\S+/confirm/\S+", text_part(message)).group(0))
    page = client.get(confirm_path)
    confirmed = client.post(confirm_path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    manage_path = re.search(r'href="(/es/alerts/manage/[^"]+)"', confirmed.get_data(as_text=True)).group(1)
    manage = client.get(manage_path).get_data(as_text=True)
    assert "Su alerta de empleos" in manage and "Pausar los correos" in manage
    paused = client.post(manage_path, data={"csrf_token": csrf_token(manage), "action": "pause"})
    assert paused.status_code == 303 and urlsplit(paused.headers["Location"]).path == manage_path
    after = client.get(paused.headers["Location"]).get_data(as_text=True)
    assert "En pausa. No le enviaremos correos hasta que reanude esta alerta." in after
    assert [row.status for row in rows(app)] == ["paused"]


# The API -----------------------------------------------------------------------------------------

def test_the_api_takes_a_language_and_english_by_default(app, smtp):
    client = app.test_client()
    assert post_api(client, {"email": "a@example.org", "frequency": "daily", "search": SEARCH,
                             "language": "es"}).status_code == 202
    assert post_api(client, {"email": "b@example.org", "frequency": "daily", "search": SEARCH}).status_code == 202
    assert [(row.email, row.language) for row in rows(app)] == [("a@example.org", "es"), ("b@example.org", "en")]
    smtp[1].wait_for(2)
    spanish = smtp[1].to("a@example.org")
    assert spanish[0]["Subject"] == "Confirme su alerta de empleos de PeerJobs"
    assert "https://jobs.example/es/alerts/confirm/" in text_part(spanish[0])


@pytest.mark.parametrize("language", ["fr", "", None, 1, ["es"]])
def test_the_api_refuses_another_language(app, smtp, language):
    answer = post_api(app.test_client(), {"email": "a@example.org", "frequency": "daily", "language": language})
    assert answer.status_code == 400 and "language must be en or es" in answer.get_json()["error"]["details"]
    assert rows(app) == []


# The digest --------------------------------------------------------------------------------------

def test_a_spanish_alert_gets_a_spanish_digest_with_spanish_links(settings):
    board = Board(settings)
    try:
        spanish = board.subscribe("sam@example.org", {"q": "peer"})
        board.subscribe("pat@example.org", {"q": "peer"})
        with board.sessions.begin() as session:
            session.get(Subscription, spanish).language = "es"
        board.post(T + timedelta(minutes=10), title="Peer Support Specialist")
        with mail_server() as (smtp_url, inbox):
            assert board.send(smtp_url, T + timedelta(hours=2)).sent == 2
            [es] = inbox.to("sam@example.org")
            [en] = inbox.to("pat@example.org")
    finally:
        board.close()
    assert es["Subject"] == "1 empleo nuevo de apoyo entre pares: peer"
    assert en["Subject"] == "1 new peer-support job: peer"
    assert "Publicado hace 3 días" in text_part(es) and "Cancelar la suscripción:" in text_part(es)
    assert re.search(r'<html lang="es">', html_part(es)) and re.search(r'<html lang="en">', html_part(en))
    links = re.findall(r"https://jobs\.example\.org\S*", text_part(es))
    assert links and all(link.startswith("https://jobs.example.org/es/") for link in links)
    unsubscribe, _mailto = re.findall(r"<([^>]+)>", es["List-Unsubscribe"])
    assert unsubscribe.startswith("https://jobs.example.org/es/alerts/unsubscribe/")
    assert not any("/es/" in link for link in re.findall(r"https://jobs\.example\.org\S*", text_part(en)))


def test_the_one_click_unsubscribe_of_a_spanish_email_works(app):
    with app.extensions["peerjobs_sessions"]() as session:
        subscription = store.add_subscription(session, STORED, SEARCH, "daily", language="es")
        session.commit()
        token = tokens.make_token("test-secret", "unsubscribe", subscription.id, subscription.link_nonce)
    answer = app.test_client().post(f"/es/alerts/unsubscribe/{token}", data="List-Unsubscribe=One-Click",
                                    content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200 and "Su suscripción está cancelada" in answer.get_data(as_text=True)
    assert rows(app) == []

