"""The vectorised fold agrees with a plain one written here, on random logs (dates, ties, corrections)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from countymap.living.state import LOG_COLUMNS, fold
from countymap.schema import PROJECTS

ITEMS = ["road-a", "road-b", "road-c"]
DAYS = [dt.date(2023, 1, 1) + dt.timedelta(days=n) for n in range(0, 60, 7)]
FIELDS = {"status": ["planned", "in_progress", "completed"], "progress": [10, 50, 90], "note": ["a", "b"]}
COLUMN = {"status": "status", "progress": "progress_percent", "note": "note"}


def _baseline() -> pd.DataFrame:
    rows = [{c: "" for c in PROJECTS.columns} | {"id": i, "status": "planned"} for i in ITEMS]
    return pd.DataFrame(rows, columns=PROJECTS.columns, dtype=object)


update = st.tuples(
    st.sampled_from(ITEMS), st.sampled_from(sorted(FIELDS)), st.integers(0, 2), st.sampled_from(DAYS), st.integers(0, 9)
)


def _log(drawn: list[tuple]) -> pd.DataFrame:
    """Rows from drawn tuples; the last number makes some updates correct an earlier one of the same item and field."""
    rows = []
    for n, (item, field, pick, day, corrects) in enumerate(drawn, start=1):
        earlier = [r["update_id"] for r in rows if (r["item_id"], r["field"]) == (item, field)]
        target = earlier[corrects % len(earlier)] if earlier and corrects < 3 else None
        value = FIELDS[field][pick % len(FIELDS[field])]
        rows.append({"update_id": n, "item_id": item, "field": field, "value": json.dumps(value),
                     "effective_date": pd.Timestamp(day), "evidence": f"https://a.cn/{n}", "corrects": target})  # fmt: skip
    return pd.DataFrame(rows, columns=LOG_COLUMNS)


def _expected(log: pd.DataFrame, item: str, field: str, as_of: dt.date):
    """The plain rule: not corrected by any update, effective by then, the latest date (then the latest id) wins."""
    corrected = {c for c in log["corrects"] if pd.notna(c)}
    candidates = [
        (row.effective_date, row.update_id, json.loads(row.value))
        for row in log.itertuples()
        if row.item_id == item and row.field == field and row.update_id not in corrected
        and row.effective_date <= pd.Timestamp(as_of)
    ]  # fmt: skip
    return max(candidates)[2] if candidates else None


@settings(max_examples=60, deadline=None)
@given(st.lists(update, max_size=25), st.sampled_from(DAYS))
def test_the_fold_keeps_the_latest_uncorrected_update_effective_by_the_date(drawn, as_of):
    log = _log(drawn)
    table = fold(_baseline(), log, as_of).set_index("id")
    for item in ITEMS:
        for field, column in COLUMN.items():
            want = _expected(log, item, field, as_of)
            got = table.loc[item, column]
            if want is None:
                assert got == "planned" if field == "status" else (got == "" or pd.isna(got)), (item, field, got)
            else:
                assert got == want, (item, field, got, want)
