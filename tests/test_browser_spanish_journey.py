"""The Spanish journey in Chromium on a 360×800 phone: /es/, "especialista de pares" near Dayton,
Part-time ("Medio tiempo") chosen, a posting opened and back, an alert asked for, its confirmation
email caught by a real SMTP server (aiosmtpd on loopback) and read in Spanish, the link followed to
a Spanish page and pressed, then a crawl's new posting and a digest run: the digest in Spanish,
text and HTML, every link to a Spanish page. Each page says <html lang="es"> and axe-core finds
nothing serious on any of them."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from alerts.sending import send_alerts
from foundation.settings import Settings
from indexer import search, store
from indexer.store import db
from indexer.store.models import Subscription
from tests.browser_support import SOURCE, ensure_axe, live_server, posting, serious_violations
from tests.support.smtp import free_port, smtp_server
from tests.test_browser_phone import TYPICAL, typical
from tests.web_support import indexed_board, seed_postings

PHONE = {"width": 360, "height": 800}
ADDRESS = "lectora.par@example.org"
NEW_JOB = "Peer Support Specialist – Evenings"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(origin, settings, inbox): a board near Dayton served on loopback at the address its emails name."""
    folder = tmp_path_factory.mktemp("spanish-journey")
    with smtp_server() as (smtp_url, inbox):
        port = free_port()
        settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}",
                            index_dir=folder / "index", smtp_url=smtp_url,
                            public_url=f"http://127.0.0.1:{port}", secret_key_value="spanish-journey")
        board = {key: typical(key, *values) for key, values in TYPICAL.items()}
        indexed_board(settings, lambda session: seed_postings(session, SOURCE, board))
        with live_server(settings, port) as origin:
            yield origin, settings, inbox


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport=PHONE, base_url=site[0], locale="es-US")
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    yield opened
    context.close()
    assert requests and [url for url in requests if not url.startswith(site[0] + "/")] == []


def crawl_new_posting(settings: Settings) -> int:
    """What a crawl leaves behind: one more part-time peer specialist in Dayton, first seen now."""
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine).begin() as session:
            saved, _ = store.upsert_posting(session, SOURCE.id, "evenings", posting(
                title=NEW_JOB, employment_type="PART_TIME", date_posted=date.today(),
                url="https://careers.miamivalley.example/evenings"))
            posting_id = saved.id
        search.sync(engine, settings.index_dir)
    finally:
        engine.dispose()
    return posting_id


def the_alert(settings: Settings) -> Subscription:
    engine = db.make_engine(settings.database_url)
    try:
        with db.session_factory(engine)() as session:
            [subscription] = store.subscriptions_of(session, ADDRESS)
            return subscription
    finally:
        engine.dispose()


def checked(page, axe: str, found: dict, name: str) -> None:
    """The page is in Spanish and axe-core finds nothing serious on it."""
    assert page.evaluate("() => document.documentElement.lang") == "es", name
    found[name] = serious_violations(page, axe)


def test_a_peer_searches_subscribes_and_reads_the_alert_emails_in_spanish(page, site):
    origin, settings, inbox = site
    axe = ensure_axe().read_text(encoding="utf-8")
    found: dict[str, list] = {}

    page.goto("/es/")
    checked(page, axe, found, "home")
    page.get_by_label("Qué").fill("especialista de pares")
    page.get_by_label("Dónde").fill("Dayton, OH")
    page.get_by_role("button", name="Buscar").click()
    page.wait_for_url(re.compile(r"/es/jobs\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^\d+ empleos? de «especialista de pares»"))
    checked(page, axe, found, "results")

    page.get_by_text("Filtrar empleos").click()
    page.get_by_role("link", name=re.compile(r"^Medio tiempo\b")).click()
    page.wait_for_url(re.compile(r"/es/jobs\?.*employment_type=PART_TIME"))
    results_url = page.url
    checked(page, axe, found, "results, part-time")
    page.locator("li.card h2 a").first.click()
    page.wait_for_url(re.compile(r"/es/jobs/\d+"))
    expect(page.get_by_role("link", name="Volver a los resultados").first).to_be_visible()
    checked(page, axe, found, "posting")
    page.get_by_role("link", name="Volver a los resultados").first.click()
    assert page.url == results_url

    page.get_by_role("link", name="Enviarme por correo empleos nuevos como estos").click()
    page.wait_for_url(re.compile(r"/es/alerts/new\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reciba empleos nuevos por correo electrónico")
    checked(page, axe, found, "sign-up")
    page.get_by_label("Su correo electrónico").fill("lectora.par@example")
    page.get_by_role("button", name="Enviarme un enlace para confirmar").click()
    expect(page.get_by_text("Escriba una dirección de correo electrónico como nombre@example.org.")).to_be_visible()
    checked(page, axe, found, "sign-up, with a mistake")
    page.get_by_label("Su correo electrónico").fill(ADDRESS)
    page.get_by_label("Una vez al día").check()
    page.get_by_role("button", name="Enviarme un enlace para confirmar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise su correo electrónico")
    checked(page, axe, found, "check your email")

    [confirmation] = inbox.wait_for(1)
    assert confirmation["Subject"] == "Confirme su alerta de empleos de PeerJobs"
    text = confirmation.get_body(("plain",)).get_content()
    assert "Empleos de apoyo entre pares que coinciden con “especialista de pares”" in text
    assert "(medio tiempo)" in text and "como máximo una vez al día" in text
    [confirm_url] = re.findall(r"https?://\S+", text)
    assert confirm_url.startswith(f"{origin}/es/alerts/confirm/")
    assert '<html lang="es">' in confirmation.get_body(("html",)).get_content()
    page.goto(confirm_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirme su alerta de empleos")
    checked(page, axe, found, "confirm")
    page.get_by_role("button", name="Confirmar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Su alerta está activa")
    checked(page, axe, found, "confirmed")
    assert (the_alert(settings).status, the_alert(settings).language) == ("active", "es")

    new_id = crawl_new_posting(settings)
    report = send_alerts(settings)
    assert report.sent == 1
    [_, digest] = inbox.wait_for(2)
    assert digest["Subject"].startswith("1 empleo nuevo de apoyo entre pares: especialista de pares")
    text = digest.get_body(("plain",)).get_content()
    html = digest.get_body(("html",)).get_content()
    for part in (text, html):
        assert NEW_JOB in part and "Publicado hoy" in part and "$17.00–$20.00 por hora" in part
        assert "Cambiar la frecuencia, pausar o borrar esta alerta" in part and "Cancelar la suscripción" in part
    assert re.match(r"<!doctype html>\s*<html lang=\"es\">", html)
    links = re.findall(r"https?://\S+", text) + re.findall(r'href="([^"]+)"', html)
    assert f"{origin}/es/jobs/{new_id}" in links
    assert links and all(link.startswith(f"{origin}/es/") for link in links)

    page.goto(f"{origin}/es/jobs/{new_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_JOB)
    checked(page, axe, found, "the digest's posting")
    [manage_url] = [link for link in re.findall(r"https?://\S+", text) if "/alerts/manage/" in link]
    page.goto(manage_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Su alerta de empleos")
    checked(page, axe, found, "manage")
    [unsubscribe_url] = [link for link in re.findall(r"https?://\S+", text) if "/alerts/unsubscribe/" in link]
    page.goto(unsubscribe_url)
    checked(page, axe, found, "unsubscribe")
    page.get_by_role("button", name="Cancelar la suscripción").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Su suscripción está cancelada")
    checked(page, axe, found, "unsubscribed")
    page.goto("/es/alerts/confirm/not-a-token")
    expect(page.get_by_role("heading", level=1)).to_have_text("Este enlace no funciona")
    checked(page, axe, found, "broken link")
    assert found == {name: [] for name in found}
