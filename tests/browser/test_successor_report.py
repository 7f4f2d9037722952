"""In Chromium: the leader of the new Xã Hoằng Châu (code 15976 since 1 Jul 2025) opens Hoằng Lưu's Q2/2023 report."""

import datetime as dt
import json

import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

NOW = dt.datetime(2026, 11, 25, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _pick(page, unit_id):
    page.get_by_label("Đơn vị", exact=True).select_option(unit_id)
    page.get_by_label("Kỳ báo cáo", exact=True).select_option("quy")
    page.get_by_label("Năm", exact=True).fill("2023")
    page.get_by_label("Quý", exact=True).select_option("2")
    page.get_by_role("button", name="Xem báo cáo").click()
    page.wait_for_load_state()


def test_hoang_chau_leader_opens_hoang_luu_q2_2023_and_its_own(page, login):
    from motcua.demo import install
    from motcua.demo.generate import generate_dossiers
    from motcua.exchange.loading import load_file, load_jsonl
    from motcua.units.models import Unit

    assert load_file("units", install.UNITS_FILE).ok and load_file("procedures", install.PROCEDURES_FILE).ok
    chau = Unit.objects.get(uid="15976-2025")
    old = list(chau.predecessors.all())
    generated = list(generate_dossiers(old, [(dt.date(2023, 4, 1), dt.date(2023, 6, 30))], now=NOW))
    assert load_jsonl("dossiers", (json.dumps(d, ensure_ascii=False) for d in generated), today=NOW.date()).ok
    luu_count = sum(d["unit"] == "15976" for d in generated)

    login(make_user("hoangchau", chau, "leader"))
    page.goto("/bao-cao/")
    _pick(page, "15976")
    assert "Xã Hoằng Lưu (15976) — quý II năm 2023" in page.locator("hgroup").inner_text()
    assert page.locator('tr[data-code="3.3.1"] td.num').inner_text().replace(".", "") == str(luu_count)
    # The new commune's own report over the same past period covers the four old communes.
    _pick(page, "15976-2025")
    assert "Xã Hoằng Châu (15976) — quý II năm 2023" in page.locator("hgroup").inner_text()
    total = page.locator('tr[data-code="3.3.1"] td.num').inner_text()
    assert total.replace(".", "") == str(len(generated)) and len(generated) > luu_count > 0
