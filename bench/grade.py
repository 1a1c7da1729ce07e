"""How fast argmap grades a class: ``argmap grade`` on each class of tests/teaching/classes as a whole
process (the median of --repeat runs), and one comparison in process (the median per map).

    .venv/bin/python bench/grade.py --repeat 5

Not part of the test suite's pass/fail: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

CLASSES = ROOT / "tests" / "teaching" / "classes"
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def grade_seconds(folder: Path, out: Path) -> float:
    command = [sys.executable, "-m", "argmap", "grade", str(folder / "key.arg"), str(folder / "submissions"),
               "-o", str(out), "--roster", str(folder / "roster.csv")]
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=True)
    return time.perf_counter() - start


def compare_seconds(folder: Path, repeat: int) -> tuple[float, int]:
    import argmap
    from argmap.teaching.compare import compare
    from argmap.teaching.reading import read_submission

    key = argmap.check(str(folder / "key.arg"))
    maps = [read_submission(str(path)).map for path in sorted((folder / "submissions").rglob("*.arg"))]
    readable = [amap for amap in maps if amap is not None]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for amap in readable:
            compare(amap, key)
        times.append((time.perf_counter() - start) / len(readable))
    return statistics.median(times), len(readable)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'class':14} {'maps':>5} {'grade (s)':>10} {'compare per map (ms)':>21}")
    for folder in sorted(path for path in CLASSES.iterdir() if (path / "key.arg").exists()):
        with tempfile.TemporaryDirectory() as temporary:
            copy = Path(temporary) / folder.name
            shutil.copytree(folder, copy)
            grade_seconds(copy, copy / "out")  # warm up
            seconds = statistics.median(grade_seconds(copy, copy / "out") for _ in range(args.repeat))
        per_map, count = compare_seconds(folder, args.repeat)
        print(f"{folder.name:14} {count:>5} {seconds:>10.2f} {1000 * per_map:>21.1f}")


if __name__ == "__main__":
    main()
