"""Case 48: memory within the caps. Error excerpts cost what the excerpt costs, a text endpoint does not
parse a JSON body to learn it is not a string, a list of bad items stops at the first one, and the
default `max_response_bytes` keeps the worst body's decoding near 512 MiB."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path
from typing import Any, Callable, Tuple

import pytest

from pieces_os_client import ApiDecodeError, ServiceException
from pieces_os_client._constants import DEFAULT_MAX_RESPONSE_BYTES
from tests._calls import assert_released, cloud, get, raises_within
from tests._server import respond

TRANSPORTS = ("urllib3", "requests")
MiB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]


def items(item: bytes, size: int) -> bytes:
    """``item`` repeated, comma-separated, to about ``size`` bytes."""
    return b",".join([item] * (size // (len(item) + 1)))


def traced(fn: Callable[[], Any]) -> Tuple[Any, int, float]:
    """``fn()``'s result (or exception), the peak of memory it allocated, and the seconds it took."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        try:
            result: Any = fn()
        except Exception as exc:
            result = exc
        return result, tracemalloc.get_traced_memory()[1], time.monotonic() - started
    finally:
        tracemalloc.stop()


def test_48_default_max_response_bytes_is_sized_to_real_payloads() -> None:
    assert 4 * MiB == DEFAULT_MAX_RESPONSE_BYTES  # a 1,000-cloud snapshot is about 1 MB


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_48_a_large_error_body_costs_only_its_excerpt(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str
) -> None:
    body = b"error " + b"x y " * (MiB - 2)  # 4 MiB of short words: splitting it all was the cost
    server = serve(respond(500, body, content_type="text/plain"))
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ServiceException, 5.0, get, api)
    assert err.body is not None and len(err.body) == len(body)
    message, peak, seconds = traced(lambda: str(err))
    assert message.startswith("HTTP 500") and "error x y" in message and "…" in message
    assert len(message) < 500
    assert peak < 256 * 1024, f"str(err) allocated {peak} bytes"
    assert seconds < 0.5
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_48_a_json_body_on_a_text_endpoint_is_not_parsed_to_test_for_a_string(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str
) -> None:
    body = b"[" + items(b"{}", 3 * MiB) + b"]"
    server = serve(respond(200, body, content_type="application/json"))
    api, client = make_api(server.url, transport=transport)
    text, peak, _ = traced(lambda: api.allocations_disconnect_cloud(cloud()))
    assert isinstance(text, str) and len(text) == len(body)  # not a JSON string: returned as the text
    # The raw bytes and the text (plus the transport's read buffers); json.loads would add > 100 MiB.
    assert peak < 5 * len(body), f"peak {peak} bytes for a {len(body)}-byte body"
    server.set_script(respond(200, b'  "disconnected"', content_type="application/json"))
    assert api.allocations_disconnect_cloud(cloud()) == "disconnected"  # a JSON string is unwrapped
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_48_a_list_of_bad_items_stops_at_the_first(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str
) -> None:
    body = b'{"iterable": [' + items(b"{}", 2 * MiB) + b"]}"  # 700k clouds, each missing every field
    server = serve(respond(200, body))
    api, client = make_api(server.url, transport=transport)
    err, peak, seconds = traced(lambda: get(api))
    assert type(err) is ApiDecodeError, err
    assert "iterable.0" in str(err) and len(str(err)) < 2000
    assert peak < 8 * len(body), f"peak {peak} bytes for a {len(body)}-byte body"
    assert seconds < 10.0
    assert_released(client)


_WORST_CASE = textwrap.dedent(
    """
    import gc, resource, sys
    from tests._server import RawServer, respond
    import pieces_os_client as p

    size = int(sys.argv[1])
    # A body missing its required field, with deeply nested arrays in an unknown field: the decoder
    # builds them, and the validation error keeps the input as well. The worst shape we found.
    item = b"[" * 50 + b"]" * 50
    body = b'{"x": [' + b",".join([item] * ((size - 9) // (len(item) + 1))) + b"]}"
    server = RawServer([respond(200, body)])
    with p.ApiClient(p.Configuration(host=server.url, max_response_bytes=size)) as client:
        gc.collect()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            p.AllocationsApi(client).allocations_snapshot()
        except p.ApiDecodeError:
            pass
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    server.stop()
    print((after - before) * 1024)
    """
)


def test_48_the_worst_body_within_the_default_cap_decodes_in_about_512_mib() -> None:
    # Measured at a quarter of the default cap (memory grows linearly with the body), in a subprocess
    # so the peak is this decoding's alone.
    size = DEFAULT_MAX_RESPONSE_BYTES // 4
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", _WORST_CASE, str(size)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert time.monotonic() - started < 60
    grown = int(out.stdout.strip().splitlines()[-1])
    at_default_cap = grown * DEFAULT_MAX_RESPONSE_BYTES / size
    assert at_default_cap < 600 * MiB, f"{at_default_cap / MiB:.0f} MiB at the default cap"
