"""Small measures for speed that several modules share."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused(settle: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large map is built.

    Parsing and resolving allocate hundreds of thousands of small, acyclic
    objects (records, tuples, strings); the collector's repeated passes over
    them cost more than the work itself (measured: parse and resolve of a
    10,000-claim map take about half as long without them). Reference
    counting still frees everything; the collector runs again afterwards.

    Everything made during the pause is still in the youngest generation at
    the end, so the collector's next pass goes over all of it (0.3 s after a
    100,000-claim map was checked, and again after it was parsed). With
    ``settle``, what was made is moved to the oldest generation instead (a
    ``gc.freeze()`` and ``gc.unfreeze()``, which only splice lists), where it
    is looked at with the rest of the long-lived objects; for a one-off job
    whose results live on, as :func:`~argmap.analysis.check.check_file`'s do.
    Not done when the program has frozen objects of its own.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if settle and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


_LARGE_BLOCKS_MAPPED = False


def map_large_blocks() -> None:
    """Have the C library give every large block (128 KiB or more) its own pages, returned when freed.

    By default glibc raises that limit each time such a block is freed, so the
    copies of a big map's text that a check makes and drops (the source
    canonicalised, its words, the quotes' words) land in the heap afterwards
    and stay there as holes: at 100,000 claims they added about 25 MB to the
    process's peak memory. Called once a large file is read; does nothing
    where the C library is not glibc.
    """
    global _LARGE_BLOCKS_MAPPED
    if _LARGE_BLOCKS_MAPPED or not sys.platform.startswith("linux"):
        return
    _LARGE_BLOCKS_MAPPED = True
    try:
        import ctypes  # only for large files: it costs a few milliseconds to import

        mallopt = ctypes.CDLL(None).mallopt
    except (ImportError, OSError, AttributeError):  # no ctypes, or not glibc (musl has no mallopt)
        return
    mallopt(_M_MMAP_THRESHOLD, 128 * 1024)


_M_MMAP_THRESHOLD = -3
"""glibc's ``mallopt`` parameter for the size from which blocks are mapped; setting it fixes it."""
