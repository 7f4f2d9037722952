"""Public disclosure and statistics on a small scenario worked by hand."""

import datetime as dt

import pytest

from motcua.dossiers.models import Dossier, Rating
from motcua.portal import public
from motcua.lib.numbers import percent
from motcua.lib.periods import parse_period
from motcua.portal.statistics import percent_text, unit_statistics
from tests.portal.conftest import vn

pytestmark = pytest.mark.django_db

NAMES = {
    "D1": "Nguyễn Văn Bình",
    "D2": "Lê Thị Hoa",
    "D3": "Phạm Minh",
    "D4": "Hoàng Anh Tuấn",
    "D5": "Vũ Thị Mai",
    "D6": "Đỗ Văn Nam",
    "D7": "Bùi Thị Lan",
}


def make(desk, name, unit, channel, received, due, resolved=None, seq=1):
    return Dossier.objects.create(
        code=f"{unit.agency_id}-{received:%y%m%d}-{seq:04d}",
        unit=unit,
        procedure=desk.procedure,
        channel=channel,
        received_at=received,
        due_at=due,
        resolved_at=resolved,
        outcome="approved" if resolved else "",
        status="approved" if resolved else "processing",
        applicant_name=NAMES[name],
        applicant_id_number="038090001234",
        applicant_phone="0912345678",
    )


@pytest.fixture
def scenario(desk):
    """Quarter II 2023 in the district: commune A (desk.unit) and commune B; another province outside."""
    a, b = desk.unit, desk.unit_b
    d = {
        # A, received and resolved in Q2, on time.
        "D1": make(desk, "D1", a, "counter", vn(2023, 6, 5, 8), vn(2023, 6, 8, 8), vn(2023, 6, 7, 9)),
        # A, online, resolved after its due time: late.
        "D2": make(desk, "D2", a, "online_full", vn(2023, 6, 6, 8), vn(2023, 6, 9, 8), vn(2023, 6, 12, 9)),
        # A, online, still open.
        "D3": make(desk, "D3", a, "online_partial", vn(2023, 6, 20, 8), vn(2023, 6, 23, 8)),
        # A, received in Q1, resolved in Q2, late.
        "D4": make(desk, "D4", a, "counter", vn(2023, 3, 28, 8), vn(2023, 3, 31, 8), vn(2023, 4, 3, 9)),
        # B, resolved at 10:00 on its due day, due 17:00: on time.
        "D5": make(desk, "D5", b, "counter", vn(2023, 4, 3, 8), vn(2023, 4, 5, 17), vn(2023, 4, 5, 10)),
        # B, received ten minutes into Q3 (local time): outside the quarter.
        "D6": make(desk, "D6", b, "online_full", vn(2023, 7, 1, 0, 10), vn(2023, 7, 5, 17)),
        # Another province: outside the district.
        "D7": make(desk, "D7", desk.other_commune, "online_full", vn(2023, 6, 5, 8), vn(2023, 6, 8, 8), vn(2023, 6, 6, 8)),
    }
    Rating.objects.create(dossier=d["D1"], at=vn(2023, 6, 8, 9), value="very_satisfied", channel="online")
    Rating.objects.create(dossier=d["D2"], at=vn(2023, 6, 13, 9), value="unsatisfied", channel="paper")
    Rating.objects.create(dossier=d["D5"], at=vn(2023, 4, 6, 9), value="satisfied", channel="kiosk")
    Rating.objects.create(dossier=d["D4"], at=vn(2023, 7, 2, 9), value="satisfied", channel="online")  # Q3
    return d


Q2 = parse_period("2023-Q2")


def counts_of(row):
    f = row.figures
    return (f.received, f.online_received, f.resolved, f.resolved_early, f.resolved_on_time, f.resolved_late,
            f.ratings, f.satisfied)


def test_statistics_of_the_district_and_its_communes(desk, scenario):
    total, rows = unit_statistics(desk.district, Q2)
    # Received D1 D2 D3 D5; online D2 D3; resolved D1 (early: 7 Jun, due 8 Jun) D2 (late) D4 (late) D5 (on its due
    # day, before the due time): early 1, on time 1, late 2; ratings D1 D2 D5, satisfied D1 D5.
    assert counts_of(total) == (4, 2, 4, 1, 1, 2, 3, 2)
    assert (total.online_share, total.on_time_share, total.satisfied_share) == ("50\u00a0%", "50\u00a0%", "66,67\u00a0%")
    by_name = {r.label: r for r in rows}
    a, b = by_name["Xã Hoằng Lưu"], by_name["Xã Hoằng Phụ"]
    assert counts_of(a) == (3, 2, 3, 1, 0, 2, 2, 1)
    assert (a.online_share, a.on_time_share, a.satisfied_share) == ("66,67\u00a0%", "33,33\u00a0%", "50\u00a0%")
    assert counts_of(b) == (1, 0, 1, 0, 1, 0, 1, 1)
    assert (b.online_share, b.on_time_share, b.satisfied_share) == ("0\u00a0%", "100\u00a0%", "100\u00a0%")


def test_statistics_page(client, desk, scenario):
    response = client.get("/thong-ke/", {"don_vi": desk.district.code, "nam": "2023", "ky": "Q2"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Huyện Hoằng Hóa — quý II năm 2023" in page
    assert '<p class="figure" id="so-tiep-nhan">4</p>' in page
    assert '<p class="figure" id="so-giai-quyet">4</p>' in page
    assert "trước hạn: 1, đúng hạn: 1, trễ hạn: 2" in page
    assert '<p class="figure" id="ty-le-dung-han">50\u00a0%</p>' in page
    assert '<p class="figure" id="ty-le-hai-long">66,67\u00a0%</p>' in page
    assert "33,33\u00a0%" in page and "100\u00a0%" in page
    for name in NAMES.values():
        assert name not in page
    # The province: D7 is in Nghệ An, so Thanh Hóa's quarter II is the district's.
    page = client.get("/thong-ke/", {"don_vi": desk.province.code, "nam": "2023", "ky": "Q2"}).content.decode()
    assert '<p class="figure" id="so-tiep-nhan">4</p>' in page


def test_a_withdrawn_dossier_is_not_resolved_on_the_public_page(client, desk, scenario):
    # Withdrawn on 14 Jun, before its due time: no decision, so neither resolved nor on time
    # (the page used to count it as both: 5 resolved, 3 on time, 60 %).
    withdrawn = make(desk, "D6", desk.unit, "counter", vn(2023, 6, 12, 8), vn(2023, 6, 15, 17), vn(2023, 6, 14, 9), seq=2)
    Dossier.objects.filter(pk=withdrawn.pk).update(outcome="withdrawn", status="withdrawn")
    page = client.get("/thong-ke/", {"don_vi": desk.district.code, "nam": "2023", "ky": "Q2"}).content.decode()
    # Received D1 D2 D3 D5 and the withdrawn one; resolved still D1 D2 D4 D5, two of them in time.
    assert '<p class="figure" id="so-tiep-nhan">5</p>' in page
    assert '<p class="figure" id="so-giai-quyet">4</p>' in page
    assert '<p class="figure" id="ty-le-dung-han">50\u00a0%</p>' in page
    # Nor is it a published result.
    listed = client.get("/cong-khai/", {"don_vi": desk.district.code, "thang": "2023-06"}).content.decode()
    assert withdrawn.code not in listed and "2 hồ sơ đã giải quyết" in listed


def test_statistics_reject_a_bad_period_next_to_the_field(client, desk, scenario):
    page = client.get("/thong-ke/", {"don_vi": desk.district.code, "nam": "2023", "ky": "Q9"}).content.decode()
    assert "Kỳ thống kê không hợp lệ" in page
    assert 'id="ky" name="ky" aria-invalid="true"' in page
    page = client.get("/thong-ke/", {"don_vi": "khong-co"}).content.decode()
    assert "Không có đơn vị này" in page


def test_percent_text():
    assert percent_text(percent(2, 3)) == "66,67\u00a0%"
    assert percent_text(percent(0, 5)) == "0\u00a0%"
    assert percent_text(percent(1, 8)) == "12,5\u00a0%"
    assert percent_text(percent(0, 0)) == "—"


def test_disclosure_lists_resolved_dossiers_masked(client, desk, scenario):
    response = client.get("/cong-khai/", {"don_vi": desk.district.code, "thang": "2023-06"})
    page = response.content.decode()
    assert response.status_code == 200
    # June: D1 (on time) and D2 (late) of the district; D4 was resolved in April, D7 is in another province.
    assert scenario["D1"].code in page and scenario["D2"].code in page
    assert scenario["D4"].code not in page and scenario["D7"].code not in page
    assert "2 hồ sơ đã giải quyết" in page
    assert "Nguyễn V** B***" in page and "Lê T** H**" in page
    row_d1 = page[page.index(scenario["D1"].code) : page.index("</tr>", page.index(scenario["D1"].code))]
    row_d2 = page[page.index(scenario["D2"].code) : page.index("</tr>", page.index(scenario["D2"].code))]
    assert "Đúng hạn</span>" in row_d1 and "07/06/2023" in row_d1
    assert "Trễ hạn</span>" in row_d2 and "12/06/2023" in row_d2
    for secret in [*NAMES.values(), "038090001234", "0912345678"]:
        assert secret not in page, secret
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_disclosure_pages_and_bad_month(client, desk, scenario, monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 1)
    first = client.get("/cong-khai/", {"don_vi": desk.district.code, "thang": "2023-06"}).content.decode()
    second = client.get("/cong-khai/", {"don_vi": desk.district.code, "thang": "2023-06", "trang": "2"}).content.decode()
    # Newest first: D2 (12 June) on page 1, D1 (7 June) on page 2.
    assert scenario["D2"].code in first and scenario["D1"].code not in first
    assert scenario["D1"].code in second and "Trang 2/2" in second
    bad = client.get("/cong-khai/", {"thang": "2023-13"}).content.decode()
    assert "Tháng không hợp lệ" in bad and 'aria-invalid="true"' in bad


def test_public_lists_are_rate_limited(client, settings, desk):
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "1/minute"
    assert client.get("/thong-ke/").status_code == 200
    response = client.get("/cong-khai/")
    assert response.status_code == 429 and "Quá nhiều yêu cầu" in response.content.decode()


def test_a_refused_dossier_is_neither_early_nor_on_time_on_the_public_list(client, desk, scenario):
    # Refused 07/06 09:00, a day before its due time 08/06 08:00: the list used to say "Đúng hạn".
    refused = make(desk, "D6", desk.unit, "counter", vn(2023, 6, 5, 9), vn(2023, 6, 8, 8), vn(2023, 6, 7, 9), seq=3)
    Dossier.objects.filter(pk=refused.pk).update(outcome="refused", status="refused")
    listed = client.get("/cong-khai/", {"don_vi": desk.district.code, "thang": "2023-06"}).content.decode()
    row = listed.split(refused.code, 1)[1].split("</tr>", 1)[0]
    assert "Không xét (từ chối giải quyết)" in row
    assert "Đúng hạn</span>" not in row and "Trễ hạn" not in row
    # The approved D1 keeps its badge.
    d1 = listed.split(scenario["D1"].code, 1)[1].split("</tr>", 1)[0]
    assert "Đúng hạn</span>" in d1
