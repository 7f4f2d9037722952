"""The 2026 additions to a dossier line: its papers, the applicant's VNeID check and its result document.

exchange.md, "Format additions: fees, payments, papers, results (2026)": every
field is optional in both directions (absent = not known) and export writes
whatever the record holds, so export → load → export stays exact.
"""

from __future__ import annotations

import re

from motcua.catalog import components as catalog_papers
from motcua.exchange.schema import (
    _unknown,
    iso,
    not_before,
    read_bool,
    read_choice,
    read_list,
    read_object,
    read_str,
    read_time,
    show,
    wrong_type,
)

PAPER_FORMS = ("original", "copy", "certified_copy", "electronic")
PAPER_FLAGS = ("digitized", "reused", "from_data_store")
PAPER_KEYS = ("name", "form", *PAPER_FLAGS, "sha256")
_PAPER_KEYSET = frozenset(PAPER_KEYS)
RESULT_DOCUMENT_KEYS = ("sha256", "electronic", "signed_at", "signed_by", "pushed_to_data_store")
_RESULT_DOCUMENT_KEYSET = frozenset(RESULT_DOCUMENT_KEYS)
SHA256_RE = re.compile(r"^[0-9a-fA-F]{64}$")
PAPERS_MAX = 200


def read_sha256(obj: dict, key: str, path: str, errs: list) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or not SHA256_RE.match(value):
        errs.append(f'trường "{path}" phải là mã băm SHA-256 gồm 64 chữ số hệ mười sáu, nhận được {show(value)}')
        return ""
    return value


def read_papers(obj: dict, errs: list) -> list[dict]:
    """Read `components`: the papers received, each with only the keys the line gave."""
    items = read_list(obj, "components", "components", errs)
    if len(items) > PAPERS_MAX:
        errs.append(f'trường "components" có {len(items)} giấy tờ, tối đa {PAPERS_MAX}')
        return []
    out = []
    for i, item in enumerate(items):
        path = f"components[{i}]"
        if not isinstance(item, dict):
            errs.append(wrong_type(path, "đối tượng", item))
            continue
        _unknown(item, _PAPER_KEYSET, path + ".", errs)
        paper = {"name": read_str(item, "name", path + ".name", errs, required=True, max_len=catalog_papers.NAME_MAX)}
        form = read_choice(item, "form", path + ".form", PAPER_FORMS, errs)
        if form:
            paper["form"] = form
        for flag in PAPER_FLAGS:
            value = read_bool(item, flag, f"{path}.{flag}", errs)
            if value is not None:
                paper[flag] = value
        sha256 = read_sha256(item, "sha256", path + ".sha256", errs)
        if sha256:
            if paper.get("digitized") is False:
                errs.append(f'trường "{path}.sha256" chỉ có khi giấy tờ đã số hóa, nhưng "{path}.digitized" là false')
            paper["sha256"] = sha256
        out.append(paper)
    return out


def read_result_document(obj: dict, received_at, errs: list) -> dict | None:
    """Read `result_document`: None when absent, else the known fields (absent ones None or "")."""
    doc = read_object(obj, "result_document", "result_document", errs)
    if doc is None:
        return None
    _unknown(doc, _RESULT_DOCUMENT_KEYSET, "result_document.", errs)
    signed_at = read_time(doc, "signed_at", "result_document.signed_at", errs)
    not_before(signed_at, "result_document.signed_at", received_at, "received_at", errs)
    return {
        "sha256": read_sha256(doc, "sha256", "result_document.sha256", errs),
        "electronic": read_bool(doc, "electronic", "result_document.electronic", errs),
        "signed_at": signed_at,
        "signed_by": read_str(doc, "signed_by", "result_document.signed_by", errs, max_len=300),
        "pushed_to_data_store": read_bool(doc, "pushed_to_data_store", "result_document.pushed_to_data_store", errs),
    }


def papers_object(papers) -> list[dict]:
    """The `components` of a line: each paper's exchange keys the record holds, in the format's order."""
    out = []
    for paper in papers or ():
        item = {}
        for key in PAPER_KEYS:
            value = paper.get(key)
            if value is not None and value != "":
                item[key] = value
        out.append(item)
    return out


def result_document_object(doc: dict | None) -> dict | None:
    """The `result_document` of a line, or None when nothing of it is known."""
    if not doc:
        return None
    out = {}
    for key in RESULT_DOCUMENT_KEYS:
        value = doc.get(key)
        if value is None or value == "":
            continue
        out[key] = iso(value) if key == "signed_at" else value
    return out or None
