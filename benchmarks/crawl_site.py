"""A fast loopback careers site for the crawl benchmark: pre-rendered pages, keep-alive HTTP/1.1.

Pages are rendered once into memory and served by a small asyncio server in its own
process, so the crawler, not the site, sets the pace.
"""
from __future__ import annotations

import asyncio
import json
import multiprocessing
from datetime import date, timedelta
from html import escape

from benchmarks.synthetic import postings

NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


def posting_page(number: int, fields: dict) -> str:
    block = {
        "@context": "https://schema.org", "@type": "JobPosting", "identifier": f"job-{number}",
        "title": fields["title"], "description": fields["description_html"],
        "datePosted": (fields.get("date_posted") or date.today() - timedelta(days=3)).isoformat(),
        "employmentType": fields["employment_type"],
        "hiringOrganization": {"@type": "Organization", "name": fields["employer"]},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": fields["city"], "addressRegion": fields["state"],
            "postalCode": fields["postal_code"], "addressCountry": "US"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": {
            "@type": "QuantitativeValue", "minValue": fields["pay_min"], "maxValue": fields["pay_max"],
            "unitText": "HOUR"}},
    }
    return (f"<!doctype html><html><head><title>{escape(fields['title'])}</title>"
            f'<script type="application/ld+json">{json.dumps(block)}</script></head>'
            f"<body><nav><a href=\"/\">Home</a> <a href=\"/careers/\">Careers</a></nav>"
            f"<h1>{escape(fields['title'])}</h1>{fields['description_html']}"
            f'<p><a href="/apply/{number}">Apply</a></p></body></html>')


def listing_page(numbers: list[int], titles: dict[int, str], page: int, pages: int) -> str:
    links = "".join(f'<li><a href="/careers/job-{n}/">{escape(titles[n])}</a></li>' for n in numbers)
    next_link = f'<a rel="next" href="/careers/?page={page + 1}">Next</a>' if page < pages else ""
    return f"<!doctype html><html><body><h1>Careers</h1><ul>{links}</ul>{next_link}</body></html>"


def render_site(first: int, count: int, per_page: int) -> dict[str, bytes]:
    """Path -> full HTTP response, for postings first .. first+count-1."""
    pages: dict[str, str] = {"/robots.txt": "User-agent: *\nAllow: /\n"}
    titles = {}
    for offset, (_, fields) in enumerate(postings(count, seed=first + 7)):
        number = first + offset
        titles[number] = fields["title"]
        pages[f"/careers/job-{number}/"] = posting_page(number, fields)
    numbers = sorted(titles)
    total_pages = max(1, -(-len(numbers) // per_page))
    for page in range(1, total_pages + 1):
        chunk = numbers[(page - 1) * per_page: page * per_page]
        path = "/careers/" if page == 1 else f"/careers/?page={page}"
        pages[path] = listing_page(chunk, titles, page, total_pages)
    return {path: _response(body) for path, body in pages.items()}


def _response(body: str) -> bytes:
    data = body.encode("utf-8")
    kind = "text/plain" if body.startswith("User-agent") else "text/html; charset=utf-8"
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {len(data)}\r\n"
            f"Connection: keep-alive\r\n\r\n").encode() + data


async def _serve(sites: list[dict[str, bytes]], ready, host: str) -> None:
    servers = []
    for responses in sites:
        async def handle(reader, writer, responses=responses):
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    path = head.split(b" ", 2)[1].decode("latin-1")
                    writer.write(responses.get(path, NOT_FOUND))
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError, IndexError):
                writer.close()
        servers.append(await asyncio.start_server(handle, host, 0))
    ready.send([server.sockets[0].getsockname()[1] for server in servers])
    await asyncio.Event().wait()


def _run(size: int, sites: int, per_page: int, host: str, ready) -> None:
    share = -(-size // sites)
    rendered = [render_site(index * share, min(share, size - index * share), per_page) for index in range(sites)]
    asyncio.run(_serve(rendered, ready, host))


class BenchSites:
    """`size` postings split over `sites` sites, each on its own port, served from a child process."""

    def __init__(self, size: int, sites: int = 1, per_page: int = 50, host: str = "127.0.0.1") -> None:
        self.size, self.sites, self.per_page, self.host = size, sites, per_page, host
        self.ports: list[int] = []
        self._process = None

    def __enter__(self) -> "BenchSites":
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, daemon=True,
                                        args=(self.size, self.sites, self.per_page, self.host, send))
        self._process.start()
        if not receive.poll(300):
            raise RuntimeError("the benchmark site did not start")
        self.ports = receive.recv()
        return self

    def __exit__(self, *exc) -> None:
        self._process.terminate()
        self._process.join(10)

    def urls(self) -> list[str]:
        return [f"http://{self.host}:{port}/careers/" for port in self.ports]
