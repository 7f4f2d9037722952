"""Held-out reports: written after the reader was finished, in other hands' styles, and never tuned for.

A newspaper item, a commune's bullet report, a district table with a two-row header and per-level rows,
a quick report typed without diacritics. The expected figures were worked out by hand before the reader
first saw the texts. What must hold is what the outside check asks: no figure invented (every figure read
is one the text states, with its value), hedged figures kept apart, and most core figures read.
"""

from pathlib import Path

import pytest

from motcua.reports.extract import extract_file

HELD_OUT = Path(__file__).resolve().parent / "held_out"

# {file: (figures the text states, figures it states only hedged, parts)}; a figure is "read right" when
# `figures` holds it with this value. Where a text says a figure two ways, both are listed.
STATED = {
    "a-bao-dien-tu.txt": (
        {"received_total": 1862, "online_received": 1377, "resolved_total": 1830, "resolved_early": 1611,
         "resolved_on_time": 214, "resolved_late": 5, "on_time_rate_percent": 99.73,
         "in_progress": 32, "in_progress_within_deadline": 32},
        {},
        {},
    ),
    "b-bao-cao-xa.txt": (
        {"carried_over": 21, "received_new": 2734, "online_received": 1902, "direct_received": 832,
         "received_total": 2755, "resolved_total": 2717, "resolved_early": 2305, "resolved_on_time": 405,
         "resolved_late": 7, "in_progress": 38, "in_progress_within_deadline": 36, "in_progress_overdue": 2,
         "procedures_total": 198, "procedures_online_full": 82},
        {},
        {},
    ),
    "c-huyen-bang.txt": (
        {"received_total": 14420, "online_received": 10462, "resolved_total": 14260, "resolved_early": 11900,
         "resolved_on_time": 2320, "resolved_late": 40, "in_progress": 160, "in_progress_within_deadline": 158,
         "in_progress_overdue": 2},
        {"on_time_rate_percent": 99},
        {"Bộ phận Một cửa huyện": {"received_total": 3012, "online_received": 2450, "resolved_total": 2960,
                                   "resolved_early": 2100, "resolved_on_time": 840, "resolved_late": 20,
                                   "in_progress": 52, "in_progress_within_deadline": 50, "in_progress_overdue": 2},
         "UBND các xã, thị trấn": {"received_total": 11408, "online_received": 8012, "resolved_total": 11300,
                                   "resolved_early": 9800, "resolved_on_time": 1480, "resolved_late": 20,
                                   "in_progress": 108, "in_progress_within_deadline": 108, "in_progress_overdue": 0}},
    ),
    "d-khong-dau-tom-tat.txt": (
        {"received_total": 642, "carried_over": 6, "received_new": 636, "resolved_total": 630, "resolved_early": 512,
         "resolved_on_time": 116, "resolved_late": 2, "in_progress": 12, "on_time_rate_percent": 99.68},
        {},
        {},
    ),
}


@pytest.mark.parametrize("name", sorted(STATED))
def test_no_figure_invented_and_hedges_apart(name):
    stated, hedged, parts = STATED[name]
    result = extract_file(HELD_OUT / name)
    invented = {k: v for k, v in result["figures"].items() if stated.get(k) != v}
    assert invented == {}
    assert {k: item["value"] for k, item in result["approximate"].items()} == hedged
    assert not set(hedged) & set(result["figures"])
    for label, figures in result["parts"].items():
        assert label in parts
        assert {k: v for k, v in figures.items() if parts[label].get(k) != v} == {}
    assert not [b for b in result["checks"] if b["rule"] == "C12"]


def test_most_core_figures_are_read():
    right = total = 0
    for name, (stated, _, parts) in STATED.items():
        result = extract_file(HELD_OUT / name)
        # A figure stated two ways counts once.
        keys = set(stated) - ({"in_progress_within_deadline"} if name.startswith("a-") else set())
        total += len(keys)
        right += sum(result["figures"].get(k) == stated[k] for k in keys)
    assert right >= 0.8 * total, (right, total)
