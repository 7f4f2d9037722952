"""The masking rule of public pages, worked by hand on Vietnamese names."""

from motcua.lib.masking import last_digits, mask_id_tail, mask_name, mask_phone_tail


def test_names_keep_the_family_name_and_initials():
    assert mask_name("Nguyễn Văn An") == "Nguyễn V** A*"
    assert mask_name("Lê Thị Ánh Tuyết") == "Lê T** Á** T****"
    assert mask_name("Đặng Ngọc") == "Đặng N***"
    # Decomposed accents (e.g. pasted from a Mac) count one letter each.
    assert mask_name("Nguye\u0302\u0303n Va\u0306n") == "Nguyễn V**"
    # Extra spaces typed at the counter do not show.
    assert mask_name("  Trần   Văn  Ơn ") == "Trần V** Ơ*"


def test_one_word_names_keep_only_their_initial():
    assert mask_name("Lan") == "L**"
    assert mask_name("Ý") == "Ý"
    assert mask_name("") == "" and mask_name(None) == ""


def test_id_and_phone_keep_only_their_tails():
    assert mask_id_tail("038090001234") == "********1234"
    assert mask_phone_tail("0912345890") == "*******890"
    assert mask_phone_tail("0912 345 890") == "*******890"
    assert mask_id_tail("123") == "***"
    assert mask_id_tail("") == ""


def test_last_digits_ignore_separators():
    assert last_digits("0912.345.678") == "5678"
    assert last_digits("038090001234") == "1234"
    assert last_digits("123") == ""
    assert last_digits(None) == ""
