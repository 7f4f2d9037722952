"""`motcua report appendix|set|build`: the appendix 01b table, the values units enter, the whole report.

    motcua report appendix --unit CODE --period P [--format json|xlsx|docx] [-o FILE]
    motcua report set --unit CODE --period P CODE=VALUE [CODE=VALUE …]
    motcua report build --unit CODE --period P [--format docx|pdf] [--sign CERT.p12] [-o FILE]

`build --sign` reads the certificate's password from MOTCUA_SIGN_PASSWORD, never
from the command line (it would show in the process list and shell history).

Later subcommands (extract, check, aggregate) are added as further subparsers.
"""

import json
import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.lib.periods import Period, parse_period
from motcua.units.models import Unit, find_unit

PERIOD_HELP = "kỳ báo cáo: 2023-Q2, 2023-H1, 2023-9M, 2023 hoặc 2023-04-01..2023-06-30"
FORMATS = ("json", "xlsx", "docx")
SUPPORTED_FORMATS = ("json", "xlsx", "docx")
BUILD_FORMATS = ("docx", "pdf")
PASSWORD_ENV = "MOTCUA_SIGN_PASSWORD"


class Command(BaseCommand):
    help = "Báo cáo cải cách hành chính: phụ lục 01b (appendix), số liệu đơn vị nhập (set), lập báo cáo (build)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{appendix,set,build,extract,check,aggregate}")

        appendix = actions.add_parser("appendix", help="in bảng phụ lục 01b của một đơn vị và các đơn vị cấp dưới")
        appendix.add_argument("--unit", required=True, help="mã đơn vị hành chính")
        appendix.add_argument("--period", required=True, help=PERIOD_HELP)
        appendix.add_argument("--format", choices=FORMATS, default="json", help="định dạng (mặc định json)")
        appendix.add_argument("-o", "--output", help="tệp ghi ra (mặc định: đầu ra chuẩn)")

        entered = actions.add_parser("set", help="nhập số liệu các chỉ tiêu không tính tự động của phụ lục 01b")
        entered.add_argument("--unit", required=True, help="mã đơn vị hành chính")
        entered.add_argument("--period", required=True, help=PERIOD_HELP)
        entered.add_argument(
            "assignments",
            nargs="+",
            metavar="CODE=VALUE",
            help="chỉ tiêu và giá trị, ví dụ 1.1.1=28 6.1=1 \"1.1=252/QĐ-UBND ngày 30/12/2022\"; giá trị trống để xóa",
        )

        build = actions.add_parser("build", help="lập báo cáo cải cách hành chính (nội dung, phụ lục, ký số)")
        build.add_argument("--unit", required=True, help="mã đơn vị hành chính")
        build.add_argument("--period", required=True, help=PERIOD_HELP)
        build.add_argument("--format", choices=BUILD_FORMATS, default="docx", help="định dạng (mặc định docx)")
        build.add_argument(
            "--sign", metavar="CERT", help=f"ký số tệp PDF bằng chứng thư số PKCS#12 (mật khẩu trong {PASSWORD_ENV})"
        )
        build.add_argument("-o", "--output", help="tệp ghi ra (mặc định: bao-cao-cchc-MÃ-KỲ.docx|pdf tại thư mục hiện hành)")

        # Reading existing reports (motcua.reports.extract): extract, check, aggregate.
        from motcua.reports.extract.command import add_parsers as add_extract_parsers

        add_extract_parsers(actions, PERIOD_HELP)

    def handle(self, *args, action, **options):
        from motcua.reports.extract.command import ACTIONS as EXTRACT_ACTIONS

        if action in EXTRACT_ACTIONS:
            from motcua.reports.extract.command import run as run_extract

            return run_extract(self, action, options)
        if action == "appendix":
            self.appendix(**options)
        elif action == "build":
            self.build(**options)
        else:
            self.set_values(**options)

    def build(self, *, unit, period, format, sign, output, **options):
        from motcua.reports.document import default_file_name

        if sign and format != "pdf":
            raise CommandError("chỉ ký số được báo cáo định dạng pdf: thêm --format pdf")
        period_obj = _period(period)
        unit_obj = _unit(unit, period_obj)
        password = None
        if sign:
            from motcua.reports.signing import SigningError, load_signer

            password = os.environ.get(PASSWORD_ENV)
            if password is None:
                raise CommandError(f"chưa đặt biến môi trường {PASSWORD_ENV} (mật khẩu chứng thư số)")
            # Open the certificate before rendering: a wrong password fails at once.
            try:
                load_signer(sign, password)
            except SigningError as error:
                raise CommandError(str(error)) from None
        target = Path(output) if output else Path.cwd() / default_file_name(unit_obj, period_obj, format)
        if format == "pdf":
            from motcua.reports.pdf_report import build_report_pdf

            data = build_report_pdf(unit_obj, period_obj, sign=sign, password=password)
        else:
            from motcua.reports.docx_report import build_report_docx

            data = build_report_docx(unit_obj, period_obj)
        _write(target, data)
        self.stdout.write(str(target))

    def appendix(self, *, unit, period, format, output, **options):
        from motcua.reports.compute import compute_appendix

        if format not in SUPPORTED_FORMATS:
            raise CommandError(f"định dạng {format} chưa hỗ trợ (hiện có: {', '.join(SUPPORTED_FORMATS)})")
        if format in ("xlsx", "docx") and not output:
            raise CommandError(f"định dạng {format} cần tệp ghi ra: thêm -o TỆP.{format}")
        period_obj = _period(period)
        unit_obj = _unit(unit, period_obj)
        result = compute_appendix(unit_obj, period_obj)
        if not output:
            if self.stdout._out is sys.stdout:
                # The JSON keeps Vietnamese letters as they are; a C locale must not choke on them.
                try:
                    sys.stdout.reconfigure(encoding="utf-8")
                except (AttributeError, ValueError):
                    pass
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        try:
            if format == "xlsx":
                from motcua.reports.xlsx import write_appendix_xlsx

                write_appendix_xlsx(result, output)
            elif format == "docx":
                from motcua.reports.docx_report import build_appendix_docx

                Path(output).write_bytes(build_appendix_docx(result))
            else:
                with open(output, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
        except OSError as exc:
            raise CommandError(f"không ghi được tệp {output}: {exc.strerror}") from None
        self.stdout.write(f"đã ghi phụ lục 01b của {unit_obj.name} kỳ {period_obj.label} vào {output}")

    def set_values(self, *, unit, period, assignments, **options):
        from motcua.reports.manual import ManualValueError, set_manual_values

        period_obj = _period(period)
        unit_obj = _unit(unit, period_obj)
        try:
            saved = set_manual_values(unit_obj, period_obj, assignments)
        except ManualValueError as error:
            raise CommandError(f"không lưu giá trị nào: {error}") from None
        cleared = sum(1 for value in saved.values() if value is None)
        message = f"đã lưu {len(saved) - cleared} giá trị"
        if cleared:
            message += f", xóa {cleared} giá trị"
        self.stdout.write(f"{message} của {unit_obj.name} ({unit_obj.code}) kỳ {period_obj.label}")


def _write(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"không ghi được tệp {target}: {exc.strerror}") from None


def _unit(code: str, period: Period) -> Unit:
    # A code names the unit holding it at the end of the period (units.models.find_unit).
    unit = find_unit(code, on=period.end)
    if unit is None:
        raise CommandError(f"không tìm thấy đơn vị có mã {code}")
    return unit


def _period(text: str) -> Period:
    try:
        return parse_period(text, settings.MOTCUA_PERIOD_CALENDAR)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
