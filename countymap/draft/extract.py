"""Candidate items of one clause: named works, routes, counted programmes, quoted names, listed places.

A clause reads ``[leading verbs] object [tail verb phrase]``. The object may be a
list (``A、B和C``) whose last member carries a shared head (``甲坝、乙岭风电场``
-> two wind farms) or closes with ``等 N 个 …`` (a group: every member is an item).
Each member becomes an item when it ends in a work suffix, is a ``甲至乙`` route,
counts something (``639个``, ``4万亩``), is a quoted name with a head, or names a
gazetteer place.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from countymap.draft.clauses import Piece, depth_map, split_piece
from countymap.draft.figures import Quantity, leading_quantity, trailing_quantity
from countymap.draft.gazetteer import Hit
from countymap.draft.lexicon import Lexicon

# Each pattern starts only where its run starts (a lookbehind), so a search tries one start per run
# and stays linear on a clause of thousands of characters.
ROUTE = re.compile(r"(?<![\u4e00-\u9fff（）])[\u4e00-\u9fff（）]{2,}至[\u4e00-\u9fff（）]{2,}")
KV = re.compile(r"(?<!\d)\d{1,4}kV", re.I)
QUOTED = re.compile(r"“([^“”]{2,})”")
DESIGNATED = "designated"


@dataclass
class Member:
    """One list member once read: its name, where it stands, what made it an item."""

    name: str
    piece: Piece
    kind: str = ""
    quantity: Quantity | None = None
    qualifier: str = ""
    lead: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    places: list[Hit] = field(default_factory=list)


@dataclass
class ClauseParts:
    """A clause split into its leading verbs, its object and its tail verb phrase."""

    lead: list[str]
    obj: Piece
    tail: Piece


def _word_at(text: str, index: int, words: tuple[str, ...]) -> str:
    """The first of ``words`` that starts at ``index`` (one compiled pattern, not a loop over the words)."""
    match = _starts_pattern(words).match(text, index) if words else None
    return match.group(1) if match else ""


def strip_leading(piece: Piece, lexicon: Lexicon) -> tuple[list[str], Piece]:
    """Leading verbs and adverbs off ``piece``; returns them and the rest."""
    lead, index = [], 0
    while index < len(piece.text):
        word = _word_at(piece.text, index, lexicon.leading_words)
        if not word or len(piece.text) - index - len(word) < 0:
            break
        lead.append(word)
        index += len(word)
    return lead, piece.sub(index)


def strip_trailing(piece: Piece, lexicon: Lexicon) -> Piece:
    """Trailing words that are not part of a name (``建设进度``, ``业态``) off ``piece`` (one cut, not one copy per word)."""
    end, changed = len(piece.text), True
    while changed and end:
        changed = False
        for word in lexicon.trailing_words:
            if piece.text.endswith(word, 0, end) and end > len(word):
                end, changed = end - len(word), True
                break
    return piece.sub(0, end)


def _is_designation(word: str, lexicon: Lexicon) -> bool:
    rule = next(r for r in lexicon.rules if r.code == DESIGNATED)
    designation = set(rule.anytime + rule.review + rule.plan)
    return word in designation or any(table.get(word) in designation for table in lexicon.synonyms.values())


@functools.lru_cache(maxsize=64)
def _starts_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Every position where one of ``words`` starts, the first of ``words`` there (a lookahead: overlaps count)."""
    return re.compile("(?=(" + "|".join(re.escape(w) for w in words if w) + "))")


def word_starts(text: str, words: tuple[str, ...]) -> dict[int, str]:
    """Position -> the first of ``words`` (longest first, as the lexicon orders them) that starts there."""
    return {m.start(): m.group(1) for m in _starts_pattern(words).finditer(text)} if any(words) else {}


def _covered(text: str, words: tuple[str, ...]) -> set[int]:
    """The positions inside an occurrence of one of ``words`` (such as ``储备林``)."""
    covered: set[int] = set()
    for word in words:
        for start in word_starts(text, (word,)):
            covered.update(range(start, start + len(word)))
    return covered


def _next_at_or_after(positions: list[int], start: int) -> int | None:
    at = bisect.bisect_left(positions, start)
    return positions[at] if at < len(positions) else None


def tail_start(text: str, begin: int, lexicon: Lexicon) -> int:
    """Where the tail verb phrase starts (``len(text)`` if none).

    A status verb starts the tail unless a work suffix follows it before the next
    verb (``续建配套节水改造项目`` is a name); a designation verb always does.
    Where the words, suffixes and compounds stand is found once per clause (one
    pass each), so a clause of thousands of verbs takes linear time.
    """
    depths = depth_map(text)
    verbs = word_starts(text, lexicon.tail_words)
    verb_positions = sorted(verbs)
    suffix_positions = sorted(word_starts(text, lexicon.work_suffixes))
    compounds = _covered(text, lexicon.noun_compounds)
    for index in verb_positions[bisect.bisect_left(verb_positions, begin + 1) :]:
        word = verbs[index]
        if depths[index] or index in compounds:
            continue
        if word in lexicon.masked or _is_designation(word, lexicon):
            return index
        after = index + len(word)
        suffix = _next_at_or_after(suffix_positions, after)
        verb = _next_at_or_after(verb_positions, after)
        if suffix is None or (verb is not None and verb < suffix):
            return index
    return len(text)


def analyse(clause: Piece, lexicon: Lexicon) -> ClauseParts:
    """Split a clause into leading verbs, object and tail."""
    lead, rest = strip_leading(clause, lexicon)
    offset = len(clause.text) - len(rest.text)
    split = tail_start(clause.text, offset, lexicon)
    obj = strip_trailing(clause.sub(offset, max(offset, split)), lexicon)
    return ClauseParts(lead, obj, clause.sub(split))


def _suffix_in(name: str, lexicon: Lexicon) -> str:
    return next((s for s in lexicon.work_suffixes if s in name), "")


def read_member(piece: Piece, lexicon: Lexicon, units: re.Pattern) -> Member:
    """A list member: its own leading verbs, a count before or after it, a ``等 …`` group tail."""
    lead, piece = strip_leading(piece, lexicon)
    quantity = leading_quantity(piece.text, units)
    if quantity:
        piece = piece.sub(quantity.end)
    member = Member(piece.text, piece, quantity=quantity, lead=lead)
    depths = depth_map(piece.text)
    etc = next((i for i, ch in enumerate(piece.text) if ch == "等" and not depths[i] and i > 0), None)
    if etc is not None:
        group = piece.text[etc + 1 :]
        count = leading_quantity(group, units)
        member.qualifier = group[count.end :] if count else group
        member.piece = piece.sub(0, etc)
        member.name, member.kind = member.piece.text, "listed"
    trailing = trailing_quantity(member.name, units)
    if trailing and not member.quantity:
        member.quantity = trailing
        member.piece = member.piece.sub(0, trailing.start)
        member.name = member.piece.text
    member.piece = strip_trailing(member.piece, lexicon)
    member.name = member.piece.text
    return member


def _starts_head(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` opens with a head: a work suffix, a category word, a rank (市级) or a voltage."""
    words = lexicon.work_suffixes + lexicon.vague_words + tuple(w for ws in lexicon.categories.values() for w in ws)
    return any(text.startswith(w) for w in words) or KV.match(text) is not None


def _head_split(last: str, bare: list[Member], lexicon: Lexicon) -> int:
    """Where the shared head starts in the last member (``丙山|风电场``), 0 if it has none.

    Parallel names are about as long as each other, so the last one's name is
    taken as long as the bare ones when a head starts there; else the head starts
    at the work suffix nearest to that length (after the destination of a route).
    """
    route = ROUTE.match(last)
    candidates = [m.start() for s in lexicon.work_suffixes for m in re.finditer(re.escape(s), last)]
    candidates += [m.start() for m in KV.finditer(last)]
    if route:
        return min((c for c in candidates if c >= route.end() - 1), default=0)
    lengths = [len(re.sub(r"[0-9A-Za-z]", "", m.name)) for m in bare]
    target = round(sum(lengths) / len(lengths)) if lengths else 0
    candidates = [c for c in candidates if c > 0]
    parallel = lengths and max(lengths) - min(lengths) <= 1
    if parallel and candidates and 0 < target < len(last) and _starts_head(last[target:], lexicon):
        return target
    return min(candidates, key=lambda c: (abs(c - target), c)) if candidates else 0


def share_heads(members: list[Member], lexicon: Lexicon, place_prefix=lambda text: 0) -> None:
    """Give members without a head the last member's head (``甲坝`` -> ``甲坝风电场``).

    ``place_prefix(text)`` is the length of a gazetteer name opening ``text``: when
    the members are places (``甲乡、乙乡、丙乡市级卫生乡镇``), the head is what
    follows the last place.
    """
    if members and members[-1].kind == "listed":
        for member in members[:-1]:
            member.kind, member.qualifier = "listed", members[-1].qualifier
        return
    if len(members) < 2:
        return
    last = members[-1].name
    bare = [m for m in members[:-1] if m.name and not _suffix_in(m.name, lexicon)]
    split = _head_split(last, bare, lexicon) if bare else 0
    if not split and bare and all(place_prefix(m.name) == len(m.name) for m in bare):
        split = place_prefix(last) if place_prefix(last) < len(last) else 0
        for member in members if split else ():
            member.kind = "shared"
    if split:
        for member in bare:
            member.name += last[split:]
            member.cues.append(f"head={last[split:]}")


def designation(members: list[Member], tail: Piece, lexicon: Lexicon) -> None:
    """``A、B获评X、Y``: A and B are honoured items, titled X and Y (or both titled ``X、Y``)."""
    verb = _word_at(tail.text, 0, lexicon.all_status_words())
    if not verb or not _is_designation(verb, lexicon):
        return
    titles = [p.text for p in split_piece(tail.sub(len(verb)), ("、",))]
    for index, member in enumerate(members):
        member.kind = member.kind or "honoured"
        member.qualifier = titles[index] if len(titles) == len(members) else "、".join(titles)
        member.cues.append(f"title={verb}")


def fill_verb_only(members: list[Member]) -> None:
    """A member that is only a verb and a count names its predecessor's work (``改造提升6000亩``)."""
    for previous, member in itertools.pairwise(members):
        if not member.name and member.quantity and member.lead and previous.name:
            member.name = previous.name + "".join(member.lead)
            member.piece = previous.piece
