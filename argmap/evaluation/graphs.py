"""Graph helpers for the evaluation: strongly connected components in topological order."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["components"]


def components(successors: Sequence[Sequence[int]]) -> tuple[list[int], list[list[int]]]:
    """The strongly connected components of a directed graph, upstream first.

    Returns each node's component number and the components' members; every
    edge runs from a component to itself or to a later one. A topological sort
    (Kahn's) takes every node that lies on no cycle and below none; Tarjan's
    algorithm, without recursion, sorts out the rest (most maps have no cycle,
    and the sort is several times faster in Python).

    >>> components([[1], [0, 2], []])
    ([0, 0, 1], [[0, 1], [2]])
    """
    n = len(successors)
    waiting = [0] * n
    for edges in successors:
        for target in edges:
            waiting[target] += 1
    order = [node for node in range(n) if waiting[node] == 0]
    for node in order:  # the list grows as it is read
        for target in successors[node]:
            waiting[target] -= 1
            if waiting[target] == 0:
                order.append(target)
    found = [[node] for node in order]
    if len(order) < n:
        placed = set(order)
        found += _tarjan(successors, [node for node in range(n) if node not in placed])
    number = [0] * n
    for position, members in enumerate(found):
        for member in members:
            number[member] = position
    return number, found


def _tarjan(successors: Sequence[Sequence[int]], nodes: list[int]) -> list[list[int]]:
    """The strongly connected components among ``nodes`` (closed under successors), upstream first."""
    n = len(successors)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in nodes:
        if index[root] != -1:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            node, position = work[-1]
            edges = successors[node]
            if position < len(edges):
                work[-1] = (node, position + 1)
                nxt = edges[position]
                if index[nxt] == -1:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack[nxt] = True
                    work.append((nxt, 0))
                elif on_stack[nxt] and index[nxt] < low[node]:
                    low[node] = index[nxt]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[node] < low[parent]:
                    low[parent] = low[node]
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    members.append(member)
                    if member == node:
                        break
                found.append(sorted(members))
    found.reverse()  # Tarjan finishes downstream components first
    return found
