"""Run the benchmarks and print one table of medians and ratios: ``python -m benchmarks.run``.

Everything in one run, against one loopback server in its own process (`benchmarks._server`):

- import: a fresh interpreter per sample, ``import pieces_os_client; pieces_os_client.AllocationsApi;
  pieces_os_client.UserProfile`` against ``import pydantic, urllib3``;
- snapshot (``GET /allocations``) with 1 and 1,000 clouds: client CPU per call against the floor, a bare
  urllib3 request plus ``Allocations.model_validate_json`` on the same bytes;
- connect (``POST /allocations/connect``) with a `UserProfile` that has every field filled: client CPU per
  call against ``model_dump_json`` + the same bare request + ``AllocationCloud.model_validate_json``;
- 8 threads sharing one client against 1 thread: throughput and the TCP connections the server accepted;
- memory: peak RSS after import and after a 1,000-cloud snapshot, and the traced peak of one such call;
- the asyncio client (a second table): ``await api.allocations_snapshot()`` with 1 and 1,000 clouds, client
  CPU per call against a bare aiohttp GET on a kept-alive session plus ``Allocations.model_validate_json``,
  in the same event loop; and 100 tasks sharing one `AsyncApiClient` against 8 threads sharing one
  `ApiClient`: throughput for the same number of calls, client CPU per call, and how busy the server was.

Samples of the things compared are interleaved (in rotating order) so that noise from anything else on
the machine falls on both sides; figures are medians, and a ratio is the median of the per-round ratios
(see docs/performance.md). ``--compare PYTHON`` runs the import and snapshot
measurements through the official SDK installed in another virtual environment, side by side with ours
(and the async snapshot rows against aiohttp plus the official models too). ``--no-async`` leaves the
asyncio table out (for an interpreter without aiohttp).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
WORKER = os.path.join(HERE, "_worker.py")

IMPORT_BASELINE = "import pydantic, urllib3"
IMPORT_OURS = "import pieces_os_client; pieces_os_client.AllocationsApi; pieces_os_client.UserProfile"
IMPORT_OFFICIAL = (
    "from pieces_os_client.api.allocations_api import AllocationsApi; "
    "from pieces_os_client.models.user_profile import UserProfile"
)
_TIMED = (
    "import time; _w, _c = time.perf_counter(), time.process_time()\n{code}\n"
    "print(time.perf_counter() - _w, time.process_time() - _c)"
)

TARGET_IMPORT = 1.25
TARGET_CALL = 1.10
# Against the official 5.0.1 models (``--compare``): the lossless models may cost this much more.
TARGET_OFFICIAL_DECODE = 1.15
TARGET_OFFICIAL_DUMP = 1.10
# The asyncio client: a call against a bare aiohttp GET plus model_validate_json.
TARGET_ASYNC_CALL = 1.15
TASKS = 100
THREADS = 8


# --------------------------------------------------------------------------------------------- processes


def _cores() -> Tuple[Optional[Set[int]], Optional[Set[int]]]:
    """CPUs for the server and for the workers: apart, where the system lets a process choose (Linux)
    and has two or more, so the measured client never waits for its core while the server answers."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None, None
    return {cpus[-1]}, set(cpus[:-1])


SERVER_CPUS, WORKER_CPUS = _cores()


def _pinned(cpus: Optional[Set[int]]) -> Optional[Callable[[], None]]:
    """A ``preexec_fn`` that keeps the child (and every thread it starts) on ``cpus``."""
    if cpus is None:
        return None
    return lambda: os.sched_setaffinity(0, cpus)


class Server:
    """The loopback server process; its stdin is its lifeline."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks._server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=os.path.dirname(HERE),
            text=True,
            preexec_fn=_pinned(SERVER_CPUS),
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the benchmark server did not start (see its error above)")
        info = json.loads(line)
        self.control: int = info["control"]
        self.ports: Dict[str, int] = info["snapshot"]

    def _control(self, method: str, path: str) -> Dict[str, Any]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.control}{path}", method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]

    def reset(self) -> float:
        """Connection counts back to zero; returns the server's CPU seconds so far."""
        return float(self._control("POST", "/reset")["cpu"])

    def connections(self, clouds: str = "1") -> int:
        return int(self._control("GET", "/stats")["connections"][clouds])

    def stats(self, clouds: str = "1") -> Tuple[int, float]:
        """Connections accepted on ``clouds``' port since the last reset, and the server's CPU seconds."""
        stats = self._control("GET", "/stats")
        return int(stats["connections"][clouds]), float(stats["cpu"])

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


class Worker:
    """A `benchmarks._worker` process for one SDK."""

    def __init__(self, python: str, flavour: str, ports: Dict[str, int]) -> None:
        self.flavour = flavour
        self.proc = subprocess.Popen(
            [python, "-I", WORKER, "--flavour", flavour, "--ports", json.dumps(ports)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=tempfile.gettempdir(),  # nowhere near a pieces_os_client folder
            text=True,
            preexec_fn=_pinned(WORKER_CPUS),
        )
        self.ask_ready()

    def ask_ready(self) -> None:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.flavour} worker did not start (see its error above)")

    def ask(self, **command: Any) -> Dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.flavour} worker exited during {command} (see its error above)")
        answer: Dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"{self.flavour} worker, {command}: {answer['error']}")
        return answer

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def one_shot(python: str, args: Sequence[str]) -> str:
    done = subprocess.run([python, "-I", *args], capture_output=True, text=True, cwd=tempfile.gettempdir())
    if done.returncode != 0:
        raise RuntimeError(f"{python} -I {' '.join(args)} failed:\n{done.stderr.strip()}")
    return done.stdout


# ------------------------------------------------------------------------------------------- measuring


def rotations(names: Sequence[str], rounds: int) -> Iterator[str]:
    """``rounds`` passes over ``names``, each pass starting one further along: no side always goes first."""
    for r in range(rounds):
        k = r % len(names)
        yield from [*names[k:], *names[:k]]


@dataclass
class Samples:
    values: Dict[str, List[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.values.setdefault(name, []).append(value)

    def median(self, name: str) -> float:
        return statistics.median(self.values[name])

    def best(self, name: str) -> float:
        return min(self.values[name])

    def paired(self, name: str, base: str) -> float:
        """Median over rounds of ``name / base`` in the same round: load changing between rounds cancels."""
        return statistics.median(a / b for a, b in zip(self.values[name], self.values[base]))

    def spread(self, name: str, base: str) -> str:
        """The middle half (first to third quartile) of the per-round ratios ``name / base``."""
        ratios = [a / b for a, b in zip(self.values[name], self.values[base])]
        if len(ratios) < 4:
            return ""
        q1, _, q3 = statistics.quantiles(ratios, n=4)
        return f"{q1:.2f}-{q3:.2f}x"


def measure_imports(pythons: Dict[str, Tuple[str, str]], rounds: int) -> Tuple[Samples, Samples]:
    """Wall and CPU seconds of each import statement, one fresh interpreter per sample."""
    wall, cpu = Samples(), Samples()
    for python, code in pythons.values():  # the first run writes bytecode caches: not counted
        one_shot(python, ["-c", _TIMED.format(code=code)])
    for name in rotations(list(pythons), rounds):
        python, code = pythons[name]
        w, c = one_shot(python, ["-c", _TIMED.format(code=code)]).split()
        wall.add(name, float(w))
        cpu.add(name, float(c))
    return wall, cpu


def calibrate(worker: Worker, kind: str, clouds: str, seconds: float) -> int:
    per_call = worker.ask(cmd="block", kind=kind, impl="floor", clouds=clouds, calls=5)["cpu"]
    return max(3, int(seconds / max(per_call, 1e-6)))


def measure_calls(
    sides: Dict[str, Tuple[Worker, str]], kind: str, clouds: str, calls: int, rounds: int
) -> Samples:
    """Client CPU seconds per call for each side (worker, impl), blocks interleaved."""
    cpu = Samples()
    for name in rotations(list(sides), rounds):
        worker, impl = sides[name]
        cpu.add(name, worker.ask(cmd="block", kind=kind, impl=impl, clouds=clouds, calls=calls)["cpu"])
    return cpu


def measure_threads(worker: Worker, server: Server, total: int, rounds: int) -> Dict[int, Dict[str, float]]:
    throughput = Samples()
    connections: Dict[int, List[int]] = {1: [], 8: []}
    for threads in (int(n) for n in rotations(["1", "8"], rounds)):
        server.reset()
        answer = worker.ask(cmd="threads", threads=threads, calls=total // threads)
        throughput.add(str(threads), answer["throughput"])
        connections[threads].append(server.connections("1"))
    return {n: {"throughput": throughput.median(str(n)), "connections": max(connections[n])} for n in (1, 8)}


def measure_concurrency(
    worker: Worker, server: Server, total: int, rounds: int
) -> Tuple[Samples, Dict[str, List[int]]]:
    """100 tasks on one AsyncApiClient against 8 threads on one ApiClient, ``total`` calls each run.

    Samples per side: ``<side>`` calls/s, ``<side>-cpu`` client CPU per call, ``<side>-busy`` client CPU
    seconds per wall second, ``<side>-server`` the server's CPU seconds per wall second (under 1, with a
    core to spare, the server kept up). Also the TCP connections the server accepted in each run.
    """
    samples = Samples()
    connections: Dict[str, List[int]] = {"tasks": [], "threads": []}
    for side in rotations(["tasks", "threads"], rounds):
        cpu0 = server.reset()
        if side == "tasks":
            answer = worker.ask(cmd="tasks", tasks=TASKS, calls=total // TASKS)
        else:
            answer = worker.ask(cmd="threads", threads=THREADS, calls=total // THREADS)
        accepted, cpu1 = server.stats()
        samples.add(side, answer["throughput"])
        samples.add(f"{side}-cpu", answer["cpu"])
        samples.add(f"{side}-busy", answer["cpu"] * answer["throughput"])
        samples.add(f"{side}-server", (cpu1 - cpu0) / answer["wall"])
        connections[side].append(accepted)
    return samples, connections


def async_table(ours: Worker, official: Optional[Worker], server: Server, args: argparse.Namespace) -> Table:
    """The asyncio client's rows; with ``official``, also against aiohttp plus the official models."""
    table = Table(
        ["asyncio client (medians)", "pieces_os_client", "floor", "ratio", "middle half", "target", ""]
    )
    for clouds in ("1", "1000"):
        calls = calibrate(ours, "snapshot", clouds, args.block_seconds)
        sides = {"async": (ours, "async"), "floor": (ours, "async-floor")}
        sides["timed"] = (ours, "async-floor-timed")
        if official is not None:
            sides["official-floor"] = (official, "async-floor")
        s = measure_calls(sides, "snapshot", clouds, calls, args.rounds)
        label = f"async snapshot, {_clouds(clouds)}: client CPU/call [async]"
        paired, spread = s.paired("async", "floor"), s.spread("async", "floor")
        ratio_row(table, label, s.median("async"), s.median("floor"), _us, TARGET_ASYNC_CALL, paired, spread)
        label = "  against aiohttp with our timeouts (read 60 s, total 300 s) [async]"
        paired, spread = s.paired("async", "timed"), s.spread("async", "timed")
        ratio_row(table, label, s.median("async"), s.median("timed"), _us, None, paired, spread)
        if official is not None:
            label = "  against aiohttp + the official models [async]"
            paired, spread = s.paired("async", "official-floor"), s.spread("async", "official-floor")
            ratio_row(table, label, s.median("async"), s.median("official-floor"), _us, None, paired, spread)
    s, connections = measure_concurrency(ours, server, args.concurrency_calls, args.concurrency_rounds)
    tasks, threads = f"{TASKS} tasks, one AsyncApiClient", f"{THREADS} threads, one ApiClient"
    table.add(
        f"{tasks}: snapshot calls/s [concurrency]",
        f"{s.median('tasks'):,.0f}/s",
        f"{s.median('threads'):,.0f}/s",
        f"{s.paired('tasks', 'threads'):.2f}x",
        s.spread("tasks", "threads"),
        "",
        "",
    )
    for side, label in (("tasks", tasks), ("threads", threads)):
        table.add(f"{label}: client CPU/call", _us(s.median(f"{side}-cpu")), "", "", "", "", "")
        table.add(
            f"{label}: CPU busy, client / server",
            f"{s.median(f'{side}-busy'):.2f} / {s.median(f'{side}-server'):.2f} cores",
            "",
            "",
            "",
            "",
            "",
        )
        limit = ours.ask(cmd="pool_size")["pool_size"] if side == "tasks" else THREADS
        most = max(connections[side])
        table.add(
            f"{label}: TCP connections",
            str(most),
            "",
            "",
            "",
            f"<= {limit}",
            "met" if most <= limit else "MISSED",
        )
    return table


def wants_async(args: argparse.Namespace, versions: Dict[str, str]) -> bool:
    """The asyncio table runs unless ``--no-async``; without aiohttp in our environment it is left out."""
    if args.no_async:
        return False
    if not versions["aiohttp"]:
        print("aiohttp is not installed: the asyncio client's table is left out", file=sys.stderr)
        return False
    return True


ASYNC_NOTES = f"""\
Async floor: a bare aiohttp ClientSession (keep-alive) GET of the same server and bytes, plus
Allocations.model_validate_json(body), awaited in the same event loop as ours; "with our timeouts": the
same with ClientTimeout(total=300, sock_connect=5, sock_read=60), the timeouts our client arms by default.
Concurrency: {TASKS} tasks on
one AsyncApiClient against {THREADS} threads on one ApiClient (the floor column), the same number of calls
each run; ratio: calls/s of the tasks over the threads. CPU busy: CPU seconds per wall second of the
client process and of the server process (under 1 with 2 CPUs: the server had a core to spare)."""


def measure_memory(python: str, flavour: str, impl: str, ports: Dict[str, int]) -> Dict[str, float]:
    out = one_shot(python, [WORKER, "--flavour", flavour, "--ports", json.dumps(ports), "--memory", impl])
    return json.loads(out)  # type: ignore[no-any-return]


# -------------------------------------------------------------------------------------------- printing


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs"


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def _mib(kib: float) -> str:
    return f"{kib / 1024:,.1f} MiB"


FLOORS = """\
Floors (what any client must spend, measured in the same run, interleaved with ours):
  [import]   `import pydantic, urllib3` in a fresh interpreter.
  [snapshot] a bare urllib3 PoolManager (keep-alive) GET of the same server and bytes, plus
             Allocations.model_validate_json(body).
  [connect]  UserProfile.model_dump_json(by_alias=True, exclude_unset=True), a bare urllib3 POST of it,
             plus AllocationCloud.model_validate_json(body).
  [memory]   the same floors, each in a fresh process.
Ratios: the median over rounds of ours / floor measured side by side in the same round, so that load
changing between rounds cancels (for best-of and memory rows, the quotient of the two figures); middle
half: the first to third quartile of those per-round ratios."""


def _verdict(ratio: float, target: Optional[float]) -> str:
    if target is None:
        return ""
    return "met" if ratio <= target else "MISSED"


class Table:
    def __init__(self, headers: Sequence[str]) -> None:
        self.headers = list(headers)
        self.rows: List[List[str]] = []

    def add(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def render(self) -> str:
        widths = [max(len(r[i]) for r in [self.headers, *self.rows]) for i in range(len(self.headers))]

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

        rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
        return "\n".join([line(self.headers), rule, *(line(r) for r in self.rows)])


def ratio_row(
    table: Table,
    what: str,
    ours: float,
    floor: float,
    fmt: Any,
    target: Optional[float],
    ratio: Optional[float] = None,
    spread: str = "",
) -> None:
    """One row; ``ratio`` defaults to ``ours / floor`` (rows of paired samples pass `Samples.paired`)."""
    ratio = ours / floor if ratio is None else ratio
    limit = f"<= {target:.2f}x" if target else ""
    table.add(what, fmt(ours), fmt(floor), f"{ratio:.2f}x", spread, limit, _verdict(ratio, target))


def _clouds(clouds: str) -> str:
    return f"{int(clouds):,} cloud{'s' if clouds != '1' else ''}"


# ---------------------------------------------------------------------------------------------- runs


def bench(args: argparse.Namespace) -> None:
    server = Server()
    ours = Worker(sys.executable, "ours", server.ports)
    try:
        started = time.monotonic()
        versions = ours.ask(cmd="versions")
        headers = ["measurement (medians)", "pieces_os_client", "floor", "ratio", "middle half", "target", ""]
        table = Table(headers)

        wall, cpu = measure_imports(
            {"baseline": (sys.executable, IMPORT_BASELINE), "ours": (sys.executable, IMPORT_OURS)},
            args.import_rounds,
        )
        for label, samples, target in (("CPU", cpu, TARGET_IMPORT), ("wall", wall, None)):
            ours_ms, base_ms = samples.median("ours"), samples.median("baseline")
            paired, spread = samples.paired("ours", "baseline"), samples.spread("ours", "baseline")
            ratio_row(table, f"import, {label} [import]", ours_ms, base_ms, _ms, target, paired, spread)
        label = f"import, wall, best of {args.import_rounds} [import]"
        ratio_row(table, label, wall.best("ours"), wall.best("baseline"), _ms, None)

        for clouds in ("1", "1000"):
            calls = calibrate(ours, "snapshot", clouds, args.block_seconds)
            sides = {"sdk": (ours, "sdk"), "floor": (ours, "floor")}
            s = measure_calls(sides, "snapshot", clouds, calls, args.rounds)
            label = f"snapshot, {_clouds(clouds)}: client CPU/call [snapshot]"
            paired, spread = s.paired("sdk", "floor"), s.spread("sdk", "floor")
            ratio_row(table, label, s.median("sdk"), s.median("floor"), _us, TARGET_CALL, paired, spread)

        calls = calibrate(ours, "connect", "1", args.block_seconds)
        sides = {"sdk": (ours, "sdk"), "floor": (ours, "floor"), "dump": (ours, "dump")}
        s = measure_calls(sides, "connect", "1", calls, args.rounds)
        label = "connect, full UserProfile: client CPU/call [connect]"
        paired, spread = s.paired("sdk", "floor"), s.spread("sdk", "floor")
        ratio_row(table, label, s.median("sdk"), s.median("floor"), _us, TARGET_CALL, paired, spread)
        table.add("  of which model_dump_json alone", "", _us(s.median("dump")), "", "", "", "")

        threads = measure_threads(ours, server, args.thread_calls, args.thread_rounds)
        for n in (1, 8):
            conns = threads[n]["connections"]
            table.add(
                f"{n} thread{'s' if n > 1 else ''} sharing one client: snapshot calls/s",
                f"{threads[n]['throughput']:,.0f}/s",
                "",
                f"{threads[n]['throughput'] / threads[1]['throughput']:.2f}x 1 thread",
                "",
                "",
                "",
            )
            table.add(
                f"{n} thread{'s' if n > 1 else ''} sharing one client: TCP connections",
                str(conns),
                "",
                "",
                "",
                f"<= {n}",
                "met" if conns <= n else "MISSED",
            )

        mem_sdk = measure_memory(sys.executable, "ours", "sdk", server.ports)
        mem_floor = measure_memory(sys.executable, "ours", "floor", server.ports)
        rows = [
            ("peak RSS after import [memory]", "rss_import_kib", 1),
            ("peak RSS after a 1,000-cloud snapshot [memory]", "rss_snapshot_kib", 1),
            ("traced peak of one 1,000-cloud snapshot [memory]", "traced_peak", 1 / 1024),
        ]
        for label, key, scale in rows:
            ratio_row(table, label, mem_sdk[key] * scale, mem_floor[key] * scale, _mib, None)

        tasks = async_table(ours, None, server, args) if wants_async(args, versions) else None

        print(table.render())
        print()
        print(FLOORS)
        if tasks is not None:
            print()
            print(tasks.render())
            print()
            print(ASYNC_NOTES)
        print(
            f"Medians of {args.rounds} interleaved blocks per call figure, {args.import_rounds} fresh "
            f"processes per import figure, {args.concurrency_rounds} runs of {args.concurrency_calls} calls "
            f"per concurrency figure. Client CPU: time.process_time() of the client process only; the "
            f"server runs in a process of its own. Python {sys.version.split()[0]}, pydantic "
            f"{versions['pydantic']}, urllib3 {versions['urllib3']}, aiohttp {versions['aiohttp'] or '-'}, "
            f"{os.cpu_count()} CPUs; took {time.monotonic() - started:.0f} s."
        )
    finally:
        ours.close()
        server.close()


def compare(args: argparse.Namespace) -> None:
    server = Server()
    ours = Worker(sys.executable, "ours", server.ports)
    official = Worker(args.compare, "official", server.ports)
    try:
        started = time.monotonic()
        v_ours, v_official = ours.ask(cmd="versions"), official.ask(cmd="versions")
        table = Table(
            ["measurement (medians)", "ours", "official 5.0.1", "floor", "ours / floor", "official / floor"]
        )
        pythons = {
            "baseline": (sys.executable, IMPORT_BASELINE),
            "ours": (sys.executable, IMPORT_OURS),
            "official": (args.compare, IMPORT_OFFICIAL),
        }
        wall, cpu = measure_imports(pythons, args.import_rounds)
        for label, samples in (("import, CPU [import]", cpu), ("import, wall [import]", wall)):
            base = samples.median("baseline")
            table.add(
                label,
                _ms(samples.median("ours")),
                _ms(samples.median("official")),
                _ms(base),
                f"{samples.paired('ours', 'baseline'):.2f}x",
                f"{samples.paired('official', 'baseline'):.2f}x",
            )
        for clouds in ("1", "1000"):
            calls = calibrate(ours, "snapshot", clouds, args.block_seconds)
            sides = {
                "ours": (ours, "sdk"),
                "ours-floor": (ours, "floor"),
                "official": (official, "sdk"),
                "official-floor": (official, "floor"),
            }
            s = measure_calls(sides, "snapshot", clouds, calls, args.rounds)
            table.add(
                f"snapshot, {_clouds(clouds)}: client CPU/call [snapshot]",
                _us(s.median("ours")),
                _us(s.median("official")),
                f"{_us(s.median('ours-floor'))} / {_us(s.median('official-floor'))}",
                f"{s.paired('ours', 'ours-floor'):.2f}x",
                f"{s.paired('official', 'official-floor'):.2f}x",
            )
        # The targets against the official models themselves: our whole call against a bare urllib3
        # request plus their model_validate_json on the same bytes, and writing a full UserProfile.
        calls = calibrate(ours, "snapshot", "1000", args.block_seconds)
        sides = {"ours": (ours, "sdk"), "official-floor": (official, "floor")}
        s = measure_calls(sides, "snapshot", "1000", calls, args.rounds)
        paired = s.paired("ours", "official-floor")
        table.add(
            "snapshot, 1,000 clouds: our call / urllib3 + official models [snapshot]",
            _us(s.median("ours")),
            "",
            _us(s.median("official-floor")),
            f"{paired:.2f}x",
            f"target <= {TARGET_OFFICIAL_DECODE:.2f}x: {_verdict(paired, TARGET_OFFICIAL_DECODE)}",
        )
        calls = calibrate(ours, "connect", "1", args.block_seconds)
        sides = {"ours": (ours, "dump"), "official": (official, "dump")}
        s = measure_calls(sides, "connect", "1", calls, args.rounds)
        paired = s.paired("ours", "official")
        table.add(
            "model_dump_json(by_alias, exclude_unset), full UserProfile [dump]",
            _us(s.median("ours")),
            _us(s.median("official")),
            "",
            f"{paired:.2f}x official",
            f"target <= {TARGET_OFFICIAL_DUMP:.2f}x: {_verdict(paired, TARGET_OFFICIAL_DUMP)}",
        )
        # The official SDK has no asyncio client: its worker only measures the floor with its models.
        official_async = official if v_official["aiohttp"] else None
        tasks = async_table(ours, official_async, server, args) if wants_async(args, v_ours) else None
        print(table.render())
        print()
        head, rest = FLOORS.split("  [connect]")
        print(head + rest[rest.index("Ratios:") :])
        if tasks is not None:
            print()
            print(tasks.render())
            print()
            print(ASYNC_NOTES)
        print(
            "The snapshot floor is measured twice, in each SDK's process with its own Allocations model "
            "(ours / official).\n"
            f"Medians of {args.rounds} interleaved blocks per call figure, {args.import_rounds} fresh "
            f"processes per import figure, {args.concurrency_rounds} runs of {args.concurrency_calls} calls "
            f"per concurrency figure. Ours: pydantic {v_ours['pydantic']}, urllib3 {v_ours['urllib3']}, "
            f"aiohttp {v_ours['aiohttp'] or '-'}; official: pydantic {v_official['pydantic']}, urllib3 "
            f"{v_official['urllib3']}, aiohttp {v_official['aiohttp'] or '-'}; "
            f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
            f"took {time.monotonic() - started:.0f} s."
        )
    finally:
        official.close()
        ours.close()
        server.close()


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--compare", metavar="PYTHON", help="the official SDK's interpreter (.venv-official)")
    parser.add_argument("--rounds", type=int, default=31, help="interleaved blocks per call figure")
    parser.add_argument("--import-rounds", type=int, default=31, help="fresh processes per import figure")
    parser.add_argument("--block-seconds", type=float, default=0.15, help="client CPU per block, roughly")
    parser.add_argument("--thread-calls", type=int, default=2000, help="calls per thread-test run")
    parser.add_argument("--thread-rounds", type=int, default=3, help="runs of each thread count")
    parser.add_argument(
        "--concurrency-calls",
        type=int,
        default=4000,
        help=f"calls per run, {TASKS} tasks or {THREADS} threads",
    )
    parser.add_argument("--concurrency-rounds", type=int, default=7, help="runs of tasks and of threads")
    parser.add_argument("--no-async", action="store_true", help="leave out the asyncio client (no aiohttp)")
    parser.add_argument("--quick", action="store_true", help="few samples: a smoke test, not a figure")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.import_rounds, args.block_seconds = 3, 3, 0.03
        args.thread_calls, args.thread_rounds = 400, 1
        args.concurrency_calls, args.concurrency_rounds = 800, 1
    return args


def main(argv: Optional[Sequence[str]] = None) -> None:
    args = parse_args(argv)
    if args.compare:
        args.compare = os.path.abspath(args.compare)  # not resolved: the venv's own interpreter link
        compare(args)
    else:
        bench(args)


if __name__ == "__main__":
    main()
