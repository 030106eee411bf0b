"""`PiecesOSVersion`, `server_version`, `discover_with_version` and ``pieces-os-client version``."""

from __future__ import annotations

import copy
import itertools
import json
import pickle
import random
import socket
import time
from pathlib import Path
from typing import Iterator, List

import pytest

import pieces_os_client
from pieces_os_client import cli
from pieces_os_client.exceptions import ApiDecodeError, ApiTimeoutError, ApiTypeError, ApiValueError
from pieces_os_client.pieces_os import (
    API_LEVEL,
    DiscoveredPiecesOS,
    PiecesOSVersion,
    async_discover_with_version,
    async_server_version,
    discover_with_version,
    server_version,
)
from pieces_os_client.testing import FakePiecesOS
from tests._server import closed_port

# Oldest first; each line is newer than the one before it.
ORDERED = [
    "1.2",
    "9.0.0",
    "10.1.9",
    "11.0.0-alpha",
    "11.0.0-alpha.1",
    "11.0.0-alpha.beta",
    "11.0.0-beta",
    "11.0.0-beta.2",
    "11.0.0-beta.11",
    "11.0.0-rc.1",
    "11.0.0",
    "11.0.4",
    "11.0.4.1",
    "11.0.4.2",
    "11.0.10",
    "11.1",
    "12.0.0-beta.1",
    "12.0.0",
    "debug",
]


def test_versions_order_as_pieces_os_releases_them() -> None:
    versions = [PiecesOSVersion(text) for text in ORDERED]
    for older, newer in itertools.pairwise(versions):
        assert older < newer and newer > older and older != newer, (older, newer)
        assert newer.is_at_least(str(older)) and not older.is_at_least(newer)
    assert sorted(random.Random(0).sample(versions, len(versions))) == versions


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("11.0.4", "11.0.4.0"),
        ("11", "11.0.0"),
        ("v11.0.4", "11.0.4"),
        ("12.0.0+build.7", "12.0.0"),
        ("DEBUG", "debug"),
    ],
)
def test_equal_versions_hash_alike(a: str, b: str) -> None:
    assert PiecesOSVersion(a) == PiecesOSVersion(b) and hash(PiecesOSVersion(a)) == hash(PiecesOSVersion(b))
    assert len({PiecesOSVersion(a), PiecesOSVersion(b)}) == 1


def test_what_a_version_tells() -> None:
    version = PiecesOSVersion(" 12.0.0-beta.2+abc \n")
    assert (str(version), repr(version)) == ("12.0.0-beta.2+abc", "PiecesOSVersion('12.0.0-beta.2+abc')")
    assert (version.release, version.prerelease, version.build) == ((12, 0, 0), ("beta", 2), "abc")
    assert version.is_prerelease and not version.is_debug
    assert not version.is_at_least("12.0.0") and version.is_at_least("9.0.0")
    debug = PiecesOSVersion("debug")
    assert debug.is_debug and debug.release == () and debug.is_at_least("999.0.0")
    for copied in (pickle.loads(pickle.dumps(version)), copy.deepcopy(version), PiecesOSVersion(version)):
        assert copied == version and str(copied) == str(version)


@pytest.mark.parametrize("text", ["", "11.0.x", "11..0", "eleven", "11.0.4-", "1\u00b2", "\x1b[2J"])
def test_what_is_not_a_version_is_an_sdk_error(text: str) -> None:
    with pytest.raises(ApiValueError) as info:
        PiecesOSVersion(text)
    assert "is not a Pieces OS version" in str(info.value) and "\x1b" not in str(info.value)
    with pytest.raises(ApiValueError):
        PiecesOSVersion("11.0.4").is_at_least(text)


def test_a_version_is_compared_with_versions_only() -> None:
    with pytest.raises(ApiTypeError):
        PiecesOSVersion(11)  # type: ignore[arg-type]
    assert PiecesOSVersion("11.0.4") != "11.0.4"  # compare versions, or use is_at_least("11.0.4")
    with pytest.raises(TypeError):
        assert PiecesOSVersion("11.0.4") < "12"  # type: ignore[operator]


# -- asking Pieces OS ---------------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


def test_server_version_asks_the_host(pieces_os: FakePiecesOS) -> None:
    pieces_os.version = "11.0.4.1"
    assert server_version(pieces_os.url) == PiecesOSVersion("11.0.4.1")
    pieces_os.version = "debug"
    assert server_version(pieces_os.url).is_debug
    assert [r.path for r in pieces_os.requests] == ["/.well-known/version"] * 2


def test_a_url_comes_alone_from_discover_and_with_its_version_from_discover_with_version(
    pieces_os: FakePiecesOS, home: Path
) -> None:
    options = {"home": home, "ports": [closed_port(), pieces_os.port], "legacy_ports": []}
    assert pieces_os_client.discover(**options) == pieces_os.url
    found = discover_with_version(**options)
    assert isinstance(found, DiscoveredPiecesOS)
    url, version = found
    assert (url, version) == (pieces_os.url, PiecesOSVersion("11.0.4"))


def test_an_answer_that_is_not_a_version_is_a_decode_error(pieces_os: FakePiecesOS) -> None:
    pieces_os.respond_next("/.well-known/version", body="<html>hi</html>", content_type="text/html")
    with pytest.raises(ApiDecodeError) as info:
        server_version(pieces_os.url)
    err = info.value
    assert err.status == 200 and err.body == b"<html>hi</html>"
    assert err.url == f"{pieces_os.url}/.well-known/version" and "not a version" in str(err)


def test_an_old_pieces_os_without_the_endpoint_raises_its_status(pieces_os: FakePiecesOS) -> None:
    pieces_os.fail_next("/.well-known/version", status=404)
    with pytest.raises(pieces_os_client.NotFoundException):
        server_version(pieces_os.url)


@pytest.fixture
def silent_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield s.getsockname()[1]


def test_timeout_bounds_the_whole_call(silent_port: int) -> None:
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError):
        server_version(f"http://127.0.0.1:{silent_port}", timeout=0.5)
    assert time.monotonic() - started < 1.5
    with pytest.raises(ApiValueError):
        server_version("http://127.0.0.1:1", timeout=float("nan"))
    with pytest.raises(pieces_os_client.ConfigurationError):
        server_version("localhost:1")


@pytest.mark.asyncio
async def test_the_async_forms(pieces_os: FakePiecesOS, home: Path) -> None:
    pieces_os.version = "12.0.0-beta.1"
    assert (await async_server_version(pieces_os.url)).prerelease == ("beta", 1)
    found = await async_discover_with_version(home=home, ports=[pieces_os.port], legacy_ports=[])
    assert found == (pieces_os.url, PiecesOSVersion("12.0.0-beta.1"))


# -- the command ------------------------------------------------------------------------------------------


def test_the_version_command(pieces_os: FakePiecesOS, capsys: pytest.CaptureFixture[str]) -> None:
    pieces_os.version = "11.0.4.1"
    assert cli.main(["version", "--host", pieces_os.url]) == cli.EXIT_OK
    lines: List[str] = capsys.readouterr().out.splitlines()
    assert lines == [
        f"pieces-os-client {pieces_os_client.__version__}",
        f"API level: pieces-os-client {API_LEVEL} (its Allocations and well-known APIs)",
        f"Pieces OS 11.0.4.1 at {pieces_os.url}",
    ]
    assert cli.main(["--json", "version", "--host", pieces_os.url]) == cli.EXIT_OK
    assert json.loads(capsys.readouterr().out) == {
        "package": pieces_os_client.__version__,
        "api_level": API_LEVEL,
        "pieces_os": {"url": pieces_os.url, "version": "11.0.4.1"},
    }


def test_the_version_command_without_pieces_os(capsys: pytest.CaptureFixture[str]) -> None:
    nowhere = f"http://127.0.0.1:{closed_port()}"
    assert cli.main(["--json", "version", "--host", nowhere, "--timeout", "1"]) == cli.EXIT_CONNECTION
    out, err = capsys.readouterr()
    assert json.loads(out) == {
        "package": pieces_os_client.__version__,
        "api_level": API_LEVEL,
        "pieces_os": None,
    }
    assert "ApiConnectionError" in err and nowhere in err
    assert cli.main(["version", "--retries", "1"]) == cli.EXIT_USAGE
    assert "version does not use --retries" in capsys.readouterr().err
