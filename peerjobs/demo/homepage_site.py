"""One invented agency's website: a request in, a page out (the organization's YAML entry).

Pages are the homepage (nav, footer, `home` HTML), `pages:` by exact path, the `jobs:` pages
(homepage_jobs.py), robots.txt, sitemap.xml from `sitemap:`, and a tiny image for any image
path. `{site}` and `{board:FOLDER}` in any text are filled in by the world (homepages.py).
A page entry is one of:

    {title, html, status}          a page in the site's layout (status default 200)
    {redirect: PATH, status: 302}  a redirect
    {pdf: TITLE}                   a PDF document
    {auth: basic}                  401 asking for a password
    {huge_mb: N}                   a page of about N megabytes
    {body, content_type, status, headers}   a raw answer, no layout
"""
from __future__ import annotations

from typing import Callable

from jinja2 import Environment

from peerjobs.demo import homepage_jobs as jobs_pages
from peerjobs.demo.boards import Request

Answer = tuple[int, dict[str, str], bytes]
HTML = "text/html; charset=UTF-8"
DEFAULT_ROBOTS = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
PIXEL = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
         b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
IMAGE_ENDINGS = (".png", ".gif", ".jpg", ".jpeg", ".svg", ".webp")
#: The kinds of page entry, by the key that marks them; an entry with none of them is "html".
PAGE_KINDS = ("redirect", "pdf", "auth", "body", "huge_mb")


def pdf_document(title: str) -> bytes:
    """A one-page PDF whose only text is the title (an employment application, say)."""
    text = title.replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
            + f"4 0 obj<</Length {len(stream)}>>stream\n".encode() + stream
            + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def sitemap_xml(base: str, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


class HomepageSite:
    def __init__(self, org: dict, base: str, fill: Callable[[str], str], env: Environment) -> None:
        self.org, self.base, self.fill, self.env = org, base, fill, env
        self.jobs = org.get("jobs")
        self.postings = {jobs_pages.posting_path(self.jobs, item): item
                         for item in (self.jobs or {}).get("items", [])}

    def respond(self, request: Request) -> Answer:
        if self.org.get("down"):
            return self._down(int(self.org["down"]))
        path = request.path
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, self.fill(
                self.org.get("robots", DEFAULT_ROBOTS)).encode()
        if path == "/sitemap.xml" and self.org.get("sitemap"):
            return 200, {"Content-Type": "application/xml"}, sitemap_xml(self.base, self.org["sitemap"]).encode()
        if path.lower().endswith(IMAGE_ENDINGS):
            return 200, {"Content-Type": "image/gif"}, PIXEL
        if path == "/" and "job_feed" in request.query.get("feed", []) and self._has_feed():
            return self._feed()
        return self._page(path) or self._jobs_page(path) or self._slash_redirect(path) or self._not_found()

    def _down(self, status: int) -> Answer:
        headers = {"Content-Type": HTML, **({"Retry-After": "3600"} if status == 503 else {})}
        return status, headers, f"<html><body><h1>{status}</h1><p>Service unavailable.</p></body></html>".encode()

    def _page(self, path: str) -> Answer | None:
        if path == "/":
            return self._layout(self.org.get("home", ""), title="", status=200)
        spec = (self.org.get("pages") or {}).get(path)
        if spec is None:
            return None
        kind = next((kind for kind in PAGE_KINDS if kind in spec), "html")
        return getattr(self, f"_{kind}_page")(spec)

    def _redirect_page(self, spec: dict) -> Answer:
        return int(spec.get("status", 302)), {"Location": self.fill(spec["redirect"]), "Content-Type": HTML}, b""

    def _pdf_page(self, spec: dict) -> Answer:
        return 200, {"Content-Type": "application/pdf"}, pdf_document(spec["pdf"])

    def _auth_page(self, spec: dict) -> Answer:
        return 401, {"WWW-Authenticate": 'Basic realm="Staff intranet"', "Content-Type": HTML}, \
            b"<html><body><h1>401 Authorization Required</h1></body></html>"

    def _body_page(self, spec: dict) -> Answer:
        headers = {"Content-Type": spec.get("content_type", HTML), **(spec.get("headers") or {})}
        return int(spec.get("status", 200)), headers, self.fill(spec["body"]).encode()

    def _huge_mb_page(self, spec: dict) -> Answer:
        filler = "<p>" + "Recovery is possible. " * 40 + "</p>\n"
        html = self.fill(spec.get("html", "")) + filler * int(spec["huge_mb"] * 1024 * 1024 / len(filler))
        return self._layout(html, title=spec.get("title", ""), status=200, fill=False)

    def _html_page(self, spec: dict) -> Answer:
        return self._layout(spec.get("html", ""), title=spec.get("title", ""), status=int(spec.get("status", 200)))

    def _jobs_page(self, path: str) -> Answer | None:
        if not self.jobs:
            return None
        if path == self.jobs["listing"]:
            return self._layout(jobs_pages.listing_html(self.org, self.base), title="Careers", status=200)
        if self._has_feed() and path == self.jobs["feed"]:
            return self._feed()
        item = self.postings.get(path)
        if item is None:
            return None
        head = jobs_pages.jsonld_script(jobs_pages.job_posting(self.org, item, self.base)) \
            if self.jobs["style"] == "jsonld" else ""
        return self._layout(jobs_pages.posting_html(self.org, item), title=item["title"], status=200, head=head)

    def _has_feed(self) -> bool:
        return bool(self.jobs and self.jobs.get("feed"))

    def _feed(self) -> Answer:
        return 200, {"Content-Type": "application/rss+xml; charset=UTF-8"}, \
            jobs_pages.rss_feed(self.org, self.base).encode()

    def _slash_redirect(self, path: str) -> Answer | None:
        if path.endswith("/") or (path + "/") not in (self.org.get("pages") or {}):
            return None
        return 301, {"Location": self.base + path + "/", "Content-Type": HTML}, b""

    def _not_found(self) -> Answer:
        return self._layout("<h1>Page not found</h1><p>Sorry, that page is not here.</p>",
                            title="Page not found", status=404)

    def _layout(self, content: str, title: str, status: int, head: str = "", fill: bool = True) -> Answer:
        alternates = [{"title": "Jobs Feed", "href": self.base + self.jobs["feed"]}] if self._has_feed() else []
        body = self.env.get_template("homepages/page.html").render(
            org=self.org, base=self.base, title=title, head=head, alternates=alternates,
            content=self.fill(content) if fill else content,
            nav=self._links("nav"), footer=self._links("footer"))
        return status, {"Content-Type": HTML}, body.encode("utf-8")

    def _links(self, where: str) -> list[dict]:
        return [{key: self.fill(str(value)) for key, value in link.items()}
                for link in self.org.get(where) or []]
