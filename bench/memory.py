"""Where the memory of ``argmap check`` goes: the parsed document and the resolved map, by type.

    .venv/bin/python bench/memory.py 100000

Generates the map (bench/generate.py, seed 1), parses and resolves it, then
walks both object graphs and adds up ``sys.getsizeof`` by type (each object
counted once; what the resolved map shares with the document counts under the
document). Also prints the peak resident memory of the process.
"""

from __future__ import annotations

import enum
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import write  # noqa: E402

import argmap  # noqa: E402

_ATOMS = (str, int, float, bool, bytes, type(None), enum.Enum)


def sizes(root: object, seen: set[int]) -> Counter[str]:
    """Bytes by type name of everything reachable from ``root`` and not in ``seen``."""
    totals: Counter[str] = Counter()
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, (type, enum.Enum)) or callable(item):
            continue
        seen.add(id(item))
        totals[type(item).__name__] += sys.getsizeof(item)
        if isinstance(item, _ATOMS):
            continue
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (tuple, list, set, frozenset)):
            stack.extend(item)
        else:
            for name in getattr(type(item), "__slots__", ()):
                if hasattr(item, name):
                    stack.append(getattr(item, name))
            stack.extend(getattr(item, "__dict__", {}).values())
    return totals


def show(title: str, totals: Counter[str]) -> None:
    print(f"{title}: {sum(totals.values()) / 1e6:.1f} MB")
    for name, size in totals.most_common(8):
        print(f"  {name:<16} {size / 1e6:7.1f} MB")


def main() -> int:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = write(size, Path(tmp) / "map.arg")
        start = time.perf_counter()
        document = argmap.load(path)
        amap = argmap.resolve(document)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        seen: set[int] = {id(document.text)}
        print(f"{size} claims; source text {len(document.text) / 1e6:.1f} MB; parse and resolve {elapsed:.2f} s")
        show("document (without its text)", sizes(document, seen))
        show("added by the resolver", sizes(amap, seen))
        print(f"peak resident memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
