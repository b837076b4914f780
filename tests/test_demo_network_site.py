"""The demo's sample peer network site: a plain page, served over HTTP, holding both widget
snippets exactly as the /widget page gives them; it does not move to a port off the network's list."""
from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

from foundation.settings import DEFAULT_NETWORKS_FILE
from indexer.taxonomy import load_taxonomy
from peerjobs.demo.network_site import HOST, NETWORK_ID, SPANISH_NETWORK_ID, NetworkSite, start_for_demo
from indexer.networks import load_networks
from webapp.widget.snippets import snippets

PUBLIC_URL = "http://127.0.0.1:5123"


@pytest.fixture(scope="module")
def network():
    found = load_networks(DEFAULT_NETWORKS_FILE, load_taxonomy()).get(NETWORK_ID)
    assert found is not None, f"config/networks.yaml lost {NETWORK_ID}"
    return found


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def test_the_page_holds_both_snippets_for_the_public_url(network):
    with NetworkSite(network, PUBLIC_URL, port=0) as site:
        assert site.port and site.url == f"http://{HOST}:{site.port}/"
        status, content_type, page = fetch(site.url)
        missing_status, _, _ = fetch(site.url + "careers/")
    assert status == 200 and content_type == "text/html; charset=utf-8"
    pasted = snippets(PUBLIC_URL, network)
    assert pasted.script in page and pasted.frame in page
    assert f'<script src="{PUBLIC_URL}/widget.js" data-network="{NETWORK_ID}" async></script>' in page
    assert f'src="{PUBLIC_URL}/embed?network={NETWORK_ID}"' in page
    assert page.count('<div id="peerjobs-widget"></div>') == 1
    assert "<title>Find peer-support work · Example Peer Network</title>" in page
    assert missing_status == 404


def test_stop_closes_the_port(network):
    site = NetworkSite(network, PUBLIC_URL, port=0).start()
    port = site.port
    site.stop()
    with pytest.raises(OSError), socket.create_connection((HOST, port), timeout=2):
        pass


def test_the_demo_says_so_when_the_listed_port_is_taken(tmp_path):
    lines: list[str] = []
    with socket.socket() as holder:
        holder.bind((HOST, 0))
        holder.listen()
        port = holder.getsockname()[1]
        networks_file = tmp_path / "networks.yaml"
        networks_file.write_text(DEFAULT_NETWORKS_FILE.read_text(encoding="utf-8").replace(
            "http://127.0.0.1:8090", f"http://127.0.0.1:{port}"), encoding="utf-8")
        site = start_for_demo(networks_file, PUBLIC_URL, lambda text, **_: lines.append(text), port=port)
    assert site is None and len(lines) == 1
    assert f"not started, port {port} is taken" in lines[0]
    assert f"http://127.0.0.1:{port}, http://localhost:8090" in lines[0]
    assert f"{PUBLIC_URL}/widget?network={NETWORK_ID}" in lines[0]


def test_the_demo_starts_it_on_a_listed_origin_only(tmp_path, network):
    lines: list[str] = []
    echo = lambda text, **_: lines.append(text)  # noqa: E731
    assert start_for_demo(DEFAULT_NETWORKS_FILE, PUBLIC_URL, echo, port=0) is None
    assert lines == [f"Sample peer network site: not started, {DEFAULT_NETWORKS_FILE} has no usable "
                     f"“{NETWORK_ID}” listing http://127.0.0.1:0."]
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    networks_file = tmp_path / "networks.yaml"
    networks_file.write_text(DEFAULT_NETWORKS_FILE.read_text(encoding="utf-8").replace(
        "http://127.0.0.1:8090", f"http://127.0.0.1:{port}"), encoding="utf-8")
    site = start_for_demo(networks_file, PUBLIC_URL, echo, port=port)
    try:
        assert site is not None and lines[-2].startswith(f"Sample peer network site: http://127.0.0.1:{port}/ ")
        assert snippets(PUBLIC_URL, network).frame in fetch(site.url)[2]
        assert lines[-1].startswith(f"Sample peer network site in Spanish: http://127.0.0.1:{port}/es/ ")
        status, _, spanish = fetch(site.spanish_url)
        assert status == 200 and '<html lang="es">' in spanish
        assert f'data-network="{SPANISH_NETWORK_ID}"' in spanish and f"embed?network={SPANISH_NETWORK_ID}" in spanish
        assert 'title="Empleos de apoyo entre pares de PeerJobs"' in spanish
    finally:
        if site is not None:
            site.stop()
