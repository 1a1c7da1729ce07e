"""The benchmark suite: how fast argmap checks, parses, resolves and draws maps.

    .venv/bin/python bench/run.py                 # all sizes, prints a table, writes bench/results.json
    .venv/bin/python bench/run.py --sizes 100 1000 --repeat 3
    .venv/bin/python bench/run.py --workload debate --sizes 10000 100000

Maps come from bench/generate.py (deterministic, seed 1: sections, quotes checked
against a source, predictions), or with ``--workload debate`` from bench/debate.py
(statements grouped under headings as Argdown's users write them; no quotes, no
predictions: the workload the issue's side-by-side runs use). For each size it
measures, as wall time and peak memory:

- ``argmap check`` as a whole process (the median of --repeat runs);
- parse alone, resolve alone and DOT generation alone, in process (best of --repeat);
- ``argmap render`` to SVG as a whole process, against ``dot`` alone on the DOT
  argmap produced (the overhead ratio) — for sizes up to --render-max, since
  Graphviz's own layout time grows much faster than linearly;
- and ``argmap check`` of a three-claim file (start-up cost).

This is not part of the test suite's pass/fail: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import debate  # noqa: E402
from generate import write  # noqa: E402

ARGMAP = [sys.executable, "-m", "argmap"]
# Measure processes as an installed argmap runs: with its bytecode cached. (Some
# sandboxes set PYTHONDONTWRITEBYTECODE, which makes every start compile every module.)
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_process(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident memory in MB, and exit status of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def median_process(command: list[str], repeat: int) -> dict[str, float]:
    run_process(command)  # warm up: bytecode written, files in the page cache
    runs = [run_process(command) for _ in range(repeat)]
    return {
        "seconds": statistics.median(r[0] for r in runs),
        "peak_mb": max(r[1] for r in runs),
        "exit": runs[0][2],
    }


def best_of(function: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


WORKLOADS = ("generated", "debate")


def measure(size: int, folder: Path, repeat: int, render_max: int, workload: str = "generated") -> dict[str, object]:
    import argmap
    from argmap.drawing import to_dot

    if workload == "debate":
        path, _ = debate.write(size, folder / f"map{size}")
    else:
        path = write(size, folder / f"map{size}.arg")
    text = path.read_text(encoding="utf-8")
    result: dict[str, object] = {"claims": size, "lines": text.count("\n"), "bytes": len(text.encode())}
    result["check_process"] = median_process([*ARGMAP, "check", str(path)], repeat)
    document = argmap.parse(text, str(path))
    amap = argmap.resolve(document)
    result["links"] = len(amap.inferences)
    result["parse_s"] = best_of(lambda: argmap.parse(text, str(path)), repeat)
    result["resolve_s"] = best_of(lambda: argmap.resolve(document), repeat)
    result["resolve_without_source_s"] = best_of(lambda: argmap.resolve(document, check_source=False), repeat)
    result["dot_generation_s"] = best_of(lambda: to_dot(amap), repeat)
    if size <= render_max:
        svg = folder / f"map{size}.svg"
        dot_file = folder / f"map{size}.dot"
        dot_file.write_text(to_dot(amap), encoding="utf-8")
        render = median_process([*ARGMAP, "render", str(path), "-o", str(svg)], repeat)
        dot_alone = median_process(["dot", "-Tsvg", str(dot_file), "-o", str(folder / "alone.svg")], repeat)
        result["render_process"] = render
        result["dot_alone"] = dot_alone
        result["render_overhead"] = render["seconds"] / dot_alone["seconds"] - 1
    return result


def startup(folder: Path, repeat: int) -> dict[str, float]:
    small = folder / "three.arg"
    small.write_text(
        "main conclusion c: Cities should plant more trees.\npremise a: Trees cool streets.\n"
        "assumption b: Cooler streets are worth what trees cost.\na + b -> c\n",
        encoding="utf-8",
    )
    return median_process([*ARGMAP, "check", str(small)], max(repeat, 5))


def table(results: list[dict[str, object]], start: dict[str, float]) -> str:
    lines = [
        f"{'claims':>7} {'links':>7} {'check s':>8} {'check MB':>9} {'parse s':>8} {'resolve s':>9} "
        f"{'dot-gen s':>9} {'render s':>9} {'dot s':>7} {'overhead':>8}",
    ]
    for r in results:
        check = r["check_process"]
        assert isinstance(check, dict)
        render = r.get("render_process")
        dot = r.get("dot_alone")
        lines.append(
            f"{r['claims']:>7} {r['links']:>7} {check['seconds']:>8.3f} {check['peak_mb']:>9.1f} "
            f"{r['parse_s']:>8.3f} {r['resolve_s']:>9.3f} {r['dot_generation_s']:>9.3f} "
            + (
                f"{render['seconds']:>9.3f} {dot['seconds']:>7.3f} {r['render_overhead']:>8.0%}"  # type: ignore[index]
                if render
                else f"{'-':>9} {'-':>7} {'-':>8}"
            )
        )
    lines.append(f"start-up: argmap check on a three-claim file: {start['seconds']:.3f} s, {start['peak_mb']:.1f} MB")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--render-max", type=int, default=1000)
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--workload", choices=WORKLOADS, default="generated", help="whose maps (default: generated)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = startup(folder, args.repeat)
        results = []
        for size in args.sizes:
            results.append(measure(size, folder, args.repeat, args.render_max, args.workload))
            print(f"measured {size} claims", file=sys.stderr)
    report = {
        "date": time.strftime("%Y-%m-%d"),
        "workload": args.workload,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "startup": start,
        "sizes": results,
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(results, start))
    sizes = {r["claims"]: r for r in results}
    if 10_000 in sizes and 100_000 in sizes:
        small, large = sizes[10_000]["check_process"], sizes[100_000]["check_process"]
        ratio = large["seconds"] / small["seconds"]  # type: ignore[index]
        print(f"growth: check at 100,000 claims takes {ratio:.1f} times as long as at 10,000")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
