"""The best one-to-one assignment: the Hungarian algorithm (Kuhn and Munkres), for aligning the
claims of a student's map with the key's as a whole rather than one greedy pair at a time."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["best_assignment"]


def best_assignment(benefit: Sequence[Sequence[float]]) -> tuple[tuple[int, int], ...]:
    """The (row, column) pairs of greatest total benefit, each row and column used at most once;
    pairs of benefit 0 or less are never taken. Deterministic: the same matrix, the same pairs.

    >>> best_assignment([[0.5, 0.5], [0.5, 0.0]])   # greedy would take (0, 0) and leave row 1 alone
    ((0, 1), (1, 0))
    >>> best_assignment([[0.9], [0.8]])
    ((0, 0),)
    >>> best_assignment([])
    ()
    """
    rows = len(benefit)
    columns = max((len(row) for row in benefit), default=0)
    size = max(rows, columns)
    if size == 0:
        return ()
    top = max((value for row in benefit for value in row), default=0.0)
    # A square cost matrix: cost = top - benefit; padding (and benefit <= 0) costs top, the same as
    # leaving the row unassigned, so such pairs never beat a real one.
    cost = [[top] * size for _ in range(size)]
    for r, row in enumerate(benefit):
        for c, value in enumerate(row):
            if value > 0:
                cost[r][c] = top - value
    column_of_row = _hungarian(cost)
    return tuple(
        (r, c)
        for r, c in enumerate(column_of_row)
        if r < rows and c < len(benefit[r]) and benefit[r][c] > 0
    )


def _hungarian(cost: list[list[float]]) -> list[int]:
    """For a square cost matrix, the column assigned to each row in an assignment of least total
    cost (shortest augmenting paths with potentials, O(n³))."""
    n = len(cost)
    infinity = float("inf")
    u = [0.0] * (n + 1)  # row potentials (1-based; 0 is a sentinel)
    v = [0.0] * (n + 1)  # column potentials
    row_of = [0] * (n + 1)  # row_of[column] = the row assigned to it (0: none)
    way = [0] * (n + 1)
    for row in range(1, n + 1):
        row_of[0] = row
        column0 = 0
        least = [infinity] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[column0] = True
            r0 = row_of[column0]
            delta = infinity
            column1 = 0
            for column in range(1, n + 1):
                if used[column]:
                    continue
                reduced = cost[r0 - 1][column - 1] - u[r0] - v[column]
                if reduced < least[column]:
                    least[column] = reduced
                    way[column] = column0
                if least[column] < delta:
                    delta = least[column]
                    column1 = column
            for column in range(n + 1):
                if used[column]:
                    u[row_of[column]] += delta
                    v[column] -= delta
                else:
                    least[column] -= delta
            column0 = column1
            if row_of[column0] == 0:
                break
        while column0:
            previous = way[column0]
            row_of[column0] = row_of[previous]
            column0 = previous
    column_of_row = [0] * n
    for column in range(1, n + 1):
        if row_of[column]:
            column_of_row[row_of[column] - 1] = column - 1
    return column_of_row
