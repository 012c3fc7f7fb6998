"""An upload's equal table cells become one object each (fewer small objects for the server to hold and free)."""

from __future__ import annotations

import pandas as pd

from countymap.core import memory


def test_equal_cells_of_object_columns_become_one_object_each():
    frame = pd.DataFrame(
        {
            "years": [
                tuple(["2022", "2023"]),
                tuple(["2022", "2023"]),
                tuple(["2023"]),
            ],  # built apart: distinct objects
            "name": pd.array(["a", "b", "a"], dtype="str"),
            "amount": [1.0, float("nan"), 1.0],
            "cells": [[1], [1], [2]],  # unhashable: left alone
        }
    )
    assert frame["years"][0] is not frame["years"][1], "the test can fail"
    before = frame.copy()
    shared = memory.share_equal_values(frame)
    assert shared["years"][0] is shared["years"][1]
    assert shared["years"][2] == ("2023",)
    assert shared["cells"][0] is not shared["cells"][1]
    pd.testing.assert_frame_equal(shared, before)
    assert len({id(v) for v in shared["years"]}) == 2
