"""Instructions per one-cloud asyncio snapshot call: ours against the aiohttp floors, under cachegrind.

Timings of a one-cloud call move by tens of percent with load on a small shared machine; instruction
counts do not. For each side this runs a fresh ``python -I`` under ``valgrind --tool=cachegrind
--cache-sim=no`` twice, making 50 warm-up calls and then N calls or none, against the benchmark server
(`benchmarks._server`, one cloud) in a process of its own, and prints (N-call count - 0-call count) / N:

    .venv/bin/python -m benchmarks.async_instructions [--python PATH] [--calls 300]

Sides: ``ours`` (`AsyncAllocationsApi.allocations_snapshot`), ``floor`` (a bare ``aiohttp.ClientSession()``
GET plus ``Allocations.model_validate_json``, default settings), ``timed`` (the same GET with our client's
default timeouts: ``ClientTimeout(total=300, sock_connect=5, sock_read=60)``). ``--python`` is the
interpreter to count (one with pieces_os_client and aiohttp installed, e.g. ``.bench/3.12/ours/bin/python``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from typing import List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIDES = ("ours", "floor", "timed")
VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]

# Runs in the counted process: argv is side, calls, port.
CALLS = """
import asyncio, sys
import aiohttp
import pieces_os_client
from pieces_os_client.models import Allocations

side, calls, url = sys.argv[1], int(sys.argv[2]), f"http://127.0.0.1:{sys.argv[3]}"

async def main():
    if side == "ours":
        async with pieces_os_client.AsyncApiClient(pieces_os_client.Configuration(host=url)) as client:
            api = pieces_os_client.AsyncAllocationsApi(client)
            for _ in range(50 + calls):
                await api.allocations_snapshot()
        return
    options = {}
    if side == "timed":
        options["timeout"] = aiohttp.ClientTimeout(total=300.0, sock_connect=5.0, sock_read=60.0)
    async with aiohttp.ClientSession(**options) as session:
        for _ in range(50 + calls):
            async with session.get(url + "/allocations", headers={"Accept": "application/json"}) as r:
                Allocations.model_validate_json(await r.read())

asyncio.run(main())
"""


def instructions(python: str, side: str, calls: int, port: int) -> int:
    done = subprocess.run(
        [*VALGRIND, python, "-I", "-c", CALLS, side, str(calls), str(port)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter to count")
    parser.add_argument("--calls", type=int, default=300, help="calls counted per side")
    parser.add_argument("--sides", nargs="+", choices=SIDES, default=list(SIDES))
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks._server", "--clouds", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(json.loads(server.stdout.readline())["snapshot"]["1"])
        counts = {}
        for side in args.sides:
            many = instructions(args.python, side, args.calls, port)
            none = instructions(args.python, side, 0, port)
            counts[side] = (many - none) / args.calls
        for side, count in counts.items():
            ratio = (
                f"  ours / {side}: {counts['ours'] / count:.2f}x"
                if "ours" in counts and side != "ours"
                else ""
            )
            print(f"{side:6s} {count:,.0f} instructions per call{ratio}")
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
