"""TLS: verification is on by default, a custom CA (file or data) works, a wrong host name fails."""

from __future__ import annotations

import ssl
import warnings
from pathlib import Path
from typing import Iterator, List

import pytest
import trustme

from pieces_os_client.api_client import ApiClient
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import ApiConnectionError
from tests._ops import GET_WIDGETS
from tests._server import RawServer, Reply

OK = Reply(200, json={"iterable": []})


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def _serve(ca: trustme.CA, *names: str) -> RawServer:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    server = RawServer.routed(tls=context)
    server.route("GET", "/widgets", OK)
    return server


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[RawServer]:
    server = _serve(ca, "127.0.0.1", "localhost")
    yield server
    server.stop()


def test_verification_is_on_by_default(tls_server: RawServer, sleeps: List[float]) -> None:
    with (
        ApiClient(Configuration(host=tls_server.url), **sleeps.kwargs) as client,
        pytest.raises(ApiConnectionError) as info,
    ):
        client.invoke(GET_WIDGETS, None)
    assert str(info.value).startswith(f"TLS with {tls_server.url} failed (")
    assert "check Configuration.ssl_ca_cert, assert_hostname and verify_ssl" in str(info.value)
    assert info.value.attempts == 1  # a certificate that does not verify is not retried
    assert sleeps == []


def test_a_custom_ca_file_works(tls_server: RawServer, ca: trustme.CA, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    with ApiClient(Configuration(host=tls_server.url, ssl_ca_cert=str(bundle))) as client:
        assert client.invoke(GET_WIDGETS, None).status_code == 200


def test_custom_ca_data_works(tls_server: RawServer, ca: trustme.CA) -> None:
    pem = ca.cert_pem.bytes().decode("ascii")
    with ApiClient(Configuration(host=tls_server.url, ca_cert_data=pem)) as client:
        assert client.invoke(GET_WIDGETS, None).status_code == 200


def test_a_certificate_for_another_host_fails(ca: trustme.CA, sleeps: List[float]) -> None:
    server = _serve(ca, "pieces.example")
    try:
        config = Configuration(host=server.url, ca_cert_data=ca.cert_pem.bytes().decode("ascii"))
        with (
            ApiClient(config, **sleeps.kwargs) as client,
            pytest.raises(ApiConnectionError, match="TLS with"),
        ):
            client.invoke(GET_WIDGETS, None)
        config = Configuration(
            host=server.url,
            ca_cert_data=ca.cert_pem.bytes().decode("ascii"),
            assert_hostname="pieces.example",
        )
        with ApiClient(config, **sleeps.kwargs) as client:
            assert client.invoke(GET_WIDGETS, None).status_code == 200
    finally:
        server.stop()


def test_verification_can_be_switched_off(tls_server: RawServer) -> None:
    with ApiClient(Configuration(host=tls_server.url, verify_ssl=False)) as client, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # urllib3 warns on every unverified request, as it should
        assert client.invoke(GET_WIDGETS, None).status_code == 200
