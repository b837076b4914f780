"""The widget in Spanish through the real app, store and index: a network whose preset says
`language: es` gets Spanish words, formats and /es/ links in its JSON, its frame and its script;
the site's `lang` (data-lang, &lang=) overrides the preset either way; a bad `lang` is refused."""
from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.test_openapi import CheckedClient
from tests.test_widget_api import OHIO, SITE, client_of, get_json, seed_wide_board, widget_settings
from webapp import create_app
from webapp.widget.words import script_messages

RED = OHIO | {"id": "red-ohio", "name": "Red de Pares de Ohio", "language": "es"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    settings = widget_settings(tmp_path_factory.mktemp("widget-es"), networks=[OHIO, RED])
    board = seed_wide_board(settings)
    app = create_app(settings, TRUSTED_HOSTS=["jobs.example", "localhost"])
    app.extensions["test_board"] = board
    return app


@pytest.fixture
def api(app) -> CheckedClient:
    return CheckedClient(client_of(app))


def test_a_spanish_network_gets_its_presets_in_spanish_with_links_to_the_spanish_pages(api):
    presets = get_json(api, "/api/v1/networks/red-ohio")
    assert presets["language"] == "es"
    assert presets["categories"] == [{"id": "peer_specialist", "label": "Especialista de apoyo entre pares"},
                                     {"id": "peer_recovery_coach", "label": "Coach de recuperación"}]
    assert presets["links"]["site"].startswith("/es/jobs?state=OH&category=peer_specialist")
    assert presets["links"]["jobs"] == "/api/v1/networks/red-ohio/jobs"   # the API's own paths stay


def test_a_spanish_networks_jobs_say_pay_dates_and_places_in_spanish(api, app):
    found = get_json(api, "/api/v1/networks/red-ohio/jobs?q=part-time")
    [job] = found["jobs"]
    job_id = app.extensions["test_board"]["coach_part_time"]
    assert (job["pay"], job["posted"], job["place"]) == ("$18.50–$21.00 por hora", "Publicado hace 2 días",
                                                          "Dayton, OH")
    assert (job["pay_hourly_min"], job["title"]) == (18.5, "Peer Recovery Coach (Part-time)")  # data as it is
    assert job["url"] == f"/embed/red-ohio/jobs/{job_id}?lang=es"
    assert found["links"]["html"].startswith("/es/jobs?q=part-time")
    [remote] = get_json(api, "/api/v1/networks/red-ohio/jobs?where=&remote=true")["jobs"]
    assert remote["place"] == "Remoto, para personas en Ohio"


def test_the_next_page_keeps_the_language(api):
    first = get_json(api, "/api/v1/networks/red-ohio/jobs?where=")
    assert first["pages"] > 1
    assert parse_qs(urlsplit(first["links"]["next"]).query)["lang"] == ["es"]
    second = get_json(api, first["links"]["next"])
    assert second["page"] == 2 and "por hora" in " ".join(job["pay"] for job in second["jobs"] if job["pay"])


@pytest.mark.parametrize("path, language, words", [
    ("/api/v1/networks/red-ohio?lang=en", "en", "Peer specialist"),
    ("/api/v1/networks/ohio-peers?lang=es", "es", "Especialista de apoyo entre pares"),
    ("/api/v1/networks/ohio-peers", "en", "Peer specialist"),
])
def test_the_sites_lang_overrides_the_preset(api, path, language, words):
    presets = get_json(api, path)
    assert presets["language"] == language and presets["categories"][0]["label"] == words
    assert presets["links"]["site"].startswith("/es/jobs" if language == "es" else "/jobs")


def test_the_sites_lang_overrides_the_preset_for_jobs_too(api):
    [job] = get_json(api, "/api/v1/networks/red-ohio/jobs?q=part-time&lang=en")["jobs"]
    assert job["pay"] == "$18.50–$21.00 an hour" and "lang" not in job["url"]
    [job] = get_json(api, "/api/v1/networks/ohio-peers/jobs?q=part-time&lang=es")["jobs"]
    assert job["posted"] == "Publicado hace 2 días"


@pytest.mark.parametrize("path", ["/api/v1/networks/red-ohio?lang=fr", "/api/v1/networks/red-ohio/jobs?lang=ES",
                                  "/api/v1/networks/red-ohio/jobs?lang=es&lang=en"])
def test_a_language_the_widget_does_not_speak_is_refused(api, path):
    error = get_json(api, path, status=400)["error"]
    assert error["code"] == "invalid_parameters" and error["details"]


def test_a_spanish_click_through_opens_the_spanish_posting_page(app):
    job_id = app.extensions["test_board"]["coach_part_time"]
    answer = client_of(app).get(f"/embed/red-ohio/jobs/{job_id}?lang=es")
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/es/jobs/{job_id}")
    english = client_of(app).get(f"/embed/red-ohio/jobs/{job_id}?lang=xx")
    assert english.headers["Location"].endswith(f"/jobs/{job_id}") and "/es/" not in english.headers["Location"]


@pytest.mark.parametrize("path, language", [
    ("/embed?network=red-ohio", "es"), ("/embed?network=red-ohio&lang=en", "en"),
    ("/embed?network=ohio-peers&lang=es", "es"), ("/embed?network=ohio-peers", "en"),
    ("/embed?network=ohio-peers&lang=fr", "en")])
def test_the_frame_speaks_the_presets_language_unless_the_site_asks_for_the_other(app, path, language):
    text = client_of(app).get(path).get_data(as_text=True)
    assert f'<html lang="{language}">' in text and f'data-lang="{language}"' in text
    title = re.search(r"<title>(.*?)</title>", text).group(1)
    assert title.startswith("Empleos de apoyo entre pares para" if language == "es" else "Peer-support jobs for")
    noscript = re.search(r"<noscript>(.*?)</noscript>", text, re.S).group(1)
    assert ('href="/es/jobs?state=OH' in noscript) == (language == "es")


def test_a_broken_frame_asked_in_spanish_says_so_in_spanish(app):
    text = html.unescape(client_of(app).get("/embed?network=nadie&lang=es").get_data(as_text=True))
    assert '<html lang="es">' in text and "La búsqueda de empleos no se puede mostrar aquí" in text
    assert "PeerJobs no tiene ninguna red “nadie”" in text and 'href="/es/"' in text


def served_words(app) -> dict:
    script = client_of(app).get("/widget.js").get_data(as_text=True)
    return json.loads(re.search(r"const WORDS=(\{.*?\});", script).group(1))


def test_the_served_script_holds_spanish_for_every_word_it_marks(app):
    from webapp.widget.views import SCRIPT
    marked = script_messages(SCRIPT.read_text(encoding="utf-8"))
    spanish = served_words(app)["es"]
    assert len(marked) > 30 and set(spanish) == {m[0] if isinstance(m, tuple) else m for m in marked}
    assert all(spanish[key] and spanish[key] != key for key in spanish)
    assert spanish["Peer-support jobs"] == "Empleos de apoyo entre pares"
    assert spanish["%(num)s job found"] == ["%(num)s empleo encontrado", "%(num)s empleos encontrados"]


def test_api_errors_speak_the_callers_language_and_keep_their_code(api):
    asked = {"Origin": SITE, "Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}
    spanish = api.get("/api/v1/networks/nadie", headers=asked)
    english = api.get("/api/v1/networks/nadie", headers={"Origin": SITE})
    assert spanish.status_code == english.status_code == 404
    assert spanish.get_json()["error"]["code"] == english.get_json()["error"]["code"] == "unknown_network"
    assert spanish.get_json()["error"]["message"].startswith("PeerJobs no tiene ninguna red “nadie”")
    assert english.get_json()["error"]["message"].startswith("PeerJobs has no network “nadie”")
    assert (spanish.headers["Content-Language"], english.headers["Content-Language"]) == ("es", "en")
    assert "Accept-Language" in spanish.headers.get_all("Vary")
