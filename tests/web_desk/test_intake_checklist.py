"""The intake checklist comes pre-filled with the chosen procedure's papers; the officer ticks what was brought."""

import re
from html import unescape

import pytest

from motcua.dossiers.models import Dossier
from tests.web_desk.test_intake import URL, counter, good  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.django_db

BIRTH_PAPERS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1},
    {"name": "Giấy chứng sinh", "form": "original", "quantity": 1},
    {"name": "Văn bản ủy quyền có chứng thực", "form": "certified_copy", "quantity": 2},
]


@pytest.fixture
def birth_with_papers(counter):  # noqa: F811
    counter.birth.components = BIRTH_PAPERS
    counter.birth.save(update_fields=["components"])
    return counter


def checklist(html):
    """Return the checklist rows shown: (ticked, name, selected form, quantity)."""
    rows = []
    html = re.sub(r"<template.*?</template>", "", html, flags=re.S)  # the row the page adds on demand
    for row in re.findall(r'<tr class="intake-component[^"]*">(.*?)</tr>', html, re.S):
        ticked = bool(re.search(r'<input type="checkbox" name="comp-\d+-received"[^>]* checked[ >]', row))
        name = unescape(re.search(r'name="comp-\d+-name" value="([^"]*)"', row).group(1))
        form = re.search(r'<option value="(\w+)" selected>', row).group(1)
        quantity = re.search(r'name="comp-\d+-quantity" value="([^"]*)"', row).group(1)
        rows.append((ticked, name, form, quantity))
    return rows


def test_choosing_a_procedure_fills_the_checklist_with_its_papers(client, birth_with_papers):
    html = client.get(f"{URL}thu-tuc/{birth_with_papers.birth.pk}/").content.decode()
    assert checklist(html) == [
        (True, "Tờ khai đăng ký khai sinh theo mẫu", "original", "1"),
        (True, "Giấy chứng sinh", "original", "1"),
        (True, "Văn bản ủy quyền có chứng thực", "certified_copy", "2"),
        # Two blank rows for papers the catalog does not name: nothing received in them yet, so not ticked.
        (False, "", "original", "1"),
        (False, "", "original", "1"),
    ]
    assert 'name="comp-checklist" value="1"' in html
    assert "Thêm dòng giấy tờ" in html


def test_a_paper_needed_only_in_some_cases_starts_unticked(client, birth_with_papers):
    procedure = birth_with_papers.birth
    procedure.components = [
        {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1},
        {"name": "Văn bản ủy quyền (trường hợp ủy quyền)", "form": "certified_copy", "quantity": 1},
        {"name": "Giấy tờ chứng minh nơi cư trú, nếu có", "form": "copy", "quantity": 1},
    ]
    procedure.save()
    html = client.get(f"{URL}thu-tuc/{procedure.pk}/").content.decode()
    assert [row[:2] for row in checklist(html)[:3]] == [
        (True, "Tờ khai đăng ký khai sinh theo mẫu"),
        (False, "Văn bản ủy quyền (trường hợp ủy quyền)"),
        (False, "Giấy tờ chứng minh nơi cư trú, nếu có"),
    ]


def test_a_procedure_without_papers_offers_four_blank_rows(client, birth_with_papers):
    html = client.get(f"{URL}thu-tuc/{birth_with_papers.marriage.pk}/").content.decode()
    assert checklist(html) == [(False, "", "original", "1")] * 4
    assert "bỏ trống các dòng không dùng" in html


def checklist_post(counter, **rows):
    """The intake form as the pre-filled page posts it, with row changes: comp-N-part=value (None drops a key)."""
    data = good(counter, **{"comp-0-name": None, "comp-0-form": None, "comp-0-quantity": None,
                            "comp-1-name": None, "comp-1-form": None, "comp-1-quantity": None})
    data["comp-checklist"] = "1"
    for n, paper in enumerate(BIRTH_PAPERS):
        data.update({f"comp-{n}-received": "1", f"comp-{n}-listed": "1", f"comp-{n}-name": paper["name"],
                     f"comp-{n}-form": paper["form"], f"comp-{n}-quantity": str(paper["quantity"])})
    for n in (3, 4):
        data.update({f"comp-{n}-received": "1", f"comp-{n}-name": "", f"comp-{n}-form": "original", f"comp-{n}-quantity": "1"})
    data.update({key.replace("_", "-"): value for key, value in rows.items()})
    return {k: v for k, v in data.items() if v is not None}


def test_the_dossier_keeps_the_ticked_papers_with_the_officers_changes(client, birth_with_papers):
    data = checklist_post(
        birth_with_papers,
        comp_1_form="copy",  # the citizen brought a copy of the birth certificate
        comp_2_received=None,  # no authorisation: the parent came in person
        comp_3_name="Giấy xác nhận cư trú",  # a paper the catalog does not list
        comp_3_form="certified_copy",
    )
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Dossier.objects.get().components == [
        {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1},
        {"name": "Giấy chứng sinh", "form": "copy", "quantity": 1},
        {"name": "Giấy xác nhận cư trú", "form": "certified_copy", "quantity": 1},
    ]


def test_a_row_added_in_the_page_is_read(client, birth_with_papers):
    # The page's "Thêm dòng giấy tờ" numbers new rows after the last one: here row 5.
    data = checklist_post(birth_with_papers, comp_5_received="1", comp_5_name="Sổ hộ khẩu", comp_5_form="copy", comp_5_quantity="1")
    assert client.post(URL, data).status_code == 302
    assert [c["name"] for c in Dossier.objects.get().components][-1] == "Sổ hộ khẩu"


def test_a_refused_form_shows_the_checklist_as_the_officer_left_it(client, birth_with_papers):
    data = checklist_post(birth_with_papers, comp_2_received=None, comp_3_name="Giấy xác nhận cư trú", comp_3_quantity="0")
    response = client.post(URL, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Số lượng phải là số nguyên từ 1 đến 99." in html
    assert checklist(html) == [
        (True, "Tờ khai đăng ký khai sinh theo mẫu", "original", "1"),
        (True, "Giấy chứng sinh", "original", "1"),
        (False, "Văn bản ủy quyền có chứng thực", "certified_copy", "2"),
        (True, "Giấy xác nhận cư trú", "original", "0"),
        (True, "", "original", "1"),
    ]
    assert Dossier.objects.count() == 0


def test_unticked_bad_row_is_not_checked(client, birth_with_papers):
    # A paper not brought is not part of the dossier: its quantity cannot block the intake.
    data = checklist_post(birth_with_papers, comp_2_received=None, comp_2_quantity="abc")
    assert client.post(URL, data).status_code == 302
    assert len(Dossier.objects.get().components) == 2


def test_rows_past_the_limit_are_ignored(client, birth_with_papers):
    data = checklist_post(birth_with_papers, comp_60_received="1", comp_60_name="Giấy thừa", comp_60_form="original")
    assert client.post(URL, data).status_code == 302
    assert "Giấy thừa" not in [c["name"] for c in Dossier.objects.get().components]
