"""The public pages in Spanish at /es/...: the page's language, its hreflang alternates, the switch
on every public page, Spanish words, numbers, dates and pay; English pages stay as they were."""
from __future__ import annotations

import html as html_lib
import re
from datetime import date, timedelta

import pytest

from tests.support import folder_settings
from tests.test_webapp import AGENCY, fields, page
from tests.web_support import indexed_board, seed_postings
from webapp import create_app

OLD = date.today() - timedelta(days=90)
BOARD = {
    "dayton": fields(),
    "salaried": fields(title="Peer Recovery Coach", category="peer_recovery_coach", pay_unit="YEAR",
                       pay_min=42000.0, pay_max=50000.0, pay_hourly_min=20.19, pay_hourly_max=24.04,
                       employment_type="FULL_TIME", date_posted=OLD, url="https://agency.example/careers/2/"),
}
PUBLIC = ["/", "/jobs", "/jobs?q=peer&where=Dayton,+OH", "/roles/", "/roles/peer_specialist", "/pay",
          "/credentials/"]


@pytest.fixture(scope="module")
def ids(tmp_path_factory):
    settings = folder_settings(tmp_path_factory.mktemp("i18n-pages"))
    found = indexed_board(settings, lambda session: seed_postings(session, AGENCY, BOARD))
    return found | {"client": create_app(settings, TESTING=True).test_client()}


@pytest.fixture(scope="module")
def client(ids):
    return ids["client"]


def alternates(html: str) -> dict[str, str]:
    found = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html)
    return {code: html_lib.unescape(address) for code, address in found}


@pytest.mark.parametrize("url", PUBLIC)
def test_every_public_page_is_in_spanish_under_es_with_lang_es(client, url):
    html = page(client, "/es" + url)
    assert '<html lang="es">' in html
    assert "Saltar al contenido principal" in html and "Skip to main content" not in html


@pytest.mark.parametrize("url", PUBLIC)
def test_both_languages_name_each_other_with_hreflang_and_a_switch(client, url):
    english, spanish = page(client, url), page(client, "/es" + url)
    assert alternates(english) == alternates(spanish)
    assert set(alternates(english)) == {"en", "es"}
    assert alternates(english)["es"].startswith("http://localhost/es/")
    assert not alternates(english)["en"].startswith("http://localhost/es")
    assert re.search(r'<a class="language" href="http://localhost/es/[^"]*" hreflang="es" lang="es">Español</a>',
                     english)
    assert re.search(r'<a class="language" href="http://localhost/[^"]*" hreflang="en" lang="en">English</a>',
                     spanish)


def test_english_pages_keep_their_words_and_lang_en(client):
    html = page(client, "/")
    assert '<html lang="en">' in html and "Find peer-support jobs" in html and "Encuentre" not in html


def test_accept_language_offers_the_switch_and_never_redirects(client):
    response = client.get("/jobs", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert re.search(r'<p class="notice language-offer" lang="es"><a href="http://localhost/es/jobs"', html)
    assert "language-offer" not in page(client, "/jobs")
    spanish = client.get("/es/jobs", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "language-offer" not in spanish


def test_links_on_a_spanish_page_stay_spanish(client, ids):
    html = page(client, "/es/jobs?q=peer")
    assert 'action="/es/jobs"' in html
    assert f'href="/es/jobs/{ids["dayton"]}?back=' in html
    assert 'href="/es/roles/"' in html and 'href="/es/pay"' in html


def test_the_alternates_keep_the_search_and_drop_what_is_not_part_of_it(client, ids):
    html = page(client, f"/es/jobs/{ids['dayton']}?back=%2Fjobs%3Fq%3Dpeer")
    assert alternates(html) == {"en": f"http://localhost/jobs/{ids['dayton']}",
                                "es": f"http://localhost/es/jobs/{ids['dayton']}"}
    results = alternates(page(client, "/es/jobs?q=peer&where=Dayton,+OH"))
    assert results["en"] == "http://localhost/jobs?q=peer&where=Dayton,+OH"


def test_a_page_outside_the_public_ones_has_no_spanish_twin(client):
    assert client.get("/es/admin/").status_code == 404 and client.get("/es/api/v1/jobs").status_code == 404
    assert client.get("/es/alerts/new").status_code == 200  # the alert pages have theirs


def test_spanish_results_say_the_heading_pay_dates_and_hours_in_spanish(client, ids):
    html = page(client, "/es/jobs?q=peer&where=Dayton,+OH")
    assert re.search(r"<h1[^>]*>2 empleos de «peer» cerca de Dayton, OH, a 25 millas o menos</h1>", html)
    card = next(c for c in html.split('<li class="card">') if f'href="/es/jobs/{ids["dayton"]}?back=' in c)
    assert "$18.50–$21.00 por hora" in card and "Publicado hace 3 días" in card and "Medio tiempo" in card
    salaried = next(c for c in html.split('<li class="card">') if f'/es/jobs/{ids["salaried"]}?back=' in c)
    assert "$42,000–$50,000 al año" in salaried and "Tiempo completo" in salaried
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre"]
    assert f"Publicado el {OLD.day} de {months[OLD.month - 1]} de {OLD.year}" in salaried
    assert "Filtrar empleos" in html and "Más recientes" in html and "Tipo de puesto" in html


def test_spanish_empty_search_gives_its_advice_in_spanish(client):
    html = page(client, "/es/jobs?q=zebra")
    assert "No hay empleos" in html and "Puede probar esto:" in html and 'href="/es/jobs">Ver todos los empleos' in html


def test_a_chip_for_a_filter_in_force_is_one_spanish_phrase(client):
    html = page(client, "/es/jobs?q=peer&posted_within=7&min_hourly=18")
    assert "Publicado en la última semana" in html and "Al menos $18.00 por hora" in html


def test_the_spanish_posting_page_and_its_fact_box(client, ids):
    html = page(client, f"/es/jobs/{ids['salaried']}")
    assert '<html lang="es">' in html
    assert "<dt>Sueldo</dt><dd>$20.19–$24.04 por hora ($42,000–$50,000 al año)</dd>" in html
    assert "<dt>Horas</dt><dd>Tiempo completo</dd>" in html and "<dt>Horario</dt><dd>No lo indica</dd>" in html
    assert "<dt>Recuperación</dt><dd>No indica un mínimo</dd>" in html
    assert "Solicitar en el sitio del empleador" in html and "Compartir este empleo" in html
    assert 'href="/es/">Buscar otros empleos</a>' in html


def test_the_english_posting_page_keeps_its_fact_box(client, ids):
    html = page(client, f"/jobs/{ids['salaried']}")
    assert "<dt>Pay</dt><dd>$20.19–$24.04 an hour ($42,000–$50,000 a year)</dd>" in html
    assert "<dt>Hours</dt><dd>Full-time</dd>" in html and "Apply on the employer’s site" in html


def test_the_roles_and_their_names_are_in_spanish(client):
    roles = page(client, "/es/roles/")
    assert "<h1>Tipos de trabajo de apoyo entre pares</h1>" in roles
    assert ">Especialista de apoyo entre pares</a>" in roles and "1 empleo abierto ahora" in roles
    assert "No hay empleos abiertos ahora" in roles
    role = page(client, "/es/roles/peer_specialist")
    assert "<h1>Especialista de apoyo entre pares</h1>" in role and "Ver el empleo abierto ahora" in role
    results = page(client, "/es/jobs?category=peer_specialist")
    assert "Especialista de apoyo entre pares" in results and "Peer specialist" not in results
    assert "1 job open now" in page(client, "/roles/") and "<h1>Peer specialist</h1>" in page(
        client, "/roles/peer_specialist")


def test_a_remote_job_says_where_in_spanish_on_its_card_and_page(tmp_path):
    settings = folder_settings(tmp_path)
    found = indexed_board(settings, lambda session: seed_postings(session, AGENCY, {
        "remote": fields(city=None, postal_code=None, latitude=None, longitude=None, remote=True)}))
    client = create_app(settings, TESTING=True).test_client()
    assert '<li class="where">Remoto, para personas en Ohio</li>' in page(client, "/es/jobs")
    assert "<dd>Remoto, para personas en Ohio</dd>" in page(client, f"/es/jobs/{found['remote']}")
    assert '<li class="where">Remote, for people in Ohio</li>' in page(client, "/jobs")


def test_the_pay_page_and_a_spanish_not_found_page(client):
    pay = page(client, "/es/pay")
    assert "<h1>Cuánto pagan los empleos de apoyo entre pares</h1>" in pay and "Sueldo medio" in pay
    missing = page(client, "/es/no-such-page", 404)
    assert '<html lang="es">' in missing and "No encontramos esa página" in missing and 'href="/es/"' in missing
    assert "We could not find that page" in page(client, "/no-such-page", 404)
    assert "No encontramos esa página" in page(client, "/es/jobs/2147483647", 404)


def test_a_states_credentials_page_in_spanish(client):
    states = page(client, "/es/credentials/")
    code = re.search(r'href="/es/credentials/([a-z]{2})"', states).group(1)
    html = page(client, f"/es/credentials/{code}")
    assert '<html lang="es">' in html and "<dt>La otorga</dt>" in html and "Empleos abiertos en" in html
    assert 'href="/es/credentials/">Credenciales de apoyo entre pares en otros estados</a>' in html
    assert client.get(f"/es/credentials/{code.upper()}").headers["Location"].endswith(f"/es/credentials/{code}")


def test_the_sitemap_names_the_spanish_pages_and_robots_keeps_spanish_results_out(client):
    sitemap = page(client, "/sitemap.xml")
    assert "<loc>http://localhost/es/</loc>" in sitemap and "<loc>http://localhost/es/roles/peer_specialist</loc>" in sitemap
    assert "<loc>http://localhost/</loc>" in sitemap
    robots = page(client, "/robots.txt").splitlines()
    assert "Disallow: /es/jobs?" in robots and "Disallow: /jobs?" in robots


def test_a_not_found_posting_names_no_alternates(client):
    html = page(client, "/es/jobs/2147483647", 404)
    assert not alternates(html) and 'rel="canonical"' not in html


def test_the_employers_english_on_a_spanish_page_is_marked_english(client, ids):
    assert '<div class="description" lang="en">' in page(client, f"/es/jobs/{ids['dayton']}")
    assert '<div class="description">' in page(client, f"/jobs/{ids['dayton']}")
