"""The form builder of a procedure's own data: one Django field per definition, and back to the values a dossier keeps."""

from django import forms

from motcua.catalog.data_fields import check_definitions
from motcua.catalog.data_forms import data_form_fields, data_values
from motcua.core.forms import CleanTextMixin

DEFINITIONS, _ = check_definitions([
    {"key": "document_name", "label": "Tên giấy tờ cần chứng thực", "type": "text", "required": True, "max": 300},
    {"key": "pages", "label": "Số trang", "type": "integer", "required": True, "min": 1, "max": 500},
    {"key": "issued_on", "label": "Ngày cấp", "type": "date", "min": "1950-01-01", "max": "today"},
    {"key": "kind", "label": "Loại bản", "type": "choice", "choices": [{"value": "a4", "label": "Khổ A4"}]},
    {"key": "urgent", "label": "Lấy ngay", "type": "boolean", "required": True},
])


class PortalLikeForm(CleanTextMixin, forms.Form):
    """How a page uses the builder: its own fields, then the procedure's."""

    def __init__(self, *args, definitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(data_form_fields(definitions))


def test_each_type_gets_its_field_with_the_catalogs_label_and_bounds():
    fields = data_form_fields(DEFINITIONS)
    assert list(fields) == ["data__document_name", "data__pages", "data__issued_on", "data__kind", "data__urgent"]
    assert isinstance(fields["data__document_name"], forms.CharField) and fields["data__document_name"].max_length == 300
    assert (fields["data__pages"].min_value, fields["data__pages"].max_value) == (1, 500)
    assert fields["data__issued_on"].widget.input_type == "date"
    assert fields["data__issued_on"].widget.attrs["min"] == "1950-01-01" and "max" not in fields["data__issued_on"].widget.attrs
    assert fields["data__kind"].choices[1] == ("a4", "Khổ A4")
    # An unticked box is "no": a boolean is never required to be ticked.
    assert fields["data__urgent"].required is False
    assert fields["data__pages"].label == "Số trang"


def test_cleaned_data_maps_back_to_json_values():
    form = PortalLikeForm(
        {"data__document_name": " Giấy khai sinh ", "data__pages": "2", "data__issued_on": "05/03/2024", "data__kind": ""},
        definitions=DEFINITIONS,
    )
    assert form.is_valid(), form.errors
    # A date becomes its ISO day; an empty choice is left out; the unticked box is false.
    assert data_values(DEFINITIONS, form.cleaned_data) == {
        "document_name": "Giấy khai sinh", "pages": 2, "issued_on": "2024-03-05", "urgent": False,
    }


def test_bad_input_is_refused_in_vietnamese_next_to_its_field():
    form = PortalLikeForm(
        {"data__document_name": "", "data__pages": "0", "data__issued_on": "1949-12-31", "data__kind": "a3"},
        definitions=DEFINITIONS,
    )
    assert not form.is_valid()
    assert form.errors == {
        "data__document_name": ["Cần ghi mục này."],
        "data__pages": ["Không được nhỏ hơn 1."],
        "data__issued_on": ["Không được trước ngày 01/01/1950."],
        "data__kind": ["Lựa chọn «a3» không có trong danh sách."],
    }
