"""The .po → .mo compiler that lets the English pages work without GNU gettext."""

import gettext
import io
import os

import pytest

from motcua.core.catalogs import CatalogError, ensure_compiled, merge_catalogs, mo_bytes, read_po

PO = r'''
# comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Đăng nhập"
msgstr "Sign in"

msgid "Công dân tra cứu "
"hồ sơ"
msgstr "Citizens look up "
"dossiers"

#, fuzzy
msgid "Hồ sơ"
msgstr "Folder"

msgid "Báo cáo"
msgstr ""

msgid "Dấu \"nháy\"\tvà tab"
msgstr "A \"quote\"\tand tab"
'''


def test_read_po_keeps_translated_entries_joins_continuations_and_drops_fuzzy():
    messages = read_po(PO)
    assert messages["Đăng nhập"] == "Sign in"
    assert messages["Công dân tra cứu hồ sơ"] == "Citizens look up dossiers"
    assert "Hồ sơ" not in messages  # fuzzy
    assert "Báo cáo" not in messages  # untranslated
    assert messages['Dấu "nháy"\tvà tab'] == 'A "quote"\tand tab'
    assert messages[""].startswith("Content-Type")


def test_mo_bytes_read_back_by_python_gettext():
    catalog = gettext.GNUTranslations(io.BytesIO(mo_bytes(read_po(PO))))
    assert catalog.gettext("Đăng nhập") == "Sign in"
    assert catalog.gettext("Công dân tra cứu hồ sơ") == "Citizens look up dossiers"
    assert catalog.gettext("Hồ sơ") == "Hồ sơ"


def test_bad_po_names_the_line():
    with pytest.raises(CatalogError, match="dòng 2"):
        read_po('msgid "a"\nmsgstr b\n')


def test_ensure_compiled_writes_only_stale_catalogs(tmp_path):
    source, target = tmp_path / "src", tmp_path / "out"
    po = source / "en" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    assert ensure_compiled(source, target) == [target / "en" / "LC_MESSAGES" / "django.mo"]
    assert ensure_compiled(source, target) == []
    os.utime(po, (po.stat().st_mtime + 10, po.stat().st_mtime + 10))
    assert len(ensure_compiled(source, target)) == 1


def test_the_shipped_english_catalog_compiles():
    from django.conf import settings

    messages = read_po((settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "core.po").read_text(encoding="utf-8"))
    assert messages["Đăng xuất"] == "Sign out"


def test_several_po_files_of_a_language_merge_into_one_catalog(tmp_path):
    source, target = tmp_path / "src", tmp_path / "out"
    messages = source / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "core.po").write_text('msgid "Đăng nhập"\nmsgstr "Sign in"\n', encoding="utf-8")
    (messages / "portal.po").write_text('msgid "Tra cứu"\nmsgstr "Look up"\n\nmsgid "Đăng nhập"\nmsgstr "Sign in"\n', encoding="utf-8")
    [mo] = ensure_compiled(source, target)
    catalog = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    assert catalog.gettext("Đăng nhập") == "Sign in" and catalog.gettext("Tra cứu") == "Look up"


def test_one_msgid_translated_two_ways_is_reported_and_the_first_kept(tmp_path, caplog):
    source, target = tmp_path / "src", tmp_path / "out"
    messages = source / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "a.po").write_text('msgid "Hồ sơ"\nmsgstr "Dossier"\n', encoding="utf-8")
    (messages / "b.po").write_text('msgid "Hồ sơ"\nmsgstr "File"\n', encoding="utf-8")
    [mo] = ensure_compiled(source, target)
    assert "a.po và b.po" in caplog.text
    assert gettext.GNUTranslations(io.BytesIO(mo.read_bytes())).gettext("Hồ sơ") == "Dossier"


def test_shipped_catalogs_translate_each_message_one_way():
    from django.conf import settings

    for messages_dir in (settings.BASE_DIR / "locale").glob("*/LC_MESSAGES"):
        _, conflicts = merge_catalogs(sorted(messages_dir.glob("*.po")))
        assert conflicts == []


def test_msgctxt_entries_are_what_pgettext_looks_up():
    po = 'msgctxt "thao tác"\nmsgid "Phê duyệt"\nmsgstr "Approve"\n\nmsgid "Phê duyệt"\nmsgstr "Approved"\n'
    messages = read_po(po)
    catalog = gettext.GNUTranslations(io.BytesIO(mo_bytes({"": "Content-Type: text/plain; charset=UTF-8\n", **messages})))
    assert catalog.pgettext("thao tác", "Phê duyệt") == "Approve"
    assert catalog.gettext("Phê duyệt") == "Approved"
