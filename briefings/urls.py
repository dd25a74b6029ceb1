"""URL canonicalisation, so one article has one URL however it was linked.

`canonical_url` lower-cases scheme and host, drops default ports, fragments,
user info and tracking parameters, keeps every other parameter, and sorts the
parameters. It is idempotent: `canonical_url(canonical_url(u)) == canonical_url(u)`.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from tldextract import TLDExtract

__all__ = [
    "TRACKING_PARAMS",
    "TRACKING_PREFIXES",
    "canonical_url",
    "is_tracking_param",
    "join_url",
    "same_site",
    "site_of",
]

DEFAULT_PORTS = {"http": 80, "https": 443}

# Parameters that identify a campaign or a click, never the content.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "_hsenc",
        "_hsmi",
        "__hssc",
        "__hstc",
        "__hsfp",
        "hsctatracking",
        "mkt_tok",
        "vero_id",
        "vero_conv",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "wt.mc_id",
        "wt_mc",
        "cmpid",
        "ocid",
        "ncid",
        "sr_share",
        "spm",
        "share",
        "smid",
        "cvid",
        "at_medium",
        "at_campaign",
        "_ga",
        "_gl",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_custom", "hmb_", "itm_")

_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def is_tracking_param(name: str) -> bool:
    """Whether a query parameter only tracks a campaign or click."""
    low = name.strip().lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def _host(hostname: str) -> str:
    host = hostname.strip().lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        return f"[{host}]"
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _path(path: str) -> str:
    if not path:
        return "/"
    # Quote what must be quoted, and upper-case existing escapes, without double-quoting.
    quoted = quote(path, safe=_SAFE_PATH, errors="backslashreplace")
    return _PCT.sub(lambda m: m.group(0).upper(), quoted)


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL (see module docstring).

    Other schemes and unparsable strings are returned stripped but otherwise unchanged.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
        hostname = parts.hostname
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not hostname:
        return url
    netloc = _host(hostname)
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = sorted((k, v) for k, v in pairs if k and not is_tracking_param(k))
    query = urlencode(kept, quote_via=quote, safe="/:@!$'()*,;~", errors="backslashreplace")
    return urlunsplit((scheme, netloc, _path(parts.path), query, ""))


def join_url(base: str, link: str) -> str:
    """`link` resolved against `base` (for Location headers and relative hrefs)."""
    return urljoin(base, link.strip())


# The Public Suffix List snapshot bundled with tldextract: never fetched at run time
# (suffix_list_urls=()), nothing cached on disk. Private suffixes count, so two
# github.io or blogspot.com sites are different sites.
_SUFFIXES = TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def site_of(host: str) -> str:
    """The registrable domain of a host ("bbc.co.uk" for "news.bbc.co.uk"); a host with
    none (an IP address, "localhost", a bare public suffix such as "co.uk") is its own site."""
    host = host.lower().rstrip(".")
    return _SUFFIXES(host).top_domain_under_public_suffix or host


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to the same site: the same registrable domain.

    Used to decide whether a page's rel=canonical may be trusted: a page cannot
    claim to be another site's article.
    """
    try:
        ha, hb = urlsplit(a).hostname, urlsplit(b).hostname
    except ValueError:
        return False
    if not ha or not hb:
        return False
    return site_of(ha) == site_of(hb)
