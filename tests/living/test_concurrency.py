"""Two editors at once (one conflict, nothing lost) and 20 readers while an editor saves (old or new, no error)."""

from __future__ import annotations

import datetime as dt
import threading

from countymap.living import (
    Change,
    ConflictError,
    add_account,
    history,
    latest_update_of,
    save_update,
    sign_in,
    state_as_of,
)
from countymap.living.accounts import LOCAL_OPERATOR
from tests.living.support import PASSWORD, baseline_rows

ITEM = next(iter(baseline_rows()))
BASELINE_STATUS = baseline_rows()[ITEM]["status"]
LINK = "https://www.youyang.gov.cn/c.html"
READERS = 20


def _two_editors(db, editor) -> tuple[str, str]:
    add_account(db, LOCAL_OPERATOR, "editor-two", PASSWORD, "editor")
    return editor, sign_in(db, "editor-two", PASSWORD).token


def test_two_editors_save_at_once_one_is_refused_with_the_other_change_and_nothing_is_lost(db, editor):
    tokens = _two_editors(db, editor)
    based_on = latest_update_of(db, ITEM)  # both forms were built from the same state
    notes = ("first editor's note", "second editor's note")
    barrier, outcomes = threading.Barrier(2), {}

    def save(n: int) -> None:
        change = Change(ITEM, "note", notes[n], dt.date(2023, 7, 1), LINK)
        barrier.wait()
        try:
            outcomes[n] = save_update(db, tokens[n], change, based_on)
        except ConflictError as conflict:
            outcomes[n] = conflict

    threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = [n for n, outcome in outcomes.items() if isinstance(outcome, ConflictError)]
    assert len(refused) == 1
    loser, winner = refused[0], 1 - refused[0]
    assert [r.value for r in outcomes[loser].newer] == [notes[winner]]
    # the refused editor sees the newer change and saves again on top of it: both notes are in the log
    retry = Change(ITEM, "note", notes[loser], dt.date(2023, 7, 1), LINK)
    save_update(db, tokens[loser], retry, outcomes[loser].newer[-1].update_id)
    assert [r.value for r in history(db, ITEM)] == [notes[winner], notes[loser]]


def test_twenty_readers_see_the_old_or_the_new_state_never_an_error(db, editor):
    statuses = ["in_progress", "completed", "in_progress", "completed"]
    expected = {0: BASELINE_STATUS}  # log position -> the item's status a reader must see there
    done, seen, errors = threading.Event(), [], []

    def read() -> None:
        while True:
            finished = done.is_set()
            try:
                state = state_as_of(db)
                status = state.table.loc[state.table["id"] == ITEM, "status"].iloc[0]
                seen.append((state.log_position, status))
            except Exception as error:
                errors.append(repr(error))
            if finished:
                return

    readers = [threading.Thread(target=read) for _ in range(READERS)]
    for reader in readers:
        reader.start()
    for n, status in enumerate(statuses):
        change = Change(ITEM, "status", status, dt.date(2023, 3, 1) + dt.timedelta(days=n), LINK)
        saved = save_update(db, editor, change, latest_update_of(db, ITEM))
        expected[saved.update_id] = status
    done.set()
    for reader in readers:
        reader.join()
    assert errors == []
    assert len(seen) >= READERS
    assert all(status == expected[position] for position, status in seen)
