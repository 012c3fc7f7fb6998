"""The seats in words: one row per township for the build's output, PROVENANCE.md and the coverage table."""

from __future__ import annotations

from countymap.geodata_build.seats import Place, SeatPlacement


def seat_rows(units: list[dict], placed: dict[str, SeatPlacement]) -> list[list[str]]:
    """One row per township: code, name, precision, lon, lat, method, warnings, info (no position: empty)."""
    rows = []
    for unit in units:
        seat = placed[unit["code"]]
        position = ["", ""] if seat.lon is None else [f"{seat.lon:.5f}", f"{seat.lat:.5f}"]
        notes = ["; ".join(seat.warnings), "; ".join(seat.info)]
        rows.append([unit["code"], unit["name_zh"], seat.precision, *position, seat.method, *notes])
    return rows


def unused_points(places: list[Place], outline, placed: dict[str, SeatPlacement]) -> list[str]:
    """The GeoNames ``cities1000`` points inside the county that no seat uses, for review."""
    used = {(round(s.lon, 5), round(s.lat, 5)) for s in placed.values() if s.lon is not None}
    inside = [p for p in places if outline.contains(p.lon, p.lat)]
    return sorted(
        f"{p.name} ({p.lat:.5f}, {p.lon:.5f})" for p in inside if (round(p.lon, 5), round(p.lat, 5)) not in used
    )


def _pad(text: str, width: int) -> str:
    """Left-justify ``text`` counting CJK characters as two columns."""
    used = sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)
    return text + " " * max(width - used, 1)


def summary_table(rows: list[list[str]]) -> str:
    """A plain-text table of the seats for the build's stdout (!! marks warnings)."""
    lines = [_pad("code", 13) + _pad("township", 12) + _pad("precision", 16) + "lon        lat       method"]
    for code, name, precision, lon, lat, method, warnings, _ in rows:
        flag = "  !! " + warnings if warnings else ""
        lines.append(_pad(code, 13) + _pad(name, 12) + _pad(precision, 16) + f"{lon:<11}{lat:<10}{method}{flag}")
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    """The seats as a Markdown table (pipes in text are escaped)."""
    header = (
        "| code | township | precision | lon | lat | how the seat was placed | warnings | rejected decoys |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    body = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join([header, *body])
