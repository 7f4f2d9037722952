"""Fee quotes worked by hand: per page × copies, per copy, per dossier, exemptions by group; the fee-line check."""

import pytest

from motcua.payments.fees import FeeInputError, amount_due, amount_due_for_lines, dong, parse_fee_text, validate_fee_lines

PAGE_ONLY = [{"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"}]


def test_three_pages_two_copies_at_2000_per_page_is_12000():
    quote = amount_due_for_lines(PAGE_ONLY, copies=2, pages=3)
    # 3 pages × 2 copies = 6 pages charged; 6 × 2.000 = 12.000 đ.
    assert [(line.units, line.total) for line in quote.lines] == [(6, 12000)]
    assert quote.total == 12000
    assert dong(quote.total) == "12.000 đ"


def test_every_kind_of_line_together(certify):
    quote = amount_due(certify, copies=2, pages=3)
    # page: 2.000 × (3 × 2) = 12.000; copy: 3.000 × 2 = 6.000; dossier: 5.000 × 1 = 5.000; total 23.000.
    assert [(line.per, line.units, line.total) for line in quote.lines] == [("page", 6, 12000), ("copy", 2, 6000), ("dossier", 1, 5000)]
    assert quote.total == 23000
    assert quote.as_dict()["lines"][0] == {
        "name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page", "units": 6, "total": 12000, "exempt": False
    }


def test_a_poor_household_does_not_pay_the_lines_it_is_exempt_from(certify, poor):
    quote = amount_due(certify, copies=2, pages=3, group=poor)
    # The per-page line is waived: 0 + 6.000 + 5.000 = 11.000 đ.
    assert [line.exempt for line in quote.lines] == [True, False, False]
    assert quote.total == 11000 and quote.group == "ho-ngheo"
    # A group with no exemption for this procedure pays everything: 23.000 đ.
    assert amount_due(certify, copies=2, pages=3, group="tre-em-duoi-6-tuoi").total == 23000


def test_no_fee_lines_cost_nothing(certify):
    certify.fees = None
    assert amount_due(certify).total == 0 and amount_due(certify).lines == ()


@pytest.mark.parametrize("copies, pages", [(0, 1), (1, 0), ("hai", 1), (1, 10000), (True, 1)])
def test_copies_and_pages_must_be_whole_numbers_from_1(copies, pages):
    with pytest.raises(FeeInputError):
        amount_due_for_lines(PAGE_ONLY, copies=copies, pages=pages)


def test_validate_fee_lines_names_every_wrong_line():
    lines, errors = validate_fee_lines(
        [
            {"name": "  Lệ phí   chứng thực ", "amount": 2000, "per": "page"},
            {"name": "Phí", "amount": -5, "per": "copy"},
            {"name": "Khác", "amount": 1000, "per": "tờ"},
        ]
    )
    assert lines == []
    assert errors == [
        "dòng phí 2: số tiền phải là số nguyên đồng từ 0 đến 1.000.000.000, nhận được -5",
        "dòng phí 3: đơn vị tính phải là hồ sơ (dossier), bản (copy) hoặc trang (page), nhận được 'tờ'",
    ]
    lines, errors = validate_fee_lines([{"name": "  Lệ phí   chứng thực ", "amount": 2000, "per": "page"}])
    assert errors == [] and lines == [{"name": "Lệ phí chứng thực", "amount": 2000, "per": "page"}]


def test_fee_lines_typed_on_the_administration_page():
    lines, errors = parse_fee_text("Lệ phí chứng thực bản sao | 2.000 | trang\n\nPhí hồ sơ | 5000 đ | hồ sơ\n")
    assert errors == []
    assert lines == [
        {"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"},
        {"name": "Phí hồ sơ", "amount": 5000, "per": "dossier"},
    ]
    assert parse_fee_text("Lệ phí | hai nghìn | trang")[1] == ["dòng 1: số tiền «hai nghìn» phải là số nguyên đồng"]
    assert parse_fee_text("Lệ phí 2000 trang")[1] == ["dòng 1: cần ghi «tên khoản | số tiền | hồ sơ, bản hoặc trang»"]
