"""Where the time of ``argmap check`` goes, phase by phase, for one generated map.

    .venv/bin/python bench/phases.py 10000 [REPEAT]        # a map of bench/generate.py
    .venv/bin/python bench/phases.py MAP.arg [REPEAT]      # any map, e.g. one of bench/debate.py

Prints the best wall seconds of REPEAT runs (default 3) for reading, the character checks, the line scanner (which
builds the model), and
each pass of the checks (times are taken around the passes where resolve() calls them).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import write  # noqa: E402

import argmap  # noqa: E402
from argmap.analysis import check  # noqa: E402
from argmap.core.speed import gc_paused  # noqa: E402
from argmap.language import errors, parser, scanner  # noqa: E402

PHASES = ["check_header", "collect_claims", "check_main", "check_cycles", "derive", "run_lint"]
"""The passes of argmap.analysis.check.resolve, timed where it calls them (and LinkBinder.bind)."""


def main() -> int:
    given = sys.argv[1] if len(sys.argv) > 1 else "10000"
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    timings: dict[str, float] = {}
    best: dict[str, float] = {}

    def timed(name: str, function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - start

        return wrapper

    for phase in PHASES:
        setattr(check, phase, timed(phase, getattr(check, phase)))
    check.LinkBinder.bind = timed("bind links", check.LinkBinder.bind)  # type: ignore[method-assign]
    import argmap.analysis.grounding as grounding
    import argmap.analysis.predictions as predictions

    grounding.ground = timed("ground (quotes)", grounding.ground)  # type: ignore[assignment]
    predictions.check_predictions = timed("check_predictions", predictions.check_predictions)  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(given) if given.endswith(".arg") else write(int(given), Path(tmp) / "map.arg")
        for _ in range(repeat):
            timings.clear()
            amap = run_once(path, timings)
            for name, seconds in timings.items():
                best[name] = min(best.get(name, seconds), seconds)
    timings = best
    width = max(len(name) for name in timings)
    for name, seconds in timings.items():
        print(f"{name:<{width}}  {seconds:7.3f} s")
    print(f"{len(amap.claims)} claims, {len(amap.inferences)} inferences, {len(amap.diagnostics)} diagnostics")
    return 0


def run_once(path: Path, timings: dict[str, float]) -> argmap.ArgumentMap:
    start = time.perf_counter()
    text = parser.decode(path.read_bytes(), str(path))
    timings["read and decode"] = time.perf_counter() - start
    with gc_paused():
        start = time.perf_counter()
        errors.check_characters(text, str(path))
        errors.check_first_line(text, str(path))
        timings["character checks"] = time.perf_counter() - start
        start = time.perf_counter()
        document = scanner.scan(text, str(path))
        timings["line scanner (builds the model)"] = time.perf_counter() - start
        assert document is not None, "the fast path declined the generated map"
    start = time.perf_counter()
    amap = argmap.resolve(document)
    timings["resolve (all)"] = time.perf_counter() - start
    return amap


if __name__ == "__main__":
    sys.exit(main())
