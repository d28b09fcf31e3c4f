"""The URL rule's plain-case shortcut says what ``urlsplit`` says, on URLs and on near-URLs.

Why: ``schema._is_http_url`` and ``schema.url_host`` skip the parse for ``http(s)://host/...``
(start-up at 100x the data); a shortcut that accepted what the parse refuses, or read another
host, would let a bad row in or misjudge "another host" for ``corroborated``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from components.core.data import schema

PIECES = ["http", "https", "HTTP", "ftp", ":", "//", "/", "?", "#", "@", "[", "]", ":8080", " ", "\t", "\\",
          "example.org", "www.Example.ORG", "m.news.kr", "xn--fsq", "a", "-", ".", "%20", "é", "", "::1"]


def by_parse(value: str) -> bool:
    if value == "":
        return True
    try:
        parsed = urlsplit(value)
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in value


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_the_shortcut_never_accepts_what_the_parse_refuses_nor_reads_another_host(value):
    if schema._PLAIN_HTTP_URL.fullmatch(value):
        assert by_parse(value), value
        assert schema.url_host(value) == (urlsplit(value).hostname or "").lower().removeprefix("www."), value


def test_plain_urls_take_the_shortcut_and_others_still_get_judged():
    assert schema._PLAIN_HTTP_URL.fullmatch("https://www.gov.cn/zhengce/content/2023-09/08/x.htm?id=1#top")
    assert schema._is_http_url("https://www.gov.cn/a") and schema.url_host("https://WWW.Gov.cn/a") == "gov.cn"
    assert schema._is_http_url("HTTPS://example.org/a")  # not plain, the parse accepts it
    assert schema.url_host("https://user@news.example.kr:8443/a") == "news.example.kr"
    for bad in ("ftp://example.org/a", "https:///a", "https://exa mple.org", "example.org/a", "https//x.org"):
        assert not schema._is_http_url(bad), bad
