"""benchmarks/report.py measures the same work on both engines: every dossier count of 01b, compared, or it raises."""

import pytest
from django.db import connection

from benchmarks import report as bench
from motcua.lib.periods import parse_period
from motcua.reports.compute import compute_appendix

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark exports from PostgreSQL"),
]
pytest.importorskip("duckdb")


def test_both_engines_give_every_dossier_count_and_a_difference_raises():
    province, commune, ids = bench.build_data(3000, 10)
    db = bench.export_to_duckdb(ids)
    for unit, label in ((commune, "2023-Q2"), (province, "2023")):
        period = parse_period(label)
        bench.drop_tallies(bench.covered_ids(unit))
        postgres = bench.postgres_counts(unit, period)  # cold: counted by month and stored
        duck = bench.duckdb_counts(db, bench.covered_ids(unit), period)
        bench.compare(label, postgres, duck)
        bench.compare(label, bench.postgres_counts(unit, period), duck)  # warm: read from the tallies
        bench.compare(label, bench.record_counts(unit, period), duck)
        assert set(bench.CODES) <= set(postgres)
        assert {code: compute_appendix(unit, period).values[code] for code in bench.CODES} == duck
    # The province's year holds every dossier; splits add up and each kind of count is there.
    assert duck["3.3.1"] == 3000
    assert duck["3.3.1"] == sum(duck[f"3.3.1.{x}"] for x in "abcd")
    assert duck["3.3.2"] == sum(duck[f"3.3.2.{x}"] for x in "abcd")
    assert all(duck[code] > 0 for code in ("3.3.3", "3.3.4", "3.4.1", "3.4.2", "3.5", "1.4.1"))
    assert duck["1.4.2"] == 2  # online and paper/kiosk ratings: "Kết hợp"
    with pytest.raises(bench.Mismatch, match=r"3\.3\.3: PostgreSQL 0 ≠ DuckDB"):
        bench.compare("năm", {**duck, "3.3.3": 0}, duck)
