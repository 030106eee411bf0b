"""Case 46: every SDK exception pickles and deep-copies with its type and fields.

Errors cross process boundaries (``concurrent.futures.ProcessPoolExecutor``, multiprocessing) by pickle,
and tools deep-copy them; an exception that cannot be rebuilt breaks the pool for good.
"""

from __future__ import annotations

import concurrent.futures
import copy
import importlib
import inspect
import multiprocessing
import pickle
from typing import Any, Callable, Dict, List, Type

import pytest
from urllib3 import HTTPHeaderDict

import pieces_os_client.exceptions as exceptions_module
from pieces_os_client import AllocationsApi, ApiClient, Configuration, exceptions
from pieces_os_client.discovery import PiecesOSNotFoundError
from pieces_os_client.exceptions import ApiException, exception_for_status
from tests._calls import get, post
from tests._payloads import SNAPSHOT_BODY
from tests._server import respond

TRANSPORTS = ["urllib3", "requests"]

# Every field an SDK exception may carry; each present one must survive the round trip.
FIELDS = [
    "args",
    "status",
    "reason",
    "body",
    "data",
    "method",
    "url",
    "attempts",
    "message",
    "request_sent",
    "retryable",
    "content_type",
    "tried",
    "name",
]


def _headers() -> HTTPHeaderDict:
    headers = HTTPHeaderDict()
    headers.add("Content-Type", "text/plain")
    headers.add("Retry-After", "120")
    headers.add("X-Many", "a")
    headers.add("X-Many", "b")
    return headers


def _transport_error(cls: Type[Any]) -> Callable[[], BaseException]:
    return lambda: cls(
        "the connection broke", method="GET", url="http://127.0.0.1:1/allocations", request_sent=False
    )


# How the SDK raises each class. A class added to exceptions.py without an entry here fails the test.
def _raised_by_a_closed_client() -> BaseException:
    from pieces_os_client.api.allocations_api import AllocationsApi
    from pieces_os_client.api_client import ApiClient

    client = ApiClient()
    client.close()
    try:
        AllocationsApi(client).allocations_snapshot()
    except exceptions.ClientClosedError as exc:
        return exc
    raise AssertionError("a closed client sent a request")


def _raised_by_an_import() -> BaseException:
    try:
        importlib.import_module("pieces_os_client.wrapper")
    except exceptions.ModuleNotProvidedError as exc:
        return exc
    raise AssertionError("pieces_os_client.wrapper should not import")


def _raised_by_a_method_not_provided() -> BaseException:
    from pieces_os_client.api.well_known_api import WellKnownApi
    from pieces_os_client.api_client import ApiClient

    with ApiClient() as client:
        try:
            WellKnownApi(client).get_well_known_stream_health()
        except exceptions.OperationNotProvidedError as exc:
            return exc
    raise AssertionError("get_well_known_stream_health should not be provided")


def _raised_by_a_second_loop() -> BaseException:
    import asyncio
    import importlib.util
    import threading

    if importlib.util.find_spec("aiohttp") is None:  # no asyncio client without the async extra
        return exceptions.EventLoopError("this AsyncApiClient serves another event loop that still runs")

    from pieces_os_client.api.allocations_api import AsyncAllocationsApi
    from pieces_os_client.async_api_client import AsyncApiClient
    from pieces_os_client.testing import FakePiecesOS

    with FakePiecesOS() as fake:
        client = AsyncApiClient(fake.configuration())
        first = asyncio.new_event_loop()
        first.run_until_complete(AsyncAllocationsApi(client).allocations_snapshot())
        found: List[BaseException] = []

        async def from_another_loop() -> None:
            try:
                await AsyncAllocationsApi(client).allocations_snapshot()
            except exceptions.EventLoopError as exc:
                found.append(exc)

        thread = threading.Thread(target=asyncio.run, args=(from_another_loop(),))
        thread.start()
        thread.join(10)
        first.run_until_complete(client.close())
        first.close()
    assert found, "a second running loop was served"
    return found[0]


BUILDERS: Dict[str, Callable[[], BaseException]] = {
    "ModuleNotProvidedError": _raised_by_an_import,
    "OperationNotProvidedError": _raised_by_a_method_not_provided,
    "EventLoopError": _raised_by_a_second_loop,
    "OpenApiException": lambda: exceptions.OpenApiException("base"),
    "ClientClosedError": _raised_by_a_closed_client,
    "ApiTypeError": lambda: exceptions.ApiTypeError("body must be an AllocationCloud, got dict"),
    "ApiValueError": lambda: exceptions.ApiValueError("_retries must be a whole number >= 0, got -1"),
    "ConfigurationError": lambda: exceptions.ConfigurationError("host 'x' needs the scheme http://"),
    "ApiKeyError": lambda: exceptions.ApiKeyError("no such key"),
    "ApiAttributeError": lambda: exceptions.ApiAttributeError("no such attribute"),
    "TransportError": _transport_error(exceptions.TransportError),
    "ApiConnectionError": _transport_error(exceptions.ApiConnectionError),
    "ApiTimeoutError": _transport_error(exceptions.ApiTimeoutError),
    "ProtocolError": _transport_error(exceptions.ProtocolError),
    "ResponseTooLargeError": _transport_error(exceptions.ResponseTooLargeError),
    "ContentDecodingError": _transport_error(exceptions.ContentDecodingError),
    "ApiDecodeError": lambda: exceptions.ApiDecodeError(
        "the body does not decode into Allocations",
        status=200,
        body=b"{not json",
        content_type="application/json",
        headers=_headers(),
        method="GET",
        url="http://127.0.0.1:1/allocations",
    ),
}
STATUS_OF = {
    "ApiException": 405,
    "BadRequestException": 400,
    "UnauthorizedException": 401,
    "ForbiddenException": 403,
    "NotFoundException": 404,
    "ConflictException": 409,
    "UnprocessableEntityException": 422,
    "TooManyRequestsException": 429,
    "ServiceException": 500,
    "GatewayTimeoutException": 504,
}


def _status_error(status: int) -> BaseException:
    """An error status as `ApiClient` raises it."""
    return exception_for_status(status)(
        status=status,
        reason="Some Reason",
        body="the body",
        data=None,
        headers=_headers(),
        method="POST",
        url="http://127.0.0.1:1/allocations/reconnect",
        attempts=3,
    )


def exception_classes() -> List[Type[BaseException]]:
    return [
        cls
        for _, cls in inspect.getmembers(exceptions_module, inspect.isclass)
        if issubclass(cls, BaseException) and cls.__module__ == exceptions_module.__name__
    ]


def _instances() -> List[BaseException]:
    made: List[BaseException] = []
    for cls in exception_classes():
        if cls.__name__ in STATUS_OF:
            made.append(_status_error(STATUS_OF[cls.__name__]))
        else:
            assert cls.__name__ in BUILDERS, f"add {cls.__name__} to BUILDERS"
            made.append(BUILDERS[cls.__name__]())
    for status in (100, 102, 301, 304, 307, 405, 410, 418, 501, 599):  # statuses without a class
        made.append(_status_error(status))
    made.append(PiecesOSNotFoundError("no Pieces OS found", tried=["port file x (absent)", "http://…"]))
    return made


def assert_same(original: BaseException, clone: BaseException) -> None:
    assert clone is not original
    assert type(clone) is type(original)
    assert str(clone) == str(original) and repr(clone) == repr(original)
    for field in FIELDS:
        if hasattr(original, field):
            assert getattr(clone, field) == getattr(original, field), field
    if hasattr(original, "headers"):
        assert dict(clone.headers) == dict(original.headers)  # type: ignore[attr-defined]
        assert clone.headers.get("retry-after") == "120"  # type: ignore[attr-defined]


@pytest.mark.parametrize("make", [pickle.dumps, copy.deepcopy, copy.copy], ids=["pickle", "deepcopy", "copy"])
def test_46_every_exception_class_pickles_and_copies_with_its_fields(make):
    instances = _instances()
    # A transport error's class is its public class with urllib3's as further bases, under the same name.
    for cls in exception_classes():
        assert any(isinstance(e, cls) and type(e).__name__ == cls.__name__ for e in instances), cls
    for original in instances:
        if make is pickle.dumps:
            for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
                assert_same(original, pickle.loads(pickle.dumps(original, protocol)))
        else:
            assert_same(original, make(original))


@pytest.mark.parametrize("status", [304, 400, 405, 409, 410, 418, 429, 500, 501, 504])
def test_46_errors_raised_by_a_real_call_pickle(serve, make_api, status):
    server = serve(respond(status, '{"detail": "x"}', headers=[("retry-after", "120"), ("X-Trace", "t-1")]))
    api, _ = make_api(server.url, retries=0)
    for call in (get, post):
        with pytest.raises(ApiException) as info:
            call(api)
        original = info.value
        assert type(original) is exception_for_status(status)
        for clone in (pickle.loads(pickle.dumps(original)), copy.deepcopy(original)):
            assert_same(original, clone)
            assert clone.headers["X-TRACE"] == "t-1"  # type: ignore[attr-defined]


def _call_in_worker(url: str, transport: str) -> Any:
    """Runs in a child process: a real call that ends in an error status."""
    with ApiClient(Configuration(host=url, transport=transport, retries=0, read_timeout=5)) as client:
        return AllocationsApi(client).allocations_snapshot()


def _raise_in_worker(status: int) -> None:
    raise _status_error(status)


def _fine() -> str:
    return "still working"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_46_error_raised_in_a_process_pool_reaches_the_parent_and_the_pool_survives(serve, transport):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs the fork start method")
    server = serve(
        respond(409, '{"detail": "conflict"}', headers=[("Retry-After", "120")]),
        respond(200, SNAPSHOT_BODY),
    )
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        with pytest.raises(exceptions.ConflictException) as info:
            pool.submit(_call_in_worker, server.url, transport).result(timeout=30)
        err = info.value
        assert err.status == 409 and err.body == '{"detail": "conflict"}'
        assert err.headers.get("retry-after") == "120" and err.url == f"{server.url}/allocations"
        for status in (405, 304, 101):
            with pytest.raises(ApiException) as info:
                pool.submit(_raise_in_worker, status).result(timeout=30)
            assert type(info.value) is ApiException and info.value.status == status
        assert pool.submit(_fine).result(timeout=30) == "still working"  # the pool is not broken
        snapshot = pool.submit(_call_in_worker, server.url, transport).result(timeout=30)
        assert snapshot.iterable == []
    assert server.attempts == 2
