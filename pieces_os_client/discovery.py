"""Find a running Pieces OS on this machine: `discover` and `wait_until_ready`.

Pieces OS has listened on different ports over its life: 1000 (macOS and Windows) or 5323 (Linux)
before version 11, and the first free port in 39300-39333 since. It also writes the port it uses to a
``.port.txt`` file in its config folder. `discover` looks in that order of trust: the port file, then
the 39300-39333 range probed in parallel, then the two old defaults, and answers within about a second
when nothing runs. A port counts only when ``HEAD /.well-known/health`` answers 2xx there::

    import pieces_os_client

    configuration = pieces_os_client.Configuration(host=pieces_os_client.discover())

Standard library only; nothing here raises anything but `PiecesOSNotFoundError` and `ApiTimeoutError`.
"""

from __future__ import annotations

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from pieces_os_client._redact import redact_url
from pieces_os_client.exceptions import ApiConnectionError, ApiTimeoutError

__all__ = [
    "DEFAULT_DISCOVERY_TIMEOUT",
    "LEGACY_PORTS",
    "PIECES_OS_PORTS",
    "PiecesOSNotFoundError",
    "discover",
    "port_file_locations",
    "wait_until_ready",
]

# Ports Pieces OS 11 and later choose from (the first free one), probed in parallel.
PIECES_OS_PORTS: Tuple[int, ...] = tuple(range(39300, 39334))
# The documented defaults of older Pieces OS: 1000 on macOS and Windows, 5323 on Linux.
LEGACY_PORTS: Tuple[int, ...] = (1000, 5323)
# The longest discover() takes when nothing answers, in seconds.
DEFAULT_DISCOVERY_TIMEOUT = 1.0
# The health endpoint every Pieces OS 11+ answers with 200.
HEALTH_PATH = "/.well-known/health"
# Where Pieces OS writes its port, relative to the home folder (macOS; Windows and Linux).
_PORT_FILE_DIRS = (
    ("Library", "com.pieces.os", "production", "Config"),
    ("Documents", "com.pieces.os", "production", "Config"),
)
_PORT_FILE = ".port.txt"
_LOOPBACK = "127.0.0.1"


class PiecesOSNotFoundError(ApiConnectionError):
    """`discover` found no Pieces OS. ``tried`` lists every place it looked, in order."""

    def __init__(self, message: str, *, tried: Sequence[str]) -> None:
        super().__init__(message, request_sent=False)
        self.tried = list(tried)


def port_file_locations(home: Optional[Path] = None) -> List[Path]:
    """Where Pieces OS may have written ``.port.txt`` under ``home`` (the user's home by default)."""
    base = Path.home() if home is None else Path(home)
    return [base.joinpath(*parts, _PORT_FILE) for parts in _PORT_FILE_DIRS]


def _read_port_file(path: Path) -> Optional[int]:
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")[:32].strip()
    except OSError:
        return None
    if raw.isdigit() and 0 < int(raw) < 65536:
        return int(raw)
    return None


def _healthy(host: str, port: int, timeout: float) -> bool:
    """True when ``HEAD /.well-known/health`` on host:port answers 2xx within ``timeout`` seconds."""
    conn = http.client.HTTPConnection(host, port, timeout=max(timeout, 0.01))
    try:
        conn.request("HEAD", HEALTH_PATH, headers={"Connection": "close"})
        return 200 <= conn.getresponse().status < 300
    except (OSError, http.client.HTTPException, ValueError):
        return False
    finally:
        conn.close()


def _url(host: str, port: int) -> str:
    return f"http://{host}:{port}"


def _ranges(ports: Sequence[int]) -> str:
    """``39300-39333`` for a contiguous run, else the ports separated by commas."""
    if len(ports) > 2 and list(ports) == list(range(ports[0], ports[0] + len(ports))):
        return f"{ports[0]}-{ports[-1]}"
    return ", ".join(str(p) for p in ports)


def discover(
    *,
    timeout: float = DEFAULT_DISCOVERY_TIMEOUT,
    home: Optional[Path] = None,
    port_files: Optional[Iterable[Path]] = None,
    ports: Sequence[int] = PIECES_OS_PORTS,
    legacy_ports: Sequence[int] = LEGACY_PORTS,
    host: str = _LOOPBACK,
) -> str:
    """The base URL of the Pieces OS running on this machine, e.g. ``http://127.0.0.1:39300``.

    Looks at the port file first (``.port.txt`` in the Pieces OS config folder under ``home``, or the
    files in ``port_files``), then probes ``ports`` (39300-39333) in parallel, then ``legacy_ports``
    (1000, 5323); every candidate is checked with ``HEAD /.well-known/health`` and all probes run at
    once, so the answer comes within ``timeout`` seconds. Where several answer, the port file wins,
    then the lowest port of the range, then the legacy ports in order.

    Returns a URL to pass as ``Configuration(host=...)``. Raises `PiecesOSNotFoundError` (an
    `ApiConnectionError`) listing what was tried when nothing answers.
    """
    files = list(port_files) if port_files is not None else port_file_locations(home)
    tried: List[str] = []
    # Candidates in order of preference; duplicates keep their first (most trusted) place.
    candidates: List[int] = []
    for path in files:
        port = _read_port_file(path)
        if port is None:
            tried.append(f"port file {path} (absent or unreadable)")
        else:
            tried.append(f"port file {path} (port {port})")
            candidates.append(port)
    candidates.extend(ports)
    candidates.extend(legacy_ports)
    unique = list(dict.fromkeys(candidates))

    found = _probe_all(host, unique, timeout)
    for port in unique:
        if found.get(port):
            return _url(host, port)
    if ports:
        tried.append(f"http://{host}:{_ranges(list(ports))}{HEALTH_PATH}")
    for port in legacy_ports:
        tried.append(f"{_url(host, port)}{HEALTH_PATH}")
    raise PiecesOSNotFoundError(
        "no Pieces OS found on this machine; tried " + "; ".join(tried) + ". Is Pieces OS running? "
        "Start it, or pass the address explicitly with Configuration(host=...)",
        tried=tried,
    )


def _probe_all(host: str, ports: Sequence[int], timeout: float) -> Dict[int, bool]:
    """Probe every port at once; ports that have not answered within ``timeout`` count as absent."""
    results: Dict[int, bool] = {}
    if not ports:
        return results
    lock = threading.Lock()
    deadline = time.monotonic() + timeout
    # A probe may be left running past the deadline (its socket timeout ends it soon after); the
    # executor is not waited for, so discover() itself stays within the bound.
    pool = ThreadPoolExecutor(max_workers=min(len(ports), 64), thread_name_prefix="pieces-os-discover")
    try:

        def probe(port: int) -> None:
            ok = _healthy(host, port, min(timeout, 0.5, max(deadline - time.monotonic(), 0.01)))
            with lock:
                results[port] = ok

        futures = [pool.submit(probe, port) for port in ports]
        for future in futures:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                future.result(timeout=remaining)
            except Exception:  # a probe that timed out here counts as absent
                break
    finally:
        pool.shutdown(wait=False)
    with lock:
        return dict(results)


def wait_until_ready(
    host: Optional[str] = None,
    *,
    timeout: float = 30.0,
    interval: float = 0.25,
    **discover_options: Any,
) -> str:
    """Wait until Pieces OS answers its health check, and return its base URL.

    With ``host`` (e.g. ``"http://127.0.0.1:39300"``) that address is polled; without it `discover`
    runs until it finds one (``discover_options`` are passed on to it). Useful right after starting
    Pieces OS, which takes a few seconds to listen. Raises `ApiTimeoutError` after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    last = "nothing tried yet"
    # The address is parsed once, before polling starts: a bad one fails at once.
    target = _split_host(host) if host is not None else None
    base = host.rstrip("/") if host is not None else ""
    while True:
        remaining = deadline - time.monotonic()
        if target is not None:
            if _healthy(target[0], target[1], min(1.0, max(remaining, 0.01))):
                return base
            last = f"{redact_url(base)}{HEALTH_PATH} did not answer"  # never a user:password@
        else:
            options = dict(discover_options)
            options.setdefault("timeout", min(DEFAULT_DISCOVERY_TIMEOUT, max(remaining, 0.05)))
            try:
                return discover(**options)
            except PiecesOSNotFoundError as exc:
                last = str(exc)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ApiTimeoutError(
                f"Pieces OS was not ready within {timeout:g} s; last check: {last}", request_sent=False
            )
        time.sleep(min(interval, remaining))


def _split_host(host: str) -> Tuple[str, int]:
    """(hostname, port) of an ``http://`` base URL; the port defaults to 80."""
    from urllib.parse import urlsplit

    from pieces_os_client.exceptions import ConfigurationError

    parts = urlsplit(host if "://" in host else f"http://{host}")
    try:
        port = parts.port
    except ValueError:  # its message may quote part of a password ("admin:S3/CRET@host": port "S3")
        port = -1
    if parts.scheme != "http" or not parts.hostname or port == -1:
        raise ConfigurationError(
            f"wait_until_ready needs an http:// address like 'http://127.0.0.1:39300', "
            f"not {redact_url(host)!r}"
        )
    return parts.hostname, port or 80
