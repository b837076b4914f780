"""Requests to private, loopback or link-local addresses, or to non-web schemes, are refused."""
from __future__ import annotations

import asyncio

import pytest
from scrapy import Request

from crawlers.network_guard import (
    NetworkGuardMiddleware, RequestRefused, private_networks_allowed, refusal_for_address,
    refusal_for_scheme,
)
from peerjobs.demo.boards import BoardServer
from tests.crawl_support import crawl_entries, runs_and_postings, write_board


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.20", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
    ("100.64.0.1", "not a public"), ("fd00::1", "private"), ("[::1]", "loopback"),
    ("2002:a9fe:a9fe::1", "link-local"), ("2002:7f00:1::", "loopback"), ("2002:c0a8:0101::5", "private"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"), ("2001::a9fe:a9fe", "Teredo"),
    ("::a9fe:a9fe", "link-local"), ("::ffff:a9fe:a9fe", "link-local"), ("64:ff9b::a9fe:a9fe", "link-local"),
    ("64:ff9b::10.0.0.1", "private"),
])
def test_internal_addresses_are_refused(address, kind):
    assert kind in refusal_for_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111",
                                     "2002:0808:0808::1", "64:ff9b::8.8.8.8"])
def test_public_addresses_pass(address):
    assert refusal_for_address(address) is None


@pytest.mark.parametrize("url, refused", [
    ("file:///etc/passwd", True), ("data:text/html,<h1>x</h1>", True), ("ftp://files.example/a", True),
    ("s3://bucket/key", True), ("gopher://x.example/", True), ("javascript:alert(1)", True),
    ("http://agency.example/careers/", False), ("HTTPS://agency.example/", False),
])
def test_only_web_schemes_are_fetched(url, refused):
    assert (refusal_for_scheme(url) is not None) is refused


@pytest.mark.parametrize("value, allowed", [("1", True), (" 1 ", True), ("0", False), ("yes", False), ("", False)])
def test_only_the_exact_switch_allows_private_networks(value, allowed):
    assert private_networks_allowed({"PEERJOBS_ALLOW_PRIVATE_NETWORKS": value}) is allowed
    assert private_networks_allowed({}) is False


def check(guard: NetworkGuardMiddleware, request: Request) -> None:
    asyncio.run(guard.process_request(request))


def test_a_redirect_hop_to_an_internal_address_is_refused_and_named():
    guard = NetworkGuardMiddleware(allow_private=False, allowed_hosts=frozenset())
    hop = Request("http://169.254.169.254/latest/meta-data/",
                  meta={"redirect_urls": ["https://agency.example/careers/"]})
    with pytest.raises(RequestRefused, match=r"\(a redirect\).*link-local"):
        check(guard, hop)


def test_the_switch_and_the_allowed_list_let_loopback_through():
    check(NetworkGuardMiddleware(allow_private=True, allowed_hosts=frozenset()), Request("http://127.0.0.1/"))
    check(NetworkGuardMiddleware(allow_private=False, allowed_hosts=frozenset({"127.0.0.1"})),
          Request("http://127.0.0.1/"))
    with pytest.raises(RequestRefused):
        check(NetworkGuardMiddleware(allow_private=True, allowed_hosts=frozenset()), Request("ftp://127.0.0.1/"))


def test_a_crawl_without_the_switch_fetches_nothing_from_loopback(tmp_path, sqlite_settings, monkeypatch):
    monkeypatch.delenv("PEERJOBS_ALLOW_PRIVATE_NETWORKS", raising=False)
    with BoardServer(write_board(tmp_path / "board", [])) as board:
        crawl_entries([board.source()], sqlite_settings)
    runs, postings = runs_and_postings(sqlite_settings)
    assert board.requests == [] and postings == []
    assert runs[0].status == "failed" and "127.0.0.1 is a loopback address" in runs[0].message


def test_a_redirect_into_a_private_address_is_refused_on_that_hop(tmp_path, sqlite_settings, monkeypatch):
    monkeypatch.delenv("PEERJOBS_ALLOW_PRIVATE_NETWORKS", raising=False)
    with BoardServer(write_board(tmp_path / "inside", []), host="127.0.0.3") as inside:
        redirect = {"path": "/careers/", "status": 302, "body": "",
                    "headers": {"Location": inside.base_url + "/careers/posting-1/"}}
        with BoardServer(write_board(tmp_path / "outside", [redirect])) as outside:
            entry = dict(outside.source(), url=outside.base_url + "/careers/")
            crawl_entries([entry], sqlite_settings, PEERJOBS_ALLOWED_PRIVATE_HOSTS=["127.0.0.1"])
    runs, postings = runs_and_postings(sqlite_settings)
    assert [r.path for r in outside.requests] == ["/robots.txt", "/careers/"]
    assert inside.requests == [] and postings == []
    assert "(a redirect)" in runs[0].message and "127.0.0.3 is a loopback address" in runs[0].message
