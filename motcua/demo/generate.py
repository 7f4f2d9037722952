"""Deterministic generator of realistic demo dossiers, in the exchange format (docs/exchange.md).

Every dossier comes out as the JSON object of one `dossiers.jsonl` line, so the
demo goes through the same loader as a real province's export
(`load_jsonl("dossiers", dossier_lines(...))`).

Determinism: each (seed, unit, day) has its own random stream, so a day's
dossiers are the same whatever period they are generated in; `now` only cuts
them off: nothing is received after `now`, and what would happen after `now`
(resolution, return, rating, the arrival of supplementary papers) is left out,
which leaves the dossier open.

What the data looks like (per commune, see the constants below): about
150–250 dossiers a quarter (a merged post-2025 commune proportionally more),
mostly certification (chứng thực) and civil status (hộ tịch); received on
working days in working hours; counter first, online partial/full only for
procedures offered online at that level, a few by public post (BCCI); due
times from the committed duration (reduced, else legal) on the unit's
working-day calendar; ~5 % wait for supplementary papers, which moves the due
time by the working time spent waiting; ~2 % late with an apology issued
before the due time; a few refused or withdrawn; ~30 % rated.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from faker import Faker

from motcua.demo.dossier_data import demo_data
from motcua.demo.services import services_of

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_SEED = 2023
# The whole of these years is generated besides the last 12 months, so that
# reports of past periods (e.g. 2023-Q2, the seed report's quarter) have data.
DEFAULT_YEARS = (2023,)

# Dossiers a commune receives on an average working day: ~3.2 × ~62 working
# days ≈ 200 a quarter.
DAILY_MEAN = 3.2
# Communes bigger than average: a commune merged in 2025 serves the population
# of three or four old ones.
# Keyed by stable id: the new Xã Hoằng Châu holds Hoằng Lưu's code 15976 since 1 Jul 2025.
UNIT_VOLUME = {"16000": 2.4, "15976": 1.15, "15976-2025": 2.6}
MONTH_FACTOR = {1: 1.25, 2: 0.8, 3: 1.0, 4: 1.0, 5: 1.05, 6: 1.15, 7: 1.2, 8: 1.15, 9: 0.95, 10: 0.95, 11: 1.0, 12: 1.1}
WEEKDAY_FACTOR = {0: 1.2, 1: 1.05, 2: 1.0, 3: 1.0, 4: 0.85, 5: 0.7, 6: 0.7}

# How often each procedure is asked for, relative to the others; a procedure
# not listed weighs DEFAULT_WEIGHT. Certification of copies dominates, as in
# the seed report (172 of its 602 dossiers were electronic certified copies).
PROCEDURE_WEIGHTS = {
    "2.000815": 38.0,  # chứng thực bản sao
    "1.001193": 11.0,  # khai sinh
    "2.000635": 8.0,  # trích lục hộ tịch
    "2.000884": 7.0,  # chứng thực chữ ký
    "1.004873": 6.0,  # xác nhận tình trạng hôn nhân
    "1.000656": 4.5,  # khai tử
    "1.000894": 4.0,  # kết hôn
    "2.000987": 3.0,  # liên thông khai sinh - thường trú - BHYT
    "2.001035": 3.0,  # chứng thực hợp đồng, giao dịch
    "1.004859": 1.5,  # thay đổi, cải chính hộ tịch
    "1.001776": 1.5,  # trợ cấp xã hội hàng tháng
    "1.009994": 1.5,  # giấy phép xây dựng nhà ở riêng lẻ
    "1.004884": 1.0,  # đăng ký lại khai sinh
    "1.001731": 1.0,  # hỗ trợ mai táng
    "2.001406": 1.0,  # phân chia di sản
    "1.010833": 0.8,  # xác nhận thân nhân người có công
    "1.001022": 0.7,  # nhận cha, mẹ, con
    "1.001699": 0.7,  # xác định mức độ khuyết tật
    "1.004772": 0.5,  # khai sinh cho người đã có giấy tờ
    "1.008004": 0.5,  # chuyển đổi cơ cấu cây trồng
    "1.000748": 0.5,  # giấy khen cho gia đình
    "1.012812": 0.4,  # hòa giải tranh chấp đất đai
    "1.010803": 0.3,  # trợ cấp thờ cúng liệt sĩ
    "2.001019": 0.3,  # chứng thực di chúc
    "2.000913": 0.3,  # sửa đổi, hủy bỏ giao dịch
}
DEFAULT_WEIGHT = 0.1

# Procedures whose applicants are organisations, with the names they go by.
ORGANISATION_NAMES = {
    "1.000748": ("Ban Công tác Mặt trận thôn {n}", "Chi hội Phụ nữ thôn {n}", "Chi hội Nông dân thôn {n}"),
    "1.010736": ("Công ty TNHH Thủy sản {last} {place}", "Công ty cổ phần Xây dựng {place}"),
    "1.012971": ("Nhóm trẻ tư thục Hoa Sen thôn {n}", "Trường Mầm non tư thục Ánh Dương {place}"),
    "2.000794": ("Câu lạc bộ bóng chuyền thôn {n}", "Câu lạc bộ dưỡng sinh người cao tuổi thôn {n}"),
}

# Share of dossiers of an online procedure that arrive online, by year: the
# seed report's Q2/2023 had 370 online of 602 (partial 172, full 198).
ONLINE_SHARE = {
    "partial": {2022: 0.30, 2023: 0.42, 2024: 0.50, 2025: 0.56},
    "full": {2022: 0.40, 2023: 0.55, 2024: 0.62, 2025: 0.68},
}
ONLINE_SHARE_LATER = {"partial": 0.60, "full": 0.72}
POSTAL_SHARE = 0.03

WITHDRAWN_SHARE = 0.006
REFUSED_SHARE = 0.010
LATE_SHARE = 0.02
# ~5 % of all dossiers wait for supplementary papers: mostly the procedures
# that take days (a same-day one is usually completed at the counter).
SUPPLEMENT_SHARE_LONGER = 0.14
SUPPLEMENT_SHARE_SAME_DAY = 0.015
RATED_SHARE = 0.30

APOLOGY_REASONS = (
    "Cần xác minh thêm thông tin tại nơi cư trú trước đây của người yêu cầu",
    "Hồ sơ liên thông đang chờ kết quả của cơ quan cấp trên",
    "Công chức thụ lý đi tập huấn, chậm luân chuyển hồ sơ",
    "Phần mềm đăng ký, quản lý hộ tịch gặp sự cố, chưa cập nhật được dữ liệu",
)
MIDDLE_MALE = ("Văn", "Văn", "Văn", "Đức", "Xuân", "Hữu", "Ngọc", "Đình", "Quang", "Minh", "Công")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương")
# Birth-registration codes of other provinces some applicants were born in (Thông tư 59/2021/TT-BCA).
OTHER_BIRTH_PROVINCES = ("001", "040", "079", "037", "036", "042", "031")
PHONE_PREFIXES = ("086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
                  "088", "091", "094", "083", "084", "085", "089", "090", "093", "070", "076", "077")


@dataclass(frozen=True)
class _Procedure:
    code: str
    online: str
    duration_value: int | None
    duration_unit: str
    announced_on: dt.date | None
    abolished_on: dt.date | None
    weight: float
    fees: tuple = ()
    online_payment: bool = False
    paper_result: bool = False

    def in_force_on(self, day: dt.date) -> bool:
        return (self.announced_on is None or self.announced_on <= day) and (
            self.abolished_on is None or day < self.abolished_on
        )


# ---------------------------------------------------------------- periods


def last_twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """Return the 12 months ending on `today`, both ends included."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + dt.timedelta(days=1), today


def demo_periods(today: dt.date, years: Iterable[int] = DEFAULT_YEARS) -> list[tuple[dt.date, dt.date]]:
    """Return the demo's periods: the given whole years and the last 12 months, overlaps merged."""
    ranges = sorted([(dt.date(y, 1, 1), min(dt.date(y, 12, 31), today)) for y in years if dt.date(y, 1, 1) <= today])
    ranges.append(last_twelve_months(today))
    ranges.sort()
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# ---------------------------------------------------------------- public API


def generate_dossiers(
    units,
    periods: Iterable[tuple[dt.date, dt.date]],
    *,
    seed: int = DEFAULT_SEED,
    now: dt.datetime | None = None,
) -> Iterator[dict]:
    """Yield exchange-format dossier objects for the units over the periods, unit by unit, day by day."""
    # A unit receives dossiers only on days within its validity, for the
    # procedures assigned to it and in force that day. Overlapping periods
    # would yield the same dossiers twice: merge them first (demo_periods does).
    from motcua.workdays.service import calendar_for_unit

    now = (now or dt.datetime.now(LOCAL_TZ)).astimezone(LOCAL_TZ)
    periods = sorted(periods)
    fake = Faker("vi_VN")
    for unit in sorted(units, key=lambda u: (u.code, u.uid)):
        calendar = calendar_for_unit(unit)
        procedures = _procedures_of(unit)
        place = _address_suffix(unit)
        for start, end in periods:
            day = max(start, unit.valid_from or start)
            last = min(end, unit.valid_to or end, now.date())
            while day <= last:
                if calendar.is_working_day(day):
                    yield from _day(unit, calendar, procedures, place, day, seed, now, fake)
                day += dt.timedelta(days=1)


def dossier_lines(units, periods, *, seed: int = DEFAULT_SEED, now: dt.datetime | None = None) -> Iterator[str]:
    """Yield the generated dossiers as JSON Lines (without newlines)."""
    for obj in generate_dossiers(units, periods, seed=seed, now=now):
        yield json.dumps(obj, ensure_ascii=False)


# ---------------------------------------------------------------- one day


def _procedures_of(unit) -> list[_Procedure]:
    rows = unit.procedures.order_by("code").values_list(
        "code",
        "online",
        "legal_duration_value",
        "legal_duration_unit",
        "reduced_duration_value",
        "reduced_duration_unit",
        "announced_on",
        "abolished_on",
        "fees",
        "online_payment",
        "paper_result",
    )
    out = []
    for code, online, legal_v, legal_u, reduced_v, reduced_u, announced, abolished, fees, pays, paper in rows:
        value, unit_ = (reduced_v, reduced_u) if reduced_u else (legal_v, legal_u)
        out.append(_Procedure(code, online, value, unit_, announced, abolished, PROCEDURE_WEIGHTS.get(code, DEFAULT_WEIGHT),
                              tuple(fees or ()), pays, bool(paper)))
    return out


def _address_suffix(unit) -> str:
    # "xã Hoằng Lưu, huyện Hoằng Hóa, tỉnh Thanh Hóa": names as written inside an address.
    names = [unit.name] + [u.name for u in unit.ancestors()]
    return ", ".join(n[:1].lower() + n[1:] for n in names)


def _day(unit, calendar, procedures, place, day, seed, now, fake) -> Iterator[dict]:
    rng = random.Random(f"motcua-demo:{seed}:{unit.uid}:{day.isoformat()}")
    fake.seed_instance(rng.getrandbits(64))
    in_force = [p for p in procedures if p.in_force_on(day)]
    if not in_force:
        return
    mean = DAILY_MEAN * UNIT_VOLUME.get(unit.uid, 1.0) * MONTH_FACTOR[day.month] * WEEKDAY_FACTOR[day.weekday()]
    count = _poisson(rng, mean)
    # Draw the whole day before cutting at `now`, so an earlier cut-off never
    # changes the dossiers that it keeps.
    times = sorted(_receipt_time(rng, calendar, day) for _ in range(count))
    weights = [p.weight for p in in_force]
    for seq, received in enumerate(times, 1):
        procedure = rng.choices(in_force, weights)[0]
        dossier_rng = random.Random(rng.getrandbits(64))
        if received > now:
            return
        yield _dossier(unit, calendar, procedure, place, received, seq, dossier_rng, fake, now)


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _receipt_time(rng: random.Random, calendar, day: dt.date) -> dt.datetime:
    periods = calendar.periods
    # Mornings are busier at a commune's one-stop desk.
    start, end = periods[0] if (len(periods) == 1 or rng.random() < 0.62) else periods[rng.randrange(1, len(periods))]
    first = start.hour * 60 + start.minute
    last = end.hour * 60 + end.minute - 5
    minute = rng.randint(first, max(first, last))
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=LOCAL_TZ)


# ---------------------------------------------------------------- one dossier


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _after(calendar, t: dt.datetime, minutes: int) -> dt.datetime:
    """Return the instant `minutes` of working time after t."""
    return calendar.due(t, dt.timedelta(minutes=max(0, int(minutes))))


def _iso(t: dt.datetime) -> str:
    return t.astimezone(LOCAL_TZ).replace(microsecond=0).isoformat()


def _dossier(unit, calendar, procedure, place, received, seq, rng, fake, now) -> dict:
    channel = _channel(rng, procedure, received.year)
    obj = {
        "code": f"{unit.agency_id}-{received:%y%m%d}-{seq:04d}",
        "unit": unit.code,
        "procedure": procedure.code,
        "channel": channel,
        "received_at": _iso(received),
    }
    due = calendar.due_for(received, procedure.duration_value, procedure.duration_unit)
    applicant = _applicant(rng, fake, procedure, place, received.date())

    # Supplement: the clock stops from the request to the papers' arrival.
    supplement = None
    start = received
    same_day = procedure.duration_unit == "same_day"
    if rng.random() < (SUPPLEMENT_SHARE_SAME_DAY if same_day else SUPPLEMENT_SHARE_LONGER):
        available = _minutes(calendar.working_time_between(received, due))
        requested = _after(calendar, received, available * rng.uniform(0.05, 0.4))
        arrived = _after(calendar, requested + dt.timedelta(days=rng.randint(1, 8), minutes=rng.randint(0, 300)), 0)
        supplement = {"requested_at": requested, "received_at": arrived}
        if arrived <= now:
            due = _after(calendar, due, _minutes(calendar.working_time_between(requested, arrived)))
            start = arrived
    obj["due_at"] = _iso(due)
    obj["applicant"] = applicant
    # The procedure's own data fields (its own random stream: nothing else drawn here changes).
    data = demo_data(procedure.code, obj["code"], received.date(), applicant, place)

    available = max(1, _minutes(calendar.working_time_between(start, due)))
    draw = rng.random()
    apology = None
    if draw < WITHDRAWN_SHARE:
        outcome, resolved = "withdrawn", _after(calendar, start, available * rng.uniform(0.05, 0.6))
    elif draw < WITHDRAWN_SHARE + REFUSED_SHARE:
        outcome, resolved = "refused", _after(calendar, start, available * rng.uniform(0.2, 0.9))
    elif draw < WITHDRAWN_SHARE + REFUSED_SHARE + LATE_SHARE:
        outcome = "approved"
        late_by = rng.randint(30, 960)
        resolved = _after(calendar, due, late_by)
        issued = _after(calendar, start, available * rng.uniform(0.6, 0.95))
        apology = {
            "issued_at": _iso(issued),
            "new_due_at": _iso(_after(calendar, due, late_by + rng.randint(60, 480))),
            "reason": rng.choice(APOLOGY_REASONS),
        }
        if issued > now:
            apology = None
    elif rng.random() < 0.15:
        # On the due day, shortly before the due time.
        outcome, resolved = "approved", _after(calendar, start, available - rng.randint(1, max(1, min(180, available))))
    elif not same_day and rng.random() < 0.35:
        # Decided late in the allowed time: what is still open in the last weeks.
        outcome, resolved = "approved", _after(calendar, start, available * rng.uniform(0.6, 0.97))
    else:
        outcome, resolved = "approved", _after(calendar, start, available * rng.uniform(0.1, 0.6))

    if supplement is not None:
        item = {"requested_at": _iso(supplement["requested_at"])}
        if supplement["requested_at"] > now:
            item = None
        elif supplement["received_at"] <= now:
            item["received_at"] = _iso(supplement["received_at"])
        if item:
            obj["supplements"] = [item]
        if supplement["received_at"] > now or resolved < supplement["received_at"]:
            # Still waiting for the papers: nothing can be decided yet.
            resolved = max(resolved, supplement["received_at"])
    if apology:
        obj["apologies"] = [apology]

    online = channel in ("online_partial", "online_full")
    year = received.year
    digitized_components = online or rng.random() < (0.6 if year <= 2023 else 0.75 if year == 2024 else 0.92)
    if data:
        obj["data"] = data
    services = services_of(obj, procedure, online, digitized_components, now)
    if resolved > now:
        obj["digitized"] = {"components": digitized_components}
        return obj

    obj["resolved_at"] = _iso(resolved)
    obj["outcome"] = outcome
    if outcome == "withdrawn":
        obj["digitized"] = {"components": digitized_components}
        return obj

    return_channel, returned = _return(rng, calendar, channel, resolved)
    if returned <= now:
        obj["returned_at"] = _iso(returned)
        obj["return_channel"] = return_channel
    obj["published"] = {"portal": online or rng.random() < 0.1, "website": rng.random() < 0.78}
    obj["digitized"] = {
        "components": digitized_components,
        "result": outcome == "approved" and rng.random() < (0.7 if year <= 2023 else 0.85 if year == 2024 else 0.95),
    }
    if obj["digitized"]["result"] and procedure.paper_result:
        obj["result_document"] = services.result_document(resolved)
    if returned <= now and rng.random() < RATED_SHARE:
        rated_at = _after(calendar, returned, rng.randint(1, 120))
        if rated_at <= now:
            unhappy = 0.3 if (outcome == "refused" or apology) else 0.02
            r = rng.random()
            value = "unsatisfied" if r < unhappy else "satisfied" if r < unhappy + 0.26 else "very_satisfied"
            rating_channel = "online" if online else ("paper" if rng.random() < 0.6 else "kiosk")
            obj["ratings"] = [{"at": _iso(rated_at), "value": value, "channel": rating_channel}]
    return obj


def _channel(rng: random.Random, procedure: _Procedure, year: int) -> str:
    if rng.random() < POSTAL_SHARE:
        return "postal"
    if procedure.online == "none":
        return "counter"
    share = ONLINE_SHARE[procedure.online].get(year)
    if share is None:
        share = ONLINE_SHARE_LATER[procedure.online] if year > 2025 else ONLINE_SHARE[procedure.online][2022]
    if rng.random() < share:
        return "online_full" if procedure.online == "full" else "online_partial"
    return "counter"


def _return(rng: random.Random, calendar, channel: str, resolved: dt.datetime) -> tuple[str, dt.datetime]:
    if channel == "online_full" or (channel == "online_partial" and rng.random() < 0.8):
        return "online", resolved + dt.timedelta(minutes=rng.randint(2, 30))
    if channel == "postal" or rng.random() < 0.04:
        return "postal", _after(calendar, resolved, rng.randint(30, 480))
    # The applicant comes back to the counter: mostly the same day.
    wait = rng.randint(5, 120) if rng.random() < 0.6 else rng.randint(120, 1440)
    return "counter", _after(calendar, resolved, wait)


def _applicant(rng: random.Random, fake: Faker, procedure: _Procedure, place: str, day: dt.date) -> dict:
    templates = ORGANISATION_NAMES.get(procedure.code)
    if templates and rng.random() < 0.9:
        name = rng.choice(templates).format(n=rng.randint(1, 12), last=fake.last_name(), place=place.split(",")[0][3:])
        return {"kind": "organisation", "name": name, "phone": _phone(rng), "address": f"Thôn {rng.randint(1, 12)}, {place}"}
    female = rng.random() < 0.52
    age = rng.randint(20, 40) if procedure.code in ("1.001193", "2.000987", "1.000894") else rng.randint(18, 82)
    birth_year = day.year - age
    century_sex = (birth_year // 100 - 19) * 2 + (1 if female else 0)
    province = "038" if rng.random() < 0.94 else rng.choice(OTHER_BIRTH_PROVINCES)
    first = fake.first_name_female() if female else fake.first_name_male()
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    return {
        "kind": "citizen",
        "name": f"{fake.last_name()} {middle} {first}",
        "id_number": f"{province}{century_sex}{birth_year % 100:02d}{rng.randrange(1_000_000):06d}",
        "phone": _phone(rng),
        "address": f"Thôn {rng.randint(1, 12)}, {place}",
    }


def _phone(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
