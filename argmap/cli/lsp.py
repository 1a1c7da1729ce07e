"""``argmap lsp``: the language server, over standard input and output (needs ``argmap[lsp]``)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from .common import EXIT_ENVIRONMENT, EXIT_OK

__all__ = ["cmd_lsp", "register"]


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``lsp`` command to the ``argmap`` sub-command parsers."""
    lsp = commands.add_parser(
        "lsp",
        help="run the language server for editors (Language Server Protocol over stdio)",
        description="Run argmap's language server over standard input and output, for editors that speak "
        "the Language Server Protocol (VS Code, Neovim, Emacs, Helix; docs/editors.md): diagnostics as you "
        "type, hover, go to definition, references, rename, completion, outline, quick fixes, formatting. "
        "Needs the optional extra: pip install 'argmap[lsp]'.",
    )
    lsp.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    lsp.add_argument(
        "--debounce", type=float, default=0.05, metavar="SECONDS",
        help="wait this long after an edit before checking, so that fast typing is checked once (default 0.05)",
    )
    lsp.set_defaults(handler=cmd_lsp)


def cmd_lsp(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap lsp``"""
    import importlib.util

    missing = [name for name in ("pygls", "lsprotocol") if importlib.util.find_spec(name) is None]
    if missing:
        print(
            f"argmap lsp: the language server needs {' and '.join(missing)}, which are not installed: "
            "pip install 'argmap[lsp]'",
            file=stderr,
        )
        return EXIT_ENVIRONMENT
    from argmap.editor.server import serve

    serve(debounce=max(args.debounce, 0.0))
    return EXIT_OK
