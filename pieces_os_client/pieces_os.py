"""Which Pieces OS is running: its version as a comparable value, read from ``GET /.well-known/version``.

Code that needs a feature of a given Pieces OS release checks the version first::

    import pieces_os_client

    version = pieces_os_client.server_version()  # discovers Pieces OS, then asks it
    if not version.is_at_least("9.0.0"):
        raise SystemExit(f"this tool needs Pieces OS 9 or later, found {version}")

`PiecesOSVersion` orders what Pieces OS reports: releases of any length (``11.0.4`` < ``11.0.4.1`` <
``11.0.5``; ``11.0.4`` equals ``11.0.4.0``), pre-releases before their release (``12.0.0-beta.2`` <
``12.0.0``, compared part by part as semantic versioning does), and ``debug``, which a development build
answers, after every release. `discover` still returns a URL; `discover_with_version` returns the URL
and the version together.
"""

from __future__ import annotations

import functools
import re
import time
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple, Optional, Sequence, Tuple, Union

from pieces_os_client._text import escape_controls
from pieces_os_client._version import __version__
from pieces_os_client.discovery import (
    DEFAULT_DISCOVERY_TIMEOUT,
    LEGACY_PORTS,
    PIECES_OS_PORTS,
    async_discover,
    discover,
)
from pieces_os_client.exceptions import ApiDecodeError, ApiTypeError, ApiValueError

if TYPE_CHECKING:
    from pathlib import Path

    from pieces_os_client.api_response import ApiResponse

__all__ = [
    "API_LEVEL",
    "DEFAULT_VERSION_TIMEOUT",
    "DiscoveredPiecesOS",
    "PiecesOSVersion",
    "async_discover_with_version",
    "async_server_version",
    "discover_with_version",
    "server_version",
]

# The official pieces-os-client release whose Allocations and well-known APIs this package implements:
# the public part of this package's version (5.0.1 of 5.0.1+lossless.1).
API_LEVEL = __version__.partition("+")[0]
# Seconds server_version() may take in all, discovery included.
DEFAULT_VERSION_TIMEOUT = 5.0
# What a development build of Pieces OS answers instead of a version number.
_DEBUG = "debug"
# 11.0.4, 11.0.4.1, v11.0.4, 12.0.0-beta.2, 12.0.0-rc1+build.5 (the build part is not compared).
_VERSION = re.compile(
    r"v?(?P<release>[0-9]+(?:\.[0-9]+)*)"
    r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+(?P<build>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)
# The most of a version text quoted in an error.
_QUOTED = 80


@functools.total_ordering
class PiecesOSVersion:
    """A Pieces OS version, comparable with another: ``PiecesOSVersion("11.0.4") < PiecesOSVersion("debug")``.

    ``str()`` gives the text as Pieces OS wrote it. Equal versions hash alike (``11.0.4`` and
    ``11.0.4.0`` are equal). A text that is not a version raises `ApiValueError`.
    """

    __slots__ = ("_key", "build", "is_debug", "prerelease", "release", "text")

    def __init__(self, text: Union[str, PiecesOSVersion]) -> None:
        if isinstance(text, PiecesOSVersion):
            text = str(text)
        if not isinstance(text, str):
            raise ApiTypeError(f"a Pieces OS version is a str such as '11.0.4', not {type(text).__name__}")
        self.text = text.strip()
        self.is_debug = self.text.lower() == _DEBUG
        """True for a development build, which answers ``debug``: newer than every release."""
        self.release: Tuple[int, ...] = ()
        """The numbers, ``(11, 0, 4)``; empty for ``debug``."""
        self.prerelease: Tuple[Union[int, str], ...] = ()
        """The pre-release parts, ``("beta", 2)`` for ``12.0.0-beta.2``; empty for a release."""
        self.build = ""
        """What follows ``+`` (not compared)."""
        if not self.is_debug:
            match = _VERSION.fullmatch(self.text)
            if match is None:
                shown = escape_controls(self.text[:_QUOTED]) + ("..." if len(self.text) > _QUOTED else "")
                raise ApiValueError(
                    f"{shown!r} is not a Pieces OS version: expected numbers separated by dots, such as "
                    "'11.0.4', with an optional pre-release ('12.0.0-beta.2'), or 'debug'"
                )
            self.release = tuple(int(part) for part in match["release"].split("."))
            self.prerelease = tuple(
                int(part) if part.isdigit() else part for part in (match["pre"] or "").split(".") if part
            )
            self.build = match["build"] or ""
        self._key = _sort_key(self.is_debug, self.release, self.prerelease)

    @property
    def is_prerelease(self) -> bool:
        """True for a pre-release such as ``12.0.0-beta.2``."""
        return bool(self.prerelease)

    def is_at_least(self, minimum: Union[str, PiecesOSVersion]) -> bool:
        """Whether this version is ``minimum`` or newer: ``version.is_at_least("9.0.0")``.

        A development build (``debug``) is at least every release; a pre-release of 12.0.0 is not at
        least 12.0.0.
        """
        return self >= _coerce(minimum)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PiecesOSVersion):
            return NotImplemented
        return self._key == other._key

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PiecesOSVersion):
            return NotImplemented
        return self._key < other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"PiecesOSVersion({self.text!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        return (PiecesOSVersion, (self.text,))


def _coerce(value: Union[str, PiecesOSVersion]) -> PiecesOSVersion:
    return value if isinstance(value, PiecesOSVersion) else PiecesOSVersion(value)


def _sort_key(
    is_debug: bool, release: Tuple[int, ...], prerelease: Tuple[Union[int, str], ...]
) -> Tuple[Any, ...]:
    """Orders releases numerically (trailing zeros ignored), a pre-release before its release, debug last."""
    if is_debug:
        return (1,)
    numbers = list(release)
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    # Semantic versioning: numeric parts before alphanumeric ones, numbers by value, text by ASCII; a
    # shorter list of parts before a longer one it starts; a release after all its pre-releases.
    parts = tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in prerelease)
    return (0, tuple(numbers), (0, parts) if prerelease else (1, ()))


# --- asking Pieces OS ------------------------------------------------------------------------------------


class DiscoveredPiecesOS(NamedTuple):
    """What `discover_with_version` found: the base URL and the version of the Pieces OS there."""

    url: str
    version: PiecesOSVersion


def server_version(
    host: Optional[str] = None, *, timeout: float = DEFAULT_VERSION_TIMEOUT
) -> PiecesOSVersion:
    """The version of the Pieces OS at ``host`` (`discover` finds it when None): ``GET /.well-known/version``.

    ``timeout`` bounds the whole call, discovery included; the request is sent once, not retried.
    Raises what the call raises (a `TransportError`, an `ApiException`), `PiecesOSNotFoundError`
    when discovery finds nothing, `ApiDecodeError` when the answer is not a version, and
    `ConfigurationError` for a bad ``host``.
    """
    seconds = _timeout(timeout)
    deadline = time.monotonic() + seconds
    url = host if host is not None else discover(timeout=min(seconds, DEFAULT_DISCOVERY_TIMEOUT))
    return _version_at(url, deadline)


async def async_server_version(
    host: Optional[str] = None, *, timeout: float = DEFAULT_VERSION_TIMEOUT
) -> PiecesOSVersion:
    """`server_version`, awaitable, through an `AsyncApiClient` (the ``async`` extra)."""
    seconds = _timeout(timeout)
    deadline = time.monotonic() + seconds
    url = host if host is not None else await async_discover(timeout=min(seconds, DEFAULT_DISCOVERY_TIMEOUT))
    return await _async_version_at(url, deadline)


def discover_with_version(
    *,
    timeout: float = DEFAULT_VERSION_TIMEOUT,
    home: Optional[Path] = None,
    port_files: Optional[Iterable[Path]] = None,
    ports: Sequence[int] = PIECES_OS_PORTS,
    legacy_ports: Sequence[int] = LEGACY_PORTS,
    host: str = "127.0.0.1",
) -> DiscoveredPiecesOS:
    """`discover`, then the version of the Pieces OS it found: ``url, version = discover_with_version()``.

    Takes `discover`'s arguments; ``timeout`` bounds both steps together (discovery takes at most its own
    default of 1 s of it).
    """
    seconds = _timeout(timeout)
    deadline = time.monotonic() + seconds
    url = discover(
        timeout=min(seconds, DEFAULT_DISCOVERY_TIMEOUT),
        home=home,
        port_files=port_files,
        ports=ports,
        legacy_ports=legacy_ports,
        host=host,
    )
    return DiscoveredPiecesOS(url, _version_at(url, deadline))


async def async_discover_with_version(
    *,
    timeout: float = DEFAULT_VERSION_TIMEOUT,
    home: Optional[Path] = None,
    port_files: Optional[Iterable[Path]] = None,
    ports: Sequence[int] = PIECES_OS_PORTS,
    legacy_ports: Sequence[int] = LEGACY_PORTS,
    host: str = "127.0.0.1",
) -> DiscoveredPiecesOS:
    """`discover_with_version`, awaitable (``pip install 'pieces-os-client[async]'``)."""
    seconds = _timeout(timeout)
    deadline = time.monotonic() + seconds
    url = await async_discover(
        timeout=min(seconds, DEFAULT_DISCOVERY_TIMEOUT),
        home=home,
        port_files=port_files,
        ports=ports,
        legacy_ports=legacy_ports,
        host=host,
    )
    return DiscoveredPiecesOS(url, await _async_version_at(url, deadline))


def _timeout(value: object) -> float:
    from pieces_os_client.discovery import _seconds

    return _seconds(value, "timeout")


def _configuration(url: str, deadline: float) -> Any:
    """A `Configuration` for one version call to ``url`` that ends by ``deadline``."""
    from pieces_os_client.configuration import Configuration

    left = round(max(deadline - time.monotonic(), 0.01), 3)
    # One attempt: a version check that fails says why at once, and its caller decides to try again.
    return Configuration(host=url, connect_timeout=left, read_timeout=left, total_timeout=left, retries=0)


def _version_at(url: str, deadline: float) -> PiecesOSVersion:
    from pieces_os_client.api.well_known_api import WellKnownApi
    from pieces_os_client.api_client import ApiClient

    with ApiClient(_configuration(url, deadline)) as client:
        return _parsed(WellKnownApi(client).get_well_known_version_with_http_info(), url)


async def _async_version_at(url: str, deadline: float) -> PiecesOSVersion:
    from pieces_os_client.api.well_known_api import AsyncWellKnownApi
    from pieces_os_client.async_api_client import AsyncApiClient

    async with AsyncApiClient(_configuration(url, deadline)) as client:
        return _parsed(await AsyncWellKnownApi(client).get_well_known_version_with_http_info(), url)


def _parsed(response: ApiResponse[str], url: str) -> PiecesOSVersion:
    """The version an answer holds; `ApiDecodeError` (with the answer) when it holds none."""
    try:
        return PiecesOSVersion(response.data)
    except ApiValueError as exc:
        raise ApiDecodeError(
            f"Pieces OS answered GET /.well-known/version with something that is not a version: {exc}",
            status=response.status_code,
            body=response.raw_data,
            content_type=response.headers.get("Content-Type"),
            headers=response.headers,
            method="GET",
            url=f"{url.rstrip('/')}/.well-known/version",
        ) from exc
