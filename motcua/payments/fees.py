"""A procedure's fees (phí, lệ phí) as lines, and the amount a citizen owes: pure functions, no database.

A fee line is `{"name": …, "amount": đồng (int ≥ 0), "per": "dossier" | "copy" | "page"}`
(exchange.md "Format additions"). A per-page fee is charged for every page of
every copy (3 pages × 2 copies at 2.000 đ/page = 12.000 đ); a per-copy fee for
every copy; a per-dossier fee once. An applicant group (children under 6, poor
households, people with merit, …) may be exempt from some lines of a procedure
(motcua.payments.models.FeeExemption); those lines are quoted at 0 đ.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PER_CHOICES = ("dossier", "copy", "page")
PER_LABELS = {"dossier": "hồ sơ", "copy": "bản", "page": "trang"}
NAME_MAX = 300
AMOUNT_MAX = 1_000_000_000  # 1 tỷ đồng: more is a typing mistake
LINES_MAX = 20
COUNT_MAX = 9_999  # copies or pages asked at once


@dataclass(frozen=True)
class QuoteLine:
    name: str
    amount: int  # đồng per unit
    per: str
    units: int  # how many units are charged (1, copies, or pages × copies)
    total: int
    exempt: bool = False

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "amount": self.amount,
            "per": self.per,
            "units": self.units,
            "total": self.total,
            "exempt": self.exempt,
        }


@dataclass(frozen=True)
class Quote:
    lines: tuple[QuoteLine, ...] = ()
    copies: int = 1
    pages: int = 1
    group: str = ""
    total: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def charges_copies(self) -> bool:
        return any(line.per in ("copy", "page") for line in self.lines)

    @property
    def charges_pages(self) -> bool:
        return any(line.per == "page" for line in self.lines)

    def as_dict(self) -> dict:
        return {
            "copies": self.copies,
            "pages": self.pages,
            "group": self.group,
            "total": self.total,
            "lines": [line.as_dict() for line in self.lines],
        }


def validate_fee_lines(items) -> tuple[list[dict], list[str]]:
    """Check fee lines given as a list of dicts; return (clean lines, Vietnamese error messages naming the line).

    The one check of the catalog loader and the administration pages: call it
    with the lines a form gathered, show the errors, save nothing when there
    are any.
    """
    errors: list[str] = []
    if not isinstance(items, list):
        return [], ["phí, lệ phí phải là một danh sách các dòng phí"]
    if len(items) > LINES_MAX:
        return [], [f"có {len(items)} dòng phí, tối đa {LINES_MAX}"]
    out: list[dict] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        where = f"dòng phí {i + 1}"
        if not isinstance(item, dict):
            errors.append(f"{where}: phải là một đối tượng có tên, số tiền và đơn vị tính")
            continue
        unknown = sorted(set(item) - {"name", "amount", "per"})
        if unknown:
            errors.append(f"{where}: không có trường {', '.join(unknown)}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{where}: cần ghi tên khoản phí, lệ phí")
            name = ""
        else:
            name = " ".join(name.split())
            if len(name) > NAME_MAX:
                errors.append(f"{where}: tên dài {len(name)} ký tự, tối đa {NAME_MAX}")
                name = ""
        amount = item.get("amount")
        if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= AMOUNT_MAX:
            errors.append(f"{where}: số tiền phải là số nguyên đồng từ 0 đến {AMOUNT_MAX:,}".replace(",", ".") + f", nhận được {amount!r}")
            amount = None
        per = item.get("per")
        if per not in PER_CHOICES:
            errors.append(f"{where}: đơn vị tính phải là hồ sơ (dossier), bản (copy) hoặc trang (page), nhận được {per!r}")
            per = None
        if name:
            key = name.casefold()
            if key in seen:
                errors.append(f"{where}: trùng tên với dòng phí {seen[key] + 1} («{name}»)")
                continue
            seen[key] = i
        if name and amount is not None and per:
            out.append({"name": name, "amount": amount, "per": per})
    return (out if not errors else []), errors


def amount_due_for_lines(fee_lines, *, copies: int = 1, pages: int = 1, exempt_names=(), group: str = "") -> Quote:
    """Quote the fee lines for `copies` copies of `pages` pages each; lines named in `exempt_names` cost 0 đ."""
    copies, pages = _count(copies, "số bản"), _count(pages, "số trang")
    exempt = {str(n).casefold() for n in exempt_names}
    lines = []
    for fee in fee_lines or ():
        units = {"dossier": 1, "copy": copies, "page": pages * copies}[fee["per"]]
        is_exempt = fee["name"].casefold() in exempt
        total = 0 if is_exempt else fee["amount"] * units
        lines.append(QuoteLine(fee["name"], fee["amount"], fee["per"], units, total, is_exempt))
    return Quote(tuple(lines), copies, pages, group, sum(line.total for line in lines))


def amount_due(procedure, copies: int = 1, pages: int = 1, group=None) -> Quote:
    """Quote what a citizen owes for `procedure` (its `fees`), asking `copies` × `pages`, as a member of `group`.

    `group` is an ApplicantGroup, its code, or None. Reads the group's
    exemptions for this procedure (one query when a group is given).
    """
    code = getattr(group, "code", group) or ""
    exempt_names: list[str] = []
    if code:
        from motcua.payments.models import FeeExemption

        exempt_names = list(
            FeeExemption.objects.filter(procedure_id=procedure.pk, group__code=code).values_list("fee_name", flat=True)
        )
    return amount_due_for_lines(procedure.fees or [], copies=copies, pages=pages, exempt_names=exempt_names, group=code)


class FeeInputError(ValueError):
    """A number of copies or pages a citizen cannot ask for."""


def _count(value, what: str) -> int:
    if isinstance(value, bool):
        raise FeeInputError(f"{what} phải là số nguyên từ 1 đến {COUNT_MAX}")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise FeeInputError(f"{what} phải là số nguyên từ 1 đến {COUNT_MAX}") from None
    if not 1 <= number <= COUNT_MAX:
        raise FeeInputError(f"{what} phải là số nguyên từ 1 đến {COUNT_MAX}")
    return number


def dong(amount: int) -> str:
    """Write an amount of đồng as Vietnamese do: 12.000 đ."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,} đ".replace(",", ".")


_PER_WORDS = {"hồ sơ": "dossier", "dossier": "dossier", "bản": "copy", "copy": "copy", "trang": "page", "page": "page"}


def parse_fee_text(text: str) -> tuple[list[dict], list[str]]:
    """Read fee lines typed one per line as `tên khoản | số tiền | hồ sơ|bản|trang` (e.g. `Lệ phí chứng thực | 2.000 | trang`).

    Returns (clean lines, errors) like validate_fee_lines, which it ends with;
    `fee_lines_text` writes lines back in this form.
    """
    items, errors = [], []
    for n, raw in enumerate((text or "").splitlines(), 1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.split("|")]
        if len(parts) != 3:
            errors.append(f"dòng {n}: cần ghi «tên khoản | số tiền | hồ sơ, bản hoặc trang»")
            continue
        name, amount, per = parts
        digits = amount.replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ").removesuffix("đồng")
        per_code = _PER_WORDS.get(per.lower().removeprefix("/").removeprefix("mỗi ").strip())
        if not digits.isdigit():
            errors.append(f"dòng {n}: số tiền «{amount}» phải là số nguyên đồng")
            continue
        if per_code is None:
            errors.append(f"dòng {n}: đơn vị tính «{per}» phải là hồ sơ, bản hoặc trang")
            continue
        items.append({"name": name, "amount": int(digits), "per": per_code})
    if errors:
        return [], errors
    return validate_fee_lines(items)


def fee_lines_text(lines) -> str:
    """Write fee lines as parse_fee_text reads them."""
    return "\n".join(f"{f['name']} | {f['amount']} | {PER_LABELS[f['per']]}" for f in lines or ())
