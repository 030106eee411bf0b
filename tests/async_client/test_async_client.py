"""`AsyncApiClient` and `AsyncAllocationsApi` over loopback: lifecycle, the three variants of every
operation, retries with an injected sleep, timeouts, the total deadline and the size cap."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, List

import pytest

pytest.importorskip("aiohttp")

import pieces_os_client
from pieces_os_client import AsyncAllocationsApi, AsyncApiClient
from pieces_os_client.testing import FakePiecesOS, sample_user_profile
from tests._processes import fake_server_command
from tests._server import raw, raw_server, respond, stall


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 30))


def test_async_with_closes_and_a_closed_client_refuses_calls(pieces_os: FakePiecesOS) -> None:
    async def main() -> None:
        client = AsyncApiClient(pieces_os.configuration())
        async with client:
            snapshot = await AsyncAllocationsApi(client).allocations_snapshot()
            assert snapshot.iterable == []
        assert client.closed
        await client.close()  # closing again does nothing
        with pytest.raises(pieces_os_client.ClientClosedError, match="AsyncApiClient was closed"):
            await AsyncAllocationsApi(client).allocations_snapshot()
        with pytest.raises(pieces_os_client.ClientClosedError):
            async with client:
                pass

    run(main())


def test_the_session_is_made_inside_the_running_loop_by_the_first_call(pieces_os: FakePiecesOS) -> None:
    client = AsyncApiClient(pieces_os.configuration())  # no loop running: nothing is created yet
    assert client._session is None

    async def main() -> None:
        async with client:
            await AsyncAllocationsApi(client).allocations_snapshot()
            session = client._session
            assert session is not None
            assert session.connector is not None and session.connector.limit == 10

    run(main())


def test_every_operation_in_three_variants_matches_the_blocking_client(pieces_os: FakePiecesOS) -> None:
    pieces_os.cloud = True
    profile = sample_user_profile("variants")

    async def main() -> None:
        async with AsyncApiClient(pieces_os.configuration()) as client:
            api = AsyncAllocationsApi(client)
            cloud = await api.allocations_connect_new_cloud(user_profile=profile)
            info = await api.allocations_snapshot_with_http_info()
            assert info.status_code == 200 and len(info.data.iterable) == 1
            async with await api.allocations_snapshot_without_preload_content() as response:
                assert response.status == 200
                raw_body = await response.read()
                assert raw_body == info.raw_data
                assert await response.read() == raw_body
            assert client.connections_in_use() == 0
            assert isinstance(await api.allocations_reconnect_cloud(allocation_cloud=cloud), type(cloud))
            assert isinstance(await api.allocations_disconnect_cloud(allocation_cloud=cloud), str)
            created = await api.allocations_create_new_allocation_with_http_info(allocation_cloud=cloud)
            assert created.status_code == 200
            deleted = await api.allocations_delete_allocation_without_preload_content(allocation_cloud=cloud)
            assert deleted.status == 200
            deleted.close()
            with pytest.raises(pieces_os_client.ClientClosedError):
                await deleted.read()
            with pytest.raises(pieces_os_client.ApiTypeError, match="allocation_cloud must be an"):
                await api.allocations_delete_allocation(allocation_cloud=profile)  # type: ignore[arg-type]

    run(main())
    paths = [r.path for r in pieces_os.requests]
    assert paths == [
        "/allocations/connect",
        "/allocations",
        "/allocations",
        "/allocations/reconnect",
        "/allocations/disconnect",
        "/allocations/create",
        "/allocations/delete",
    ]


def test_a_dict_body_is_taken_as_the_blocking_client_takes_it(pieces_os: FakePiecesOS) -> None:
    given = {**sample_user_profile("from-a-dict").to_dict(), "fromANewerPiecesOS": [1]}

    async def main() -> None:
        async with AsyncApiClient(pieces_os.configuration()) as client:
            api = AsyncAllocationsApi(client)
            cloud = await api.allocations_connect_new_cloud(user_profile=given)  # type: ignore[arg-type]
            assert cloud.id == "from-a-dict"
            with pytest.raises(pieces_os_client.ApiValueError, match="user_profile does not fit") as info:
                await api.allocations_connect_new_cloud(user_profile={"id": "x"})  # type: ignore[arg-type]
            assert type(info.value.__cause__).__name__ == "ValidationError"
            with pytest.raises(pieces_os_client.ApiTypeError, match="or a dict, got str"):
                await api.allocations_connect_new_cloud(user_profile="{}")  # type: ignore[arg-type]

    run(main())
    assert [r.path for r in pieces_os.requests] == ["/allocations/connect"]
    assert json.loads(pieces_os.requests[0].body) == given


def test_retries_sleep_through_the_injected_sleep(pieces_os: FakePiecesOS) -> None:
    pieces_os.fail_next("/allocations", status=503, times=2, retry_after="2")
    delays: List[float] = []

    async def sleep(seconds: float) -> None:
        delays.append(seconds)

    async def main() -> None:
        async with AsyncApiClient(pieces_os.configuration(), sleep=sleep, random=lambda: 0.0) as client:
            await AsyncAllocationsApi(client).allocations_snapshot()

    run(main())
    assert delays == [2.0, 2.0]
    assert len(pieces_os.requests) == 3


def test_an_error_status_raises_the_same_exception_as_the_blocking_client(pieces_os: FakePiecesOS) -> None:
    pieces_os.fail_next("/allocations", status=404, times=2)

    async def main() -> pieces_os_client.ApiException:
        async with AsyncApiClient(pieces_os.configuration()) as client:
            with pytest.raises(pieces_os_client.NotFoundException) as info:
                await AsyncAllocationsApi(client).allocations_snapshot(_retries=0)
            return info.value

    async_error = run(main())
    with (
        pieces_os_client.ApiClient(pieces_os.configuration()) as client,
        pytest.raises(pieces_os_client.NotFoundException) as info,
    ):
        pieces_os_client.AllocationsApi(client).allocations_snapshot(_retries=0)
    assert str(async_error) == str(info.value)
    assert (async_error.status, async_error.attempts) == (info.value.status, info.value.attempts)


def test_a_proxy_in_the_environment_is_ignored(
    pieces_os: FakePiecesOS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")

    async def main() -> None:
        async with AsyncApiClient(pieces_os.configuration()) as client:
            await AsyncAllocationsApi(client).allocations_snapshot()

    run(main())
    assert len(pieces_os.requests) == 1


def test_read_timeout_and_total_deadline() -> None:
    with raw_server(stall(5)) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(host=server.url, read_timeout=0.3, retries=0)
            async with AsyncApiClient(configuration) as client:
                api = AsyncAllocationsApi(client)
                with pytest.raises(pieces_os_client.ApiTimeoutError, match="read timed out") as info:
                    await api.allocations_snapshot()
                assert info.value.request_sent is True
                started = time.monotonic()
                with pytest.raises(pieces_os_client.ApiTimeoutError, match=r"total deadline of 0\.4 s"):
                    await api.allocations_snapshot(_request_timeout=5, _total_timeout=0.4)
                assert time.monotonic() - started < 2.0

        run(main())


def test_a_body_over_max_response_bytes_is_refused() -> None:
    body = b'{"iterable": []}' + b" " * 5000
    chunked = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunked += b"".join(b"%x\r\n%s\r\n" % (1000, b" " * 1000) for _ in range(6)) + b"0\r\n\r\n"
    for action in (respond(200, body, content_type="application/json"), raw(chunked)):
        with raw_server(action) as server:

            async def main() -> None:
                configuration = pieces_os_client.Configuration(host=server.url, max_response_bytes=1000)
                async with AsyncApiClient(configuration) as client:
                    with pytest.raises(
                        pieces_os_client.ResponseTooLargeError, match="max_response_bytes=1000"
                    ):
                        await AsyncAllocationsApi(client).allocations_snapshot()
                    assert client.connections_in_use() == 0

            run(main())


def test_the_readme_async_script_runs_against_the_fake_server_command(tmp_path: Path) -> None:
    # The README's asyncio script, unchanged but for its host, against `pieces-os-client fake-server`
    # started as a user would (its own process).
    from tests.docs.test_docs_examples import DOCUMENTED_HOST, readme_example

    example = readme_example("## Async")
    with fake_server_command("--quiet") as (_, info):
        script = tmp_path / "readme_async.py"
        script.write_text(example.code.replace(DOCUMENTED_HOST, info["url"]), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False
        )
    assert done.returncode == 0, done.stderr
    count, status, streamed = done.stdout.splitlines()
    assert count.isdigit() and status == "200"
    assert streamed.startswith("200 ") and int(streamed.split()[1]) > 0


def test_the_same_headers_as_the_blocking_client_with_and_without_a_body(pieces_os: Any) -> None:
    # Header names and values as received, for a GET, a POST with a body and a POST without one (aiohttp
    # would add "Content-Type: application/octet-stream" to the last; urllib3 sends none).
    profile = pieces_os_client.UserProfile.from_dict(sample_user_profile("u1"))

    def seen(start: int = 0) -> List[Any]:
        requests = pieces_os.requests[start:]
        return [sorted((k.lower(), v) for k, v in r.headers.items() if k.lower() != "host") for r in requests]

    with pieces_os_client.ApiClient(pieces_os.configuration()) as client:
        api = pieces_os_client.AllocationsApi(client)
        api.allocations_snapshot()
        api.allocations_connect_new_cloud(profile)
        with contextlib.suppress(pieces_os_client.ApiException):  # what the fake answers is not the point
            api.allocations_connect_new_cloud()
    blocking = seen()

    async def main() -> None:
        async with AsyncApiClient(pieces_os.configuration()) as client:
            api = AsyncAllocationsApi(client)
            await api.allocations_snapshot()
            await api.allocations_connect_new_cloud(profile)
            with contextlib.suppress(pieces_os_client.ApiException):
                await api.allocations_connect_new_cloud()

    asyncio.run(asyncio.wait_for(main(), 30))
    assert seen(len(blocking)) == blocking
    assert len(blocking) == 3 and all("content-type" not in dict(h) for h in blocking[2:])


def test_getheader_is_case_insensitive_whatever_mapping_a_transport_returns() -> None:
    # A custom AsyncTransport may hand back a plain dict; the lookup is case-insensitive all the same,
    # as on the blocking client's response.
    async def reader() -> bytes:
        return b"{}"

    response = pieces_os_client.AsyncRESTResponse(
        200, "OK", {"Content-Type": "application/json"}, reader, lambda: None, method="GET", url="http://h/"
    )
    assert response.getheader("content-type") == response.getheader("Content-Type") == "application/json"
    assert response.getheader("X-Missing", "dflt") == "dflt" and response.getheader("X-Missing") is None
    assert asyncio.run(response.read()) == b"{}" and response.is_read
