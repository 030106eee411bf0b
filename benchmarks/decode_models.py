"""How long decoding a snapshot of 1,000 clouds takes, next to ``json.loads`` of the same bytes.

Run: ``.venv/bin/python -m benchmarks.decode_models [--clouds N] [--repeat R]``.

Every row decodes the same ``GET /allocations`` body (realistic clouds: urls with vanity, status,
updated, schema; see `benchmarks._payloads`). Each figure is the median over ``--repeat`` runs of the
mean time of one call within a run (`timeit`), runs of the rows interleaved; the models are built once
before timing starts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import timeit
from typing import Callable, Dict, List, Tuple

from benchmarks._payloads import snapshot
from pieces_os_client.models.allocations import Allocations


def _measure(rows: List[Tuple[str, Callable[[], object]]], repeat: int) -> Dict[str, float]:
    """Median milliseconds per call of each row.

    Runs of the rows are interleaved, in rotating order, so that noise from anything else on the machine
    falls on every row alike.
    """
    timers = [(label, timeit.Timer(fn)) for label, fn in rows]
    # Calls per run: enough for the slowest row to take about 0.2 s.
    number = min(timer.autorange()[0] for _, timer in timers)
    samples: Dict[str, List[float]] = {label: [] for label, _ in timers}
    for r in range(repeat):
        for label, timer in timers[r % len(timers) :] + timers[: r % len(timers)]:
            samples[label].append(timer.timeit(number) / number * 1000)
    return {label: statistics.median(values) for label, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clouds", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
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
    medians = _measure(rows, args.repeat)
    print(f"{args.clouds} clouds, {len(raw):,} bytes; median of {args.repeat} interleaved runs")
    baseline = medians[rows[0][0]]
    for label, ms in medians.items():
        print(f"  {label:<52} {ms:8.2f} ms  ({ms / baseline:4.2f}x json.loads)")


if __name__ == "__main__":
    main()
