"""Formats: maps in and out of other tools (AIF, Argdown, Kialo, microtexts, argmap JSON, GraphML).

The place for importers and exporters. An exporter reads an
:class:`~argmap.analysis.ArgumentMap`; an importer writes ``.arg`` text (or a
:class:`~argmap.core.model.Document`) and reports what the other format could
not express. It may use :mod:`argmap.analysis`, :mod:`argmap.language` and
:mod:`argmap.core`, never the command line or the other features
(docs/architecture.md).
"""
