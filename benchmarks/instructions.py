"""Instructions per snapshot call: ours against the floors, under cachegrind.

Timings of a call move by tens of percent with load on a small shared machine; instruction counts do
not. For each side this runs a fresh ``python -I`` under ``valgrind --tool=cachegrind --cache-sim=no``
twice, making warm-up calls and then N calls or none, against the benchmark server (`benchmarks._server`,
1 or 1,000 clouds) in a process of its own, and prints (N-call count - 0-call count) / N:

    .venv/bin/python -m benchmarks.instructions [--python PATH] [--official-python PATH]
                                                [--clouds 1|1000] [--calls N] [--sides ...]

Sides, each given the timeouts our client sets by default (connect 5 s, read 60 s, total 300 s), so
like is compared with like:

- ``async``: our `AsyncAllocationsApi.allocations_snapshot`;
- ``aiohttp``: a bare ``aiohttp.ClientSession`` GET with ``ClientTimeout(total=300, sock_connect=5,
  sock_read=60)``, plus our ``Allocations.model_validate_json``;
- ``aiohttp-default``: the same GET with aiohttp's default settings (no read timeout);
- ``sync``: our `AllocationsApi.allocations_snapshot` (the urllib3 transport);
- ``urllib3``: a bare urllib3 ``PoolManager`` GET with ``Timeout(connect=5, read=60)``, plus our
  ``Allocations.model_validate_json``;
- ``official``: the same urllib3 GET plus the official SDK's ``Allocations.model_validate_json``, counted
  with ``--official-python`` (an interpreter with ``pieces-os-client==5.0.1``: it has our import name).

``--python`` is the interpreter to count for the other sides (a regular, not editable, install of this
package, e.g. ``.bench/3.12/ours/bin/python``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from typing import Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIDES = ("async", "aiohttp", "aiohttp-default", "sync", "urllib3", "official")
VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]

# Runs in the counted process: argv is side, warm-up calls, calls, port.
CALLS = """
import asyncio, sys
side, warm, calls, url = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), f"http://127.0.0.1:{sys.argv[4]}"
from pieces_os_client.models.allocations import Allocations

if side == "sync":
    import pieces_os_client
    with pieces_os_client.ApiClient(pieces_os_client.Configuration(host=url)) as client:
        api = pieces_os_client.AllocationsApi(client)
        for _ in range(warm + calls):
            api.allocations_snapshot()
elif side in ("urllib3", "official"):
    import urllib3
    pool = urllib3.PoolManager(timeout=urllib3.Timeout(connect=5.0, read=60.0), retries=False)
    for _ in range(warm + calls):
        response = pool.request("GET", url + "/allocations", headers={"Accept": "application/json"})
        Allocations.model_validate_json(response.data)
else:
    import aiohttp
    import pieces_os_client

    async def main():
        if side == "async":
            async with pieces_os_client.AsyncApiClient(pieces_os_client.Configuration(host=url)) as client:
                api = pieces_os_client.AsyncAllocationsApi(client)
                for _ in range(warm + calls):
                    await api.allocations_snapshot()
            return
        options = {}
        if side == "aiohttp":
            options["timeout"] = aiohttp.ClientTimeout(total=300.0, sock_connect=5.0, sock_read=60.0)
        async with aiohttp.ClientSession(**options) as session:
            for _ in range(warm + calls):
                async with session.get(url + "/allocations", headers={"Accept": "application/json"}) as r:
                    Allocations.model_validate_json(await r.read())

    asyncio.run(main())
"""


def instructions(python: str, side: str, warm: int, calls: int, port: int) -> int:
    done = subprocess.run(
        [*VALGRIND, python, "-I", "-c", CALLS, side, str(warm), str(calls), str(port)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter to count")
    parser.add_argument("--official-python", help="an interpreter with the official SDK, for 'official'")
    parser.add_argument("--clouds", type=int, choices=(1, 1000), default=1)
    parser.add_argument("--calls", type=int, help="calls per side (default 300; 8 with 1,000 clouds)")
    parser.add_argument("--sides", nargs="+", choices=SIDES, default=["async", "aiohttp", "aiohttp-default"])
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    if "official" in args.sides and not args.official_python:
        parser.error("the official side needs --official-python")
    calls = args.calls or (300 if args.clouds == 1 else 8)
    warm = 50 if args.clouds == 1 else 3
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks._server", "--clouds", str(args.clouds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(json.loads(server.stdout.readline())["snapshot"][str(args.clouds)])
        counts: Dict[str, float] = {}
        for side in args.sides:
            python = args.official_python if side == "official" else args.python
            many = instructions(python, side, warm, calls, port)
            none = instructions(python, side, warm, 0, port)
            counts[side] = (many - none) / calls
        for side, count in counts.items():
            ours = counts.get("sync" if side in ("urllib3", "official") else "async")
            ratio = f"  ours / {side}: {ours / count:.3f}x" if ours and side not in ("async", "sync") else ""
            print(f"{side:16s} {count:,.0f} instructions per call{ratio}")
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
