"""The input rule on every web form: control and bidi characters refused naming the field, zero-width dropped."""

import importlib
import pkgutil

import pytest
from django import forms

import motcua
from motcua.core.forms import CleanTextMixin
from motcua.desk.action_forms import NoteForm


def all_form_classes():
    for module in pkgutil.walk_packages(motcua.__path__, "motcua."):
        if ".migrations" in module.name or module.name.endswith(("admin", "__main__")):
            continue
        importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    # The Django admin's forms (superusers only) are left to Django.
    return {c for c in below(forms.BaseForm) if c.__module__.startswith("motcua.") and not c.__module__.endswith(".admin")}


def test_every_form_of_the_project_applies_the_rule():
    found = all_form_classes()
    assert len(found) > 30
    missing = sorted(f"{c.__module__}.{c.__qualname__}" for c in found if not issubclass(c, CleanTextMixin))
    assert missing == []


class NameForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label="Họ và tên")
    secret = forms.CharField(widget=forms.PasswordInput, required=False)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("An\x01", "“Họ và tên” chứa ký tự điều khiển (U+0001), không được phép."),
        ("\u202eAn", "“Họ và tên” chứa ký tự điều khiển hướng chữ (U+202E), không được phép."),
        ("An\tBình", "“Họ và tên” chỉ được viết trên một dòng (có ký tự xuống dòng hoặc tab U+0009)."),
    ],
)
def test_control_character_is_refused_naming_the_field(typed, message):
    form = NameForm(data={"name": typed})
    assert not form.is_valid()
    assert form.errors["name"] == [message]


def test_zero_width_is_dropped_and_a_password_is_left_as_typed():
    form = NameForm(data={"name": "Nguy\u200bễn An", "secret": "a\u200bb"})
    assert form.is_valid()
    assert form.cleaned_data == {"name": "Nguyễn An", "secret": "a\u200bb"}


@pytest.mark.django_db
def test_multi_line_field_keeps_line_breaks_and_loses_zero_width():
    form = NoteForm(data={"note": "Dòng 1\r\nDòng\u200b 2"}, dossier=None)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "Dòng 1\r\nDòng 2"
    form = NoteForm(data={"note": "\u202eDòng"}, dossier=None)
    assert not form.is_valid()
    assert "ký tự điều khiển hướng chữ (U+202E)" in form.errors["note"][0]


def test_the_message_in_english():
    from django.utils import translation

    with translation.override("en"):
        form = NameForm(data={"name": "An\x01"})
        assert not form.is_valid()
        assert form.errors["name"] == ["“Họ và tên” contains a control character (U+0001), which is not allowed."]
