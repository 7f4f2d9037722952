"""Read reports units already wrote, from the web: check the uploads, then read them in a background job.

The reading itself is the extract package's (`read_reports`, `write_summary`),
so the page and `motcua report aggregate FILES --period P -o summary.xlsx`
give the same workbook. This module adds what the web needs: uploads checked
by content and size, per-file progress, and a JSON result the page lists.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext

from motcua.accounts.models import Role
from motcua.accounts.scoping import visible_units
from motcua.lib.text import fold_vietnamese
from motcua.reports.checks import show
from motcua.reports.extract.aggregate import Summary, read_reports, write_summary
from motcua.reports.extract.figures import LABELS
from motcua.reports.indicators import VALUE_CODES

JOB_KIND = "doc-bao-cao"
JOB_FUNCTION = "motcua.reports.reading.read_uploaded_reports"
SUFFIXES = (".pdf", ".docx", ".txt")
MAX_FILES = 60
# Who reads other units' reports: district and province oversight, and administrators.
READER_ROLES = {Role.OVERSIGHT, Role.ADMINISTRATOR}

# What each rule asks of the appendix (indicators.md), as the result page explains it.
RULES = {
    "C1": "Hồ sơ tiếp nhận (3.3.1) bằng tổng tiếp nhận theo các kênh a + b + c + d",
    "C2": "Hồ sơ giải quyết đúng hạn (3.3.2) bằng tổng theo các kênh a + b + c + d",
    "C3": "Hồ sơ quá hạn (3.3.3) và hồ sơ xin lỗi (3.3.4) không vượt số đã giải quyết (3.3.2)",
    "C4": "Số TTHC của 3.4.3, 7.5.1 + 7.5.2 không vượt tổng số TTHC đang thực hiện (3.1.3)",
    "C5": "Số TTHC theo các cơ chế (3.2.1 + 3.2.2 + 3.2.3) bằng tổng số TTHC (3.1.3)",
    "C6": "Tỉ lệ 7.2.3.a + 7.2.3.b không vượt 100%",
    "C7": "Số được kiểm tra, đã xử lý không vượt số phải kiểm tra, phát hiện (1.1, 1.2, 1.3)",
    "C8": "Tỉ lệ trong khoảng 0–100%, số lượng là số nguyên không âm, chỉ tiêu có/không đúng giá trị cho phép",
    "C9": "1.4.2 để trống khi và chỉ khi 1.4.1 = 0",
    "C10": "Số liệu nêu trong phần thuyết minh khớp với bảng phụ lục",
    "C11": "Ngày tháng trích dẫn có thật và không sau ngày ký báo cáo",
    "C12": "Số liệu cân đối: mới + kỳ trước = tiếp nhận; đã + đang giải quyết = tiếp nhận; "
           "trước + đúng + quá hạn = đã giải quyết; tỷ lệ khớp số liệu (± 0,05)",
}
# The survey and rating counts C10 reads from the narrative (not figures of exchange.md).
STATEMENT_LABELS = {
    **LABELS,
    "survey_forms": "phiếu khảo sát",
    "rating_forms": "phiếu đánh giá",
    "ratings": "lượt người đánh giá",
}


class UploadRefused(ValueError):
    """An uploaded file that will not be read; the message is one Vietnamese sentence naming the file."""


def may_read_reports(user) -> bool:
    """Tell whether the user may use the report-reading page."""
    return bool(getattr(user, "is_authenticated", False)) and (user.is_superuser or user.role in READER_ROLES)


def max_upload_bytes() -> int:
    return int(float(settings.MOTCUA_MAX_UPLOAD_MB) * 1024 * 1024)


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:g}" if value == int(value) else f"{value:.1f}".replace(".", ",")


def check_report_upload(file) -> str:
    """Return the kind ("pdf", "docx", "txt") of an uploaded report, judged by its content; refuse anything else."""
    name = os.path.basename(str(getattr(file, "name", "") or "").replace("\\", "/")) or gettext("tệp tải lên")
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UploadRefused(gettext("«%(name)s»: chỉ nhận tệp .pdf, .docx hoặc .txt") % {"name": name})
    size = file.size
    if not size:
        raise UploadRefused(gettext("«%(name)s»: tệp rỗng") % {"name": name})
    if size > max_upload_bytes():
        raise UploadRefused(
            gettext("«%(name)s»: dung lượng %(size)s MB, vượt giới hạn %(limit)s MB")
            % {"name": name, "size": _megabytes(size), "limit": _megabytes(max_upload_bytes())}
        )
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if head.startswith(b"%PDF"):
        kind = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        kind = "docx" if _is_word_document(file) else "zip"
        file.seek(0)
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UploadRefused(
            gettext("«%(name)s»: tệp Word cũ (.doc) chưa đọc được; hãy lưu lại thành .docx hoặc PDF") % {"name": name}
        )
    elif b"\x00" in head:
        kind = "binary"
    else:
        kind = "txt"
    if kind != suffix.lstrip("."):
        described = {
            "pdf": "PDF", "docx": "Word (.docx)", "txt": gettext("văn bản"), "zip": gettext("tệp nén"),
            "binary": gettext("tệp nhị phân"),
        }
        raise UploadRefused(
            gettext("«%(name)s»: nội dung là %(kind)s, không khớp đuôi %(suffix)s")
            % {"name": name, "kind": described[kind], "suffix": suffix}
        )
    return kind


def _is_word_document(file) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(file) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


@contextmanager
def _local_path(storage_name: str, original: str):
    """Yield a filesystem path for a stored file, copying it out when the storage has none."""
    try:
        yield default_storage.path(storage_name)
        return
    except NotImplementedError:
        pass
    folder = tempfile.mkdtemp(prefix="motcua-doc-")
    try:
        target = Path(folder) / (Path(original).name or "bao-cao")
        with default_storage.open(storage_name, "rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out)
        yield str(target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_uploaded_reports(job, *, files: list[dict], period: str) -> dict:
    """Read each uploaded report with progress, aggregate the readable ones into summary.xlsx, return per-file rows.

    `files` lists {"name": the uploaded name, "stored": its storage name}; `period` is a period label.
    """
    total = len(files)
    summary = Summary()
    rows = []
    titles: set[str] = set()
    for index, upload in enumerate(files, start=1):
        name = upload["name"]
        job.progress(index - 1, total, f"Đang đọc tệp {index}/{total}: {name}")
        with _local_path(upload["stored"], name) as path:
            # One file at a time through the command line's own reader: same messages, same period rule.
            single = read_reports([path], period)
        if single.failures:
            reason = single.failures[0][1]
            summary.failures.append((name, reason))
            rows.append({"name": name, "ok": False, "reason": reason})
            continue
        _, report = single.reports[0]
        title = report["unit"]["name"] or Path(name).stem
        if title in titles:
            title = f"{title} ({name})"
        titles.add(title)
        summary.reports.append((title, report))
        rows.append(_file_row(name, title, report))
    _find_in_catalog(job.owner, rows)
    read = len(summary.reports)
    job.progress(total, total, f"Đã xử lý {total}/{total} tệp")
    if read:
        with tempfile.TemporaryDirectory(prefix="motcua-tonghop-") as folder:
            output = Path(folder) / "summary.xlsx"
            write_summary(summary, output, period)
            job.attach_file(f"tong-hop-01b-{period}.xlsx", output.read_bytes())
    breaches = sum(len(row["checks"]) for row in rows if row["ok"])
    text = f"Đã đọc {read}/{total} tệp, phát hiện {breaches} vi phạm" if read else f"Không đọc được báo cáo nào trong {total} tệp"
    return {"summary": text, "period": period, "files": rows, "read": read, "breaches": breaches}


def _find_in_catalog(user, rows: list[dict]) -> None:
    """Set each read row's "catalog" to the unit it names among the user's units (by code, else by name), or None."""
    by_code, by_name = {}, {}
    for code, name in visible_units(user).values_list("code", "name"):
        by_code[code] = {"code": code, "name": name}
        by_name.setdefault(fold_vietnamese(name), []).append({"code": code, "name": name})
    for row in rows:
        if not row["ok"]:
            continue
        code, name = row["unit"]["code"], row["unit"]["name"]
        named = by_name.get(fold_vietnamese(name), []) if name else []
        # A name two units share (a "Xã Hoằng Lưu" in two districts) identifies neither.
        row["catalog"] = by_code.get(code) or (named[0] if len(named) == 1 else None)


def _file_row(name: str, title: str, report: dict) -> dict:
    values = report["values"]
    checks = [
        {
            "rule": found["rule"],
            "severity": found["severity"],
            "rows": found["rows"],
            "printed": "; ".join(f"{code} = {show(value)}" for code, value in found.get("values", {}).items()),
            "message": found["message"],
            "explains": RULES.get(found["rule"], ""),
        }
        for found in report["checks"]
    ]
    return {
        **_reading(report),
        "name": name,
        "ok": True,
        "column": title,
        "unit": report["unit"],
        "period": report["period"]["label"],
        "values_read": sum(1 for code in VALUE_CODES if values.get(code) is not None),
        "values_total": len(VALUE_CODES),
        "checks": checks,
        "rules": sorted({found["rule"] for found in checks}, key=lambda rule: int(rule[1:])),
    }


def shown(value) -> str:
    """Format a figure as the page prints it: "2.265", "99,59"."""
    if isinstance(value, bool) or value is None:
        return show(value)
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return show(value)


def _reading(report: dict) -> dict:
    """Return what the page shows of a reading: figures read, hedged ones, parts, and each statement compared."""
    figures = [{"label": LABELS[key], "value": shown(value)} for key, value in report.get("figures", {}).items()]
    approximate = [
        {"label": LABELS[key], "value": shown(item["value"]), "as_written": item["as_written"]}
        for key, item in report.get("approximate", {}).items()
    ]
    parts = [
        {"name": name, "figures": [{"label": LABELS[key], "value": shown(value)} for key, value in part.items()]}
        for name, part in report.get("parts", {}).items()
    ]
    statements = []
    for found in report.get("statements", []):
        against = found.get("checked_against")
        compared = None
        if against:
            where = " + ".join(against["rows"]) if against["rows"] else against["source"]
            compared = {"where": where, "source": against["source"], "value": shown(against["value"]),
                        "agrees": against["agrees"]}
        statements.append({
            "text": found["text"], "label": STATEMENT_LABELS.get(found["figure"], found["figure"]),
            "value": shown(found["value"]), "part": found.get("part"), "approximate": found.get("approximate", False),
            "compared": compared,
        })
    return {"figures": figures, "approximate": approximate, "parts": parts, "statements": statements}
