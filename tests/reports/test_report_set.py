"""`motcua report set`: values are checked against their row's kind and legend; one bad pair saves nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from motcua.reports.models import ManualValue
from tests.factories import make_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune(db):
    return make_tree()[2]


def report_set(*pairs, unit="16003", period="2023-Q2"):
    out = io.StringIO()
    call_command("report", "set", "--unit", unit, "--period", period, *pairs, stdout=out)
    return out.getvalue().strip()


def refused(*pairs, **kwargs) -> str:
    with pytest.raises(CommandError) as caught:
        report_set(*pairs, **kwargs)
    return str(caught.value)


def test_good_values_are_saved(commune):
    message = report_set("1.1.1=28", "1.5=Có", "7.2.3.a=100", "1.1=252/QĐ-UBND ngày 30/12/2022")
    assert message == "đã lưu 4 giá trị của Xã Hoằng Lưu (16003) kỳ 2023-Q2"
    saved = {v.code: (v.number, v.text) for v in ManualValue.objects.all()}
    assert saved["1.1.1"][0] == 28 and saved["1.5"][0] == 1 and saved["7.2.3.a"][0] == 100
    assert saved["1.1"][1] == "252/QĐ-UBND ngày 30/12/2022"
    assert ManualValue.objects.get(code="1.1.1").period_label == "2023-Q2"


def test_setting_again_replaces_the_value(commune):
    report_set("1.1.1=28")
    report_set("1.1.1=30")
    assert [int(v.number) for v in ManualValue.objects.all()] == [30]


@pytest.mark.parametrize(
    "pair, named",
    [
        ("1.5=3", "1.5 chỉ nhận Không = 0, Có = 1"),
        ("6.1=có lẽ", "6.1 chỉ nhận Có = 1, Không = 0"),
        ("1.1.1=-1", "1.1.1 phải là số nguyên không âm"),
        ("1.1.1=2.5", "1.1.1 phải là số nguyên không âm"),
        ("4.1.4=100.5", "4.1.4 = 100.5: tỷ lệ phần trăm phải từ 0 đến 100"),
        ("4.1.4=-1", "4.1.4 = -1: tỷ lệ phần trăm phải từ 0 đến 100"),
        ("4.1.4=nhiều", "4.1.4 phải là tỷ lệ phần trăm"),
        ("3.3.1=5", "3.3.1 được tính tự động (nguồn: dossiers)"),
        ("3.1.3=187", "3.1.3 được tính tự động (nguồn: catalog)"),
        ("1.4.1=10", "1.4.1 được tính tự động (nguồn: register + dossiers)"),
        ("3.3=1", "3.3 là đề mục"),
        ("9.9=1", "không có chỉ tiêu 9.9"),
        ("1.1.1", "“1.1.1” không đúng dạng CHỈ_TIÊU=GIÁ_TRỊ"),
    ],
)
def test_bad_pair_is_named_and_nothing_is_saved(commune, pair, named):
    message = refused("2.1=1", pair, "6.2=1")
    assert message.startswith("không lưu giá trị nào: ")
    assert named in message
    assert "\n" not in message
    assert not ManualValue.objects.exists()


def test_every_bad_pair_is_listed(commune):
    message = refused("1.5=3", "1.1.2=-4", "3.3.1=5")
    assert message.count(";") == 2
    assert "1.5" in message and "1.1.2" in message and "3.3.1" in message


def test_a_code_given_twice_is_refused(commune):
    assert "1.1.1 được nhập hai lần" in refused("1.1.1=28", "1.1.1=29")
    assert not ManualValue.objects.exists()


def test_unknown_unit_and_bad_period(commune):
    assert refused("1.1.1=28", unit="99999") == "không tìm thấy đơn vị có mã 99999"
    assert "kỳ báo cáo không hợp lệ" in refused("1.1.1=28", period="2023-Q5")
    assert not ManualValue.objects.exists()
