"""units.jsonl: references in any order, levels, validity, cycles, upsert."""

import pytest

from .conftest import UNITS, lines
from motcua.exchange.loading import load_jsonl
from motcua.units.models import Unit


def load(*objs):
    return load_jsonl("units", lines(*objs))


@pytest.mark.django_db
def test_parents_and_successors_may_come_later_in_the_file():
    report = load(
        {"code": "16003", "name": "Xã Hoằng Lưu", "level": "commune", "parent": "388", "agency_id": "H56.20.03",
         "valid_from": "2008-01-01", "valid_to": "2025-06-30", "successors": ["16999"]},
        {"code": "388", "name": "Huyện Hoằng Hóa", "level": "district", "parent": "38", "agency_id": "H56.20"},
        {"code": "38", "name": "Tỉnh Thanh Hóa", "level": "province", "parent": None, "agency_id": "H56"},
        {"code": "16999", "name": "Phường Hoằng Hóa", "level": "commune", "parent": "38", "valid_from": "2025-07-01"},
    )
    assert report.ok, report.error_lines()
    assert report.summary() == "đã nạp 4 đơn vị mới, 0 cập nhật, 0 không đổi"
    paths = dict(Unit.objects.values_list("code", "path"))
    assert paths == {"38": "38/", "388": "38/388/", "16003": "38/388/16003/", "16999": "38/16999/"}
    commune = Unit.objects.get(code="16003")
    assert [u.code for u in commune.successors.all()] == ["16999"]
    assert str(commune.valid_to) == "2025-06-30"
    assert commune.level.code == "commune"
    assert commune.parent.code == "388"


@pytest.mark.django_db
def test_references_to_units_already_in_the_database(units):
    report = load({"code": "16005", "name": "Xã Hoằng Đạo", "level": "commune", "parent": "388", "successors": ["16004"]})
    assert report.ok, report.error_lines()
    assert Unit.objects.get(code="16005").path == "38/388/16005/"


@pytest.mark.django_db
def test_bad_unit_lines():
    report = load(
        {"code": "38", "name": "Tỉnh Thanh Hóa", "level": "province"},  # 1 good
        {"code": "388", "name": "Huyện", "level": "county", "parent": "38"},  # 2 unknown level
        {"code": "389", "name": "Huyện", "level": "district", "parent": "37"},  # 3 unknown parent
        {"code": "390", "name": "Huyện", "level": "district", "parent": "38", "successors": ["391"]},  # 4 unknown successor
        {"code": "392", "name": "Huyện", "level": "district", "valid_from": "2020-01-01", "valid_to": "2019-12-31"},  # 5
        {"code": "393", "name": "Huyện", "level": "district", "valid_from": "2020-13-01"},  # 6 bad date
        {"code": "394", "name": "Huyện", "level": "district", "population": 5},  # 7 unknown field
        {"code": "38", "name": "Tỉnh khác", "level": "province"},  # 8 duplicate
        {"name": "Huyện", "level": "district"},  # 9 no code
        {"code": "3/9", "name": "Huyện", "level": "district"},  # 10 slash
    )
    assert report.error_lines() == [
        'line 2: trường "level" có giá trị không hợp lệ "county" (cho phép: province, district, commune)',
        'line 3: trường "parent" tham chiếu đơn vị không có trong tệp và hệ thống "37"',
        'line 4: trường "successors[0]" tham chiếu đơn vị không có trong tệp và hệ thống "391"',
        'line 5: trường "valid_to" (2019-12-31) sớm hơn "valid_from" (2020-01-01)',
        'line 6: trường "valid_from" không phải ngày hợp lệ dạng YYYY-MM-DD: "2020-13-01"',
        'line 7: trường không xác định "population"',
        'line 8: mã đơn vị "38" trùng với dòng 1',
        'line 9: thiếu trường bắt buộc "code"',
        'line 10: trường "code" không được chứa ký tự "/": "3/9"',
    ]
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_parent_cycles_are_errors():
    report = load(
        {"code": "A", "name": "A", "level": "province", "parent": "C"},
        {"code": "B", "name": "B", "level": "district", "parent": "A"},
        {"code": "C", "name": "C", "level": "commune", "parent": "B"},
        {"code": "D", "name": "D", "level": "commune", "parent": "D"},
        {"code": "E", "name": "E", "level": "commune", "parent": "A"},
    )
    assert [n for n, _ in report.errors] == [1, 2, 3, 4]
    assert report.errors[0][1] == "đơn vị cấp trên tạo thành vòng lặp: A → C → B → A"
    assert report.errors[3][1] == 'trường "parent" không được là chính đơn vị "D"'
    assert Unit.objects.count() == 0


@pytest.mark.django_db
def test_a_cycle_through_the_database_is_an_error(units):
    # 38 is in the database; making it a child of its own commune closes a loop.
    report = load({"code": "38", "name": "Tỉnh Thanh Hóa", "level": "province", "parent": "16003", "agency_id": "H56"})
    assert report.error_lines() == ["line 1: đơn vị cấp trên tạo thành vòng lặp: 38 → 16003 → 388 → 38"]
    assert Unit.objects.get(code="38").parent is None


@pytest.mark.django_db
def test_successor_cycles_are_errors():
    report = load(
        {"code": "A", "name": "A", "level": "commune", "successors": ["B"]},
        {"code": "B", "name": "B", "level": "commune", "successors": ["A"]},
        {"code": "C", "name": "C", "level": "commune", "successors": ["A"]},
    )
    assert report.error_lines() == [
        "line 1: đơn vị kế thừa tạo thành vòng lặp: A → B → A",
        "line 2: đơn vị kế thừa tạo thành vòng lặp: B → A → B",
    ]


@pytest.mark.django_db
def test_reloading_is_unchanged_and_changes_update(units):
    again = load(*UNITS)
    assert again.summary() == "đã nạp 0 đơn vị mới, 0 cập nhật, 6 không đổi"
    moved = [dict(u) for u in UNITS]
    # 16003 moves from district 388 straight under the province, with a new name and a successor.
    moved[2].update(parent="38", name="Phường Hoằng Lưu", successors=["16004"])
    report = load(*moved)
    assert report.summary() == "đã nạp 0 đơn vị mới, 1 cập nhật, 5 không đổi"
    unit = Unit.objects.get(code="16003")
    assert (unit.name, unit.path, [u.code for u in unit.successors.all()]) == ("Phường Hoằng Lưu", "38/16003/", ["16004"])


@pytest.mark.django_db
def test_moving_a_unit_moves_the_paths_of_the_units_below_it(units):
    report = load({"code": "388", "name": "Huyện Hoằng Hóa", "level": "district", "parent": "40", "agency_id": "H56.20"})
    assert report.summary() == "đã nạp 0 đơn vị mới, 1 cập nhật, 0 không đổi"
    assert Unit.objects.get(code="16004").path == "40/388/16004/"
    assert sorted(u.code for u in Unit.objects.get(code="40").subtree()) == ["16003", "16004", "17001", "388", "40"]
