"""Editor support: what an editor needs to help write ``.arg`` files (a language server, highlighting).

It may use :mod:`argmap.analysis`, :mod:`argmap.language` and :mod:`argmap.core`
(and :mod:`argmap.drawing` for a preview), never the command line
(docs/architecture.md).
"""
