"""Formats: maps in and out of other tools (AIF, Argdown, Kialo, microtexts, argmap JSON, GraphML).

>>> import argmap
>>> from argmap import formats
>>> conversion = formats.read("tests/formats/samples/kialo/library-sunday-1234.txt")
>>> conversion.text.splitlines()[4]
'main conclusion k1: The town library should open on Sundays.'
>>> aif = formats.write(argmap.check("examples/teaching/undercut.arg"), formats.Format.AIF)
>>> aif.count('"type": "CA"')
3

:func:`read` imports a file of another format: it returns a
:class:`Conversion` — the map as canonical ``.arg`` text, the records it was
written from, the warnings for what the format had and ``.arg`` cannot say
(each naming the node, edge or line), and the source text when the input
carries one. :func:`write` exports a checked map as text of the other format. A malformed input raises
:class:`FormatError`, whose message names the file and the problem.

An exporter reads an :class:`~argmap.analysis.ArgumentMap`; an importer builds
a :class:`~argmap.formats.records.MapRecord` (with
:class:`~argmap.formats.build.MapBuilder`, which makes it valid) and writes it
with :func:`~argmap.formats.arg.write_arg`. The package may use
:mod:`argmap.analysis`, :mod:`argmap.language` and :mod:`argmap.core`, never
the command line or the other features (docs/architecture.md).
docs/formats.md describes every format and what each keeps.
"""

from __future__ import annotations

from .arg import write_arg
from .files import Format, format_of, read, read_data, with_source_name, write
from .records import MapRecord, from_document, inferences_of
from .result import Conversion, ConversionWarning, FormatError, SourceText

__all__ = [
    "Conversion",
    "ConversionWarning",
    "Format",
    "FormatError",
    "MapRecord",
    "SourceText",
    "format_of",
    "from_document",
    "inferences_of",
    "read",
    "read_data",
    "with_source_name",
    "write",
    "write_arg",
]
