"""Property tests: whatever a server sends back, the SDK returns a value or raises one of its own errors.

Arbitrary bytes, arbitrary JSON and schema-shaped but wrong JSON are fed to every response path (each of
the six operations, success and error statuses, JSON and text content types) through a real loopback
server: one long-lived raw-socket server whose next response is set per example. The only exceptions
allowed out are subclasses of `OpenApiException`, and no pooled connection may be left checked out.
"""

from __future__ import annotations

import copy
import json
import math
import random
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pieces_os_client import (
    AllocationCloud,
    AllocationsApi,
    ApiClient,
    Configuration,
    OpenApiException,
    UserProfile,
)
from tests._payloads import CLOUD_WIRE, PROFILE_WIRE
from tests._server import RawServer, checked_out, response_bytes
from tests._spec_strategies import PayloadStrategies, load_schemas

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Payloads built from the schemas cost more to draw: fewer of them.
FUZZ_SCHEMA = settings(FUZZ, max_examples=30)
# Recursive JSON values are the next most costly.
FUZZ_JSON = settings(FUZZ, max_examples=60)


# Every operation, with the schema its 200 response is declared to carry (None: text/plain).
OPERATIONS: Dict[str, Tuple[Callable[[AllocationsApi], Any], Optional[str]]] = {
    "snapshot": (lambda api: api.allocations_snapshot(), "Allocations"),
    "connect": (
        lambda api: api.allocations_connect_new_cloud(UserProfile.from_dict(PROFILE_WIRE)),
        "AllocationCloud",
    ),
    "create": (
        lambda api: api.allocations_create_new_allocation(AllocationCloud.from_dict(CLOUD_WIRE)),
        "AllocationCloud",
    ),
    "delete": (lambda api: api.allocations_delete_allocation(AllocationCloud.from_dict(CLOUD_WIRE)), None),
    "disconnect": (lambda api: api.allocations_disconnect_cloud(AllocationCloud.from_dict(CLOUD_WIRE)), None),
    "reconnect": (
        lambda api: api.allocations_reconnect_cloud(AllocationCloud.from_dict(CLOUD_WIRE)),
        "AllocationCloud",
    ),
}
# Success and error statuses, declared and not, plus the odd ones (no body, redirect, non-standard).
STATUSES = [200, 201, 204, 299, 302, 400, 401, 403, 404, 409, 418, 422, 429, 500, 502, 503, 504, 599]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "application/problem+json",
    "text/plain",
    "text/plain; charset=latin-1",
    "text/plain; charset=no-such-charset",
    "text/html",
    "application/octet-stream",
    None,
]


class Harness:
    """One raw server and one client for the whole module; each example sets the next response."""

    def __init__(self) -> None:
        self.next_response = b""
        self.server = RawServer([self._answer])
        configuration = Configuration(host=self.server.url, retries=0, connect_timeout=1, read_timeout=1)
        self.client = ApiClient(configuration)
        self.api = AllocationsApi(self.client)

    def _answer(self, conn: Any, request: Any) -> bool:
        conn.send(self.next_response)
        conn.close()  # one exchange per connection: no example can leave bytes for the next
        return False

    def call(self, operation: str, response: bytes) -> Any:
        self.next_response = response
        call, _ = OPERATIONS[operation]
        try:
            return call(self.api)
        except OpenApiException as exc:
            return exc
        finally:
            assert checked_out(self.client) == 0

    def close(self) -> None:
        self.client.close()
        self.server.stop()
        assert not self.server.handler_errors


@pytest.fixture(scope="module")
def harness() -> Iterator[Harness]:
    h = Harness()
    yield h
    h.close()


def http_response(status: int, body: bytes, content_type: Optional[str]) -> bytes:
    return response_bytes(status, body, content_type=content_type, keep_alive=False)


operations = st.sampled_from(sorted(OPERATIONS))
statuses = st.sampled_from(STATUSES)
content_types = st.sampled_from(CONTENT_TYPES)

# Any JSON value, hostile corners included: NaN and infinities, huge ints, deep nesting, odd strings.
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**300, max_value=10**400),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def dump(value: Any, ensure_ascii: bool) -> bytes:
    return json.dumps(value, ensure_ascii=ensure_ascii, allow_nan=True).encode("utf-8")


# ---- arbitrary bytes ----------------------------------------------------------------------------


@FUZZ
@given(operation=operations, status=statuses, content_type=content_types, body=st.binary(max_size=512))
def test_arbitrary_body_bytes(harness, operation, status, content_type, body):
    outcome = harness.call(operation, http_response(status, body, content_type))
    if 200 <= status <= 299 and not isinstance(outcome, OpenApiException):
        assert outcome is None or isinstance(outcome, (str, AllocationCloud)) or hasattr(outcome, "iterable")


@FUZZ
@given(operation=operations, wire=st.binary(max_size=256))
def test_arbitrary_bytes_on_the_wire(harness, operation, wire):
    # Not even a valid response: a status line, headers and framing are all up to chance.
    harness.call(operation, wire)


HEAD_LINES = st.lists(
    st.sampled_from(
        [
            b"HTTP/1.1 200 OK",
            b"HTTP/1.1 500 Internal Server Error",
            b"HTTP/1.0 200 OK",
            b"Content-Type: application/json",
            b"Content-Type: text/plain",
            b"Content-Length: 0",
            b"Content-Length: 5",
            b"Content-Length: -1",
            b"Content-Length: 99999999999999999999",
            b"Transfer-Encoding: chunked",
            b"Transfer-Encoding: gzip, chunked",
            b"Content-Encoding: gzip",
            b"Content-Encoding: deflate",
            b"Content-Encoding: br",
            b"Retry-After: soon",
            b"Connection: keep-alive",
            b"X-\xff: \xfe",
            b": no-name",
            b"no-colon",
        ]
    ),
    max_size=6,
)


@FUZZ
@given(operation=operations, head=HEAD_LINES, tail=st.binary(max_size=64))
def test_plausible_headers_with_arbitrary_framing(harness, operation, head, tail):
    harness.call(operation, b"\r\n".join(head) + b"\r\n\r\n" + tail)


# ---- arbitrary JSON -----------------------------------------------------------------------------


@FUZZ_JSON
@given(
    operation=operations,
    status=statuses,
    content_type=content_types,
    value=json_values,
    ensure_ascii=st.booleans(),
)
def test_arbitrary_json(harness, operation, status, content_type, value, ensure_ascii):
    harness.call(operation, http_response(status, dump(value, ensure_ascii), content_type))


@FUZZ
@given(
    operation=operations,
    depth=st.integers(min_value=1, max_value=20_000),
    opener=st.sampled_from(["[", '{"a":']),
)
def test_deep_nesting(harness, operation, depth, opener):
    body = (opener * depth).encode()
    harness.call(operation, http_response(200, body, "application/json"))


# ---- schema-shaped but wrong JSON ---------------------------------------------------------------

PAYLOADS = PayloadStrategies(load_schemas())


def valid_payloads(schema: str) -> st.SearchStrategy[Any]:
    """Valid wire payloads of a response schema (clouds one level in, which keeps drawing fast)."""
    clouds = PAYLOADS.model("AllocationCloud", 1)
    if schema == "Allocations":
        return st.builds(lambda items: {"iterable": items}, st.lists(clouds, max_size=2))
    return clouds


# Containers are built anew for every draw (never `st.just([])`): `wrong_payloads` mutates what it
# inserts, and a mutated shared object would make the same choices give another payload next time.
WRONG_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: [{}]),
)


def _containers(node: Any, out: List[Any]) -> List[Any]:
    if isinstance(node, dict):
        out.append(node)
        for value in node.values():
            _containers(value, out)
    elif isinstance(node, list):
        out.append(node)
        for value in node:
            _containers(value, out)
    return out


@st.composite
def wrong_payloads(draw: st.DrawFn, schema: str) -> Any:
    """A valid payload of ``schema`` with a few mutations: keys dropped, values of the wrong type.

    The mutations go to a copy: the drawn value stays as Hypothesis made it.
    """
    payload = copy.deepcopy(draw(valid_payloads(schema)))
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        containers = _containers(payload, [])
        node = rng.choice(containers)
        if isinstance(node, dict) and node:
            key = rng.choice(sorted(node))
            if rng.random() < 0.4:
                del node[key]
            else:
                node[key] = draw(WRONG_VALUES)
        elif isinstance(node, list) and node:
            node[rng.randrange(len(node))] = draw(WRONG_VALUES)
    return payload


@FUZZ_SCHEMA
@given(data=st.data(), operation=operations, status=st.sampled_from([200, 200, 200, 400, 500, 504]))
def test_schema_shaped_but_wrong_json(harness, data, operation, status):
    _, schema = OPERATIONS[operation]
    value = data.draw(wrong_payloads(schema or "AllocationCloud"))
    body = dump(value, ensure_ascii=False)
    outcome = harness.call(operation, http_response(status, body, "application/json"))
    if status == 200 and schema is not None and not isinstance(outcome, OpenApiException):
        assert type(outcome).__name__ == schema  # if it decoded, it is the declared model


@settings(FUZZ_SCHEMA, max_examples=20)
@given(data=st.data(), operation=operations)
def test_valid_payloads_decode(harness, data, operation):
    # The control group: the same generator without mutations always gives the declared model.
    _, schema = OPERATIONS[operation]
    if schema is None:
        return
    value = data.draw(valid_payloads(schema))
    outcome = harness.call(operation, http_response(200, dump(value, ensure_ascii=False), "application/json"))
    assert type(outcome).__name__ == schema, outcome


def test_wrong_payloads_share_no_container_between_draws():
    # `wrong_payloads` mutates containers in place. One reused by another draw (as `st.just([])` would
    # be) makes the same choices give another payload later: an example saved in .hypothesis/ then fails
    # to replay with FlakyStrategyDefinition.
    seen: Set[int] = set()
    kept: List[Any] = []  # keeps every container alive, so no id is handed out twice

    @settings(FUZZ, max_examples=20, database=None, derandomize=True)
    @given(wrong_payloads("Allocations"))
    def collect(value: Any) -> None:
        kept.append(value)
        for node in _containers(value, []):
            assert id(node) not in seen, f"container drawn twice: {node!r}"
            seen.add(id(node))

    collect()
    assert len(kept) == 20


def test_nan_payloads_are_json_the_fuzzer_can_send():
    assert dump(math.nan, True) == b"NaN"
