"""HTTPS through the address-checking connection backend: SNI and certificate checks
use the host name while the connection goes to the checked address."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefings.errors import FetchError
from briefings.models import Article
from briefings.sources import Fetcher, FetchPolicy
from tests.briefings.sources.helpers import LOCAL, run
from tests.briefings.sources.server import LocalServer, page_html

TEXT = "The ministers met in Lisbon and agreed to meet again in June.\n" * 6


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalServer, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=news.example",
         "-addext", "subjectAltName=DNS:news.example",
         "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, capture_output=True,
    )  # fmt: skip
    srv = LocalServer(tls=(str(cert), str(key))).start()
    srv.add("/secure.html", page_html("Secure page", TEXT))
    try:
        yield srv, cert
    finally:
        srv.stop()


async def _resolver(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


def _fetch(url: str, policy: FetchPolicy) -> Article:
    async def go() -> Article:
        async with Fetcher(policy, resolver=_resolver) as f:
            return await f.fetch_article(url)

    return run(go())


def test_https_with_sni_to_checked_address(tls_server: tuple[LocalServer, Path]) -> None:
    srv, cert = tls_server
    policy = dataclasses.replace(LOCAL, ca_file=str(cert))
    article = _fetch(f"https://news.example:{srv.port}/secure.html", policy)
    assert article.title == "Secure page"
    assert article.url == f"https://news.example:{srv.port}/secure.html"


def test_untrusted_certificate_is_refused(tls_server: tuple[LocalServer, Path]) -> None:
    srv, _cert = tls_server
    with pytest.raises(FetchError, match=r"the secure connection to news\.example could not be"):
        _fetch(f"https://news.example:{srv.port}/secure.html", LOCAL)


def test_certificate_for_another_name_is_refused(tls_server: tuple[LocalServer, Path]) -> None:
    srv, cert = tls_server
    policy = dataclasses.replace(LOCAL, ca_file=str(cert))
    with pytest.raises(FetchError, match=r"secure connection to other\.example could not be"):
        _fetch(f"https://other.example:{srv.port}/secure.html", policy)
