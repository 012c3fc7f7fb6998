"""Place names from a ``geodata/`` folder: townships (full, short, former names), villages, places, routes.

Everything place-specific the drafter knows comes from here, so the same code
drafts a report of any county whose gazetteer it is given.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from countymap.core.geodata import seats_table
from countymap.core.tables import load_table, read_raw
from countymap.schema import GEODATA_FILES, PLACES, VILLAGES
from countymap.text.format import township_short

VILLAGE_SUFFIXES = ("社区", "村")
LOCATED = ("exact", "approximate")


@dataclass(frozen=True)
class Hit:
    """A gazetteer name found in a text: what it is and which townships it gives."""

    word: str
    start: int
    end: int
    kind: str  # township, village, place
    townships: tuple[str, ...]
    place_id: str = ""
    located: bool = False


@dataclass(frozen=True)
class Route:
    """A route of ``routes.geojson``: its id, name and the townships among its way-points."""

    route_id: str
    name: str
    townships: tuple[str, ...]


@dataclass
class Gazetteer:
    """Surface forms -> what they name; see :func:`load_gazetteer`."""

    townships: tuple[str, ...]
    names: dict[str, Hit] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # township -> its kind (镇, 乡, 街道)
    endpoints: dict[str, Hit] = field(default_factory=dict)
    routes: tuple[Route, ...] = ()
    _pattern: re.Pattern | None = None
    _endpoint_pattern: re.Pattern | None = None

    def find(self, text: str, *, endpoints: bool = False) -> list[Hit]:
        """Every name in ``text``, leftmost-longest, without overlaps.

        ``endpoints=True`` also knows villages by their short names (``石河`` for
        ``石河村``): only safe for the ends of a "甲至乙" route.
        """
        table = {**self.names, **self.endpoints} if endpoints else self.names
        if not table:
            return []
        pattern = self._compiled(endpoints, table)
        found = []
        for match in pattern.finditer(text):
            hit = table[match.group()]
            if hit.kind == "township" and _common_word(text, match, hit):
                continue
            found.append(Hit(hit.word, match.start(), match.end(), hit.kind, hit.townships, hit.place_id, hit.located))
        return found

    def _compiled(self, endpoints: bool, table: dict[str, Hit]) -> re.Pattern:
        attribute = "_endpoint_pattern" if endpoints else "_pattern"
        if getattr(self, attribute) is None:
            words = sorted(table, key=len, reverse=True)
            setattr(self, attribute, re.compile("|".join(re.escape(w) for w in words)))
        return getattr(self, attribute)


def _common_word(text: str, match: re.Match, hit: Hit) -> bool:
    """A township name that is part of a common word: ``某乡村``, or a short name before 乡/镇/村."""
    after = text[match.end() : match.end() + 1]
    if match.group() in hit.townships:
        return after == "村"
    return after in ("乡", "镇", "村", "街")


def _add(table: dict[str, Hit], word: str, hit: Hit) -> None:
    """Keep a word only while it is unambiguous: a name shared by two townships gives neither."""
    if len(word) < 2:
        return
    known = table.get(word)
    if known is not None and known.townships != hit.townships and known.kind == hit.kind:
        table[word] = Hit(word, 0, 0, known.kind, (), known.place_id, known.located)
    elif known is None or (known.kind == "village" and hit.kind != "village"):
        table[word] = hit


def _township_names(base: Path, names: dict[str, Hit]) -> dict[str, str]:
    """Every township's names into ``names``; returns each township's kind, in code order."""
    collection = json.loads((base / Path(GEODATA_FILES["townships"]).name).read_text(encoding="utf-8"))
    seats = seats_table(collection)
    for row in seats.itertuples():
        hit = Hit(row.name_zh, 0, 0, "township", (row.name_zh,))
        for word in (row.name_zh, row.short_zh or township_short(row.name_zh), *row.aliases):
            names[word] = Hit(word, 0, 0, "township", hit.townships)
    return dict(zip(seats["name_zh"], seats["kind"], strict=True))


def _villages(path: Path, names: dict[str, Hit], endpoints: dict[str, Hit]) -> None:
    for row in read_raw(path, VILLAGES).to_dict("records"):
        hit = Hit(row["name_zh"], 0, 0, "village", (row["township"],))
        _add(names, row["name_zh"], hit)
        short = next((row["name_zh"][: -len(s)] for s in VILLAGE_SUFFIXES if row["name_zh"].endswith(s)), "")
        _add(endpoints, short, hit)


def _places(path: Path, names: dict[str, Hit]) -> None:
    places = load_table(path, PLACES)
    for row in places.to_dict("records"):
        townships = (row["township"],) if row["township"] else ()
        located = row["precision"] in LOCATED and row["lon"] == row["lon"]
        _add(names, row["name_zh"], Hit(row["name_zh"], 0, 0, "place", townships, row["place_id"], located))


def _routes(path: Path, townships: tuple[str, ...]) -> tuple[Route, ...]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    routes = []
    for feature in collection["features"]:
        props = feature["properties"]
        waypoints = props.get("waypoints", [])
        waypoints = waypoints.split("|") if isinstance(waypoints, str) else waypoints
        routes.append(Route(props["route_id"], props["name_zh"], tuple(w for w in waypoints if w in townships)))
    return tuple(routes)


def load_gazetteer(directory: str | Path) -> Gazetteer:
    """Read ``townships.geojson`` (required) and, where present, ``villages.csv``, ``places.csv``, ``routes.geojson``."""
    base = Path(directory)
    names: dict[str, Hit] = {}
    endpoints: dict[str, Hit] = {}
    kinds = _township_names(base, names)
    townships = tuple(kinds)
    optional = {key: base / Path(GEODATA_FILES[key]).name for key in ("villages", "places", "routes")}
    if optional["villages"].is_file():
        _villages(optional["villages"], names, endpoints)
    if optional["places"].is_file():
        _places(optional["places"], names)
    routes = _routes(optional["routes"], townships) if optional["routes"].is_file() else ()
    return Gazetteer(townships, names, kinds, endpoints, routes)
