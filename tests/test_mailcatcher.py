"""The demo's mail catcher: SMTP in, .eml files kept, a read-only page and the terminal out."""
from __future__ import annotations

import json
import os
import queue
import signal
import smtplib
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from email.message import EmailMessage
from pathlib import Path

import pytest

from peerjobs.mailcatcher import MailCatcher, linked
from tests.support.smtp import free_port

HOSTILE = '<script>alert("x")</script> & Co'


def digest_like(number: int) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "PeerJobs <alerts@peerjobs.invalid>"
    message["To"] = f"reader{number}@example.org"
    message["Subject"] = f"{number} new peer-support jobs: {HOSTILE}"
    message.set_content(f"Job {number}: {HOSTILE}\nhttp://127.0.0.1:5000/jobs/{number}\n"
                        "Unsubscribe: http://127.0.0.1:5000/alerts/unsubscribe/abc.def_ghi-jkl.\n")
    message.add_alternative(f"<p>Job {number}</p><script>alert(1)</script>", subtype="html")
    return message


def fetch(url: str, method: str = "GET") -> tuple[int, dict, str]:
    request = urllib.request.Request(url, method=method, data=b"x" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_caught_mail_is_kept_listed_newest_first_escaped_and_linked(tmp_path: Path):
    printed = []
    with MailCatcher(tmp_path / "mail", 0, 0, on_message=printed.append) as catcher:
        with smtplib.SMTP("127.0.0.1", catcher.smtp_port, timeout=10) as smtp:
            smtp.send_message(digest_like(1))
            smtp.send_message(digest_like(2))
        messages = catcher.messages()
        assert [m.to for m in messages] == ["reader2@example.org", "reader1@example.org"]
        assert [m.to for m in printed] == ["reader1@example.org", "reader2@example.org"]
        assert messages[0].subject == f"2 new peer-support jobs: {HOSTILE}"
        assert messages[0].text.startswith(f"Job 2: {HOSTILE}") and messages[0].has_html
        assert len(list((tmp_path / "mail").glob("*.eml"))) == 2

        status, headers, page = fetch(catcher.web_url)
        assert status == 200 and "Set-Cookie" not in headers
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page
        assert page.index("reader2@example.org") < page.index("reader1@example.org")
        assert '<a href="http://127.0.0.1:5000/jobs/2">http://127.0.0.1:5000/jobs/2</a>' in page
        # a full stop ending the sentence is not part of the link
        assert 'href="http://127.0.0.1:5000/alerts/unsubscribe/abc.def_ghi-jkl"' in page

        listed = json.loads(fetch(catcher.web_url + "messages.json")[2])
        assert [entry["to"] for entry in listed] == ["reader2@example.org", "reader1@example.org"]
        name = listed[0]["name"]
        status, headers, raw = fetch(f"{catcher.web_url}messages/{name}.eml")
        assert status == 200 and headers["Content-Type"].startswith("text/plain") and "Subject: 2 new" in raw
        status, headers, part = fetch(f"{catcher.web_url}messages/{name}.html")
        assert status == 200 and headers["Content-Security-Policy"].startswith("sandbox")
        assert "<p>Job 2</p>" in part  # shown as sent, scripts kept from running by the sandbox

        assert fetch(catcher.web_url, "POST")[0] == 405
        for missing in ("messages/123.eml", "messages/..%2fsecret.eml", f"messages/{name}.txt", "nothing"):
            assert fetch(catcher.web_url + missing)[0] == 404
        assert len(catcher.messages()) == 2  # nothing above changed anything

    again = MailCatcher(tmp_path / "mail", 0, 0)
    assert [m.to for m in again.messages()] == ["reader2@example.org", "reader1@example.org"]


@pytest.mark.parametrize("text, html", [
    ("see https://a.example/x?y=1&z=2.",
     'see <a href="https://a.example/x?y=1&amp;z=2">https://a.example/x?y=1&amp;z=2</a>.'),
    ("<b>mailto:a@b.org</b>", '&lt;b&gt;<a href="mailto:a@b.org">mailto:a@b.org</a>&lt;/b&gt;'),
    ('javascript:alert(1) "http://x.example/"',
     'javascript:alert(1) &quot;<a href="http://x.example/">http://x.example/</a>&quot;'),
    ("no links", "no links"),
])
def test_linked(text, html):
    assert linked(text) == html


def test_the_command_prints_each_message_and_stops_on_sigterm(tmp_path: Path):
    smtp_port, http_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "peerjobs.cli", "mailcatcher", "--smtp-port", str(smtp_port),
         "--http-port", str(http_port), "--folder", str(tmp_path / "caught")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    printed: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [printed.put(line.rstrip("\n")) for line in process.stdout], daemon=True).start()

    def next_line() -> str:
        return printed.get(timeout=30)

    try:
        first = next_line()
        assert f"smtp://127.0.0.1:{smtp_port}" in first and f"http://127.0.0.1:{http_port}/" in first
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as smtp:
            smtp.send_message(digest_like(3))
        lines = [next_line()]
        while not lines[-1].startswith("http://127.0.0.1:5000/jobs/3") and len(lines) < 50:
            lines.append(next_line())
        assert "From: PeerJobs <alerts@peerjobs.invalid>" in lines and "To: reader3@example.org" in lines
        assert f"Subject: 3 new peer-support jobs: {HOSTILE}" in lines and f"Job 3: {HOSTILE}" in lines
        assert fetch(f"http://127.0.0.1:{http_port}/")[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
    assert code == 0
    assert len(list((tmp_path / "caught").glob("*.eml"))) == 1
