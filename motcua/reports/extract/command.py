"""The `report extract|check|aggregate` subcommands, called from the `report` management command.

`extract FILE` prints the JSON of exchange.md (values, figures, approximate, statements, parts, checks). `check FILE` prints one line per
breach ("C1: 3.3.1 = 602 nhưng …") and exits 0: breaches are findings about
the document, not a user error; it exits 1 only when the file cannot be read
as a report. `aggregate FILES… --period P -o OUT.xlsx` exits 1 only when no
file could be read.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import CommandError

from motcua.reports.extract.text import ExtractError

ACTIONS = ("extract", "check", "aggregate")


def add_parsers(actions, period_help: str) -> None:
    """Add the three subparsers to the `report` command's subparsers."""
    extract = actions.add_parser("extract", help="đọc số liệu của một báo cáo có sẵn (PDF, DOCX, văn bản): phụ lục 01b, bảng thống kê, phần thuyết minh, ra JSON")
    extract.add_argument("file", metavar="FILE", help="tệp báo cáo")
    check = actions.add_parser("check", help="liệt kê mọi vi phạm quy tắc C1–C12 trong một báo cáo có sẵn")
    check.add_argument("file", metavar="FILE", help="tệp báo cáo")
    aggregate = actions.add_parser("aggregate", help="tổng hợp báo cáo của các xã thành bảng Excel toàn huyện")
    aggregate.add_argument("files", nargs="+", metavar="FILE", help="các tệp báo cáo")
    aggregate.add_argument("--period", required=True, help=period_help)
    aggregate.add_argument("-o", "--output", required=True, help="tệp .xlsx ghi ra")


def run(command, action: str, options: dict) -> None:
    """Dispatch one of ACTIONS; a file that cannot be read becomes a one-line CommandError."""
    _utf8_stdout(command)
    if action == "aggregate":
        return _aggregate(command, **options)
    from motcua.reports.extract.reader import extract_file

    try:
        report = extract_file(options["file"])
    except ExtractError as error:
        raise CommandError(f"{options['file']}: {error}") from None
    if action == "extract":
        command.stdout.write(json.dumps(report, ensure_ascii=False))
        return
    for found in report["checks"]:
        suffix = " (cảnh báo)" if found["severity"] == "warning" else ""
        command.stdout.write(f"{found['rule']}: {found['message']}{suffix}")


def _aggregate(command, *, files, period, output, **options) -> None:
    from motcua.lib.periods import parse_period
    from motcua.reports.extract.aggregate import read_reports, write_summary

    try:
        label = parse_period(period).label
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    summary = read_reports(files, label)
    for path, reason in summary.failures:
        command.stderr.write(f"{path}: {reason}")
    if not summary.reports:
        raise CommandError(f"không đọc được báo cáo nào trong {len(files)} tệp")
    try:
        write_summary(summary, output, label)
    except OSError as exc:
        raise CommandError(f"không ghi được tệp {output}: {exc.strerror}") from None
    message = f"đã tổng hợp {len(summary.reports)} báo cáo kỳ {label} vào {output}"
    if summary.failures:
        message += f"; {len(summary.failures)} tệp không đọc được"
    command.stdout.write(message)


def _utf8_stdout(command) -> None:
    # Vietnamese letters go out as they are; a C locale must not choke on them.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
