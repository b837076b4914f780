"""A sample peer network's website for the demo: one plain page holding both widget snippets,
exactly as the /widget page gives them, served on loopback from an origin that
config/networks.yaml lists for the network.

    site = NetworkSite(network, public_url="http://127.0.0.1:5000").start()
    ...  # open site.url in a browser
    site.stop()

The page is served from the network's own address (its origin is on the network's list), so the
widget there gets jobs; served anywhere else it would show a message instead. A second page,
/es/, does the same for the sample Spanish-speaking network (its preset says `language: es`).
"""
from __future__ import annotations

from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from peerjobs.background_server import BackgroundServer
from indexer.networks import Network
from webapp.widget.snippets import snippets

HOST = "127.0.0.1"
#: config/networks.yaml lists http://127.0.0.1:8090 and http://localhost:8090 for this network.
PORT = 8090
NETWORK_ID = "example-peer-network"
#: The sample network in Spanish, on the same origins: its page is /es/.
SPANISH_NETWORK_ID = "red-ejemplo-de-pares"
SPANISH_PATH = "/es/"

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {name}</title>
<style>
body{{font-family:Georgia,serif;max-width:48rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1f2933}}
header{{border-bottom:2px solid #1f2933;margin-bottom:1rem}} code{{overflow-wrap:anywhere}}
</style>
</head>
<body>
<header><p><strong>{name}</strong> · {tagline}</p></header>
<main>
<h1>{title}</h1>
{intro}
<h2>{with_script}</h2>
{script}
<h2>{in_frame}</h2>
{frame}
</main>
</body>
</html>
"""

#: The page's own words, by the network's language.
WORDS = {
    "en": dict(lang="en", title="Find peer-support work", tagline="a sample peer network's own website",
               with_script="With the script", in_frame="In a frame",
               intro="""<p>This page holds PeerJobs' two embed snippets as the widget page gives them
(<code>{generator}</code>). Jobs open on PeerJobs in a new tab.</p>"""),
    "es": dict(lang="es", title="Encuentre trabajo de apoyo entre pares",
               tagline="el sitio web de una red de pares de ejemplo", with_script="Con el script", in_frame="En un marco",
               intro="""<p>Esta página tiene los dos códigos de PeerJobs tal como los da la página del widget
(<code lang="en">{generator}</code>). La red tiene el español en su configuración, así que la
búsqueda sale en español. Los empleos se abren en PeerJobs en una pestaña nueva.</p>"""),
}


def page(network: Network, public_url: str) -> str:
    """The network's page with both snippets pasted in, pointing at PeerJobs at `public_url`
    (in Spanish for a network whose language is Spanish)."""
    pasted = snippets(public_url, network)
    generator = f"{public_url.rstrip('/')}/widget?network={network.id}"
    words = WORDS["es" if network.language == "es" else "en"]
    return PAGE.format(**{**words, "intro": words["intro"].format(generator=escape(generator))},
                       name=escape(network.name), script=pasted.script, frame=pasted.frame)


def _handler(pages: dict[str, bytes]):
    class Page(BaseHTTPRequestHandler):
        server_version = "PeerNetworkSite/1.0"
        sys_version = ""

        def do_GET(self) -> None:
            self._send(with_body=True)

        def do_HEAD(self) -> None:
            self._send(with_body=False)

        def _send(self, with_body: bool) -> None:
            path = self.path.split("?", 1)[0]
            body = pages.get("/" if path == "/index.html" else path)
            found = body is not None
            data = body if found else b"Not found\n"
            self.send_response(HTTPStatus.OK if found else HTTPStatus.NOT_FOUND)
            self.send_header("Content-Type", "text/html; charset=utf-8" if found else "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if with_body:
                self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:
            """Quiet: the demo prints its own summary."""

    return Page


class NetworkSite:
    """The page on HOST:port (0: a free port) in a daemon thread."""

    def __init__(self, network: Network, public_url: str, port: int = PORT, spanish: Network | None = None) -> None:
        self.network, self.public_url, self.port, self.spanish = network, public_url, port, spanish
        self._serving: BackgroundServer | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    @property
    def spanish_url(self) -> str | None:
        return f"http://{HOST}:{self.port}{SPANISH_PATH}" if self.spanish else None

    def start(self) -> "NetworkSite":
        pages = {"/": page(self.network, self.public_url).encode("utf-8")}
        if self.spanish is not None:
            pages[SPANISH_PATH] = page(self.spanish, self.public_url).encode("utf-8")
        self._serving = BackgroundServer(ThreadingHTTPServer((HOST, self.port), _handler(pages)), name="network-site")
        self.port = self._serving.port
        return self

    def stop(self) -> None:
        if self._serving is not None:
            self._serving.stop()

    def __enter__(self) -> "NetworkSite":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


def start_for_demo(networks_file: Path, public_url: str, echo: Callable[..., None],
                   port: int = PORT) -> NetworkSite | None:
    """The sample network's site on its listed port, or None with the reason said: on any other
    port its origin would not be on the network's list and the widget would show no jobs."""
    from indexer.taxonomy import load_taxonomy
    from indexer.networks import load_networks

    networks = load_networks(Path(networks_file), load_taxonomy())
    network, spanish = networks.get(NETWORK_ID), networks.get(SPANISH_NETWORK_ID)
    origin = f"http://{HOST}:{port}"
    spanish = spanish if spanish is not None and origin in spanish.origins else None
    if network is None or origin not in network.origins:
        echo(f"Sample peer network site: not started, {networks_file} has no usable “{NETWORK_ID}” "
             f"listing {origin}.")
        return None
    try:
        site = NetworkSite(network, public_url, port=port, spanish=spanish).start()
    except OSError as error:
        echo(f"Sample peer network site: not started, port {port} is taken ({error.strerror or error}). "
             f"The widget answers only the sites listed for {NETWORK_ID} ({', '.join(network.origins)}), "
             f"so it cannot move to a free port: free {port} and start the demo again. "
             f"The snippets are at {public_url}/widget?network={NETWORK_ID}.")
        return None
    echo(f"Sample peer network site: {site.url} embeds the search both ways, as a script and in a frame "
         f"(snippets: {public_url}/widget?network={NETWORK_ID}).")
    if site.spanish_url:
        echo(f"Sample peer network site in Spanish: {site.spanish_url} shows the widget in Spanish "
             f"({SPANISH_NETWORK_ID}).")
    return site
