"""The ``argmap`` command line: one module per command (see :mod:`argmap.cli.app`).

The only code that prints or decides the process's exit status.
"""

from __future__ import annotations

from .app import main, main_entry

__all__ = ["main", "main_entry"]
