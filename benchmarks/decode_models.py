"""How long decoding a snapshot of 1,000 clouds takes, next to ``json.loads`` of the same bytes.

Run: ``.venv/bin/python -m benchmarks.decode_models [--clouds N] [--repeat R]``.

Every row decodes the same ``GET /allocations`` body (realistic clouds: urls with vanity, status,
updated, schema; see `benchmarks._payloads`). Each figure is the median over ``--repeat`` runs of the
mean time of one call within a run (`timeit`); the models are built once before timing starts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import timeit
from typing import Callable, List, Tuple

from benchmarks._payloads import snapshot
from pieces_os_client.models.allocations import Allocations


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()  # calls per run so that a run takes at least 0.2 s
    runs = timer.repeat(repeat=repeat, number=number)
    return statistics.median(runs) / number * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clouds", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    raw = snapshot(args.clouds)
    Allocations.from_json(raw)  # build the model (and check the payload) before timing
    decoded = Allocations.from_json(raw)

    rows: List[Tuple[str, Callable[[], object]]] = [
        ("json.loads(raw)", lambda: json.loads(raw)),
        ("Allocations.from_json(raw)", lambda: Allocations.from_json(raw)),
        (
            "json.loads + Allocations.model_validate (two passes)",
            lambda: Allocations.model_validate(json.loads(raw)),
        ),
        ("Allocations.to_json() of the result", decoded.to_json),
    ]
    print(f"{args.clouds} clouds, {len(raw):,} bytes; median of {args.repeat} runs")
    baseline = 0.0
    for label, fn in rows:
        ms = _median_ms(fn, args.repeat)
        baseline = baseline or ms
        print(f"  {label:<55} {ms:8.2f} ms  ({ms / baseline:4.1f}x json.loads)")


if __name__ == "__main__":
    main()
