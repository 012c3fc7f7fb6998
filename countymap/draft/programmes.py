"""Programmes a report states as budget lines, not as named works.

A plan states much of its money as lines such as ``县级重点项目 230 个`` (works
counted by rank and kind only: a *budget line*), ``完成工业投资 15 亿元以上`` (an
investment *target* of a sector or of a kind of works) or ``在 6 个村创设…`` (the
count of the places where a programme runs). None names a work, but each is a
programme with a count or an amount; the words they are made of are data in
``lexicon.toml`` (``vague_words``, ``target_words``, ``locatives``). Works done
in several townships named in one uncounted list (``甲、乙、丙等乡镇供水保障``)
are one programme across them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from countymap.draft.clauses import Piece
from countymap.draft.extract import Member
from countymap.draft.figures import AMOUNT, Quantity, leading_quantity
from countymap.draft.lexicon import Lexicon
from countymap.draft.match import name_key
from countymap.draft.sections import REVIEW
from countymap.draft.status import StatusCall, call_status

BUDGET, TARGET, GROUPED = "budget", "target", "grouped"
LOCATIVE_MAX = 8  # characters between a locative's count and its verb (在 6 个行政村|创设)


def is_budget_line(name: str, lexicon: Lexicon) -> bool:
    """``县级重点项目``: nothing but budget words (rank, weight, kind) and a generic tail."""
    rest = name_key(name)
    for word in lexicon.vague_words:
        rest = rest.replace(word, "")
    return len(rest) < 2


def counts_works(member: Member, lexicon: Lexicon) -> bool:
    """Whether the member counts works (``230 个``), not a size (``5 万亩``)."""
    return member.quantity is not None and member.quantity.unit in lexicon.work_counts


def join_budget_lines(members: list[Member], lexicon: Lexicon) -> list[Member]:
    """Budget lines listed together (``甲级项目 32 个、乙级项目 230 个``) are one programme.

    The report gives such a list one amount for all its lines, so they are one
    item named by its lines; the counts, which do not add up to one figure of
    the item, stay in its evidence.
    """
    lines = [m for m in members if m.name and counts_works(m, lexicon) and is_budget_line(m.name, lexicon)]
    if len(members) < 2 or len(lines) != len(members):
        return members
    counts = "+".join(f"{m.quantity.value:g}" for m in lines)
    joined = Member("和".join(m.name for m in lines), lines[0].piece, kind=BUDGET, lead=lines[0].lead)
    joined.cues.append(f"lines={counts}")
    return [joined]


def join_townships(members: list[Member], lexicon: Lexicon, is_township: Callable[[str], bool]) -> list[Member]:
    """``甲、乙、丙等乡镇供水保障``: townships listed before what is done in them are one programme.

    The group opens with a kind of place (``乡镇``) and says what is done there.
    A group that only names a class (``甲、乙等县级示范乡镇``) leaves each
    township an item of its own.
    """
    listed = [m for m in members if m.kind == "listed" and is_township(m.name)]
    group = members[-1].qualifier if members else ""
    kind = next((k for k in lexicon.place_kinds if group.startswith(k) and len(group) > len(k)), "")
    if len(members) < 2 or len(listed) != len(members) or not kind:
        return members
    joined = Member("、".join(m.name for m in members) + "等" + group, members[0].piece, kind=GROUPED)
    joined.lead, joined.cues = members[0].lead, [f"group={group}"]
    return [joined]


def _target_word(head: str, lexicon: Lexicon) -> str:
    return next((word for word in lexicon.target_words if head.endswith(word)), "")


def investment_target(obj: Piece, lexicon: Lexicon) -> Member | None:
    """``工业投资 15 亿元``: a programme named by what the investment is of, or ``None``.

    The object must be the target and its amount; the words before the target
    word name it (``文旅项目``), with the target word when they name no works
    (``工业投资``).
    """
    amount = AMOUNT.search(obj.text)
    if amount is None or amount.end() != len(obj.text.rstrip()):
        return None
    head = obj.text[: amount.start()].rstrip()
    word = _target_word(head, lexicon)
    what = head[: len(head) - len(word)] if word else ""
    if len(what) < 2 or what in lexicon.leading_words or what in lexicon.trailing_words:
        return None
    if any(w in what for w in lexicon.indicator_words):
        return None
    works = any(what.endswith(s) for s in lexicon.work_suffixes)
    name = what if works else what + word
    member = Member(name, obj.sub(0, len(what)), kind=TARGET)
    member.cues.append(f"target={word}")
    return member


@dataclass(frozen=True)
class Where:
    """``在 6 个行政村``: the count of the places a clause's programme runs in, and the words saying it."""

    quantity: Quantity
    text: str


def strip_locative(clause: Piece, lexicon: Lexicon, units: re.Pattern) -> tuple[Where | None, Piece]:
    """A locative with a count (``在 6 个行政村``) off the clause's start; returns it and the rest."""
    opener = next((w for w in lexicon.locatives if clause.text.startswith(w)), "")
    count = leading_quantity(clause.text[len(opener) :], units) if opener else None
    if count is None:
        return None, clause
    begin = len(opener) + count.end
    stop = min(len(clause.text), begin + LOCATIVE_MAX)
    verb = next((i for i in range(begin, stop) if any(clause.text.startswith(w, i) for w in lexicon.build_verbs)), None)
    if verb is None:
        return None, clause
    return Where(count, clause.text[len(opener) : verb]), clause.sub(verb)


def give_locative(members: list[Member], where: Where | None) -> None:
    """Members without a count of their own take the locative's count, and its words as their note."""
    for member in members if where is not None else ():
        if member.quantity is None and not member.qualifier:
            member.quantity, member.qualifier = where.quantity, where.text
            member.cues.append(f"where={where.text}")


def target_status(tail: str, lexicon: Lexicon, phase: str) -> StatusCall:
    """A target's status: its tail's verbs; else a plan's target is planned, a review's money was spent on works in progress."""
    call = call_status(tail, lexicon, phase)
    if call.word or phase != REVIEW:
        return call
    return StatusCall(lexicon.masked_status, "", "")
