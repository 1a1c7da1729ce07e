"""Import whole corpora, check, draw, export to AIF and import again; count what differs and what fails.

    .venv/bin/python bench/corpus.py CORPUS_FOLDER...            # every .xml (microtexts) and .json (AIF) below
    .venv/bin/python bench/corpus.py --svg-every 20 --arguebuf FOLDER

No corpus is part of the repository (several have non-commercial licences):
point this at folders you fetched, such as the Potsdam microtexts
(``corpus/en/*.xml`` with their ``.txt``) or AIFdb corpora (``nodeset*.json``
with their ``.txt``). For each map it:

1. imports it (``argmap.formats.read``, the text beside it as the source);
2. writes the ``.arg`` and the source text into a scratch folder and checks
   them as ``argmap check`` does (an error is a failure of the importer);
3. draws it: DOT for every map, SVG (Graphviz's ``dot``) for every
   ``--svg-every``-th;
4. exports it to AIF and imports that again, twice: with argmap's own object
   (must give back the same records) and without it (must give back the same
   claim texts and inferences, as other tools keep them);
5. with ``--arguebuf``, reads the file with arguebuf too and compares the
   claims and the well-formed inferences; where argmap repaired the map (a
   self-support, a circle of support, an undercut of what it dropped, each
   reported by node) the file is counted apart.

It prints one block per folder: files, import failures (each with its
message), maps with check errors, structural differences, crashes. A crash
(an exception other than the importer's FormatError) is a bug.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import argmap  # noqa: E402
from argmap import formats  # noqa: E402
from argmap.core.model import LinkType  # noqa: E402
from argmap.drawing import render, to_dot  # noqa: E402
from argmap.formats.aif import import_aif  # noqa: E402
from argmap.formats.build import make_id  # noqa: E402
from argmap.formats.records import Shape  # noqa: E402


def _renamed(shapes: set[Shape], names: dict[str, str]) -> set[Shape]:
    def rename(shape: Shape) -> Shape:
        link_type, premises, target = shape
        return (link_type, frozenset(names[p] for p in premises), names[target] if isinstance(target, str) else rename(target))

    return {rename(shape) for shape in shapes}


def _arguebuf_shapes(path: Path) -> tuple[set[str], set[Shape]] | None:
    """The claims and the well-formed support and attack inferences (I-node premises, one
    conclusion) as arguebuf reads the file, named as argmap names them; None when it cannot read it."""
    import arguebuf
    from arguebuf.model.scheme import Attack, Support

    try:
        if path.suffix == ".xml":
            with path.open("rb") as handle:
                graph = arguebuf.load.microtexts(handle)
        else:
            graph = arguebuf.load.aif(json.loads(path.read_text(encoding="utf-8")))
    except Exception:  # the reference reader's own failure: counted, not ours
        return None

    def name(node_id: str) -> str:
        return node_id if path.suffix == ".xml" else make_id(node_id, "n")

    def shape(scheme_id: str, depth: int = 0) -> Shape | None:
        scheme = graph.scheme_nodes[scheme_id]
        premises = frozenset(name(n.id) for n in graph.incoming_nodes(scheme) if n.id in graph.atom_nodes)
        targets = list(graph.outgoing_nodes(scheme))
        if not isinstance(scheme.scheme, (Support, Attack)) or not premises or len(targets) != 1 or depth > 50:
            return None
        link_type = LinkType.SUPPORT if isinstance(scheme.scheme, Support) else LinkType.ATTACK
        target = targets[0].id
        if target in graph.atom_nodes:
            return (link_type, premises, name(target))
        inner = shape(target, depth + 1) if target in graph.scheme_nodes else None
        return None if inner is None else (link_type, premises, inner)

    shapes = {found for scheme_id in graph.scheme_nodes if (found := shape(scheme_id)) is not None}
    return {name(node_id) for node_id in graph.atom_nodes}, shapes


class Tally:
    """What happened to the maps of one folder."""

    def __init__(self) -> None:
        self.files = 0
        self.claims = 0
        self.inferences = 0
        self.failures: list[str] = []
        self.crashes: list[str] = []
        self.check_errors: list[str] = []
        self.codes: collections.Counter[str] = collections.Counter()
        self.conversion_warnings = 0
        self.quoted = 0
        self.dot = 0
        self.svg = 0
        self.drawing_warnings = 0
        self.exact_diffs: list[str] = []
        self.plain_diffs: list[str] = []
        self.arguebuf_diffs: list[str] = []
        self.arguebuf_unread = 0
        self.arguebuf_repaired = 0
        self.seconds = 0.0


def one(path: Path, scratch: Path, tally: Tally, svg: bool, use_arguebuf: bool) -> None:
    """Every step for one file."""
    try:
        conversion = formats.read(path)
    except formats.FormatError as exc:
        tally.failures.append(str(exc))
        return
    tally.conversion_warnings += len(conversion.warnings)
    target = scratch / "map.arg"
    for old in scratch.iterdir():
        old.unlink()
    if conversion.source is not None:
        (scratch / conversion.source.name).write_text(conversion.source.text, encoding="utf-8")
    target.write_text(conversion.text, encoding="utf-8")
    amap = argmap.check(str(target))
    tally.codes.update(d.code for d in amap.diagnostics)
    if amap.errors:
        tally.check_errors.append(f"{path}: " + "; ".join(d.message for d in amap.errors[:3]))
        return
    tally.claims += len(amap.claims)
    tally.inferences += len(amap.inferences)
    tally.quoted += sum(1 for claim in amap.claims if claim.get("quote") is not None)
    assert to_dot(amap).startswith("digraph")
    tally.dot += 1
    if svg:
        with warnings.catch_warnings(record=True) as caught:  # "too small to read" on a big map: counted
            warnings.simplefilter("always")
            assert render(amap, "svg").lstrip().startswith(b"<")
        tally.svg += 1
        tally.drawing_warnings += len(caught)
    exported = formats.write(amap, formats.Format.AIF)
    again = import_aif(exported.encode("utf-8"), "again.json").record
    record = formats.from_document(amap.document)
    if (again.header, again.sections, again.claims, again.links) != (
        record.header, record.sections, record.claims, record.links
    ):
        tally.exact_diffs.append(str(path))
    document = json.loads(exported)
    node_of: dict[str, str] = document.pop("argmap")["nodes"]
    plain = import_aif(json.dumps(document).encode("utf-8"), "plain.json").record
    back = {f"n{node}": claim for claim, node in node_of.items()}
    texts_same = {back[c.id]: c.text for c in plain.claims} == {c.id: c.text for c in record.claims}
    if not texts_same or _renamed(formats.inferences_of(plain), back) != formats.inferences_of(record):
        tally.plain_diffs.append(str(path))
    if use_arguebuf:
        theirs = _arguebuf_shapes(path)
        if theirs is None:
            tally.arguebuf_unread += 1
            return
        claims = {claim.id for claim in conversion.record.claims}
        if theirs[0] != claims:
            tally.arguebuf_diffs.append(f"{path}: other claims ({len(theirs[0] ^ claims)} differ)")
        elif theirs[1] != formats.inferences_of(conversion.record):
            # argmap repairs what it cannot draw (self-support, a circle, an undercut of what was
            # dropped), each with a warning in that file; a difference without one is a bug.
            repaired = [w for w in conversion.warnings if w.where and w.where.startswith("node ")
                        and any(word in w.message for word in ("left out", "dropped"))]
            if repaired:
                tally.arguebuf_repaired += 1
            else:
                tally.arguebuf_diffs.append(f"{path}: other inferences, and no repair reported")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--svg-every", type=int, default=25, metavar="N", help="draw every N-th map as SVG (0: none)")
    parser.add_argument("--arguebuf", action="store_true", help="compare counts with arguebuf's reading")
    args = parser.parse_args()
    grand = 0
    for folder in args.folders:
        paths = sorted(p for p in folder.rglob("*") if p.suffix in (".xml", ".json") and p.is_file())
        tally = Tally()
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as scratch:
            for number, path in enumerate(paths):
                tally.files += 1
                try:
                    one(path, Path(scratch), tally, args.svg_every > 0 and number % args.svg_every == 0, args.arguebuf)
                except Exception:  # every crash is a bug of argmap's: counted and shown
                    tally.crashes.append(f"{path}: {traceback.format_exc(limit=3)}")
        tally.seconds = time.perf_counter() - start
        report(folder, tally, args.arguebuf)
        grand += len(tally.crashes) + len(tally.check_errors) + len(tally.exact_diffs) + len(tally.plain_diffs)
    sys.exit(1 if grand else 0)


def report(folder: Path, tally: Tally, use_arguebuf: bool) -> None:
    print(f"== {folder}")
    print(f"files {tally.files}, imported {tally.files - len(tally.failures) - len(tally.crashes)}, "
          f"failures {len(tally.failures)} (FormatError), crashes {len(tally.crashes)}")
    print(f"claims {tally.claims:,}, inferences {tally.inferences:,}, quoted claims {tally.quoted:,}, "
          f"conversion warnings {tally.conversion_warnings:,}")
    print(f"maps with check errors {len(tally.check_errors)}; diagnostics "
          + ", ".join(f"{code} {count}" for code, count in tally.codes.most_common()))
    print(f"drawn: DOT {tally.dot}, SVG {tally.svg} (Graphviz or fit warnings: {tally.drawing_warnings})")
    print(f"AIF round trip, structural differences: with argmap's object {len(tally.exact_diffs)}, "
          f"plain AIF {len(tally.plain_diffs)}")
    if use_arguebuf:
        print(f"arguebuf: files that differ {len(tally.arguebuf_diffs)}, differ where argmap reports a repair "
              f"{tally.arguebuf_repaired}, files it cannot read {tally.arguebuf_unread}")
    print(f"time {tally.seconds:.1f} s")
    for title, items in (("failures", tally.failures), ("crashes", tally.crashes), ("check errors", tally.check_errors),
                         ("differences (with object)", tally.exact_diffs), ("differences (plain)", tally.plain_diffs),
                         ("arguebuf", tally.arguebuf_diffs)):
        for item in items[:10]:
            print(f"  {title}: {item}")
        if len(items) > 10:
            print(f"  … and {len(items) - 10} more {title}")


if __name__ == "__main__":
    main()
