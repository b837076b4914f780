"""The widget in Spanish in Chromium at phone size: the demo's sample page for a network whose
preset is Spanish shows the Spanish widget in both forms (words, lang attributes, Spanish pay and
links to /es/ pages), data-lang="en" turns it back to English, and axe-core finds nothing serious
on the Spanish sample page or the Spanish frame."""
from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from foundation.settings import Settings
from indexer.networks import Network
from peerjobs.demo.network_site import page as sample_page
from tests.browser_support import live_server, seed_board, serious_violations
from tests.support.smtp import free_port
from tests.widget_support import PRESETS, host_page, host_site

PHONE = {"width": 390, "height": 844}
RED_ID = "red-de-pares"
RED_NAME = "Red de Pares de Ohio"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """PeerJobs with the sample board, and the network's site serving the demo's Spanish page."""
    folder = tmp_path_factory.mktemp("widget-browser-es")
    with host_site() as listed:
        network = {"id": RED_ID, "name": RED_NAME, "origins": [listed.origin], "filters": PRESETS,
                   "results": 5, "language": "es"}
        (folder / "networks.yaml").write_text(yaml.safe_dump({"networks": [network]}), encoding="utf-8")
        port = free_port()
        settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'store.db'}",
                            index_dir=folder / "index", public_url=f"http://127.0.0.1:{port}",
                            secret_key_value="widget-es-test", networks_file=folder / "networks.yaml")
        seed_board(settings)
        with live_server(settings, port) as origin:
            red = Network(id=RED_ID, name=RED_NAME, origins=(listed.origin,), language="es")
            listed.put("/es/", sample_page(red, origin))
            yield origin, listed


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(5000)
    yield context.new_page()
    context.close()


def test_the_sample_page_shows_the_widget_in_spanish_in_both_forms(phone, site):
    origin, listed = site
    phone.goto(listed.origin + "/es/")
    widget = phone.locator("#peerjobs-widget")
    expect(widget.locator("li")).to_have_count(5)
    expect(widget.get_by_role("heading", name="Empleos de apoyo entre pares")).to_be_visible()
    expect(widget.get_by_role("status").first).to_contain_text("empleos encontrados")
    assert widget.locator("[lang]").first.get_attribute("lang") == "es"
    expect(widget.get_by_role("button", name="Buscar", exact=True)).to_be_visible()
    expect(widget.get_by_text("por hora").first).to_be_visible()
    assert widget.get_by_role("link", name="Ver todos estos empleos en PeerJobs").get_attribute(
        "href").startswith(origin + "/es/jobs?")
    frame = phone.frame_locator("iframe.peerjobs-frame")
    expect(frame.locator("li")).to_have_count(5)
    expect(frame.get_by_role("button", name="Enviarme por correo empleos nuevos como estos")).to_be_visible()
    assert frame.locator("html").get_attribute("lang") == "es"


def test_a_spanish_job_opens_its_spanish_page(phone, site):
    origin, listed = site
    phone.goto(listed.origin + "/es/")
    expect(phone.locator("#peerjobs-widget li")).to_have_count(5)
    href = phone.locator("#peerjobs-widget li a").first.get_attribute("href")
    assert href.startswith(f"{origin}/embed/{RED_ID}/jobs/") and href.endswith("?lang=es")
    phone.goto(href)  # the click-through, then the posting
    expect(phone).to_have_url(re.compile(re.escape(origin + "/es/jobs/")))
    expect(phone.locator("html")).to_have_attribute("lang", "es")


def test_data_lang_turns_a_spanish_network_back_to_english(phone, site):
    origin, listed = site
    snippet = (f'<div id="peerjobs-widget"></div>\n'
               f'<script src="{origin}/widget.js" data-network="{RED_ID}" data-lang="en" async></script>')
    phone.goto(listed.put("/en.html", host_page(snippet)))
    widget = phone.locator("#peerjobs-widget")
    expect(widget.locator("li")).to_have_count(5)
    expect(widget.get_by_role("heading", name="Peer-support jobs")).to_be_visible()
    expect(widget.get_by_text("an hour").first).to_be_visible()
    assert widget.locator("[lang]").first.get_attribute("lang") == "en"


def test_an_unknown_network_asked_in_spanish_is_explained_in_spanish(phone, site):
    origin, listed = site
    snippet = (f'<div id="peerjobs-widget"></div>\n'
               f'<script src="{origin}/widget.js" data-network="nadie" data-lang="es" async></script>')
    phone.goto(listed.put("/nadie.html", host_page(snippet)))
    expect(phone.locator("#peerjobs-widget").get_by_role("status")).to_contain_text("PeerJobs no tiene ninguna red")


def test_axe_finds_nothing_serious_on_the_spanish_sample_page_or_frame(phone, site, axe_source):
    origin, listed = site
    found = {}
    for name, url in [("sample page", listed.origin + "/es/"), ("frame", f"{origin}/embed?network={RED_ID}")]:
        phone.goto(url)
        expect(phone.locator("#peerjobs-widget li")).to_have_count(5)
        phone.get_by_role("button", name="Enviarme por correo empleos nuevos como estos").click()
        expect(phone.get_by_label("Correo electrónico")).to_be_focused()
        found[name] = serious_violations(phone, axe_source)
    assert found == {"sample page": [], "frame": []}


def test_a_sign_up_from_the_spanish_widget_asks_for_spanish_emails(phone, site):
    origin, listed = site
    phone.goto(listed.origin + "/es/")
    sent = []
    phone.on("request", lambda request: sent.append(request.post_data_json) if request.method == "POST" else None)
    widget = phone.locator("#peerjobs-widget")
    widget.get_by_role("button", name="Enviarme por correo empleos nuevos como estos").click()
    widget.get_by_label("Correo electrónico").fill("ana@example.org")
    widget.get_by_role("button", name="Enviar correo de confirmación").click()
    expect(widget.get_by_text("Revise su correo")).to_be_visible()
    assert sent and sent[0]["language"] == "es" and "lang" not in sent[0]["search"]
