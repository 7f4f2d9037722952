"""The day's cash list of one officer, for the accountant: its rows and a total that adds up (worked by hand)."""

import io

import pytest
from openpyxl import load_workbook

from motcua.payments.actions import do_record_payment, do_refund_payment
from motcua.payments.cash_list import cash_list_xlsx
from motcua.payments.fees import amount_due
from tests.factories import make_user

from .conftest import make_certify, receive, vn

pytestmark = pytest.mark.django_db


def test_cash_list_of_a_day_adds_up(desk, certify, client):
    one_page = make_certify("2.000816", fees=[{"name": "Lệ phí chứng thực", "amount": 2000, "per": "page"}])
    other = make_user("motcua2", desk.unit, "desk_officer", first_name="Minh")

    def dossier(procedure, copies, pages, hour):
        return receive(desk, vn(2023, 6, 5, hour, 0), procedure=procedure, fee=amount_due(procedure, copies=copies, pages=pages))

    # 3 pages × 2 copies at 2.000 đ = 12.000 đ, paid in cash.
    a = do_record_payment(desk.officer, dossier(one_page, 2, 3, 8), 12000, "cash", "BL-0001", at=vn(2023, 6, 5, 8, 5))
    # 23.000 đ (certify, 2 × 3), paid in cash, then 6.000 đ given back in cash.
    b = do_record_payment(desk.officer, dossier(certify, 2, 3, 9), 23000, "cash", "=HYPERLINK(\"x\")", at=vn(2023, 6, 5, 9, 5))
    do_refund_payment(desk.officer, b, 6000, "Chỉ cần 1 bản", at=vn(2023, 6, 5, 9, 10))
    # Not on this officer's cash list: a bank transfer, another officer's cash, the next day's cash.
    do_record_payment(desk.officer, dossier(one_page, 1, 1, 10), 2000, "bank_transfer", "UNC-1", at=vn(2023, 6, 5, 10, 5))
    do_record_payment(other, dossier(one_page, 1, 2, 11), 4000, "cash", "BL-0002", at=vn(2023, 6, 5, 11, 5))
    do_record_payment(desk.officer, dossier(one_page, 1, 5, 8), 10000, "cash", "BL-0003", at=vn(2023, 6, 6, 8, 5))
    assert a.code

    content, count, total = cash_list_xlsx(desk.officer, vn(2023, 6, 5, 0, 0).date())
    # 12.000 + 23.000 − 6.000 = 29.000 đ in 3 lines.
    assert (count, total) == (3, 29000)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    amounts = [row[6] for row in rows[:-1]]
    assert amounts == [12000, 23000, -6000]
    assert rows[-1][5:8] == ("Tổng cộng", 29000, "3 khoản")
    assert sum(amounts) == rows[-1][6]
    # A receipt number that looks like a formula stays text.
    assert sheet.cell(5, 6).value == '=HYPERLINK("x")' and sheet.cell(5, 6).data_type == "s"
    assert sheet["A2"].value == "Cán bộ thu: Lê Thị Lan (motcua)"

    # The download: the officer's own list; another officer's only for a leader of the unit.
    client.force_login(desk.officer)
    response = client.get("/can-bo/bang-ke-tien-mat.xlsx?ngay=2023-06-05")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(response.content)).active.cell(7, 7).value == 29000
    assert client.get("/can-bo/bang-ke-tien-mat.xlsx?ngay=2023-06-05&can-bo=motcua2").status_code == 403
    assert client.get("/can-bo/bang-ke-tien-mat.xlsx?ngay=5/6/2023").status_code == 400
    client.force_login(desk.leader)
    response = client.get("/can-bo/bang-ke-tien-mat.xlsx?ngay=2023-06-05&can-bo=motcua2")
    assert load_workbook(io.BytesIO(response.content)).active.cell(5, 7).value == 4000
    client.force_login(desk.leader_other)
    assert client.get("/can-bo/bang-ke-tien-mat.xlsx?ngay=2023-06-05&can-bo=motcua2").status_code == 404
