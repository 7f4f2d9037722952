"""The papers (thành phần hồ sơ) on a procedure's edit page: listed, reordered, added, removed, checked, in the history."""

from motcua.administration.models import ChangeRecord
from motcua.catalog.models import Procedure
from tests.administration.conftest import section
from tests.administration.test_catalog import edit_url, post_data, snapshot

PAPERS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1},
    {"name": "Giấy chứng sinh", "form": "original", "quantity": 1},
]


def with_papers(procedure, rows):
    """The edit form as posted, with the papers' rows: dicts of position, name, form, quantity, DELETE."""
    data = post_data(procedure)
    data.update({
        "components-TOTAL_FORMS": len(rows),
        "components-INITIAL_FORMS": len(procedure.components),
        "components-MIN_NUM_FORMS": 0,
        "components-MAX_NUM_FORMS": 1000,
    })
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"components-{i}-{key}"] = "on" if value is True else value
    return data


def give_papers(env):
    env.procedure.components = PAPERS
    env.procedure.save(update_fields=["components"])


def stored(env):
    return Procedure.objects.get(pk=env.procedure.pk).components


def test_the_edit_page_lists_the_papers_with_blank_rows_to_add(as_admin, env):
    give_papers(env)
    response = as_admin.get(edit_url(env.procedure))
    html = response.content.decode()
    assert "Thành phần hồ sơ" in html
    assert 'name="components-0-name" value="Tờ khai đăng ký khai sinh theo mẫu"' in html
    assert 'name="components-1-name" value="Giấy chứng sinh"' in html
    assert len(section(response, "components").formset.forms) == 4  # two papers, two blank rows
    assert 'name="components-TOTAL_FORMS" value="4"' in html


def test_papers_are_reordered_changed_removed_and_added_and_recorded(as_admin, env):
    give_papers(env)
    rows = [
        {"position": 2, "name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1, "DELETE": True},
        {"position": 1, "name": "Giấy chứng sinh", "form": "copy", "quantity": 2},
        {"position": "", "name": "Văn bản ủy quyền", "form": "certified_copy", "quantity": ""},  # one, by default
        {"position": "", "name": "", "form": "original", "quantity": 1},  # unused extra row
    ]
    response = as_admin.post(edit_url(env.procedure), with_papers(env.procedure, rows))
    assert response.status_code == 302
    assert stored(env) == [
        {"name": "Giấy chứng sinh", "form": "copy", "quantity": 2},
        {"name": "Văn bản ủy quyền", "form": "certified_copy", "quantity": 1},
    ]
    record = ChangeRecord.objects.get(object_kind="procedure")
    assert record.action == "sửa thủ tục"
    assert record.details == {
        "components": [
            ["Tờ khai đăng ký khai sinh theo mẫu (bản chính, 1)", "Giấy chứng sinh (bản chính, 1)"],
            ["Giấy chứng sinh (bản sao, 2)", "Văn bản ủy quyền (bản sao chứng thực, 1)"],
        ]
    }
    page = as_admin.get(edit_url(env.procedure)).content.decode()
    assert (
        "<b>thành phần hồ sơ</b>: Tờ khai đăng ký khai sinh theo mẫu (bản chính, 1); Giấy chứng sinh (bản chính, 1)"
        " → Giấy chứng sinh (bản sao, 2); Văn bản ủy quyền (bản sao chứng thực, 1)"
    ) in page


def test_repeated_paper_is_refused_and_nothing_changes(as_admin, env):
    give_papers(env)
    before = snapshot(env.procedure), stored(env)
    rows = [dict(PAPERS[0], position=1), dict(PAPERS[1], position=2), {"position": 3, "name": "giấy  chứng sinh", "form": "copy", "quantity": 1}]
    response = as_admin.post(edit_url(env.procedure), with_papers(env.procedure, rows))
    assert response.status_code == 200
    assert section(response, "components").formset.forms[2].errors["name"] == ['lặp lại giấy tờ "giấy  chứng sinh" ở dòng 2']
    assert 'href="#id_components-2-name"' in response.content.decode()
    assert (snapshot(env.procedure), stored(env)) == before


def test_bad_rows_get_their_message_beside_the_field(as_admin, env):
    before = snapshot(env.procedure)
    rows = [
        {"position": 1, "name": "x" * 301, "form": "original", "quantity": 1},
        {"position": 2, "name": "Giấy chứng sinh", "form": "photo", "quantity": 1},
        {"position": 3, "name": "Tờ khai", "form": "original", "quantity": 100},
    ]
    response = as_admin.post(edit_url(env.procedure), with_papers(env.procedure, rows))
    assert response.status_code == 200
    forms = section(response, "components").formset.forms
    # The procedures.jsonl loader's messages (motcua.exchange.schema), without the field's name.
    assert forms[0].errors["name"] == ['dài quá 300 ký tự: "' + "x" * 76 + '…']
    assert forms[1].errors["form"] == ['có giá trị không hợp lệ "photo" (cho phép: original, copy, certified_copy)']
    assert forms[2].errors["quantity"] == ["phải là số nguyên từ 1 đến 99, nhận được 100"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert snapshot(env.procedure) == before


def test_a_post_without_the_papers_rows_keeps_them(as_admin, env):
    give_papers(env)
    response = as_admin.post(edit_url(env.procedure), post_data(env.procedure, fee="Miễn lệ phí"))
    assert response.status_code == 302
    assert stored(env) == PAPERS
    assert "components" not in ChangeRecord.objects.get(object_kind="procedure").details


def test_the_action_refuses_bad_papers_whoever_calls_it(env):
    import pytest

    from motcua.administration.procedure_saving import ProcedureInvalid, do_save_procedure, procedure_line

    line = procedure_line(env.procedure) | {"components": [{"name": "Tờ khai", "form": "original", "quantity": 0}]}
    with pytest.raises(ProcedureInvalid) as refused:
        do_save_procedure(env.admin, env.procedure, line, [], None)
    assert [str(r) for r in refused.value.reasons] == [
        'trường "components[0].quantity" phải là số nguyên từ 1 đến 99, nhận được 0'
    ]
    assert stored(env) == []
