"""Single values of networks.yaml and of requests: network ids, site origins, accent colours."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?")
COLOUR_PATTERN = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_network_id(value: Any) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def origin_of(text: Any) -> str | None:
    """'https://Peers.example:443/' -> 'https://peers.example'; None for anything but an origin."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.username or parts.password:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or "*" in parts.hostname:
        return None
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS[parts.scheme] else "")


def site_origin(address: str) -> str | None:
    """The origin of a site's address, which may have a path (https://host/peerjobs)."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    return origin_of(f"{parts.scheme}://{parts.netloc}")


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of a #rgb or #rrggbb colour against white."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
