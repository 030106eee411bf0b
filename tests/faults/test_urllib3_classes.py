"""Code written for the official SDK catches urllib3's exceptions around calls: each transport failure is
also an instance of the urllib3 class the official 5.0.1 lets escape for it, for GET and for POST, whichever
client sent the request (urllib3 and requests transports, and the asyncio client).

The official classes below were found by running the official SDK against these servers; the
compatibility script (tests/compat/official_surface.py) checks the official side again, live.
"""

from __future__ import annotations

import asyncio
import gzip
import pickle
import ssl
from typing import Any, Callable, Dict, Iterator, Tuple, Type

import pytest
import trustme
import urllib3.exceptions as u

import pieces_os_client
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    ContentDecodingError,
    ProtocolError,
    TransportError,
)
from tests._calls import cloud
from tests._server import FullBacklog, RawServer, close, closed_port, raw, reset, respond, stall

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
GZIP = gzip.compress(b'{"iterable": []}')


def _tls_server() -> RawServer:
    """A TLS server whose certificate no client here trusts (a CA of its own)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(context)
    return RawServer([respond(200, b'{"iterable": []}')], tls=context)


# name -> (how to get a URL that fails that way, the SDK's class, the urllib3 class that escapes the
# official SDK for a GET, for a POST)
Case = Tuple[Callable[[], Any], Type[TransportError], Type[Exception], Type[Exception]]
CASES: Dict[str, Case] = {
    "connection refused": (
        lambda: f"http://127.0.0.1:{closed_port()}",
        ApiConnectionError,
        u.MaxRetryError,
        u.MaxRetryError,
    ),
    "connect timeout": (FullBacklog, ApiTimeoutError, u.MaxRetryError, u.MaxRetryError),
    "read timeout": (lambda: RawServer([stall(5)]), ApiTimeoutError, u.MaxRetryError, u.ReadTimeoutError),
    "closed without a response": (
        lambda: RawServer([close()]),
        ApiConnectionError,
        u.MaxRetryError,
        u.ProtocolError,
    ),
    "reset without a response": (
        lambda: RawServer([reset()]),
        ApiConnectionError,
        u.MaxRetryError,
        u.ProtocolError,
    ),
    "not HTTP": (
        lambda: RawServer([raw(b"NOT HTTP AT ALL\r\n\r\n")]),
        ProtocolError,
        u.MaxRetryError,
        u.ProtocolError,
    ),
    "body cut short": (
        lambda: RawServer([raw(HEAD + b'Content-Length: 100\r\n\r\n{"it')]),
        ApiConnectionError,
        u.ProtocolError,
        u.ProtocolError,
    ),
    "body stalls": (
        lambda: RawServer([raw(HEAD + b'Content-Length: 100\r\n\r\n{"it', then="keep", stall=5)]),
        ApiTimeoutError,
        u.ReadTimeoutError,
        u.ReadTimeoutError,
    ),
    "bad chunk size": (
        lambda: RawServer([raw(HEAD + b"Transfer-Encoding: chunked\r\n\r\nZZ\r\nxx\r\n0\r\n\r\n")]),
        ProtocolError,
        u.ProtocolError,
        u.ProtocolError,
    ),
    "corrupt gzip": (
        lambda: RawServer([raw(HEAD + b"Content-Encoding: gzip\r\nContent-Length: 5\r\n\r\nxxxxx")]),
        ContentDecodingError,
        u.DecodeError,
        u.DecodeError,
    ),
    "TLS certificate not trusted": (_tls_server, ApiConnectionError, u.MaxRetryError, u.MaxRetryError),
}
SETTINGS = {"connect_timeout": 0.3, "read_timeout": 0.3, "retries": 0}


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> Iterator[Tuple[str, Case]]:
    name = request.param
    make_url = CASES[name][0]
    made = make_url()
    try:
        yield (made if isinstance(made, str) else made.url), CASES[name]
    finally:
        if isinstance(made, RawServer):
            made.stop()
        elif isinstance(made, FullBacklog):
            made.close()


def _check(error: BaseException, sdk_class: Type[TransportError], official: Type[Exception]) -> None:
    assert isinstance(error, sdk_class), repr(error)  # the SDK's own tree, as before
    assert isinstance(error, official), f"{type(error).__name__} is not a {official.__name__}"
    assert isinstance(error, u.HTTPError)
    assert error.reason is error.__cause__  # as MaxRetryError.reason: the error underneath
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error) and isinstance(copy, official)


def _raised(
    url: str, transport: str, call: Callable[[pieces_os_client.AllocationsApi], Any]
) -> BaseException:
    """What ``call`` raises on a client of its own (a connection the last call left is never reused)."""
    configuration = pieces_os_client.Configuration(host=url, transport=transport, **SETTINGS)  # type: ignore[arg-type]
    with pieces_os_client.ApiClient(configuration) as client, pytest.raises(Exception) as info:
        call(pieces_os_client.AllocationsApi(client))
    return info.value


@pytest.mark.parametrize("transport", ["urllib3", "requests"])
def test_each_failure_is_also_the_urllib3_class_the_official_sdk_raises(
    case: Tuple[str, Case], transport: str
) -> None:
    url, (_, sdk_class, on_get, on_post) = case
    _check(_raised(url, transport, lambda api: api.allocations_snapshot()), sdk_class, on_get)
    _check(_raised(url, transport, lambda api: api.allocations_reconnect_cloud(cloud())), sdk_class, on_post)


def test_each_failure_is_also_the_urllib3_class_for_the_asyncio_client(case: Tuple[str, Case]) -> None:
    pytest.importorskip("aiohttp")
    url, (_, sdk_class, on_get, on_post) = case

    async def raised(post: bool) -> BaseException:
        configuration = pieces_os_client.Configuration(host=url, **SETTINGS)  # type: ignore[arg-type]
        async with pieces_os_client.AsyncApiClient(configuration) as client:
            api = pieces_os_client.AsyncAllocationsApi(client)
            with pytest.raises(Exception) as info:
                await (api.allocations_reconnect_cloud(cloud()) if post else api.allocations_snapshot())
            return info.value

    _check(asyncio.run(asyncio.wait_for(raised(False), 30)), sdk_class, on_get)
    _check(asyncio.run(asyncio.wait_for(raised(True), 30)), sdk_class, on_post)


def test_code_written_for_the_official_sdk_catches_the_refusal() -> None:
    # The pattern found in consumers of the official SDK: MaxRetryError means Pieces OS is not running.
    configuration = pieces_os_client.Configuration(host=f"http://127.0.0.1:{closed_port()}", retries=0)
    with pieces_os_client.ApiClient(configuration) as client:
        try:
            pieces_os_client.AllocationsApi(client).allocations_snapshot()
        except u.MaxRetryError as error:
            assert "is Pieces OS running?" in str(error)  # the SDK's own message, unchanged
            assert isinstance(error.reason, Exception)
        else:  # pragma: no cover
            raise AssertionError("nothing listens there")


def test_the_classes_gain_their_urllib3_bases_and_keep_their_identity() -> None:
    error = ApiConnectionError("could not connect", method="GET", url="http://127.0.0.1:1/allocations")
    assert type(error) is ApiConnectionError and type(error).__name__ == "ApiConnectionError"
    assert issubclass(ApiConnectionError, u.MaxRetryError) and issubclass(ApiConnectionError, u.ProtocolError)
    assert issubclass(ApiTimeoutError, u.ReadTimeoutError) and issubclass(ContentDecodingError, u.DecodeError)
    assert issubclass(pieces_os_client.PiecesOSNotFoundError, u.MaxRetryError)  # subclasses follow
    assert error.pool is None and error.reason is None
    assert repr(error) == "ApiConnectionError('could not connect')"
