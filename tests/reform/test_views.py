"""The register pages: forms with messages next to the field, scoping, history, import, export."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.reform import models as m
from motcua.reform.actions import do_create_register_record
from motcua.reform.registers import BY_SLUG
from motcua.reform.xlsx import headers

from .conftest import D, directives_with_a_bad_date

pytestmark = pytest.mark.django_db
TASK_POST = {"kind": "plan", "year": "2023", "title": "Niêm yết TTHC", "deadline": "2023-06-30", "owner": "Văn phòng",
             "status": "in_progress"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_specialist_adds_a_task_and_marks_it_done_late(people):
    client = client_for(people.specialist_a)
    response = client.post("/cai-cach/nhiem-vu/them/", TASK_POST)
    assert response.status_code == 302
    task = m.ReformTask.objects.get()
    response = client.post(f"/cai-cach/nhiem-vu/{task.pk}/sua/", {**TASK_POST, "status": "done", "completed_on": "2023-07-05", "version": "1"})
    assert response.status_code == 302
    page = client.get("/cai-cach/nhiem-vu/?ky=2023").content.decode()
    assert "Niêm yết TTHC" in page and "05/07/2023" in page and "quá hạn" in page
    history = client.get(f"/cai-cach/nhiem-vu/{task.pk}/lich-su/").content.decode()
    assert "Thêm mới" in history and "Sửa" in history and "Lê Văn Minh" in history
    assert "<td>Tình trạng</td><td>Đang thực hiện</td><td>Đã hoàn thành</td>" in history
    assert "<td>Ngày hoàn thành</td><td>—</td><td>05/07/2023</td>" in history


def test_out_of_order_dates_get_the_message_next_to_the_field(people):
    client = client_for(people.specialist_a)
    response = client.post("/cai-cach/can-bo/them/", {
        "full_name": "Lê Thị Hoa", "kind": "civil_servant", "position": "Tư pháp", "qualification": "university",
        "political_theory": "none", "started_on": "2010-01-01", "ended_on": "2009-05-15", "end_reason": "retirement",
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert '<small id="id_ended_on_error" class="field-error">Ngày thôi công tác không được trước ngày bắt đầu.</small>' in page
    assert 'aria-invalid="true"' in page.split('name="ended_on"')[1].split(">")[0] or 'aria-invalid="true" aria-describedby="id_ended_on_error"' in page
    assert not m.StaffMember.objects.exists()


def test_resolution_before_the_inspection_is_refused(people):
    client = client_for(people.specialist_a)
    m.Inspection.objects.create(unit=people.specialist_a.unit, reference="BB-01", department="Văn phòng", inspected_on=D(2023, 5, 10))
    response = client.post("/cai-cach/van-de-kiem-tra/them/", {"inspection": "BB-01", "description": "x", "resolved_on": "2023-05-01"})
    assert "Ngày xử lý xong không được trước ngày kiểm tra (10/05/2023)." in response.content.decode()
    assert not m.InspectionIssue.objects.exists()


def test_another_communes_record_is_404(people):
    record = do_create_register_record(people.specialist_b, BY_SLUG["nhiem-vu"], {**TASK_POST, "deadline": D(2023, 6, 30), "year": 2023})
    client = client_for(people.specialist_a)
    for url in (f"/cai-cach/nhiem-vu/{record.pk}/sua/", f"/cai-cach/nhiem-vu/{record.pk}/lich-su/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/cai-cach/nhiem-vu/{record.pk}/sua/", {**TASK_POST, "version": "1"}).status_code == 404
    assert client.post(f"/cai-cach/nhiem-vu/{record.pk}/xoa/", {"version": "1"}).status_code == 404
    assert "Niêm yết TTHC" not in client.get("/cai-cach/nhiem-vu/?ky=2023").content.decode()
    assert m.ReformTask.objects.get().version == 1


def test_oversight_reads_the_subtree_but_cannot_edit(people):
    record = do_create_register_record(people.specialist_b, BY_SLUG["nhiem-vu"], {**TASK_POST, "deadline": D(2023, 6, 30), "year": 2023})
    client = client_for(people.overseer)
    page = client.get("/cai-cach/nhiem-vu/?ky=2023").content.decode()
    assert "Niêm yết TTHC" in page and "Xã Hoằng Phụ" in page
    assert client.get(f"/cai-cach/nhiem-vu/{record.pk}/sua/").status_code == 403
    assert client.get("/cai-cach/nhiem-vu/them/").status_code == 403
    assert client.get(f"/cai-cach/nhiem-vu/{record.pk}/lich-su/").status_code == 200


def test_desk_officer_and_anonymous_are_kept_out(people):
    assert client_for(people.desk_a).get("/cai-cach/").status_code == 403
    assert Client().get("/cai-cach/").status_code == 302


def test_index_counts_the_period(people):
    register = BY_SLUG["van-ban-di"]
    for on in (D(2023, 5, 1), D(2023, 6, 2), D(2023, 8, 1)):
        do_create_register_record(people.specialist_a, register, {
            "number_symbol": "1/UBND", "issued_on": on, "summary": "x", "recipients": "UBND huyện",
            "to_state_agency": True, "delivery": "electronic",
        })
    page = client_for(people.specialist_a).get("/cai-cach/?ky=2023-Q2").content.decode()
    row = page.split("Sổ văn bản đi</a>")[1].split("</tr>")[0]
    assert "<strong>2</strong>" in row and '<td class="num">3</td>' in row
    bad = client_for(people.specialist_a).get("/cai-cach/?ky=quy-hai").content.decode()
    assert 'aria-invalid="true"' in bad and "kỳ báo cáo không hợp lệ" in bad.lower()


def test_import_page_lists_row_numbers_and_imports_nothing(people):
    out = directives_with_a_bad_date()
    client = client_for(people.specialist_a)
    page = client.post("/cai-cach/van-ban-chi-dao/nhap/", {"file": out}).content.decode()
    assert "Dòng 3, cột “Ngày ban hành”: Ngày không hợp lệ" in page
    assert "chưa nhập dòng nào" in page
    assert not m.DirectiveDocument.objects.exists()


def test_export_and_template_downloads(people):
    do_create_register_record(people.specialist_a, BY_SLUG["nhiem-vu"], {**TASK_POST, "deadline": D(2023, 6, 30), "year": 2023})
    client = client_for(people.specialist_a)
    exported = client.get("/cai-cach/nhiem-vu/xuat.xlsx?ky=2023")
    assert exported["Content-Disposition"] == 'attachment; filename="nhiem-vu-2023.xlsx"'
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet["C2"].value == "Niêm yết TTHC" and sheet["A2"].value == "Nhiệm vụ trong kế hoạch"
    template = load_workbook(io.BytesIO(client.get("/cai-cach/nhiem-vu/mau.xlsx").content)).active
    assert [c.value for c in template[1]] == headers(BY_SLUG["nhiem-vu"])
