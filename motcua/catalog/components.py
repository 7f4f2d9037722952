"""The papers a procedure requires (thành phần hồ sơ): their shape and the checks shared by every way in.

A procedure's `components` is a list, in the order the catalog announces
them, of `{"name": text, "form": "original" | "copy" | "certified_copy",
"quantity": n}` — the same shape as a received dossier's checklist
(Dossier.components), so intake copies the catalog's rows as they are.
Pure code: the exchange validates files with it before Django's models load.
"""

from __future__ import annotations

import re

# The kinds of copy, as dossiers.models.ComponentForm names them (a test keeps both lists equal).
FORMS = ("original", "copy", "certified_copy")
FORM_LABELS = {"original": "Bản chính", "copy": "Bản sao", "certified_copy": "Bản sao chứng thực"}
NAME_MAX = 300
QUANTITY_MAX = 99
# A procedure needing more papers than this is a typing mistake, not a catalog entry.
COUNT_MAX = 50
# A paper needed only in some cases: "Văn bản ủy quyền (trường hợp ủy quyền)", "… nếu có".
_CONDITIONAL = re.compile(r"\b(trường hợp|nếu|trong trường hợp)\b", re.IGNORECASE)


def name_key(name: str) -> str:
    """Return the key two paper names clash on: the same words, whatever the spacing and case."""
    return " ".join(name.split()).casefold()


def check_component(name, form, quantity) -> tuple[str | None, str | None]:
    """Return (the part at fault, the Vietnamese reason) of a paper that is wrong, or (None, None)."""
    if not isinstance(name, str) or not name.strip():
        return "name", "cần ghi tên giấy tờ"
    if len(name.strip()) > NAME_MAX:
        return "name", f"tên giấy tờ dài quá {NAME_MAX} ký tự"
    if form not in FORMS:
        return "form", "loại bản phải là bản chính, bản sao hoặc bản sao chứng thực"
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= QUANTITY_MAX:
        return "quantity", f"số lượng phải là số nguyên từ 1 đến {QUANTITY_MAX}"
    return None, None


def form_label(form: str) -> str:
    return FORM_LABELS.get(form, form)


def describe(components: list[dict]) -> list[str]:
    """Write each paper as people read it: "Giấy chứng sinh (bản chính, 1)"."""
    return [f"{c['name']} ({form_label(c['form']).lower()}, {c['quantity']})" for c in components]


def is_conditional(name: str) -> bool:
    """Tell whether a catalog paper is needed only in some cases (its name says when); the others every applicant brings."""
    return bool(_CONDITIONAL.search(name or ""))
