"""How fast argmap converts a 10,000-node AIF file, in and out (issue: under 2 s).

    .venv/bin/python bench/convert.py                  # 10,000 nodes, median of 5 runs
    .venv/bin/python bench/convert.py --nodes 50000 --repeat 3

The AIF file is made from a synthetic map (bench/generate.py) exported by
argmap, without argmap's own object: the importer reads the graph, as it does
a file from AIFdb or OVA. Its claims are linked as real maps are (separate and
linked reasons, objections, rebuttals, undercuts), so about 45 % of the nodes
are I-nodes and 55 % RA and CA nodes. It prints, as wall time:

- ``argmap convert big.json -o big.arg``: the whole command (start-up, reading,
  building the map, writing it, checking what it wrote);
- the import alone, in process (bytes to ``.arg`` text);
- ``argmap convert big.arg -o big.aif.json``: the whole export command (reading and
  checking the map, writing AIF), and the export alone in process.

Timings depend on the machine; this is not part of the test suite.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

import argmap  # noqa: E402
from argmap import formats  # noqa: E402

ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def make_aif(nodes: int, folder: Path) -> Path:
    """An AIF file of about ``nodes`` nodes, written into ``folder``."""
    claims = max(10, nodes * 4 // 9)  # the synthetic maps have about 1.25 inferences per claim
    for _ in range(5):  # a few steps to the nearest map with at least `nodes` nodes
        text, _ = generate(claims)
        amap = argmap.resolve(argmap.parse(text.replace("source: {source}\n", ""), "big.arg"), check_source=False)
        document = json.loads(formats.write(amap, formats.Format.AIF))
        del document["argmap"]
        if nodes <= len(document["nodes"]) <= nodes * 1.02:
            break
        claims = max(10, round(claims * nodes * 1.005 / len(document["nodes"])))
    path = folder / "big.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def process(command: list[str], repeat: int) -> float:
    """The median wall time of running ``command`` (after one warm-up run)."""
    subprocess.run(command, check=True, capture_output=True, env=ENV)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def best(function: object, repeat: int) -> float:
    """The best in-process wall time of calling ``function``."""
    assert callable(function)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000, help="about how many AIF nodes (default 10,000)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        big = make_aif(args.nodes, Path(folder))
        document = json.loads(big.read_text(encoding="utf-8"))
        counts: dict[str, int] = {}
        for node in document["nodes"]:
            counts[node["type"]] = counts.get(node["type"], 0) + 1
        data = big.read_bytes()
        arg = Path(folder) / "big.arg"
        command = [sys.executable, "-m", "argmap", "convert"]
        whole_in = process([*command, str(big), "-o", str(arg)], args.repeat)
        alone_in = best(lambda: formats.read_data(data, str(big), formats.Format.AIF), args.repeat)
        amap = argmap.check(str(arg))
        whole_out = process([*command, str(arg), "-o", str(Path(folder) / "out.aif.json")], args.repeat)
        alone_out = best(lambda: formats.write(amap, formats.Format.AIF), args.repeat)
    shown = ", ".join(f"{count:,} {kind}" for kind, count in sorted(counts.items()))
    print(f"AIF file: {len(document['nodes']):,} nodes ({shown}), {len(document['edges']):,} edges, "
          f"{len(data) / 1e6:.1f} MB")
    print(f"argmap convert big.json -o big.arg       {whole_in:6.2f} s  (import alone: {alone_in:.2f} s)")
    print(f"argmap convert big.arg -o big.aif.json   {whole_out:6.2f} s  (export alone: {alone_out:.2f} s)")


if __name__ == "__main__":
    main()
