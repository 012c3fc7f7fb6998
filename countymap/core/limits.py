"""Caps on reading a table: rows, columns, cells and bytes after unpacking.

The county's real projects file has a few hundred rows and 17 columns; the
defaults are far above that and far below what would hurt a shared server.
Every reader counts what it has read in a :class:`Budget` and stops at the
first cap with a :class:`CapExceededError` that says, in Chinese and English,
which cap and which variable raises it. ``python -m countymap bench-hostile``
measures what the defaults allow (peak memory, time).
"""

from __future__ import annotations

from dataclasses import dataclass

from countymap import config

MB = 1024 * 1024

MAX_ROWS = config.NumberSetting(config.ENV_MAX_ROWS, 50_000, 1, 250_000, integer=True, unit="unit_rows")
MAX_COLUMNS = config.NumberSetting(config.ENV_MAX_COLUMNS, 100, 1, 1_000, integer=True, unit="unit_columns")
MAX_CELLS = config.NumberSetting(config.ENV_MAX_CELLS, 1_000_000, 1, 6_000_000, integer=True, unit="unit_cells")
MAX_UNPACKED_MB = config.NumberSetting(config.ENV_MAX_UNPACKED_MB, 50.0, 0.01, 200.0, unit="unit_megabytes")
SETTINGS = (MAX_ROWS, MAX_COLUMNS, MAX_CELLS, MAX_UNPACKED_MB)

# An XLSX member inflating more than this many times its packed size is a zip
# bomb, not a spreadsheet: sheet XML packs 5-20 times; bombs 1,000 times.
MAX_RATIO = 100.0
RATIO_FLOOR_BYTES = 1 * MB  # a small member may have any ratio: it cannot hurt


class TableError(ValueError):
    """A file that cannot be read as a table at all (encoding, format, a cap).

    It carries the key of its message in the string table and the message's
    arguments (the readers sit below the string table; the layers above render
    it with ``countymap.text.message.Message(error.key, **error.args)``).
    ``row`` is the file's row where reading stopped, if any.
    """

    def __init__(self, key: str, row: int | None = None, **args: object):
        super().__init__(key, args)
        self.key = key
        self.message_args = args
        self.row = row


class CapExceededError(TableError):
    """Reading stopped at a cap; the message names the cap and its variable."""


@dataclass(frozen=True)
class ReadLimits:
    """The caps one read obeys."""

    max_rows: int = int(MAX_ROWS.default)
    max_columns: int = int(MAX_COLUMNS.default)
    max_cells: int = int(MAX_CELLS.default)
    max_unpacked_bytes: int = int(MAX_UNPACKED_MB.default * MB)


def configured_limits() -> ReadLimits:
    """The caps as set in the environment (defaults where unset)."""
    return ReadLimits(
        max_rows=int(MAX_ROWS.value()),
        max_columns=int(MAX_COLUMNS.value()),
        max_cells=int(MAX_CELLS.value()),
        max_unpacked_bytes=int(MAX_UNPACKED_MB.value() * MB),
    )


class Budget:
    """What one read has used so far; each ``add_*`` raises :class:`CapExceededError` past its cap."""

    def __init__(self, limits: ReadLimits):
        self.limits = limits
        self.rows = 0
        self.cells = 0
        self.bytes = 0

    def check_bytes(self, size: int) -> None:
        """Refuse a file or archive whose (unpacked) size is known up front."""
        if size > self.limits.max_unpacked_bytes:
            raise CapExceededError("cap_bytes", mb=self.limits.max_unpacked_bytes / MB, var=config.ENV_MAX_UNPACKED_MB)

    def add_bytes(self, size: int) -> None:
        """Count bytes as they are unpacked."""
        self.bytes += size
        self.check_bytes(self.bytes)

    def check_strings(self, count: int) -> None:
        """A table of ``count`` distinct strings: a sheet cannot use more strings than it has cells."""
        if count > self.limits.max_cells:
            raise CapExceededError("cap_cells", None, n=self.limits.max_cells, var=config.ENV_MAX_CELLS)

    def add_row(self, row: int) -> None:
        """Count one row of the file (blank rows too: they cost reading time)."""
        self.rows += 1
        if self.rows > self.limits.max_rows:
            raise CapExceededError("cap_rows", row, n=self.limits.max_rows, var=config.ENV_MAX_ROWS)

    def add_cells(self, count: int, row: int, column: int) -> None:
        """Count ``count`` more cells, the last at 1-based ``column`` of ``row``."""
        if column > self.limits.max_columns:
            raise CapExceededError("cap_columns", row, n=self.limits.max_columns, var=config.ENV_MAX_COLUMNS)
        self.cells += count
        if self.cells > self.limits.max_cells:
            raise CapExceededError("cap_cells", row, n=self.limits.max_cells, var=config.ENV_MAX_CELLS)
