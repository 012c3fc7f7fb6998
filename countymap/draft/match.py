"""When two names speak of the same work: the name key, a similarity, and one-to-one pairing.

The rules (also in README, "Drafting a new report"):

* A name's key drops quotes, book-title marks, spaces, bracketed notes of two or
  more characters (``（2022年）``, ``（一期）``; ``酉（阳）`` keeps its one-character
  note) and the generic tails ``项目``, ``工程``, ``建设``.
* Two names are similar by ``difflib``'s ratio of their keys; a key that contains
  the other (of at least two characters) counts as at least :data:`CONTAINED`.
* Pairing is one-to-one and greedy: the most similar admissible pair first.
* Only names that share a two-character piece are compared (:class:`GramIndex`):
  two keys at least 80% alike always share one (difflib's matching blocks
  cannot all be single characters), except keys of a few characters, which are
  also indexed by character. A piece found in more than :data:`COMMON` names
  (``水库``) tells nothing about which are alike and is not used, so grouping
  thousands of names costs about linear time, not a comparison of every pair.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

_NOTE = re.compile(r"（[^（）]{2,}）|\([^()]{2,}\)")
_MARKS = re.compile(r"[“”‘’\"《》\s]")
GENERIC_TAILS = ("项目", "工程", "建设")
CONTAINED = 0.9
COMMON = 48  # names sharing a piece beyond which the piece is not used to find candidates
SHORT = 4  # keys up to this long are also indexed by their characters


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key two mentions of the same work share (see the module doc); remembered, as names recur in every comparison."""
    key = _MARKS.sub("", _NOTE.sub("", str(name)))
    changed = True
    while changed:
        changed = False
        for tail in GENERIC_TAILS:
            if key.endswith(tail) and len(key) > len(tail) + 1:
                key, changed = key[: -len(tail)], True
    return key


def similarity(a: str, b: str, *, contained: bool = True, floor: float = 0.0) -> float:
    """How alike two names are, 0 to 1 (see the module doc); ``contained=False`` ignores containment.

    A similarity below ``floor`` may be given as 0: difflib's upper bounds rule
    it out before its ratio is computed (what a caller with a threshold needs).
    """
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return 0.0
    shorter, longer = sorted((key_a, key_b), key=len)
    if contained and len(shorter) >= 2 and shorter in longer:
        return max(CONTAINED, difflib.SequenceMatcher(None, key_a, key_b, autojunk=False).ratio())
    matcher = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False)
    if floor and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
        return 0.0
    return matcher.ratio()


def grams(key: str) -> set[str]:
    """The pieces a key is indexed by: its two-character pieces, and its characters when it is short."""
    pieces = {key[i : i + 2] for i in range(len(key) - 1)}
    return pieces | set(key) if len(key) <= SHORT else pieces or {key}


class GramIndex:
    """Numbers of names by the pieces of their keys; :meth:`near` lists those worth comparing with a key."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.size = 0
        for name in names:
            self.add(name)

    def add(self, name: str) -> int:
        """Index ``name`` under the next number; returns that number."""
        number, self.size = self.size, self.size + 1
        for piece in grams(name_key(name)):
            self.postings[piece].append(number)
        return number

    def near(self, name: str) -> set[int]:
        """The numbers of the names that share an informative piece with ``name``'s key."""
        found: set[int] = set()
        for piece in grams(name_key(name)):
            posting = self.postings.get(piece, ())
            if len(posting) <= COMMON:
                found.update(posting)
        return found


def candidate_pairs(left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
    """The pairs ``(i, j)`` of names worth comparing (see the module doc), in order."""
    index = GramIndex(right)
    return sorted((i, j) for i, name in enumerate(left) for j in index.near(name))


def pair_up(
    left: Sequence,
    right: Sequence,
    score: Callable[[object, object], float],
    threshold: float,
    candidates: Iterable[tuple[int, int]] | None = None,
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairs ``(i, j, score)`` with ``score >= threshold``, best first.

    ``candidates`` (pairs of positions) limits the pairs scored; by default every pair is.
    """
    if candidates is None:
        candidates = ((i, j) for i in range(len(left)) for j in range(len(right)))
    scored = []
    for i, j in candidates:
        value = score(left[i], right[j])
        if value >= threshold:
            scored.append((value, i, j))
    candidates = scored
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_left, used_right, pairs = set(), set(), []
    for value, i, j in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j, value))
    return sorted(pairs)
