"""The two snippets a network pastes into its site, as text for the snippet page."""
from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from indexer.networks import Network
from indexer.network_values import site_origin

#: The frame's title (what a screen reader announces), in the network's language; the host page
#: is the network's, outside PeerJobs' pages and catalog, so the snippet carries it as text.
FRAME_TITLES = {"en": "Peer-support jobs from PeerJobs", "es": "Empleos de apoyo entre pares de PeerJobs"}
#: The frame's height until the widget tells the page its own.
FRAME_HEIGHT = 640
#: Resizes the frame that sent the message; nothing else from PeerJobs runs on the host page.
RESIZER = ('<script>addEventListener("message",function(e){{if(e.origin!=={origin}||!e.data||'
           'e.data.type!=="peerjobs:height")return;for(var f of document.querySelectorAll("iframe.peerjobs-frame"))'
           'if(f.contentWindow===e.source)f.height=String(Math.min(Math.max(+e.data.height||0,200),5000))}});</script>')


@dataclass(frozen=True)
class Snippets:
    script: str
    frame: str


def snippets(public_url: str, network: Network) -> Snippets:
    base, network_id = public_url.rstrip("/"), escape(network.id)
    script = (f'<div id="peerjobs-widget"></div>\n'
              f'<script src="{escape(base)}/widget.js" data-network="{network_id}" async></script>')
    frame = (f'<iframe class="peerjobs-frame" src="{escape(base)}/embed?network={network_id}" '
             f'title="{FRAME_TITLES[network.language]}" width="100%" height="{FRAME_HEIGHT}" '
             f'frameborder="0"></iframe>\n' + RESIZER.format(origin=json.dumps(site_origin(base) or base)))
    return Snippets(script=script, frame=frame)
