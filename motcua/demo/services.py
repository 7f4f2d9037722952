"""What a demo dossier shows of the services the QĐ 766 index scores: VNeID, papers, fees paid, electronic results.

The generator (motcua.demo.generate) calls `services_of` for every dossier; it
draws from a random stream of its own, keyed by the dossier's code, so the
dossiers' other fields stay what they were before these were added.

- The applicant (a citizen) was verified through VNeID: most of those who file
  online (they sign in with it), a growing share of those at the counter.
- One paper, the application form: digitized as the dossier says, reused from
  digitized data or taken from the citizen's data store for some.
- The fee of a procedure with fee lines, paid a minute after receipt: online
  (the province's gateway, or the national portal) for most dossiers filed
  online of a procedure payable online and a few at the counter, else in cash
  with an e-receipt; a few applicants are exempt.
- The electronic result of an approved dossier whose procedure returns a paper
  result, signed when it was decided, pushed to the citizen's data store for some.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass

# By year of receipt: the share of counter applicants verified through VNeID, of papers reused, from the data store.
VNEID_AT_COUNTER = {2023: 0.15, 2024: 0.35, 2025: 0.55}
VNEID_ONLINE = 0.9
REUSED = {2023: 0.1, 2024: 0.25, 2025: 0.45}
FROM_DATA_STORE = {2023: 0.03, 2024: 0.1, 2025: 0.2}
PAID_ONLINE_FILED_ONLINE = 0.85
PAID_ONLINE_AT_COUNTER = 0.1
EXEMPT = 0.03
PUSHED_TO_DATA_STORE = 0.4
SIGNERS = ("Lê Văn Thành", "Nguyễn Thị Hoa", "Trịnh Đình Nam")


def _by_year(table: dict[int, float], year: int) -> float:
    return table.get(year, table[max(table)] if year > max(table) else table[min(table)])


def _sha256(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()


@dataclass
class Services:
    code: str
    rng: random.Random

    def result_document(self, resolved: dt.datetime) -> dict:
        return {
            "sha256": _sha256("result", self.code),
            "electronic": True,
            "signed_at": resolved.replace(microsecond=0).isoformat(),
            "signed_by": self.rng.choice(SIGNERS),
            "pushed_to_data_store": self.rng.random() < PUSHED_TO_DATA_STORE,
        }


def services_of(obj: dict, procedure, online: bool, digitized: bool, now: dt.datetime) -> Services:
    """Add the applicant's VNeID check, the papers and the payments to the dossier object `obj`; return the rest."""
    rng = random.Random(f"motcua-demo-services:{obj['code']}")
    received = dt.datetime.fromisoformat(obj["received_at"])
    year = received.year
    applicant = obj["applicant"]
    if applicant.get("kind") == "citizen":
        applicant["vneid_verified"] = rng.random() < (VNEID_ONLINE if online else _by_year(VNEID_AT_COUNTER, year))
    paper = {"name": "Tờ khai", "form": "electronic" if online else "original", "digitized": digitized}
    if digitized:
        paper["reused"] = rng.random() < _by_year(REUSED, year)
        paper["from_data_store"] = rng.random() < _by_year(FROM_DATA_STORE, year)
        paper["sha256"] = _sha256("paper", obj["code"])
    obj["components"] = [paper]
    paid_at = received + dt.timedelta(minutes=1)
    if procedure.fees and paid_at <= now:
        obj["payments"] = [_payment(rng, procedure, online, paid_at, obj["code"])]
    return Services(obj["code"], rng)


def _payment(rng: random.Random, procedure, online: bool, at: dt.datetime, code: str) -> dict:
    line = {"at": at.replace(microsecond=0).isoformat()}
    if rng.random() < EXEMPT:
        return line | {"amount": 0, "method": "exempt", "reason": "Người có công với cách mạng"}
    copies, pages = rng.randint(1, 3), rng.randint(1, 4)
    amount = sum(fee["amount"] * {"dossier": 1, "copy": copies, "page": copies * pages}[fee["per"]] for fee in procedure.fees)
    if amount == 0:
        return line | {"amount": 0, "method": "exempt", "reason": "Khoản phí, lệ phí bằng 0 đồng"}
    pays_online = procedure.online_payment and rng.random() < (PAID_ONLINE_FILED_ONLINE if online else PAID_ONLINE_AT_COUNTER)
    if pays_online:
        method = "province_gateway" if rng.random() < 0.7 else "portal"
        return line | {"amount": amount, "method": method, "receipt": f"GD-{code}"[:64]}
    return line | {"amount": amount, "method": "cash", "receipt": f"BL-{code}"[:64]}
