"""The language: ``.arg`` text to a :class:`~argmap.core.model.Document`.

- :mod:`~argmap.language.parser`: :func:`parse`, :func:`load`, :func:`decode` (the entry points);
- :mod:`~argmap.language.grammar`: the grammar file ``grammars/argmap.lark`` and Lark's parser;
- :mod:`~argmap.language.scanner`: the fast line scanner in front of Lark;
- :mod:`~argmap.language.tree`: Lark's tree to the model;
- :mod:`~argmap.language.records`: what both parsers share;
- :mod:`~argmap.language.errors`: syntax errors (S codes) in the user's words;
- :mod:`~argmap.language.schema`: the properties and header fields each kind of
  claim takes, and how their values are read (validated by the analysis).

Lark is imported only here, and its types never leave this package.
"""

from __future__ import annotations

from .parser import decode, load, parse

__all__ = ["decode", "load", "parse"]
