"""The register pages in English (cookie django_language=en); Vietnamese stays the default.

The XLSX files (export, template, import headers and choice labels) stay
Vietnamese whatever the page language, so a file made on an English page
imports on a Vietnamese one and back.
"""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.reform import models as m
from motcua.reform.registers import BY_SLUG
from motcua.reform.xlsx import headers

from .conftest import directives_with_a_bad_date

pytestmark = pytest.mark.django_db
TASK_POST = {"kind": "plan", "year": "2023", "title": "Niêm yết TTHC", "deadline": "2023-06-30", "owner": "Văn phòng",
             "status": "in_progress"}


def english_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_index_in_english(people):
    html = english_client(people.specialist_a).get("/cai-cach/?ky=2023-Q2").content.decode()
    for text in ("Administrative reform registers", "Reporting period", "Register", "Indicator", "In the period",
                 "Reform tasks (planned and assigned from above)", "Outgoing documents register", "Staffing quota",
                 "Q2 2023", "Add"):
        assert text in html, text
    for vietnamese in ("Sổ theo dõi cải cách hành chính", "Nhiệm vụ CCHC", "Sổ văn bản đi", "quý II năm 2023"):
        assert vietnamese not in html, vietnamese
    bad = english_client(people.specialist_a).get("/cai-cach/?ky=2023-Q9").content.decode()
    assert "Invalid reporting period: use 2023-Q2, 2023-H1, 2023-9M, 2023 or 2023-04-01..2023-06-30." in bad


def test_create_list_and_history_in_english(people):
    client = english_client(people.specialist_a)
    form = client.get("/cai-cach/nhiem-vu/them/").content.decode()
    for text in ("Add to the register “Reform tasks (planned and assigned from above)”", "Task type", "Task in the plan",
                 "Deadline", "Lead person/section", "Status", "Not started", "Save", "Cancel"):
        assert text in form, text
    for vietnamese in ("Loại nhiệm vụ", "Nhiệm vụ trong kế hoạch", "Thời hạn", "Chưa thực hiện", ">Lưu<"):
        assert vietnamese not in form, vietnamese
    response = client.post("/cai-cach/nhiem-vu/them/", TASK_POST, follow=True)
    page = response.content.decode()
    assert "Added to the register “Reform tasks (planned and assigned from above)”." in page
    task = m.ReformTask.objects.get()
    client.post(f"/cai-cach/nhiem-vu/{task.pk}/sua/", {**TASK_POST, "status": "done", "completed_on": "2023-07-05", "version": "1"})
    page = client.get("/cai-cach/nhiem-vu/?ky=2023").content.decode()
    for text in ("Year 2023", "indicators 1.1.1, 1.1.2, 1.3.1–1.3.3 · 1 record(s)", "Task type", "Date completed",
                 "Task in the plan", "Completed", "late", "Edit", "History", "Add new", "Import from Excel", "Export to Excel"):
        assert text in page, text
    assert "Niêm yết TTHC" in page  # the record's own text
    for vietnamese in ("Loại nhiệm vụ", "Đã hoàn thành", "quá hạn", "Lịch sử", "Xuất Excel"):
        assert vietnamese not in page, vietnamese
    history = client.get(f"/cai-cach/nhiem-vu/{task.pk}/lich-su/").content.decode()
    for text in ("Change history: Niêm yết TTHC", "Add new", "Edit", "Before", "After",
                 "<td>Status</td><td>In progress</td><td>Completed</td>", "<td>Date completed</td><td>—</td><td>05/07/2023</td>"):
        assert text in history, text
    errors = client.post("/cai-cach/can-bo/them/", {
        "full_name": "Lê Thị Hoa", "kind": "civil_servant", "position": "Tư pháp", "qualification": "university",
        "political_theory": "none", "started_on": "2010-01-01", "ended_on": "bad", "end_reason": "retirement",
    }).content.decode()
    assert "Invalid date (use day/month/year, for example 30/12/2022)." in errors
    assert "Professional qualification" in errors and "University" in errors


def test_import_in_english_keeps_the_vietnamese_file(people):
    out = directives_with_a_bad_date()
    client = english_client(people.specialist_a)
    page = client.get("/cai-cach/van-ban-chi-dao/nhap/").content.decode()
    assert "Import the register “Reform directive documents” from Excel" in page and "Excel file (.xlsx)" in page
    page = client.post("/cai-cach/van-ban-chi-dao/nhap/", {"file": out}).content.decode()
    assert "Nothing imported — 1 error(s):" in page
    # The column is named as the file names it; the message is in English.
    assert "Row 3, column “Ngày ban hành”: Invalid date (use day/month/year, for example 30/12/2022)." in page
    assert "The file has errors, so no row was imported" in page
    assert not m.DirectiveDocument.objects.exists()
    template = load_workbook(io.BytesIO(client.get("/cai-cach/nhiem-vu/mau.xlsx").content)).active
    assert [c.value for c in template[1]] == headers(BY_SLUG["nhiem-vu"])
    assert template["A1"].value == "Loại nhiệm vụ"


def test_vietnamese_stays_the_default(people):
    client = Client()
    client.force_login(people.specialist_a)
    html = client.get("/cai-cach/?ky=2023-Q2", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sổ theo dõi cải cách hành chính" in html and "quý II năm 2023" in html and "Nhiệm vụ CCHC" in html
    form = client.get("/cai-cach/nhiem-vu/them/").content.decode()
    assert "Loại nhiệm vụ" in form and "Nhiệm vụ trong kế hoạch" in form and "Task type" not in form
