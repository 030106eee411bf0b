"""Find a running Pieces OS on this machine: `discover` and `wait_until_ready`, and their asyncio forms.

Pieces OS has listened on different ports over its life: 1000 (macOS and Windows) or 5323 (Linux)
before version 11, and the first free port in 39300-39333 since. It also writes the port it uses to a
``.port.txt`` file in its config folder. `discover` looks in that order of trust: the port file, then
the 39300-39333 range, then the two old defaults, all probed at once, and returns as soon as the answer
is certain: the port file's port answered, or a port answered and every more trusted one has refused.
A port counts only when ``GET /.well-known/health`` answers as Pieces OS does: 200 with the text ``ok``
(or ``ok:`` and an id); a server answering anything else there is skipped::

    import pieces_os_client

    configuration = pieces_os_client.Configuration(host=pieces_os_client.discover())

Trust: any local process can listen on a port of the range before Pieces OS does, and whatever
`discover` picks receives every call, with the ``X-Application-ID`` key if one is configured. The port
file (written by Pieces OS in the user's own folder) is tried first, and the health answer must look
like Pieces OS's, but a program that imitates that answer cannot be told apart. Where that matters
(a shared machine), pass the address explicitly instead of discovering it.

Bounds: every probe runs on one non-blocking socket in the calling thread (no thread is started, so
none is left behind), and the whole search ends by ``timeout``, whatever a server does (accept and
stay silent, drip its answer a byte at a time). A port file is read only when it is a regular file,
opened without blocking (a FIFO or a device is never opened for reading) and read for 32 bytes at most;
it must hold a port in ASCII digits. The asyncio forms run the same code in a daemon thread of their
own, which ends by the same deadline, so ``asyncio.run()`` never waits for it.

Standard library only; nothing here raises anything but `PiecesOSNotFoundError`, `ApiTimeoutError`,
`ApiTypeError` and `ApiValueError` (`ConfigurationError` for a bad host).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import math
import os
import re
import selectors
import socket
import stat
import sys
import threading
import time
from pathlib import Path
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
)
from urllib.parse import urlsplit

from pieces_os_client._redact import redact_url
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    ConfigurationError,
)

__all__ = [
    "DEFAULT_DISCOVERY_TIMEOUT",
    "LEGACY_PORTS",
    "PIECES_OS_PORTS",
    "PiecesOSNotFoundError",
    "async_discover",
    "async_wait_until_ready",
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
# wait_until_ready's defaults: how long it waits in all, and how long between two checks.
DEFAULT_WAIT_TIMEOUT = 30.0
DEFAULT_WAIT_INTERVAL = 0.25
# The health endpoint every Pieces OS 11+ answers with 200 and the text "ok" (newer builds: "ok:<id>").
HEALTH_PATH = "/.well-known/health"
# The most of a health answer a probe reads; Pieces OS's is a few dozen bytes.
_HEALTH_MAX_BYTES = 4096
# The most probes open at once (sockets, so file descriptors); further ones start as others finish.
_MAX_OPEN_PROBES = 64
# The most of a port file read: a port is at most 5 digits, with a line ending and a byte order mark.
_PORT_FILE_MAX_BYTES = 32
# The longest one check of wait_until_ready(host) may take before the next one starts.
_WAIT_PROBE_SECONDS = 1.0
# How often a discovery run from async_discover looks whether its caller has given up.
_CANCEL_POLL_SECONDS = 0.05
# The largest timeout or interval accepted (one day), as for every other timeout of the SDK.
_MAX_SECONDS = 86400.0
# Where Pieces OS writes its port, relative to the home folder: under Library on macOS, under Documents
# on Windows and Linux. Sources disagree on the case of the last folder, which matters where file names
# are case-sensitive (Linux, and case-sensitive macOS volumes): there both spellings are looked at.
_PORT_FILE_DIRS: Dict[str, Tuple[Tuple[str, ...], ...]] = {
    "darwin": (
        ("Library", "com.pieces.os", "production", "Config"),
        ("Library", "com.pieces.os", "production", "config"),
    ),
    "win32": (("Documents", "com.pieces.os", "production", "Config"),),
    "linux": (
        ("Documents", "com.pieces.os", "production", "Config"),
        ("Documents", "com.pieces.os", "production", "config"),
    ),
}
_PORT_FILE = ".port.txt"
# The keyword arguments of discover, which wait_until_ready passes on.
_DISCOVER_OPTIONS = frozenset({"timeout", "home", "port_files", "ports", "legacy_ports", "host"})
_LOOPBACK = "127.0.0.1"
# What connect_ex answers on a non-blocking socket whose connection is under way.
_CONNECTING = frozenset(
    code
    for code in (
        errno.EINPROGRESS,
        errno.EWOULDBLOCK,
        errno.EAGAIN,
        getattr(errno, "WSAEWOULDBLOCK", None),  # Windows
        getattr(errno, "WSAEINPROGRESS", None),
    )
    if code is not None
)

# What a probe found.
_PIECES = "answered as Pieces OS"
_FOREIGN = "answered, but not as Pieces OS does"
_REFUSED = "refused"
_CLOSED = "closed the connection without an answer"
_SILENT = "no answer within the timeout"

_T = TypeVar("_T")


class PiecesOSNotFoundError(ApiConnectionError):
    """`discover` found no Pieces OS. ``tried`` lists every place it looked, in order, with what it found."""

    def __init__(self, message: str, *, tried: Sequence[str]) -> None:
        super().__init__(message, request_sent=False)
        self.tried = list(tried)


def port_file_locations(home: Optional[Path] = None, *, platform: Optional[str] = None) -> List[Path]:
    """Where Pieces OS may have written ``.port.txt`` under ``home`` (the user's home by default).

    The folders of this operating system (``platform`` as in `sys.platform`, this one's by default):
    ``~/Library/com.pieces.os/production/Config`` on macOS, ``~/Documents/...`` on Windows and Linux
    (other systems are treated as Linux), with ``config`` in lower case too where names are
    case-sensitive.
    """
    base = Path.home() if home is None else Path(home)
    system = sys.platform if platform is None else platform
    dirs = _PORT_FILE_DIRS.get(system) or _PORT_FILE_DIRS["linux"]
    return [base.joinpath(*parts, _PORT_FILE) for parts in dirs]


def _read_port_file(path: Path) -> Tuple[Optional[int], str]:
    """(the port in the file or None, what was found there, for the error message).

    Never blocks and never reads much: a FIFO, a device, a directory or a symlink to one of them is not
    opened for reading; a regular file is opened non-blocking and read for `_PORT_FILE_MAX_BYTES` at most.
    """
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None, "absent"
    except OSError as exc:
        return None, f"unreadable ({exc.strerror or type(exc).__name__})"
    except ValueError:  # a NUL in the path
        return None, "not a usable path"
    if not stat.S_ISREG(info.st_mode):
        return None, "not a regular file"
    if info.st_size > _PORT_FILE_MAX_BYTES:
        return None, f"{info.st_size} bytes, too large to hold a port"
    # Non-blocking: should a FIFO take the file's place after the check above, opening it returns at once.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)  # Windows
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, f"unreadable ({exc.strerror or type(exc).__name__})"
    try:
        # The file may have been replaced since the stat above: look at what was opened.
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None, "not a regular file"
        raw = os.read(fd, _PORT_FILE_MAX_BYTES + 1)
    except OSError as exc:
        return None, f"unreadable ({exc.strerror or type(exc).__name__})"
    finally:
        os.close(fd)
    if len(raw) > _PORT_FILE_MAX_BYTES:
        return None, "too large to hold a port"
    text = raw.removeprefix(b"\xef\xbb\xbf").strip(b" \t\r\n")
    # ASCII digits only: str.isdigit() would take "²" or Arabic-Indic digits, which int() then refuses.
    if re.fullmatch(rb"[0-9]{1,5}", text) and 1 <= int(text) <= 65535:
        port = int(text)
        return port, f"port {port}"
    return None, "holds no port number"


# --- probing: one selector, one non-blocking socket per port ----------------------------------------


class _Probe:
    """``GET /.well-known/health`` on one port, driven by `_run_probes`; `outcome` says what it found."""

    def __init__(self, port: int, addresses: Sequence[Tuple[int, Tuple[Any, ...]]], request: bytes) -> None:
        self.port = port
        self._addresses = list(addresses)
        self._next_address = 0
        self._request = request
        self._sent = 0
        self._data = b""
        self._sock: Optional[socket.socket] = None
        self._connected = False
        self.outcome: Optional[str] = None

    def start(self, selector: selectors.BaseSelector) -> None:
        """Begin connecting (to the next address of the host, when one refused)."""
        while self._next_address < len(self._addresses):
            family, sockaddr = self._addresses[self._next_address]
            self._next_address += 1
            try:
                sock = socket.socket(family, socket.SOCK_STREAM)
            except OSError:
                continue  # no such family here, or out of file descriptors: as if refused
            sock.setblocking(False)
            try:
                code = sock.connect_ex((sockaddr[0], self.port, *sockaddr[2:]))
            except OSError as exc:
                code = exc.errno or -1
            if code in _CONNECTING or code == 0:
                self._sock = sock
                selector.register(sock, selectors.EVENT_WRITE, self)
                return
            sock.close()
        self.outcome = _REFUSED

    def on_event(self, selector: selectors.BaseSelector) -> None:
        sock = self._sock
        assert sock is not None
        if not self._connected:
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                self._close(selector)
                self.start(selector)  # the next address of the host, if any
                return
            self._connected = True
        try:
            if self._sent < len(self._request):
                self._sent += sock.send(self._request[self._sent :])
                if self._sent == len(self._request):
                    selector.modify(sock, selectors.EVENT_READ, self)
                return
            chunk = sock.recv(_HEALTH_MAX_BYTES - len(self._data))
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._finish(selector)
            return
        self._data += chunk
        if not chunk or len(self._data) >= _HEALTH_MAX_BYTES or _complete(self._data):
            self._finish(selector)

    def _finish(self, selector: selectors.BaseSelector) -> None:
        self._close(selector)
        if not self._data:
            self.outcome = _CLOSED
        else:
            self.outcome = _PIECES if _looks_like_pieces_os(self._data) else _FOREIGN

    def _close(self, selector: selectors.BaseSelector) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            selector.unregister(sock)
            sock.close()

    def abandon(self, selector: selectors.BaseSelector) -> None:
        """The deadline passed (or the answer is known): close the socket; unfinished means silent."""
        self._close(selector)
        if self.outcome is None:
            self.outcome = _SILENT


_UNDECIDED = object()


def _run_probes(
    probes: Sequence[_Probe],
    deadline: float,
    decide: Callable[[], object],
    cancel: Optional[threading.Event] = None,
) -> object:
    """Run ``probes`` at once until ``decide()`` returns something other than `_UNDECIDED`, or the deadline.

    Probes start in the given order, `_MAX_OPEN_PROBES` at a time. At the deadline the probes still
    waiting count as silent and ``decide()`` is asked once more; cancelled, `_UNDECIDED` is returned.
    Every socket is closed on return, and every probe has an outcome.
    """
    selector = selectors.DefaultSelector()
    waiting = list(reversed(probes))
    try:
        while True:
            while waiting and len(selector.get_map()) < _MAX_OPEN_PROBES:
                waiting.pop().start(selector)
            decision = decide()
            if decision is not _UNDECIDED:
                return decision
            if cancel is not None and cancel.is_set():
                return _UNDECIDED
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            if not selector.get_map():
                continue  # every open probe finished: start the next ones, or decide
            wait = min(remaining, _CANCEL_POLL_SECONDS) if cancel is not None else remaining
            for key, _ in selector.select(wait):
                probe: _Probe = key.data
                probe.on_event(selector)
    finally:
        for probe in probes:
            probe.abandon(selector)
        selector.close()
    return decide()


def _health_request(host: str, port: int) -> bytes:
    target = f"[{host}]" if ":" in host else host
    return f"GET {HEALTH_PATH} HTTP/1.1\r\nHost: {target}:{port}\r\nConnection: close\r\n\r\n".encode("ascii")


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


# --- arguments ------------------------------------------------------------------------------------------


def _seconds(value: object, name: str, *, zero: bool = False) -> float:
    """``value`` as a finite number of seconds above 0 (or 0 with ``zero``), at most one day."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ApiTypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
    try:
        seconds = float(value)
    except OverflowError:
        seconds = math.inf
    if not math.isfinite(seconds) or seconds < 0 or (seconds == 0 and not zero):
        least = "0 or more" if zero else "above 0"
        raise ApiValueError(f"{name} must be a finite number of seconds {least}, not {value!r}")
    if seconds > _MAX_SECONDS:
        raise ApiValueError(f"{name} must be at most {_MAX_SECONDS:g} seconds (one day), not {seconds:g}")
    return seconds


def _ports(value: object, name: str) -> List[int]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ApiTypeError(f"{name} must be a sequence of port numbers, not {type(value).__name__}")
    ports = list(value)
    for port in ports:
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            raise ApiValueError(f"{name} must hold port numbers from 1 to 65535, not {port!r}")
    return ports


def _paths(value: object) -> List[Path]:
    if isinstance(value, (str, bytes, os.PathLike)) or not isinstance(value, Iterable):
        raise ApiTypeError(f"port_files must be a list of paths, not {type(value).__name__}")
    paths = []
    for item in value:
        if not isinstance(item, (str, os.PathLike)):
            raise ApiTypeError(f"port_files must hold paths, not {type(item).__name__}")
        paths.append(Path(item))
    return paths


def _probe_host(host: object) -> str:
    """The address `discover` probes: an IP address or a host name, without scheme, port or brackets."""
    if not isinstance(host, str):
        raise ConfigurationError(f"host must be an address such as '127.0.0.1', not a {type(host).__name__}")
    name = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ipaddress.ip_address(name)
        return name
    except ValueError:
        pass
    if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?", name):
        raise ConfigurationError(
            f"discover needs host as an address without scheme or port, like '127.0.0.1' or '::1', not "
            f"{redact_url(host)!r}"
        )
    return name


def _addresses(host: str) -> List[Tuple[int, Tuple[Any, ...]]]:
    """(family, socket address) of every address of ``host``; an IP address is not looked up."""
    flags = 0
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(host)
        flags = int(socket.AI_NUMERICHOST)
    try:
        infos = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM, flags=flags)
    except (OSError, UnicodeError):
        return []
    found: List[Tuple[int, Tuple[Any, ...]]] = []
    for family, _, _, _, sockaddr in infos:
        entry = (int(family), tuple(sockaddr))
        if entry not in found and family in (socket.AF_INET, socket.AF_INET6):
            found.append(entry)
    return found


def _url(host: str, port: int) -> str:
    if ":" in host:  # an IPv6 address: in brackets, with a zone's % written as %25 (RFC 6874)
        return f"http://[{host.replace('%', '%25')}]:{port}"
    return f"http://{host}:{port}"


# --- discover -------------------------------------------------------------------------------------------


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

    Looks at the port file first (``.port.txt`` in this system's Pieces OS config folder under
    ``home``, or the files in ``port_files``), then ``ports`` (39300-39333), then ``legacy_ports``
    (1000, 5323), checking each with ``GET /.well-known/health``. Every candidate is probed at once;
    the first one in that order of trust that answers as Pieces OS wins, and the answer comes as soon
    as it is certain (the port file's port answered; or a port answered and every one before it has
    refused), and within ``timeout`` seconds in every case.

    Returns a URL to pass as ``Configuration(host=...)``. Raises `PiecesOSNotFoundError` (an
    `ApiConnectionError`) saying where it looked when nothing answers.
    """
    return _discover(
        timeout=timeout, home=home, port_files=port_files, ports=ports, legacy_ports=legacy_ports, host=host
    )


def _discover(
    *,
    timeout: float = DEFAULT_DISCOVERY_TIMEOUT,
    home: Optional[Path] = None,
    port_files: Optional[Iterable[Path]] = None,
    ports: Sequence[int] = PIECES_OS_PORTS,
    legacy_ports: Sequence[int] = LEGACY_PORTS,
    host: str = _LOOPBACK,
    cancel: Optional[threading.Event] = None,
) -> str:
    seconds = _seconds(timeout, "timeout")
    deadline = time.monotonic() + seconds
    address = _probe_host(host)
    if home is not None and not isinstance(home, (str, os.PathLike)):
        raise ApiTypeError(f"home must be a path, not {type(home).__name__}")
    range_ports = _ports(ports, "ports")
    old_ports = _ports(legacy_ports, "legacy_ports")
    files = _paths(port_files) if port_files is not None else port_file_locations(home)
    addresses = _addresses(address)
    if not addresses:
        raise ConfigurationError(
            f"discover cannot resolve host {address!r}; pass an address such as '127.0.0.1'"
        )

    read = [(path, *_read_port_file(path)) for path in files]
    from_files = [port for _, port, _ in read if port is not None]
    # Candidates in order of trust; a port named twice keeps its first (most trusted) place.
    order = list(dict.fromkeys([*from_files, *range_ports, *old_ports]))
    probes = {port: _Probe(port, addresses, _health_request(address, port)) for port in order}

    def decide() -> object:
        for port in order:
            outcome = probes[port].outcome
            if outcome is None:
                return _UNDECIDED  # a more trusted port may still answer
            if outcome == _PIECES:
                return port
        return None

    found = _run_probes(list(probes.values()), deadline, decide, cancel)
    if isinstance(found, int):
        return _url(address, found)
    if cancel is not None and cancel.is_set():
        raise ApiTimeoutError("discovery was cancelled", request_sent=False)
    outcomes = {port: probes[port].outcome or _SILENT for port in order}
    tried, message = _not_found(address, read, from_files, range_ports, old_ports, outcomes, seconds)
    raise PiecesOSNotFoundError(message, tried=tried)


def _not_found(
    host: str,
    read: Sequence[Tuple[Path, Optional[int], str]],
    from_files: Sequence[int],
    range_ports: Sequence[int],
    old_ports: Sequence[int],
    outcomes: Dict[int, str],
    timeout: float,
) -> Tuple[List[str], str]:
    """(the ``tried`` list, one entry per place; the one-line message) of a discovery that found nothing."""
    tried = [f"port file {path}: {found}" for path, _, found in read]
    for port in dict.fromkeys(from_files):
        tried.append(f"{_url(host, port)}{HEALTH_PATH} (from the port file): {outcomes[port]}")
    in_range = [p for p in range_ports if p not in from_files]
    for outcome, group in _by_outcome(in_range, outcomes):
        tried.append(f"{_url(host, group[0]).rsplit(':', 1)[0]}:{_ranges(group)}{HEALTH_PATH}: {outcome}")
    for port in old_ports:
        if port not in from_files and port not in range_ports:
            tried.append(f"{_url(host, port)}{HEALTH_PATH}: {outcomes[port]}")

    parts: List[str] = []
    absent = [path for path, _, found in read if found == "absent"]
    if absent:
        parts.append(f"no port file at {_shown_paths(absent)}")
    parts.extend(f"port file {_shown_path(path)}: {found}" for path, _, found in read if found != "absent")
    probed = sorted(outcomes)
    if probed:
        where = _url(host, probed[0]).rsplit(":", 1)[0]
        notes = [
            f"{_ranges(group, 30)}: " + (f"no answer within {timeout:g} s" if outcome == _SILENT else outcome)
            for outcome, group in _by_outcome(probed, outcomes)
            if outcome != _REFUSED
        ]
        detail = f" ({'; '.join(notes)})" if notes else ""
        plural = "s" if len(probed) > 1 else ""
        parts.append(
            f"nothing answered as Pieces OS at {where} on port{plural} {_ranges(probed, 60)}{detail}"
        )
    message = (
        "no Pieces OS found on this machine: "
        + "; ".join(parts)
        + ". Is Pieces OS running? Start it, or pass the address explicitly with Configuration(host=...)"
    )
    return tried, message


def _by_outcome(ports: Sequence[int], outcomes: Dict[int, str]) -> List[Tuple[str, List[int]]]:
    """``ports`` grouped by what their probes found, groups in order of their first port."""
    groups: Dict[str, List[int]] = {}
    for port in ports:
        groups.setdefault(outcomes[port], []).append(port)
    return list(groups.items())


def _ranges(ports: Sequence[int], longest: Optional[int] = None) -> str:
    """The ports, sorted, with runs of three or more written as ``39300-39333``.

    Longer than ``longest`` characters, only how many there are and the lowest and highest.
    """
    ordered = sorted(set(ports))
    out: List[str] = []
    start = 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index] != ordered[index - 1] + 1:
            run = ordered[start:index]
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)))
            start = index
    text = ", ".join(out)
    if longest is not None and len(text) > longest:
        return f"{len(ordered)} ports from {ordered[0]} to {ordered[-1]}"
    return text


def _shown_path(path: Path) -> str:
    """``path`` with the home folder written ``~``, to keep messages short."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # not under the home folder, or no home folder
        return str(path)


def _shown_paths(paths: Sequence[Path]) -> str:
    """Paths that differ in one folder name written once: ``~/Documents/.../{Config,config}/.port.txt``."""
    shown = [Path(_shown_path(p)).parts for p in paths]
    if len(shown) > 1 and len({len(parts) for parts in shown}) == 1:
        differ = [i for i in range(len(shown[0])) if len({parts[i] for parts in shown}) > 1]
        if len(differ) == 1:
            at = differ[0]
            parts = list(shown[0])
            parts[at] = "{" + ",".join(dict.fromkeys(p[at] for p in shown)) + "}"
            return str(Path(*parts))
    return " and ".join(str(Path(*parts)) for parts in shown)


# --- wait_until_ready -------------------------------------------------------------------------------------


def wait_until_ready(
    host: Optional[str] = None,
    *,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    interval: float = DEFAULT_WAIT_INTERVAL,
    **discover_options: Any,
) -> str:
    """Wait until Pieces OS answers its health check, and return its base URL.

    With ``host`` (e.g. ``"http://127.0.0.1:39300"``) that address is polled; without it `discover`
    runs until it finds one (``discover_options`` are passed on to it). Useful right after starting
    Pieces OS, which takes a few seconds to listen. Raises `ApiTimeoutError` after ``timeout`` seconds,
    `ConfigurationError` at once for a ``host`` that is not an ``http://`` address with a port.
    """
    return _wait_until_ready(host, timeout=timeout, interval=interval, **discover_options)


def _wait_until_ready(
    host: Optional[str] = None,
    *,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    interval: float = DEFAULT_WAIT_INTERVAL,
    cancel: Optional[threading.Event] = None,
    **discover_options: Any,
) -> str:
    seconds = _seconds(timeout, "timeout")
    pause = _seconds(interval, "interval", zero=True)
    deadline = time.monotonic() + seconds
    # The address is parsed once, before polling starts: a bad one fails at once.
    target = _split_host(host) if host is not None else None
    if target is not None and discover_options:
        raise ApiTypeError(
            f"wait_until_ready with a host takes no discover options ({', '.join(sorted(discover_options))})"
        )
    unknown = sorted(set(discover_options) - _DISCOVER_OPTIONS)
    if unknown:
        raise ApiTypeError(
            f"wait_until_ready got an unexpected option {unknown[0]!r}; it passes on only the options of "
            f"discover ({', '.join(sorted(_DISCOVER_OPTIONS))})"
        )
    base = host.rstrip("/") if host is not None else ""
    wanted = _seconds(discover_options.get("timeout", DEFAULT_DISCOVERY_TIMEOUT), "timeout")
    last = "nothing tried yet"
    while True:
        remaining = deadline - time.monotonic()
        if target is not None:
            hostname, port = target
            # Each check is bounded by the time left, so the whole wait ends by the deadline.
            outcome = _check(hostname, port, min(_WAIT_PROBE_SECONDS, max(remaining, 0.01)), cancel)
            if outcome == _PIECES:
                return base
            last = f"{redact_url(base)}{HEALTH_PATH}: {outcome}"  # never a user:password@
        else:
            options = dict(discover_options)
            options["timeout"] = min(wanted, max(remaining, 0.05))
            try:
                # The public discover when nothing can cancel: the name a caller may have replaced.
                return discover(**options) if cancel is None else _discover(cancel=cancel, **options)
            except PiecesOSNotFoundError as exc:
                last = str(exc)
        remaining = deadline - time.monotonic()
        if remaining <= 0 or (cancel is not None and cancel.is_set()):
            raise ApiTimeoutError(
                f"Pieces OS was not ready within {seconds:g} s; last check: {last}", request_sent=False
            )
        if cancel is not None:
            cancel.wait(min(pause, remaining))
        else:
            time.sleep(min(pause, remaining))


def _check(host: str, port: int, seconds: float, cancel: Optional[threading.Event]) -> str:
    """One health check of ``host:port`` within ``seconds``: what it found (`_PIECES`, `_REFUSED`, ...)."""
    probe = _Probe(port, _addresses(host), _health_request(host, port))
    _run_probes([probe], time.monotonic() + seconds, lambda: probe.outcome or _UNDECIDED, cancel)
    return probe.outcome or _SILENT


def _split_host(host: object) -> Tuple[str, int]:
    """(hostname, port) of an ``http://`` base URL; the port defaults to 80."""
    if not isinstance(host, str):
        raise ConfigurationError(f"wait_until_ready needs an http:// address, not a {type(host).__name__}")
    hostname: Optional[str] = None
    port: Optional[int] = -1
    try:
        parts = urlsplit(host if "://" in host else f"http://{host}")
        if parts.scheme == "http":
            port, hostname = parts.port, parts.hostname
    except ValueError:  # its message may quote part of a password ("admin:S3/CRET@host": port "S3")
        pass
    if hostname and port != -1 and not _plain_netloc(parts.netloc, hostname, port):
        hostname = None  # "[::1]x:1", "[127.0.0.1]": the parser reads a host out of what is not one
    if not hostname or port == -1 or any(c.isspace() for c in host):
        raise ConfigurationError(
            f"wait_until_ready needs an http:// address with a port from 1 to 65535, like "
            f"'http://127.0.0.1:39300', not {_shown(host)}"
        )
    if port == 0:
        raise ConfigurationError(
            f"wait_until_ready cannot use {_shown(host)}: port 0 is not a port to connect to"
        )
    return hostname, port or 80


def _plain_netloc(netloc: str, hostname: str, port: Optional[int]) -> bool:
    """Whether ``netloc`` is exactly ``hostname`` (an IPv6 address in brackets) and ``:port``."""
    try:
        is_ipv6 = ipaddress.ip_address(hostname).version == 6
    except ValueError:
        is_ipv6 = False
    shown = f"[{hostname}]" if is_ipv6 else hostname
    expected = {shown, f"{shown}:{port}"} if port is not None else {shown}
    return netloc.rsplit("@", 1)[-1].lower() in expected


def _shown(host: str) -> str:
    """``host`` quoted for a message, with any credentials in it replaced by ``***``."""
    return repr(redact_url(host))


# --- asyncio ----------------------------------------------------------------------------------------------


async def async_discover(
    *,
    timeout: float = DEFAULT_DISCOVERY_TIMEOUT,
    home: Optional[Path] = None,
    port_files: Optional[Iterable[Path]] = None,
    ports: Sequence[int] = PIECES_OS_PORTS,
    legacy_ports: Sequence[int] = LEGACY_PORTS,
    host: str = _LOOPBACK,
) -> str:
    """`discover`, awaitable: the event loop keeps running while it looks.

    Takes the same arguments and ends by the same ``timeout``. It runs in a daemon thread of its own
    (not the loop's executor), which stops within a few milliseconds when the awaiting task is
    cancelled, so neither the loop nor ``asyncio.run()`` ever waits for it.
    """
    return await _in_thread(
        _discover,
        timeout=timeout,
        home=home,
        port_files=port_files,
        ports=ports,
        legacy_ports=legacy_ports,
        host=host,
    )


async def async_wait_until_ready(
    host: Optional[str] = None,
    *,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    interval: float = DEFAULT_WAIT_INTERVAL,
    **discover_options: Any,
) -> str:
    """`wait_until_ready`, awaitable: the event loop keeps running while it waits.

    Takes the same arguments and ends by the same ``timeout``, in a daemon thread of its own, as
    `async_discover` does.
    """
    return await _in_thread(_wait_until_ready, host, timeout=timeout, interval=interval, **discover_options)


async def _in_thread(function: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """``function(*args, cancel=event, **kwargs)`` in a daemon thread; a cancelled caller sets ``event``."""
    import asyncio

    loop = asyncio.get_running_loop()
    future: asyncio.Future[_T] = loop.create_future()
    cancel = threading.Event()

    def settle(result: Optional[_T], error: Optional[BaseException]) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]  # None only with an error

    def work() -> None:
        result: Optional[_T] = None
        error: Optional[BaseException] = None
        try:
            result = function(*args, cancel=cancel, **kwargs)
        except BaseException as exc:  # handed to the awaiting task, which raises it
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is waiting any more
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=work, name="pieces-os-discover", daemon=True).start()
    try:
        return await future
    finally:
        cancel.set()
