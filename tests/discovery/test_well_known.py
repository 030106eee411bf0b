"""`WellKnownApi` and its asyncio twin: official signatures, calls against the fake, the one not offered."""

from __future__ import annotations

import importlib
import inspect
from typing import Any, List

import pytest

import pieces_os_client
from pieces_os_client.api.well_known_api import AsyncWellKnownApi, WellKnownApi
from pieces_os_client.exceptions import OperationNotProvidedError
from pieces_os_client.testing import FakePiecesOS

# The methods of the official pieces-os-client 5.0.1 WellKnownApi, each with the official options only.
OFFICIAL_METHODS = [
    "get_installation_path",
    "get_well_known_health",
    "get_well_known_stream_health",
    "get_well_known_version",
]
OFFICIAL_OPTIONS = ["_request_timeout", "_request_auth", "_content_type", "_headers", "_host_index"]
VARIANTS = ["", "_with_http_info", "_without_preload_content"]
APP_KEY = {"in": "header", "type": "api_key", "key": "X-Application-ID", "value": "per-call-id"}


@pytest.mark.parametrize("cls", [WellKnownApi, AsyncWellKnownApi])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", OFFICIAL_METHODS)
def test_signatures_are_the_official_ones_then_ours_keyword_only(cls: type, name: str, variant: str) -> None:
    params = list(inspect.signature(getattr(cls, name + variant)).parameters.values())[1:]
    positional = [p.name for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    keyword_only = [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert positional == OFFICIAL_OPTIONS
    assert keyword_only == ["_retries", "_total_timeout"]


def test_the_module_is_provided_and_exported() -> None:
    module = importlib.import_module("pieces_os_client.api.well_known_api")
    assert module.WellKnownApi is pieces_os_client.WellKnownApi is pieces_os_client.api.WellKnownApi
    assert pieces_os_client.AsyncWellKnownApi is AsyncWellKnownApi


def test_every_call_against_the_fake(pieces_os: FakePiecesOS) -> None:
    with pieces_os_client.ApiClient(pieces_os.configuration()) as client:
        api = WellKnownApi(client)
        assert api.get_well_known_health() == "ok"
        assert api.get_well_known_version() == "11.0.4"  # the fake's default
        pieces_os.version = "debug"
        assert api.get_well_known_version(5.0, APP_KEY, "application/json", {"X-Trace": "1"}, 0) == "debug"
        assert api.get_installation_path() == pieces_os.installation_path
        info = api.get_well_known_version_with_http_info()
        assert (info.status_code, info.data, info.raw_data) == (200, "debug", b"debug")
        with api.get_well_known_health_without_preload_content() as raw:
            assert raw.status == 200 and raw.read() == b"ok"
    assert [(r.method, r.path) for r in pieces_os.requests] == [
        ("GET", "/.well-known/health"),
        ("GET", "/.well-known/version"),
        ("GET", "/.well-known/version"),
        ("GET", "/.well-known/installation/path"),
        ("GET", "/.well-known/version"),
        ("GET", "/.well-known/health"),
    ]
    sent = pieces_os.requests[2].headers
    assert sent["X-Application-ID"] == "per-call-id" and sent["X-Trace"] == "1"
    assert sent["Accept"] == "text/plain"


def test_an_error_status_raises_as_for_every_api(pieces_os: FakePiecesOS) -> None:
    pieces_os.fail_next("/.well-known/version", status=500, body="boom")
    with (
        pieces_os_client.ApiClient(pieces_os.configuration(retries=0)) as client,
        pytest.raises(pieces_os_client.ServiceException) as info,
    ):
        WellKnownApi(client).get_well_known_version()
    assert info.value.status == 500 and info.value.body == "boom"


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_stream_health_websocket_is_not_provided(pieces_os: FakePiecesOS, variant: str) -> None:
    with pieces_os_client.ApiClient(pieces_os.configuration()) as client:
        method = getattr(WellKnownApi(client), "get_well_known_stream_health" + variant)
        with pytest.raises(OperationNotProvidedError) as info:
            method(5.0)
    assert isinstance(info.value, NotImplementedError)
    message = str(info.value)
    assert "WellKnownApi.get_well_known_stream_health (GET /.well-known/stream/health)" in message
    assert "websocket" in message and "get_well_known_health()" in message
    assert pieces_os.requests == []  # nothing was sent


def test_the_fake_version_is_settable_and_checked() -> None:
    with FakePiecesOS(version="12.0.0-beta.1") as fake:
        assert fake.version == "12.0.0-beta.1"
        fake.version = "11.0.4.1"
        fake.reset()
        assert fake.version == "12.0.0-beta.1"  # reset() goes back to what the constructor was given
    for bad, kind in (("", ValueError), ("11 0", ValueError), ("\x1b[2J", ValueError), (11, TypeError)):
        with pytest.raises(kind):
            FakePiecesOS(version=bad)  # type: ignore[arg-type]


def test_the_in_process_fake_answers_the_well_known_endpoints() -> None:
    with (
        FakePiecesOS(in_process=True, version="debug") as fake,
        pieces_os_client.ApiClient(fake.configuration()) as client,
    ):
        api = WellKnownApi(client)
        assert [api.get_well_known_health(), api.get_well_known_version()] == ["ok", "debug"]


@pytest.mark.asyncio
async def test_the_async_twin(pieces_os: FakePiecesOS, pieces_os_async_client: Any) -> None:
    api = AsyncWellKnownApi(pieces_os_async_client)
    assert await api.get_well_known_health() == "ok"
    assert (await api.get_well_known_version_with_http_info()).data == pieces_os.version
    async with await api.get_installation_path_without_preload_content() as raw:
        assert await raw.read() == pieces_os.installation_path.encode()
    raised: List[BaseException] = []
    for variant in VARIANTS:
        with pytest.raises(OperationNotProvidedError) as info:
            await getattr(api, "get_well_known_stream_health" + variant)()
        raised.append(info.value)
    assert all("websocket" in str(e) for e in raised)
    assert [r.path for r in pieces_os.requests] == [
        "/.well-known/health",
        "/.well-known/version",
        "/.well-known/installation/path",
    ]
