"""Scraped HTML is hostile: what survives cleaning, and the text the index gets."""
import pytest

from indexer.parsers.sanitize import absolute_web_url, clean_html, html_to_text, is_web_url, plain_text, safe_text

BASE = "https://agency.example/careers/1/"
HOSTILE = (
    '<p onclick="steal()">Join us<script>alert(1)</script></p>'
    '<img src="http://tracker.invalid/p.gif"><iframe src="http://evil.invalid"></iframe>'
    '<a href="javascript:alert(1)">bad</a> <a href="/apply">apply</a>'
    '<style>body{display:none}</style><form action="x"><input name="q"></form>'
)


def test_clean_html_removes_everything_hostile():
    cleaned = clean_html(HOSTILE, base_url=BASE)
    for forbidden in ("script", "alert", "onclick", "<img", "tracker", "iframe", "javascript:",
                      "<style", "display:none", "<form", "<input"):
        assert forbidden not in cleaned
    assert '<a href="https://agency.example/apply" rel="nofollow noopener noreferrer">apply</a>' in cleaned
    assert "Join us" in cleaned


@pytest.mark.parametrize("fragment, kept, gone", [
    ('<img src="https://t.example/pixel.gif" width="1" height="1">', "", "pixel"),
    ('<p style="color:red" class="x" id="y">Text</p>', "<p>Text</p>", "style"),
    ('<a href="mailto:hr@agency.example">mail</a>', "mail", "mailto"),
    ('<a href="data:text/html,x">d</a>', "d", "data:"),
    ('<a href="apply.html">rel</a>', 'href="https://agency.example/careers/1/apply.html"', 'href="apply.html"'),
    ('<a href="//cdn.example/x">proto</a>', 'href="https://cdn.example/x"', "\"//"),
    ('<form><p>Inside a WebForms page</p><select><option>Pick</option></select><button>Go</button></form>',
     "<p>Inside a WebForms page</p>", "Pick"),
    ('<svg><script>x()</script></svg><p>After</p>', "<p>After</p>", "x()"),
    ('<object data="x.swf"></object><embed src="y.swf"><p>Ok</p>', "<p>Ok</p>", "swf"),
    ('<p>One<!-- a comment --></p>', "<p>One</p>", "comment"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example"><p>Hi</p>', "<p>Hi</p>", "refresh"),
    ('<base href="https://evil.example/"><p>Hi</p>', "<p>Hi</p>", "evil"),
    ('<a href="https://ok.example/" target="_blank" onclick="x()">ok</a>', 'href="https://ok.example/"', "onclick"),
])
def test_clean_html_table(fragment, kept, gone):
    cleaned = clean_html(fragment, base_url=BASE)
    assert kept in cleaned
    assert gone not in cleaned


def test_a_relative_link_without_a_base_loses_its_href():
    assert clean_html('<a href="/apply">apply</a>') == '<a rel="nofollow noopener noreferrer">apply</a>'


def test_clean_html_unescapes_an_escaped_description():
    assert clean_html("&lt;p&gt;Peer work&lt;/p&gt;") == "<p>Peer work</p>"


def test_clean_html_of_nothing():
    assert clean_html(None) == "" and clean_html("") == ""


@pytest.mark.parametrize("fragment, text", [
    ("<p>One</p><ul><li>Two</li><li>Three</li></ul>", "One\nTwo\nThree"),
    ("<p>Help peers build <b>wellness</b> plans</p>", "Help peers build wellness plans"),
    ("<p>a<br>b<br/>c</p>", "a\nb\nc"),
    ("<p>Fish &amp; chips&nbsp;daily &lt;3</p>", "Fish & chips daily <3"),
    ("<p>Shown</p><script>hidden()</script><style>p{}</style>", "Shown"),
    ("<h2>Pay</h2><p>$18.50 - $21.00 per hour</p>", "Pay\n$18.50 - $21.00 per hour"),
    ("plain text, no markup", "plain text, no markup"),
    ("", ""),
])
def test_html_to_text(fragment, text):
    assert html_to_text(fragment) == text
    assert html_to_text(clean_html(fragment), sanitized=True) == text


@pytest.mark.parametrize("url, ok", [
    ("https://a.example/x", True), ("http://a.example", True), ("javascript:alert(1)", False),
    ("/relative", False), ("ftp://a.example/x", False), ("data:text/html,x", False), (None, False),
    ("https://", False), ("  https://a.example/x  ", True),
])
def test_is_web_url(url, ok):
    assert is_web_url(url) is ok


@pytest.mark.parametrize("url, base, expected", [
    ("/apply/1", BASE, "https://agency.example/apply/1"),
    ("https://other.example/a", BASE, "https://other.example/a"),
    ("javascript:alert(1)", BASE, None),
    ("/apply/1", None, None),
    ("", BASE, None),
])
def test_absolute_web_url(url, base, expected):
    assert absolute_web_url(url, base) == expected


def test_plain_text_of_titles():
    assert plain_text("  Peer&nbsp;Specialist <b>II</b> ") == "Peer Specialist II"
    assert plain_text("Peer <script>x()</script>Mentor") == "Peer Mentor"


@pytest.mark.parametrize("given, kept", [
    ("Peer\x00 Specialist", "Peer Specialist"),
    ("Recovery Coach \u202etxt.exe", "Recovery Coach txt.exe"),
    ("\u202aA\u202b\u202c\u202d B\u2066\u2067\u2068\u2069", "A B"),
    ("lone \ud800 high, lone \udfff low", "lone  high, lone  low"),
    ("Peer Specialist \u2013 caf\u00e9 \U0001f600", "Peer Specialist \u2013 caf\u00e9 \U0001f600"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
])
def test_safe_text_drops_nul_bidi_controls_and_lone_surrogates(given, kept):
    assert safe_text(given) == kept
