"""argmap and Argdown side by side: the same maps, drawn by each, interleaved, with ratios.

    .venv/bin/python bench/argdown.py compare --argdown DIR             # 1,000 and 10,000 claims
    .venv/bin/python bench/argdown.py compare --argdown DIR --sizes 1000 --rounds 5
    .venv/bin/python bench/argdown.py write 10000 OUT.argdown           # a generated map in Argdown

Argdown is not part of this project; install it in a folder of its own, outside
the repository (Argdown 2.0's command line does not install as published, so
drive its library)::

    mkdir -p ~/argdown2 && cd ~/argdown2 && npm init -y
    npm install @argdown/core@2.0.1 @argdown/node@2.0.3

``compare`` writes each map in both languages into a temporary folder, then
runs, round after round, ``argmap render MAP.arg`` (SVG; above
:data:`ATLAS_FROM` claims ``--atlas``, the readable answer for a map that big)
and Argdown's own pipeline to SVG (parse, model, map, DOT, Graphviz 16 in
WebAssembly) through a small driver it writes into ``DIR``. It prints each
command's times (wall seconds of a whole process, min–max over the rounds) and
the ratio argmap / Argdown of the medians. Two workloads: ``debate``
(bench/debate.py: statements grouped under headings, as Argdown users write a
debate; argmap frames each heading's section) and ``generated``
(bench/generate.py's maps, statements grouped under their section's heading).

docs/performance.md gives the figures measured side by side.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import debate  # noqa: E402
import generate  # noqa: E402

import argmap  # noqa: E402
from argmap.core.model import LinkType  # noqa: E402

ATLAS_FROM = 3000
"""From this many claims argmap is timed drawing an atlas (``--atlas``), as ``render`` advises."""

DRIVER = """\
// Written by argmap's bench/argdown.py: Argdown's own pipeline from a file to SVG.
import { argdown } from "@argdown/node";
import { writeFileSync } from "fs";
const [input, output] = process.argv.slice(2);
const response = await argdown.runAsync({
  inputPath: input,
  process: ["load-file", "parse-input", "build-model", "build-map", "transform-closed-groups",
            "colorize", "export-dot", "export-svg"],
  logLevel: "error",
  throwExceptions: true,
});
if (!response.svg) { console.error("Argdown made no SVG"); process.exit(1); }
writeFileSync(output, response.svg);
"""


def to_argdown(amap: argmap.ArgumentMap) -> str:
    """The claims and links of a map as an Argdown document: each claim defined under its
    section's heading with the relations to it; a linked reason an argument with a
    premise-conclusion structure in its conclusion's section; an undercut an attack on that
    argument (``_``). Quotes and predictions have no Argdown counterpart and are left out."""
    section_of = {claim.id: claim.section for claim in amap.claims}
    relations: dict[str, list[str]] = {}
    arguments: dict[int | None, list[str]] = {}
    for inference in amap.inferences:
        sign = "+" if inference.type is LinkType.SUPPORT else "-"
        if len(inference.premises) > 1 and inference.target is not None:
            lines = [f"<l{inference.index}>", ""]
            lines += [f"({n}) [{premise}]" for n, premise in enumerate(inference.premises, start=1)]
            lines += ["----", f"({len(inference.premises) + 1}) [{inference.target}]", ""]
            arguments.setdefault(section_of[inference.target], []).extend(lines)
            continue
        target = f"[{inference.target}]" if inference.target is not None else f"<l{inference.target_inference}>"
        relation = sign if inference.target is not None else "_"
        relations.setdefault(target, []).extend(f"  {relation} [{premise}]" for premise in inference.premises)
    out = ["===", f"title: {amap.title or 'Argument map'}", "===", ""]

    def section(index: int | None) -> None:
        for claim in amap.claims:
            if claim.section == index:
                text = claim.text.replace("[", "(").replace("]", ")").replace("<", "(").replace(">", ")")
                out.extend([f"[{claim.id}]: {text}", *relations.pop(f"[{claim.id}]", []), ""])
        out.extend(arguments.get(index, []))

    section(None)
    for heading in amap.document.sections:
        out += ["#" * heading.level + f" {heading.title}", ""]
        section(heading.index)
    for target, lines in relations.items():  # undercuts of arguments
        out.extend([target, *lines, ""])
    return "\n".join(out) + "\n"


def _maps(workload: str, size: int, folder: Path) -> tuple[Path, Path]:
    """The map of one workload and size in both languages: (.arg, .argdown)."""
    stem = folder / f"{workload}{size}"
    if workload == "debate":
        return debate.write(size, stem)
    arg = generate.write(size, stem.with_suffix(".arg"))
    argdown = stem.with_suffix(".argdown")
    argdown.write_text(to_argdown(argmap.resolve(argmap.load(arg))), encoding="utf-8")
    return arg, argdown


def _timed(command: Sequence[str], timeout: float) -> float | None:
    """Wall seconds of one run; None when it failed or timed out (what it said goes to stderr)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        print(f"  timed out after {timeout:g} s: {' '.join(command)}", file=sys.stderr)
        return None
    if process.returncode != 0:
        said = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        print(f"  failed (exit {process.returncode}): {' '.join(command)}: {said[0]}", file=sys.stderr)
        return None
    return time.perf_counter() - start


def _span(times: list[float | None]) -> str:
    done = [t for t in times if t is not None]
    if not done:
        return "failed"
    return f"{min(done):.2f}–{max(done):.2f}" + ("" if len(done) == len(times) else f" ({len(times) - len(done)} failed)")


def compare(argdown_dir: Path, sizes: Sequence[int], workloads: Sequence[str], rounds: int, timeout: float) -> int:
    node = shutil.which("node")
    if node is None or not (argdown_dir / "node_modules" / "@argdown" / "node").is_dir():
        print(f"bench/argdown.py: needs node and Argdown installed in {argdown_dir} (see this script's docstring)")
        return 2
    driver = argdown_dir / "argmap-bench-driver.mjs"
    driver.write_text(DRIVER, encoding="utf-8")
    argmap_command = [str(Path(sys.executable).with_name("argmap"))]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for workload in workloads:
            for size in sizes:
                arg, argdown = _maps(workload, size, folder)
                ours = [*argmap_command, "render", str(arg)]
                ours += ["--atlas", str(folder / "atlas")] if size >= ATLAS_FROM else ["-o", str(folder / "argmap.svg")]
                theirs = [node, str(driver), str(argdown), str(folder / "argdown.svg")]
                times: dict[str, list[float | None]] = {"argmap": [], "argdown": []}
                for round_number in range(rounds):
                    for name, command in (("argmap", ours), ("argdown", theirs)):
                        times[name].append(_timed(command, timeout))
                        print(f"  {workload} {size} round {round_number + 1} {name}: {times[name][-1]}", file=sys.stderr)
                done = {name: [t for t in values if t is not None] for name, values in times.items()}
                ratio = (
                    f"{statistics.median(done['argmap']) / statistics.median(done['argdown']):.2f}"
                    if done["argmap"] and done["argdown"]
                    else "—"
                )
                what = "atlas" if size >= ATLAS_FROM else "SVG"
                rows.append((workload, f"{size:,}", what, _span(times["argmap"]), _span(times["argdown"]), ratio))
    print("| workload | claims | argmap draws | argmap (s) | Argdown 2 (s) | argmap / Argdown |")
    print("|---|---:|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("write", help="write a generated map in Argdown")
    write.add_argument("size", type=int)
    write.add_argument("out", type=Path)
    side = commands.add_parser("compare", help="time argmap and Argdown on the same maps")
    side.add_argument("--argdown", type=Path, required=True, help="the folder Argdown is installed in")
    side.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    side.add_argument("--workload", nargs="+", choices=["debate", "generated"], default=["debate", "generated"])
    side.add_argument("--rounds", type=int, default=3)
    side.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    if args.command == "write":
        with tempfile.TemporaryDirectory() as tmp:
            amap = argmap.resolve(argmap.load(generate.write(args.size, Path(tmp) / "map.arg")))
        args.out.write_text(to_argdown(amap), encoding="utf-8")
        print(f"wrote {args.out}: {len(amap.claims)} statements, {len(amap.inferences)} relations and arguments")
        return 0
    return compare(args.argdown.resolve(), args.sizes, args.workload, args.rounds, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
