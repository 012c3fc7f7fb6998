"""When two names speak of the same work: the name key, a similarity, and one-to-one pairing.

The rules (also in README, "Drafting a new report"):

* A name's key drops quotes, book-title marks, spaces, bracketed notes of two or
  more characters (``（2022年）``, ``（一期）``; ``酉（阳）`` keeps its one-character
  note) and the generic tails ``项目``, ``工程``, ``建设``.
* Two names are similar by ``difflib``'s ratio of their keys; a key that contains
  the other (of at least two characters) counts as at least :data:`CONTAINED`.
* Pairing is one-to-one and greedy: the most similar admissible pair first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

_NOTE = re.compile(r"（[^（）]{2,}）|\([^()]{2,}\)")
_MARKS = re.compile(r"[“”‘’\"《》\s]")
GENERIC_TAILS = ("项目", "工程", "建设")
CONTAINED = 0.9


def name_key(name: str) -> str:
    """The key two mentions of the same work share (see the module doc)."""
    key = _MARKS.sub("", _NOTE.sub("", str(name)))
    changed = True
    while changed:
        changed = False
        for tail in GENERIC_TAILS:
            if key.endswith(tail) and len(key) > len(tail) + 1:
                key, changed = key[: -len(tail)], True
    return key


def similarity(a: str, b: str, *, contained: bool = True) -> float:
    """How alike two names are, 0 to 1 (see the module doc); ``contained=False`` ignores containment."""
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return 0.0
    ratio = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False).ratio()
    shorter, longer = sorted((key_a, key_b), key=len)
    if contained and len(shorter) >= 2 and shorter in longer:
        ratio = max(ratio, CONTAINED)
    return ratio


def pair_up(
    left: Sequence, right: Sequence, score: Callable[[object, object], float], threshold: float
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairs ``(i, j, score)`` with ``score >= threshold``, best first."""
    candidates = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            value = score(a, b)
            if value >= threshold:
                candidates.append((value, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_left, used_right, pairs = set(), set(), []
    for value, i, j in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j, value))
    return sorted(pairs)
