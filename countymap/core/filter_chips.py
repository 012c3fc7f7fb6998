"""The active filters as removable chips: one chip per value, derived from the filter specs.

Each restricting value of a :class:`~countymap.core.filters.FilterState`
becomes one :class:`Chip` ("公路交通", "龙潭镇", "2023", "投资 ≥ 2亿元",
"搜索“花田”"), labelled as the filter sentence labels it
(:func:`~countymap.core.filters.field_phrase`); :func:`without` is the state
once a chip is removed. Nothing here imports Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from countymap.core.filters import FIELDS, FilterState, field_phrase, restricts

_SPEC = {spec.attr: spec for spec in FIELDS}


@dataclass(frozen=True)
class Chip:
    """One active filter value: its field (``attr``), its value (a code of a list field, else the field's value), its text."""

    attr: str
    value: object
    text: str


def chips(state: FilterState, lang: str) -> list[Chip]:
    """The chips of ``state`` in the order of the filter specs; a list field gives one chip per chosen value."""
    found: list[Chip] = []
    for spec in FIELDS:
        value = getattr(state, spec.attr)
        if not restricts(value):
            continue
        if spec.kind == "list":
            found += [Chip(spec.attr, code, spec.option_label(code, lang)) for code in value]
        else:
            found.append(Chip(spec.attr, value, _capitalised(field_phrase(spec, value, lang))))
    return found


def _capitalised(phrase: str) -> str:
    """A phrase of the sentence as a label of its own: 'search "x"' reads 'Search "x"' (Chinese is unchanged)."""
    return phrase[:1].upper() + phrase[1:]


def without(state: FilterState, chip: Chip) -> FilterState:
    """``state`` with the chip's value removed: one value of a list field, or the whole field back to unrestricted."""
    if _SPEC[chip.attr].kind == "list":
        remaining = tuple(code for code in getattr(state, chip.attr) if code != chip.value)
        return replace(state, **{chip.attr: remaining})
    return replace(state, **{chip.attr: getattr(FilterState(), chip.attr)})
