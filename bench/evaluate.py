"""How fast ``argmap evaluate`` is on a generated map (the target: 10,000 claims under 1 s).

    .venv/bin/python bench/evaluate.py            # 10,000 claims, best of 5
    .venv/bin/python bench/evaluate.py 100000 3   # another size, best of 3

The map comes from bench/generate.py (deterministic, seed 1). Prints, in
process and as the best of the runs: the evaluation alone (judgements, the
framework, grounded labels, DF-QuAD strengths), the report on top of it (the
main conclusion's explanation and the load-bearing search), the text report,
and preferred semantics; then ``argmap evaluate`` as a whole process
(parse and check included), median of the runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import write  # noqa: E402
from run import best_of as best  # noqa: E402

import argmap  # noqa: E402
from argmap.core.speed import gc_paused  # noqa: E402
from argmap.evaluation import evaluate, make_report, to_text  # noqa: E402


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as folder:
        path = write(size, Path(folder) / f"map{size}.arg")
        amap = argmap.check(str(path))
        evaluation = evaluate(amap)
        print(f"{size:,} claims, {len(amap.inferences):,} inferences, "
              f"{len(evaluation.framework.nodes):,} arguments in the framework")
        print(f"  statuses: {', '.join(f'{evaluation.count(s)} {s.value}' for s in type(evaluation.status(amap.claims[0].id)))}")
        with gc_paused():
            figures = {
                "evaluate (grounded + DF-QuAD)": best(lambda: evaluate(amap), repeat),
                "evaluate + explanation + load-bearing": best(lambda: make_report(evaluate(amap)), repeat),
                "... + text report": best(lambda: to_text(make_report(evaluate(amap))), repeat),
                "evaluate, preferred semantics": best(lambda: evaluate(amap, semantics="preferred"), repeat),
            }
        for name, seconds in figures.items():
            print(f"  {name:<40} {seconds:6.3f} s")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        command = [sys.executable, "-m", "argmap", "evaluate", str(path)]
        subprocess.run(command, capture_output=True, env=env, check=False)  # warm up
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, env=env, check=False)
            runs.append(time.perf_counter() - start)
        print(f"  {'argmap evaluate (process, with check)':<40} {statistics.median(runs):6.3f} s (exit {done.returncode})")


if __name__ == "__main__":
    main()
