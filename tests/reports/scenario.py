"""A hand-checkable scenario for appendix 01b, quarter II 2023 (1 Apr – 30 Jun, local time UTC+7).

Units (tests.factories.make_tree): 38 Thanh Hóa → 388 Hoằng Hóa → 16003 Hoằng Lưu (A), 16004 Hoằng Phụ (B);
40 Nghệ An → 17001 Nghi Lộc (other). Q2 in UTC is [2023-03-31T17:00Z, 2023-06-30T17:00Z).

Catalog (fields: hộ tịch; đất đai = land; xây dựng = construction):
  code  field    mechanism   online   pay  approved electronic boundary announced   abolished   units
  P1    hộ tịch  one_stop    full     yes  yes      yes        no       2020-01-01  -           A, B
  P2    đất đai  across      partial  no   yes      no         no       -           -           A
  P3    xây dựng same_level  none     no   no       no         yes      -           -           A
  P4    hộ tịch  one_stop    full     yes  yes      yes        no       2023-05-10  -           A
  P5    hộ tịch  one_stop    none     no   no       no         no       2019-01-01  2023-06-01  A, B
  P6    hộ tịch  one_stop    none     no   no       no         no       2023-07-15  -           A
  P7    hộ tịch  one_stop    none     no   no       no         no       -           -           other
  P8    hộ tịch  one_stop    none     no   no       no         no       -           -           B
In force at 30 Jun: A → P1 P2 P3 P4 (4); B → P1 P8 (2); district → P1 P2 P3 P4 P8 (5, P1 once).

Dossiers of A (times +07:00 unless written in UTC):
  D1  counter  P1 recv 04-03 08:00 due 04-05 17:00 approved 04-04 10:00  early          portal web
  D2  postal   P1 recv 04-10 09:00 due 04-12 16:30 approved 04-12 16:30  at due time    portal
  D3  on.part  P2 recv 05-02 08:00 due 05-10 17:00 approved 05-10 09:00  on due day     portal web  (land)
  D4  on.full  P1 recv 05-15 08:00 due 05-16 17:00 approved 05-17 08:00  late           portal web
  D5  counter  P3 recv 05-20 08:00 due 05-25 17:00 refused  05-24 10:00  early, refused        web  (construction)
  D6  counter  P1 recv 06-01 08:00 due 06-05 17:00 withdrawn 06-03 10:00                portal web
  D7  on.full  P1 recv 06-20 08:00 due 07-05 17:00 open
  D8  counter  P1 recv 03-20 08:00 (Q1) due 04-05 17:00 approved 04-04 09:00 early (carried over) portal
  D9  on.part  P1 recv 2023-06-30T18:00Z = 1 Jul 01:00 local → Q3; due 07-03 17:00, open
  D10 counter  P1 recv 2023-03-31T17:30Z = 1 Apr 00:30 local → Q2; due 07-03 17:00;
               approved 2023-06-30T16:59:59Z = 30 Jun 23:59:59 local → resolved in Q2, early
  D11 counter  P1 recv 06-25 08:00 due 07-10 17:00 approved 2023-06-30T17:00Z = 1 Jul 00:00 local → Q3
  D12 on.full  P2 recv 04-20 08:00 due 04-25 17:00 approved 04-25 17:00:01 late (land)
  D13 counter  P1 recv 03-01 08:00 due 03-03 17:00 approved 03-02 (Q1, out of the period entirely)
Dossiers of B:
  E1  counter  P8 recv 04-05 08:00 due 04-06 17:00 approved 04-06 08:00  on due day     portal
  E2  on.full  P8 recv 05-05 08:00 due 05-08 17:00 approved 05-09 08:00  late           portal
Dossier of other: F1 counter P7 recv 04-05 08:00 due 04-06 17:00 approved 04-05 15:00.

A, Q2:
  3.3.1 received: D1 D2 D3 D4 D5 D6 D7 D10 D11 D12 = 10
        a counter D1 D5 D6 D10 D11 = 5; b postal D2 = 1; c partial D3 = 1; d full D4 D7 D12 = 3
  3.3.2 decided in Q2, resolved_at <= due_at: D1 D2 D3 D5 D8 D10 = 6 (D4, D12 late; D6 withdrawn; D7 open; D11 Q3)
        a D1 D5 D8 D10 = 4; b D2 = 1; c D3 = 1; d 0
  3.3.3 land on time D3 = 1 (D12 late);  3.3.4 construction D5 = 1
  3.4.1 decided in Q2 and on the portal: D1 D2 D3 D4 D8 = 5 (D6 withdrawn; D5 not published)
  3.4.2 decided in Q2 and on the website: D1 D3 D4 D5 = 4
  3.5 apologies issued in Q2: D4 (05-16 15:00), D12 (04-25 16:00) = 2; D7's at 2023-06-30T17:30Z is 1 Jul local
  1.4.1 ratings in Q2: D1 online 04-04, D2 paper 04-12 = 2 → 1.4.2 = 2 (Kết hợp);
        D3 kiosk at 2023-06-30T17:00Z is 1 Jul local (Q3); D8 online 03-25 is Q1
  catalog: 3.1 = 3.1.3 = 4; 3.1.1 = 1 (P4); 3.1.2 = 1 (P5); 3.2.1 = 2 (P1 P4); 3.2.2 = 1 (P3); 3.2.3 = 1 (P2)
        3.2.4 = 3/4 = 75.0; 3.2.5 = 2/3 = 66.67 (P1 P4 of P1 P2 P4); 3.2.6 = 1 (P3); 3.4.3 = 2; 7.5.1 = 1; 7.5.2 = 2
B, Q2:
  3.3.1 = 2 (a 1, d 1); 3.3.2 = 1 (a 1); 3.3.3 = 3.3.4 = 0; 3.4.1 = 2; 3.4.2 = 0; 3.5 = 0
  1.4.1 = 1 (E1 online 04-06) → 1.4.2 = 0 (Trực tuyến)
  catalog: 3.1.3 = 2; 3.1.1 = 0; 3.1.2 = 1 (P5); 3.2.1 = 2; 3.2.4 = 1/2 = 50.0; 3.2.5 = 1/1 = 100.0;
        3.4.3 = 1; 7.5.2 = 1
District 388 (and province 38), Q2: dossier rows = A + B; catalog over the distinct procedures P1–P6, P8.
Other (17001): 3.3.1 = 1, 3.3.2 = 1, 1.4.1 = 1 (paper) → 1.4.2 = 1;
  catalog 3.1.3 = 1 (P7, not approved) → 3.2.4 = 0.0 and 3.2.5 = null (no approved process).
"""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from motcua.catalog.models import Field, Procedure
from motcua.dossiers.models import Apology, Dossier, Rating
from tests.factories import level, make_tree

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args) -> dt.datetime:
    """Return an aware local time: vn(2023, 4, 3, 8, 0)."""
    return dt.datetime(*args, tzinfo=VN)


def utc(text: str) -> dt.datetime:
    """Return an aware UTC time from "2023-06-30T18:00:00Z"."""
    return dt.datetime.fromisoformat(text)


def make_procedure(code, field, units, **extra) -> Procedure:
    procedure = Procedure.objects.create(
        code=code,
        name=f"Thủ tục {code}",
        field=field,
        level=level("commune"),
        legal_duration_value=3,
        legal_duration_unit="working_day",
        **extra,
    )
    procedure.units.set(units)
    return procedure


def make_dossier(code, unit, procedure, channel, received, due, resolved=None, outcome="", **extra) -> Dossier:
    return Dossier.objects.create(
        code=code,
        unit=unit,
        procedure=procedure,
        channel=channel,
        received_at=received,
        due_at=due,
        resolved_at=resolved,
        outcome=outcome,
        **extra,
    )


def build():
    """Create the scenario of the module docstring and return its units, procedures and dossiers."""
    province, district, a, b, other_province, other = make_tree()
    civil = Field.objects.create(code="ho_tich", name="Hộ tịch")
    land = Field.objects.create(code="dat_dai", name="Đất đai", kind="land")
    construction = Field.objects.create(code="xay_dung", name="Xây dựng", kind="construction")

    p = SimpleNamespace()
    p.p1 = make_procedure(
        "P1", civil, [a, b], mechanism="one_stop", online="full", online_payment=True,
        process_approved=True, process_electronic=True, announced_on=dt.date(2020, 1, 1),
    )
    p.p2 = make_procedure(
        "P2", land, [a], mechanism="interlinked_across_levels", online="partial", process_approved=True,
    )
    p.p3 = make_procedure("P3", construction, [a], mechanism="interlinked_same_level", boundary_free=True)
    p.p4 = make_procedure(
        "P4", civil, [a], online="full", online_payment=True, process_approved=True, process_electronic=True,
        announced_on=dt.date(2023, 5, 10),
    )
    p.p5 = make_procedure("P5", civil, [a, b], announced_on=dt.date(2019, 1, 1), abolished_on=dt.date(2023, 6, 1))
    p.p6 = make_procedure("P6", civil, [a], announced_on=dt.date(2023, 7, 15))
    p.p7 = make_procedure("P7", civil, [other])
    p.p8 = make_procedure("P8", civil, [b])

    d = SimpleNamespace()
    d.d1 = make_dossier("A-01", a, p.p1, "counter", vn(2023, 4, 3, 8), vn(2023, 4, 5, 17), vn(2023, 4, 4, 10),
                        "approved", published_portal=True, published_website=True)
    d.d2 = make_dossier("A-02", a, p.p1, "postal", vn(2023, 4, 10, 9), vn(2023, 4, 12, 16, 30),
                        vn(2023, 4, 12, 16, 30), "approved", published_portal=True, published_website=False)
    d.d3 = make_dossier("A-03", a, p.p2, "online_partial", vn(2023, 5, 2, 8), vn(2023, 5, 10, 17),
                        vn(2023, 5, 10, 9), "approved", published_portal=True, published_website=True)
    d.d4 = make_dossier("A-04", a, p.p1, "online_full", vn(2023, 5, 15, 8), vn(2023, 5, 16, 17),
                        vn(2023, 5, 17, 8), "approved", published_portal=True, published_website=True)
    d.d5 = make_dossier("A-05", a, p.p3, "counter", vn(2023, 5, 20, 8), vn(2023, 5, 25, 17), vn(2023, 5, 24, 10),
                        "refused", published_portal=False, published_website=True)
    d.d6 = make_dossier("A-06", a, p.p1, "counter", vn(2023, 6, 1, 8), vn(2023, 6, 5, 17), vn(2023, 6, 3, 10),
                        "withdrawn", published_portal=True, published_website=True)
    d.d7 = make_dossier("A-07", a, p.p1, "online_full", vn(2023, 6, 20, 8), vn(2023, 7, 5, 17))
    d.d8 = make_dossier("A-08", a, p.p1, "counter", vn(2023, 3, 20, 8), vn(2023, 4, 5, 17), vn(2023, 4, 4, 9),
                        "approved", published_portal=True, published_website=False)
    d.d9 = make_dossier("A-09", a, p.p1, "online_partial", utc("2023-06-30T18:00:00Z"), vn(2023, 7, 3, 17))
    d.d10 = make_dossier("A-10", a, p.p1, "counter", utc("2023-03-31T17:30:00Z"), vn(2023, 7, 3, 17),
                         utc("2023-06-30T16:59:59Z"), "approved")
    d.d11 = make_dossier("A-11", a, p.p1, "counter", vn(2023, 6, 25, 8), vn(2023, 7, 10, 17),
                         utc("2023-06-30T17:00:00Z"), "approved", published_portal=True, published_website=True)
    d.d12 = make_dossier("A-12", a, p.p2, "online_full", vn(2023, 4, 20, 8), vn(2023, 4, 25, 17),
                         vn(2023, 4, 25, 17, 0, 1), "approved", published_portal=False)
    d.d13 = make_dossier("A-13", a, p.p1, "counter", vn(2023, 3, 1, 8), vn(2023, 3, 3, 17), vn(2023, 3, 2, 10),
                         "approved", published_portal=True, published_website=True)
    d.e1 = make_dossier("B-01", b, p.p8, "counter", vn(2023, 4, 5, 8), vn(2023, 4, 6, 17), vn(2023, 4, 6, 8),
                        "approved", published_portal=True)
    d.e2 = make_dossier("B-02", b, p.p8, "online_full", vn(2023, 5, 5, 8), vn(2023, 5, 8, 17), vn(2023, 5, 9, 8),
                        "approved", published_portal=True)
    d.f1 = make_dossier("F-01", other, p.p7, "counter", vn(2023, 4, 5, 8), vn(2023, 4, 6, 17), vn(2023, 4, 5, 15),
                        "approved", published_portal=True, published_website=True)

    Apology.objects.create(dossier=d.d4, issued_at=vn(2023, 5, 16, 15), new_due_at=vn(2023, 5, 17, 17))
    Apology.objects.create(dossier=d.d12, issued_at=vn(2023, 4, 25, 16), new_due_at=vn(2023, 4, 26, 17))
    Apology.objects.create(dossier=d.d7, issued_at=utc("2023-06-30T17:30:00Z"), new_due_at=vn(2023, 7, 10, 17))

    Rating.objects.create(dossier=d.d1, at=vn(2023, 4, 4, 11), value="very_satisfied", channel="online")
    Rating.objects.create(dossier=d.d2, at=vn(2023, 4, 12, 17), value="satisfied", channel="paper")
    Rating.objects.create(dossier=d.d3, at=utc("2023-06-30T17:00:00Z"), value="satisfied", channel="kiosk")
    Rating.objects.create(dossier=d.d8, at=vn(2023, 3, 25, 9), value="unsatisfied", channel="online")
    Rating.objects.create(dossier=d.e1, at=vn(2023, 4, 6, 9), value="satisfied", channel="online")
    Rating.objects.create(dossier=d.f1, at=vn(2023, 4, 5, 16), value="satisfied", channel="paper")

    units = SimpleNamespace(province=province, district=district, a=a, b=b, other_province=other_province, other=other)
    return SimpleNamespace(units=units, procedures=p, dossiers=d)


# The computed values of the module docstring, per unit, for 2023-Q2.
EXPECTED_A = {
    "1.4.1": 2, "1.4.2": 2,
    "3.1": 4, "3.1.1": 1, "3.1.2": 1, "3.1.3": 4,
    "3.2.1": 2, "3.2.2": 1, "3.2.3": 1, "3.2.4": 75.0, "3.2.5": 66.67, "3.2.6": 1,
    "3.3.1": 10, "3.3.1.a": 5, "3.3.1.b": 1, "3.3.1.c": 1, "3.3.1.d": 3,
    "3.3.2": 6, "3.3.2.a": 4, "3.3.2.b": 1, "3.3.2.c": 1, "3.3.2.d": 0,
    "3.3.3": 1, "3.3.4": 1,
    "3.4.1": 5, "3.4.2": 4, "3.4.3": 2, "3.5": 2,
    "7.5.1": 1, "7.5.2": 2,
}
EXPECTED_B = {
    "1.4.1": 1, "1.4.2": 0,
    "3.1": 2, "3.1.1": 0, "3.1.2": 1, "3.1.3": 2,
    "3.2.1": 2, "3.2.2": 0, "3.2.3": 0, "3.2.4": 50.0, "3.2.5": 100.0, "3.2.6": 0,
    "3.3.1": 2, "3.3.1.a": 1, "3.3.1.b": 0, "3.3.1.c": 0, "3.3.1.d": 1,
    "3.3.2": 1, "3.3.2.a": 1, "3.3.2.b": 0, "3.3.2.c": 0, "3.3.2.d": 0,
    "3.3.3": 0, "3.3.4": 0,
    "3.4.1": 2, "3.4.2": 0, "3.4.3": 1, "3.5": 0,
    "7.5.1": 0, "7.5.2": 1,
}
# District 388: dossier rows A + B; catalog over P1 P2 P3 P4 P8 in force (P1 counted once).
EXPECTED_DISTRICT = {
    "1.4.1": 3, "1.4.2": 2,
    "3.1": 5, "3.1.1": 1, "3.1.2": 1, "3.1.3": 5,
    "3.2.1": 3, "3.2.2": 1, "3.2.3": 1, "3.2.4": 60.0, "3.2.5": 66.67, "3.2.6": 1,
    "3.3.1": 12, "3.3.1.a": 6, "3.3.1.b": 1, "3.3.1.c": 1, "3.3.1.d": 4,
    "3.3.2": 7, "3.3.2.a": 5, "3.3.2.b": 1, "3.3.2.c": 1, "3.3.2.d": 0,
    "3.3.3": 1, "3.3.4": 1,
    "3.4.1": 7, "3.4.2": 4, "3.4.3": 2, "3.5": 2,
    "7.5.1": 1, "7.5.2": 2,
}
DOSSIER_CODES = [
    "3.3.1", "3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d",
    "3.3.2", "3.3.2.a", "3.3.2.b", "3.3.2.c", "3.3.2.d",
    "3.3.3", "3.3.4", "3.4.1", "3.4.2", "3.5", "1.4.1",
]
