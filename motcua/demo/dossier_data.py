"""Plausible values of the demo procedures' own data fields (procedures.jsonl `data_fields`) for generated dossiers.

Drawn from their own random stream (seeded by the dossier's code) and their
own Faker: adding them leaves every other generated value as it was.
"""

from __future__ import annotations

import datetime as dt
import random

from faker import Faker

CHILD_MIDDLE = {"nam": ("Văn", "Đức", "Minh", "Gia", "Quang", "Hoàng", "Bảo"), "nu": ("Thị", "Ngọc", "Thu", "Minh", "Khánh", "Bảo", "Phương")}
COPIED_PAPERS = (
    ("Căn cước công dân", 1),
    ("Giấy khai sinh", 1),
    ("Bằng tốt nghiệp trung học phổ thông", 1),
    ("Sổ hộ khẩu", 8),
    ("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất", 4),
    ("Học bạ trung học phổ thông", 16),
    ("Giấy chứng nhận kết hôn", 1),
    ("Bằng tốt nghiệp đại học", 1),
)
DEATH_CAUSES = ("Bệnh già", "Tai biến mạch máu não", "Nhồi máu cơ tim", "Ung thư phổi", "Tai nạn giao thông", "")
RELATIONSHIPS = ("Con", "Con", "Vợ", "Chồng", "Cháu", "Anh", "Em")

_fake: Faker | None = None


def _faker() -> Faker:
    global _fake
    if _fake is None:
        _fake = Faker("vi_VN")
    return _fake


def demo_data(procedure_code: str, code: str, received: dt.date, applicant: dict, place: str) -> dict | None:
    """Return the `data` of a generated dossier of `procedure_code`, or None when the procedure defines none here."""
    maker = _MAKERS.get(procedure_code)
    if maker is None:
        return None
    rng = random.Random(f"motcua-demo-data:{code}")
    fake = _faker()
    fake.seed_instance(rng.getrandbits(64))
    return maker(rng, fake, received, applicant, place)


def _person(rng, fake, sex: str, last: str | None = None) -> str:
    first = fake.first_name_female() if sex == "nu" else fake.first_name_male()
    return f"{last or fake.last_name()} {rng.choice(CHILD_MIDDLE[sex])} {first}"


def _commune(place: str) -> str:
    return place.split(",")[0]


def _birth(rng, fake, received, applicant, place) -> dict:
    sex = rng.choice(("nam", "nu"))
    parent = applicant.get("name", "")
    # The CCCD's fourth digit tells the holder's sex: odd for a woman (Thông tư 59/2021/TT-BCA).
    number = applicant.get("id_number", "")
    parent_is_mother = len(number) > 3 and number[3].isdigit() and int(number[3]) % 2 == 1
    father = _person(rng, fake, "nam") if parent_is_mother else parent
    mother = parent if parent_is_mother else _person(rng, fake, "nu")
    born = received - dt.timedelta(days=rng.randint(1, 58))
    province = place.split(", ")[-1]
    birth_place = rng.choice(
        (f"Trạm Y tế {_commune(place)}", f"Bệnh viện Đa khoa {province}", f"Trung tâm Y tế {place.split(', ')[1] if ', ' in place else province}")
    )
    data = {
        "child_name": _person(rng, fake, sex, father.split()[0] if father else None),
        "child_sex": sex,
        "birth_date": born.isoformat(),
        "birth_place": birth_place,
        "ethnicity": "Kinh" if rng.random() < 0.97 else rng.choice(("Mường", "Thái")),
        "mother_name": mother,
    }
    if rng.random() < 0.98:
        data["father_name"] = father
    return data


def _copies(rng, fake, received, applicant, place) -> dict:
    name, pages = rng.choice(COPIED_PAPERS)
    return {"document_name": name, "pages": pages, "copies": rng.choice((1, 1, 2, 2, 3, 4, 5))}


def _death(rng, fake, received, applicant, place) -> dict:
    sex = rng.choice(("nam", "nu"))
    data = {
        "deceased_name": _person(rng, fake, sex),
        "deceased_sex": sex,
        "death_date": (received - dt.timedelta(days=rng.randint(0, 14))).isoformat(),
        "death_place": rng.choice((f"Tại nhà, thôn {rng.randint(1, 12)}, {place}", f"Trạm Y tế {_commune(place)}")),
        "relationship": rng.choice(RELATIONSHIPS),
    }
    cause = rng.choice(DEATH_CAUSES)
    if cause:
        data["death_cause"] = cause
    return data


_MAKERS = {"1.001193": _birth, "2.000815": _copies, "1.000656": _death}
