"""Find a running Pieces OS on this machine: `discover` and `wait_until_ready`.

Pieces OS has listened on different ports over its life: 1000 (macOS and Windows) or 5323 (Linux)
before version 11, and the first free port in 39300-39333 since. It also writes the port it uses to a
``.port.txt`` file in its config folder. `discover` looks in that order of trust: the port file, then
the 39300-39333 range probed in parallel, then the two old defaults, and answers within about a second
when nothing runs. A port counts only when ``GET /.well-known/health`` answers as Pieces OS does: 200
with the text ``ok`` (or ``ok:`` and an id); a server answering anything else there is skipped::

    import pieces_os_client

    configuration = pieces_os_client.Configuration(host=pieces_os_client.discover())

Trust: any local process can listen on a port of the range before Pieces OS does, and whatever
`discover` picks receives every call, with the ``X-Application-ID`` key if one is configured. The port
file (written by Pieces OS in the user's own folder) is tried first, and the health answer must look
like Pieces OS's, but a program that imitates that answer cannot be told apart. Where that matters
(a shared machine), pass the address explicitly instead of discovering it.

Standard library only; nothing here raises anything but `PiecesOSNotFoundError`, `ApiTimeoutError` and
(for a bad ``host``) `ConfigurationError`. Every probe ends by its caller's deadline: a server that
drips its answer a byte at a time cannot stretch ``timeout``.
"""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from pieces_os_client._redact import redact_url
from pieces_os_client.exceptions import ApiConnectionError, ApiTimeoutError, ConfigurationError

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
# The health endpoint every Pieces OS 11+ answers with 200 and the text "ok" (newer builds: "ok:<id>").
HEALTH_PATH = "/.well-known/health"
# The most of a health answer a probe reads; Pieces OS's is a few dozen bytes.
_HEALTH_MAX_BYTES = 4096
# Where Pieces OS writes its port, relative to the home folder (macOS; Windows and Linux). Sources
# disagree on the case of the last folder, which matters on Linux: both are looked at.
_PORT_FILE_DIRS = (
    ("Library", "com.pieces.os", "production", "Config"),
    ("Library", "com.pieces.os", "production", "config"),
    ("Documents", "com.pieces.os", "production", "Config"),
    ("Documents", "com.pieces.os", "production", "config"),
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


def _probe(host: str, port: int, deadline: float) -> Optional[bool]:
    """True: Pieces OS answers on host:port; False: something else answers there; None: no answer.

    ``deadline`` (a `time.monotonic()` value) bounds the whole probe: connect, send and every read.
    """
    answer = _fetch_health(host, port, deadline)
    if not answer:
        return None
    return _looks_like_pieces_os(answer)


def _fetch_health(host: str, port: int, deadline: float) -> Optional[bytes]:
    """The raw answer (status line, headers, body) to a health request, or None: nothing by the deadline."""
    target = f"[{host}]" if ":" in host else host
    request = (f"GET {HEALTH_PATH} HTTP/1.1\r\nHost: {target}:{port}\r\nConnection: close\r\n\r\n").encode(
        "ascii"
    )
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return None
    try:
        sock = socket.create_connection((host, port), timeout=remaining)
    except (OSError, ValueError):
        return None
    data = b""
    try:
        sock.sendall(request)
        while len(data) < _HEALTH_MAX_BYTES and not _complete(data):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            sock.settimeout(remaining)
            chunk = sock.recv(_HEALTH_MAX_BYTES - len(data))
            if not chunk:
                break
            data += chunk
    except OSError:
        return None
    finally:
        sock.close()
    return data


def _complete(data: bytes) -> bool:
    """Whether ``data`` holds the whole answer: its headers and a body of the announced length."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return len(body) >= int(value.strip())
    return False  # no length (chunked or close-delimited): read until the server closes


def _looks_like_pieces_os(answer: bytes) -> bool:
    """A 200 whose body is ``ok`` or ``ok:<id>`` (as Pieces OS and the fake answer), nothing else."""
    head, sep, body = answer.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].split()
    if (
        not sep
        or len(status_line) < 2
        or not status_line[0].startswith(b"HTTP/1.")
        or status_line[1] != b"200"
    ):
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"transfer-encoding" and b"chunked" in value.lower():
            body = _unchunk(body)
        elif name.strip().lower() == b"content-length" and value.strip().isdigit():
            body = body[: int(value.strip())]
    text = body.strip()
    if text.startswith(b'"') and text.endswith(b'"'):  # the same text as a JSON string
        text = text[1:-1]
    return text == b"ok" or (text.startswith(b"ok:") and len(text) <= 200)


def _unchunk(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, sep, rest = body.partition(b"\r\n")
        try:
            size = int(size_line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            return b""
        if not sep or size == 0:
            break
        out += rest[:size]
        body = rest[size + 2 :]
    return out


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
    (1000, 5323); every candidate is checked with ``GET /.well-known/health`` and all probes run at
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
    foreign = [port for port in unique if found.get(port) is False]
    if foreign:
        tried.append(f"port {_ranges(foreign)} answered, but not as Pieces OS does (skipped)")
    if ports:
        tried.append(f"http://{host}:{_ranges(list(ports))}{HEALTH_PATH}")
    for port in legacy_ports:
        tried.append(f"{_url(host, port)}{HEALTH_PATH}")
    raise PiecesOSNotFoundError(
        "no Pieces OS found on this machine; tried " + "; ".join(tried) + ". Is Pieces OS running? "
        "Start it, or pass the address explicitly with Configuration(host=...)",
        tried=tried,
    )


def _probe_all(host: str, ports: Sequence[int], timeout: float) -> Dict[int, Optional[bool]]:
    """Probe every port at once (see `_probe`); every probe, and its thread, ends within ``timeout``."""
    results: Dict[int, Optional[bool]] = {}
    if not ports:
        return results
    lock = threading.Lock()
    deadline = time.monotonic() + timeout

    def probe(port: int) -> None:
        found = _probe(host, port, deadline)
        with lock:
            results[port] = found

    # Each probe stops at the deadline by itself, so waiting for the pool keeps no thread past it.
    with ThreadPoolExecutor(max_workers=min(len(ports), 64), thread_name_prefix="pieces-os-discover") as pool:
        for port in ports:
            pool.submit(probe, port)
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
            # Each probe is bounded by the time left, so the whole wait ends by the deadline.
            found = _probe(target[0], target[1], time.monotonic() + min(1.0, max(remaining, 0.01)))
            if found:
                return base
            last = f"{redact_url(base)}{HEALTH_PATH} " + (  # never a user:password@
                "did not answer" if found is None else "answered, but not as Pieces OS does"
            )
        else:
            options = dict(discover_options)
            wanted = options.get("timeout", DEFAULT_DISCOVERY_TIMEOUT)
            options["timeout"] = min(wanted, max(remaining, 0.05))
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

    if not isinstance(host, str):
        raise ConfigurationError(f"wait_until_ready needs an http:// address, not a {type(host).__name__}")
    parts = urlsplit(host if "://" in host else f"http://{host}")
    try:
        port = parts.port
    except ValueError:  # its message may quote part of a password ("admin:S3/CRET@host": port "S3")
        port = -1
    if parts.scheme != "http" or not parts.hostname or port == -1:
        raise ConfigurationError(
            f"wait_until_ready needs an http:// address with a port from 1 to 65535, like "
            f"'http://127.0.0.1:39300', not {_shown(host)}"
        )
    if port == 0:
        raise ConfigurationError(
            f"wait_until_ready cannot use {_shown(host)}: port 0 is not a port to connect to"
        )
    return parts.hostname, port or 80


def _shown(host: str) -> str:
    """``host`` quoted for a message, with any credentials in it replaced by ``***``."""
    return repr(redact_url(host))
