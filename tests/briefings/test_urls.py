"""URL canonicalisation: examples and hypothesis properties."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.urls import TRACKING_PARAMS, canonical_url, is_tracking_param, same_site


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/a/b?utm_source=x&b=2&a=1#frag", "http://example.com/a/b?a=1&b=2"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com/x?fbclid=abc&gclid=1&mc_cid=2&mc_eid=3", "https://example.com/x"),
        ("https://example.com/x?ref=tw&ref_src=twsrc&igshid=9&id=4", "https://example.com/x?id=4"),
        ("https://example.com/x?UTM_Campaign=spring&page=2", "https://example.com/x?page=2"),
        ("https://example.com/x?q=a+b&p=1", "https://example.com/x?p=1&q=a%20b"),
        ("https://example.com/p%c3%a9", "https://example.com/p%C3%A9"),
        ("https://example.com/é", "https://example.com/%C3%A9"),
        ("https://BÜCHER.example/", "https://xn--bcher-kva.example/"),
        ("https://example.com./x", "https://example.com/x"),
        ("https://user:pw@example.com/x", "https://example.com/x"),
        ("http://[::1]:80/x", "http://[::1]/x"),
        ("https://example.com/x?", "https://example.com/x"),
        ("  https://example.com/x  ", "https://example.com/x"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
    ],
)
def test_examples(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
    assert canonical_url(expected) == expected


def test_same_site() -> None:
    assert same_site("https://www.example.org/a", "https://example.org/b")
    assert same_site("https://amp.example.org/a", "https://news.example.org/b")
    assert same_site("https://example.org/a", "http://example.org:8080/b")
    assert not same_site("https://example.org/a", "https://example.com/a")
    assert not same_site("https://evilexample.org/a", "https://example.org/a")
    assert same_site("https://news.bbc.co.uk/a", "https://www.bbc.co.uk/b")


def test_a_public_suffix_is_not_the_site_under_it() -> None:
    # co.uk is a public suffix: nobody's site, so it cannot vouch for bbc.co.uk.
    assert not same_site("https://co.uk", "https://bbc.co.uk")
    assert not same_site("https://bbc.co.uk/a", "https://co.uk/b")
    assert not same_site("https://bbc.co.uk/a", "https://itv.co.uk/b")
    # Private suffixes too: two github.io sites belong to two people.
    assert not same_site("https://alice.github.io/a", "https://bob.github.io/a")


def test_hosts_without_a_registrable_domain_match_only_themselves() -> None:
    assert same_site("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b")
    assert not same_site("http://127.0.0.1/a", "http://127.0.0.2/a")
    assert same_site("http://localhost/a", "http://localhost:8080/b")


# -- properties ---------------------------------------------------------------

_label = st.from_regex(r"[a-zA-Z0-9]([a-zA-Z0-9-]{0,10}[a-zA-Z0-9])?", fullmatch=True)
hosts = st.lists(_label, min_size=1, max_size=3).map(lambda ls: ".".join([*ls, "org"]))
_path_char = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="?#")
paths = st.lists(st.text(_path_char, max_size=8), max_size=4).map(lambda ps: "/" + "/".join(ps))
_key = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda k: not is_tracking_param(k)
)
_value = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=10)
tracking_keys = st.one_of(
    st.sampled_from(sorted(TRACKING_PARAMS)),
    st.from_regex(r"utm_[a-z]{1,8}", fullmatch=True),
    st.sampled_from(["UTM_SOURCE", "Utm_Medium", "FBCLID", "GCLID"]),
)


@st.composite
def urls(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]], list[str]]:
    from urllib.parse import quote

    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    host = draw(hosts)
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    meaningful = draw(st.lists(st.tuples(_key, _value), max_size=4))
    tracking = draw(st.lists(st.tuples(tracking_keys, _value), max_size=3))
    params = draw(st.permutations(meaningful + tracking))
    query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in params)
    fragment = draw(st.sampled_from(["", "#top", "#a?b=c"]))
    url = f"{scheme}://{host}{port}{draw(paths)}" + (f"?{query}" if query else "") + fragment
    return url, meaningful, [k for k, _ in tracking]


@settings(max_examples=300, deadline=None)
@given(urls())
def test_canonicalisation_properties(case: tuple[str, list[tuple[str, str]], list[str]]) -> None:
    url, meaningful, tracking = case
    once = canonical_url(url)
    # Idempotent.
    assert canonical_url(once) == once
    parts = urlsplit(once)
    # Lower-case scheme and host, no fragment, no default port.
    assert parts.scheme in ("http", "https")
    assert parts.netloc == parts.netloc.lower()
    assert parts.fragment == ""
    assert not parts.netloc.endswith({"http": ":80", "https": ":443"}[parts.scheme])
    kept = parse_qsl(parts.query, keep_blank_values=True)
    # Tracking parameters removed; every meaningful parameter kept, values intact.
    assert not any(is_tracking_param(k) for k, _ in kept)
    assert not {k.lower() for k in tracking} & {k.lower() for k, _ in kept}
    assert sorted(kept) == sorted(meaningful)
    # Sorted, so parameter order never makes two URLs differ.
    assert kept == sorted(kept)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_never_raises_and_is_idempotent_on_junk(text: str) -> None:
    once = canonical_url(text)
    assert canonical_url(once) == once
