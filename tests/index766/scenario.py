"""A hand-checkable month for the QĐ 766 index: November 2026 (P ends 1 Dec 2026 00:00 local, "E").

Units (tests.factories.make_tree): 38 → 388 → 16003 A, 16004 B; 40 → 17001.
Procedures (all apply to A; K also to B):
  K  khai sinh (ho_tich)   online full     paper result  announced 2025-01-01  process approved  1 step, 1 paper  → complete
  C  chứng thực (chung_thuc) online none   paper result  not announced         not approved      no step
  L  đất đai (dat_dai)     online partial  result kind not known  announced 2024-01-01  not approved  no step
Fees: K 8.000 đ per dossier, payable online; C 2.000 đ per page, not payable online; L one line of 0 đ (no fee),
  payable online.
A's dossiers received in November (local times):
  N1 K counter  recv 11-02 08:00 due 11-04 17:00 approved 11-04 10:00  on time; paper digitized; e-result pushed to the
                data store; VNeID; a complaint (feedback) about it
  N2 K on.full  recv 11-05 08:00 due 11-06 17:00 approved 11-09 09:00  late; paper digitized but no e-result
  N3 L on.part  recv 11-10 08:00 due 11-20 17:00 one supplement (11-12 → 11-14) approved 11-19 15:00  on time; a paper
                reused; rated "unsatisfied"
  N4 L counter  recv 11-16 08:00 due 11-25 17:00 two supplements, approved 11-24  late (more than one supplement);
                paper digitized
  N5 K counter  recv 11-20 08:00 due 11-24 17:00 supplement requested 11-23 09:00, still waiting  on time (ends at the
                request)
  N6 K counter  recv 11-25 08:00 due 11-27 17:00 open  late (past due at E)
  N7 C counter  recv 11-26 08:00 due 12-03 17:00 open  on time (due after E); a paper from the data store
  N8 K counter  recv 11-27 08:00 due 11-30 17:00 withdrawn 11-27 16:00  on time (withdrawal ends the handling)
  N9 C counter  recv 11-27 09:00 due 11-30 17:00 refused 12-02 10:00  late (not ended by E, due before E)
  N0 K counter  recv 10-30 (October): not in the month.
B: M1 K counter recv 11-03 08:00 due 11-05 17:00 approved 11-05 09:00, e-result: on time.
Payments: N1 through the province's gateway 11-02 08:30, N2 on the national portal 11-05 09:00, M1 gateway
  11-03 08:15, N0 gateway 10-30 09:00, N6 gateway 12-01 09:00 (after E); N9 cash 11-27 09:10; N7 quoted
  4.000 đ, unpaid; N5 quoted 0 đ (its applicant's group is exempt from the line); N8 exempted with a reason.
Feedback of A: F1 complaint about N1, 11-02 (Mon) 10:00, answered 11-05 → due 16/11 in P, answered in time;
  F2 proposal 10-26 (Mon) 09:00, never answered → due 09/11 in P, late; F3 11-20 (Fri) → due in December, not in P.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from motcua.catalog.models import Field, ProcedureStep
from motcua.dossiers.models import Rating, ResultDocument, Supplement
from motcua.feedback.deadline import answer_due
from motcua.feedback.models import Feedback
from motcua.payments.models import DossierFee, Payment
from tests.factories import make_tree
from tests.reports.scenario import make_dossier, make_procedure, vn

SHA = "ab" * 32


def paper(**flags) -> list[dict]:
    return [{"name": "Tờ khai", "form": "original", **flags}]


def feedback(unit, code, created, answered=None, kind="complaint", dossier_code=""):
    return Feedback.objects.create(
        unit=unit, kind=kind, subject="Góp ý", content="…", sender_name="Người dân", tracking_code=code,
        created_at=created, due_at=answer_due(unit, created), answered_at=answered, status="answered" if answered else "received", dossier_code=dossier_code,
    )


def pay(dossier, at, method, amount=8000, **extra):
    return Payment.objects.create(dossier=dossier, at=at, amount=amount, method=method, **extra)


def quote(dossier, total, line, pages=1, exempt=False):
    DossierFee.objects.create(dossier=dossier, pages=pages, total=total, lines=[{**line, "exempt": exempt}])


def build():
    province, district, a, b, other_province, other = make_tree()
    civil = Field.objects.create(code="ho_tich", name="Hộ tịch")
    certification = Field.objects.create(code="chung_thuc", name="Chứng thực")
    land = Field.objects.create(code="dat_dai", name="Đất đai", kind="land")
    p = SimpleNamespace()
    birth_fee = {"name": "Lệ phí đăng ký khai sinh", "amount": 8000, "per": "dossier"}
    copy_fee = {"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"}
    p.k = make_procedure("K", civil, [a, b], online="full", paper_result=True, announced_on=dt.date(2025, 1, 1),
                         process_approved=True, components=paper(), fees=[birth_fee], online_payment=True)
    ProcedureStep.objects.create(procedure=p.k, position=1, name="Xử lý", role="specialist", working_hours=8)
    p.c = make_procedure("C", certification, [a], online="none", paper_result=True, fees=[copy_fee])
    p.l = make_procedure("L", land, [a], online="partial", announced_on=dt.date(2024, 1, 1), online_payment=True,
                         fees=[{"name": "Phí thẩm định", "amount": 0, "per": "dossier"}])

    def dossier(n, procedure, channel, received, due, resolved=None, outcome="", unit=a, **extra):
        return make_dossier(f"H56.20.03-2611{n:02d}-00{n:02d}", unit, procedure, channel, received, due, resolved,
                            outcome, **extra)

    d = SimpleNamespace()
    d.n1 = dossier(1, p.k, "counter", vn(2026, 11, 2, 8), vn(2026, 11, 4, 17), vn(2026, 11, 4, 10), "approved",
                   components=paper(digitized=True, sha256=SHA), applicant_vneid_verified=True)
    ResultDocument.objects.create(dossier=d.n1, sha256=SHA, electronic=True, pushed_to_data_store=True)
    d.n2 = dossier(2, p.k, "online_full", vn(2026, 11, 5, 8), vn(2026, 11, 6, 17), vn(2026, 11, 9, 9), "approved",
                   components=paper(digitized=True, sha256=SHA))
    d.n3 = dossier(3, p.l, "online_partial", vn(2026, 11, 10, 8), vn(2026, 11, 20, 17), vn(2026, 11, 19, 15),
                   "approved", components=paper(reused=True))
    Supplement.objects.create(dossier=d.n3, requested_at=vn(2026, 11, 12, 9), received_at=vn(2026, 11, 14, 8))
    Rating.objects.create(dossier=d.n3, at=vn(2026, 11, 20, 9), value="unsatisfied", channel="online")
    d.n4 = dossier(4, p.l, "counter", vn(2026, 11, 16, 8), vn(2026, 11, 25, 17), vn(2026, 11, 24, 10), "approved",
                   components=paper(digitized=True, sha256=SHA))
    Supplement.objects.create(dossier=d.n4, requested_at=vn(2026, 11, 17, 9), received_at=vn(2026, 11, 18, 8))
    Supplement.objects.create(dossier=d.n4, requested_at=vn(2026, 11, 19, 9), received_at=vn(2026, 11, 20, 8))
    d.n5 = dossier(5, p.k, "counter", vn(2026, 11, 20, 8), vn(2026, 11, 24, 17), status="awaiting_supplement")
    Supplement.objects.create(dossier=d.n5, requested_at=vn(2026, 11, 23, 9))
    d.n6 = dossier(6, p.k, "counter", vn(2026, 11, 25, 8), vn(2026, 11, 27, 17))
    d.n7 = dossier(7, p.c, "counter", vn(2026, 11, 26, 8), vn(2026, 12, 3, 17), components=paper(from_data_store=True))
    d.n8 = dossier(8, p.k, "counter", vn(2026, 11, 27, 8), vn(2026, 11, 30, 17), vn(2026, 11, 27, 16), "withdrawn")
    d.n9 = dossier(9, p.c, "counter", vn(2026, 11, 27, 9), vn(2026, 11, 30, 17), vn(2026, 12, 2, 10), "refused")
    d.n0 = dossier(10, p.k, "counter", vn(2026, 10, 30, 8), vn(2026, 11, 3, 17), vn(2026, 11, 3, 9), "approved")
    d.m1 = make_dossier("H56.20.04-261103-0001", b, p.k, "counter", vn(2026, 11, 3, 8), vn(2026, 11, 5, 17),
                        vn(2026, 11, 5, 9), "approved")
    ResultDocument.objects.create(dossier=d.m1, sha256=SHA, electronic=True)
    pay(d.n1, vn(2026, 11, 2, 8, 30), "province_gateway")
    pay(d.n2, vn(2026, 11, 5, 9), "portal")
    pay(d.m1, vn(2026, 11, 3, 8, 15), "province_gateway")
    pay(d.n0, vn(2026, 10, 30, 9), "province_gateway")
    pay(d.n6, vn(2026, 12, 1, 9), "province_gateway")
    pay(d.n9, vn(2026, 11, 27, 9, 10), "cash", 2000, receipt="BL-0009")
    quote(d.n7, 4000, {**copy_fee, "units": 2, "total": 4000}, pages=2)
    quote(d.n5, 0, {**birth_fee, "units": 1, "total": 0}, exempt=True)
    pay(d.n8, vn(2026, 11, 27, 8, 10), "exempt", 0, reason="Trẻ em dưới 6 tuổi")
    feedback(a, "F1", vn(2026, 11, 2, 10), vn(2026, 11, 5, 9), dossier_code=d.n1.code)
    feedback(a, "F2", vn(2026, 10, 26, 9), kind="proposal")
    feedback(a, "F3", vn(2026, 11, 20, 9), kind="proposal")
    return SimpleNamespace(units=SimpleNamespace(province=province, district=district, a=a, b=b), procedures=p, dossiers=d)
