"""``python -m countymap update ITEM --status completed --date 2023-06-30 --evidence URL --as NAME``.

One field per command: ``--status``, ``--milestone``, ``--progress``, ``--site LON,LAT`` or
``--line "LON,LAT;LON,LAT;..."`` (WGS-84, inside the county), ``--townships A|B``, ``--amount YI --kind KIND``, ``--name-zh``/``--name-en``,
``--note``. ``--date`` defaults to today. ``--corrects ID`` names an earlier update of the same item and field that was wrong.
The change is recorded as the active account ``--as NAME``, checked like the editing page's form.
"""

from __future__ import annotations

import argparse
import datetime as dt

from countymap.cli.living_common import CommandError, add_lang, database, parse_date, run
from countymap.core.geodata import GeodataMissingError, load_geodata
from countymap.living import Change, save_update_as
from countymap.living.log import latest_update_of
from countymap.living.place import geodata_check
from countymap.schema import INVESTMENT_KINDS, MILESTONES, MULTI_SEP, STATUSES

FIELD_FLAGS = ("status", "milestone", "progress", "site", "line", "townships", "amount", "name_zh", "name_en", "note")


def parser() -> argparse.ArgumentParser:
    """The ``update`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap update", description=__doc__.splitlines()[0])
    p.add_argument("item", help="the item's id, as in projects.csv")
    p.add_argument("--status", choices=tuple(STATUSES))
    p.add_argument("--milestone", choices=tuple(MILESTONES))
    p.add_argument("--progress", type=int, help="percent done, 0-100")
    p.add_argument("--site", metavar="LON,LAT", help="the site, WGS-84 degrees")
    p.add_argument("--line", metavar="LON,LAT;LON,LAT;...", help="the work's line, 2-500 points, WGS-84 degrees")
    p.add_argument("--basemap", default="none", help="the basemap the site was read from (default: none, typed)")
    p.add_argument("--townships", help="official township names, |-separated")
    p.add_argument("--amount", type=float, help="amount in 100 million yuan (needs --kind)")
    p.add_argument("--kind", choices=tuple(INVESTMENT_KINDS), help="what the amount measures")
    p.add_argument("--name-zh", dest="name_zh")
    p.add_argument("--name-en", dest="name_en")
    p.add_argument("--note")
    p.add_argument("--date", help="when it took effect, YYYY-MM-DD (default: today)")
    p.add_argument("--evidence", required=True, help="an http(s) link or a citation")
    p.add_argument("--as", dest="editor", required=True, help="the account recording it")
    p.add_argument("--corrects", type=int, help="id of the update this one corrects")
    add_lang(p)
    return p


def _point(text: str, flag: str) -> list[float]:
    try:
        lon, lat = (float(part) for part in text.split(","))
    except ValueError as error:
        raise CommandError(f"{flag} {text[:40]!r}: give LON,LAT in degrees, e.g. 108.77,28.84") from error
    return [lon, lat]


def _site(text: str, basemap: str) -> dict:
    lon, lat = _point(text, "--site")
    return {"lon": lon, "lat": lat, "basemap": basemap}


def field_and_value(args: argparse.Namespace) -> tuple[str, object]:
    """The one field the flags change, and its value."""
    given = [flag for flag in FIELD_FLAGS if getattr(args, flag) is not None]
    if (args.kind is None) != (args.amount is None):
        raise CommandError("--amount and --kind go together")
    if set(given) == {"name_zh", "name_en"}:
        return "name", {"zh": args.name_zh, "en": args.name_en}
    if len(given) != 1:
        raise CommandError("give exactly one of --" + ", --".join(f.replace("_", "-") for f in FIELD_FLAGS))
    flag = given[0]
    values = {
        "site": lambda: _site(args.site, args.basemap),
        "line": lambda: {"line": [_point(p, "--line") for p in args.line.split(";")], "basemap": args.basemap},
        "townships": lambda: [name.strip() for name in args.townships.split(MULTI_SEP)],
        "amount": lambda: {"yi": args.amount, "kind": args.kind},
        "name_zh": lambda: {"zh": args.name_zh},
        "name_en": lambda: {"en": args.name_en},
    }
    field = "name" if flag.startswith("name_") else "site" if flag == "line" else flag
    return field, values[flag]() if flag in values else getattr(args, flag)


def _update(args) -> int:
    field, value = field_and_value(args)
    effective = dt.date.today() if args.date is None else parse_date(args.date)
    change = Change(args.item, field, value, effective, args.evidence, args.corrects)
    try:
        check = geodata_check(load_geodata())
    except (GeodataMissingError, OSError, ValueError) as error:
        raise CommandError(f"geodata: {error}") from error
    db = database()
    saved = save_update_as(db, args.editor, change, latest_update_of(db, args.item), check)
    print(f"update {saved.update_id}: {saved.item_id} {saved.field} as of {saved.effective_date}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap update``."""
    args = parser().parse_args(argv)
    return run(_update, args)
