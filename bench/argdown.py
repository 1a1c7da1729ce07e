"""The benchmark maps in Argdown's syntax, to time Argdown on maps of the same shape and size.

    .venv/bin/python bench/argdown.py 10000 OUT.argdown

Writes the map bench/generate.py makes (seed 1) as Argdown: every claim a
statement (``[c12]: text``); every support or attack an Argdown relation
under its target (``+ [c40]``, ``- [c41]``); a linked reason (``a + b -> c``)
an argument whose premises are its claims (``<l7>`` with a premise-conclusion
structure); an undercut an attack on the inference's argument. Quotes,
predictions and sections have no Argdown counterpart and are left out, so
Argdown's job is the smaller one. Time it with Argdown's own command line,
for example (installed with npm, not part of this project)::

    npx @argdown/cli OUT.argdown            # parse and validate
    npx @argdown/cli json OUT.argdown out/  # export as JSON
    npx @argdown/cli map OUT.argdown out/   # export as DOT

docs/performance.md gives the figures measured side by side.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import write  # noqa: E402

import argmap  # noqa: E402
from argmap.core.model import LinkType  # noqa: E402


def to_argdown(amap: argmap.ArgumentMap) -> str:
    """The claims and links of a map as an Argdown document."""
    lines = [f"# {amap.title or 'Argument map'}", ""]
    for claim in amap.claims:
        text = claim.text.replace("[", "(").replace("]", ")").replace("<", "(").replace(">", ")")
        lines += [f"[{claim.id}]: {text}", ""]
    relations: dict[str, list[str]] = {}
    arguments: list[str] = []
    for inference in amap.inferences:
        sign = "+" if inference.type is LinkType.SUPPORT else "-"
        linked = len(inference.premises) > 1
        if linked and inference.target is not None:
            name = f"l{inference.index}"
            arguments += [f"<{name}>", ""]
            arguments += [f"({n}) [{premise}]" for n, premise in enumerate(inference.premises, start=1)]
            arguments += ["----", f"({len(inference.premises) + 1}) [{inference.target}]", ""]
            continue
        target = (
            f"[{inference.target}]"
            if inference.target is not None
            else f"<l{inference.target_inference}>"
        )
        for premise in inference.premises:
            relations.setdefault(target, []).append(f"  {sign if inference.target is not None else '_'} [{premise}]")
    for target, below in relations.items():
        lines += [target, *below, ""]
    return "\n".join(lines + arguments) + "\n"


def main() -> int:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"map{size}.argdown")
    with tempfile.TemporaryDirectory() as tmp:
        amap = argmap.resolve(argmap.load(write(size, Path(tmp) / "map.arg")))
    out.write_text(to_argdown(amap), encoding="utf-8")
    print(f"wrote {out}: {len(amap.claims)} statements, {len(amap.inferences)} relations and arguments")
    return 0


if __name__ == "__main__":
    sys.exit(main())
