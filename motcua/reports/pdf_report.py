"""The report as PDF: the HTML template reports/bao_cao.html rendered by WeasyPrint, optionally signed.

Liberation Serif (metric-compatible with Times New Roman) is loaded from the
TTFs bundled in motcua/forms/fonts, or the system's Liberation 2.x, by
@font-face, so the PDF embeds it whatever fontconfig has installed.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from motcua.lib.periods import Period
from motcua.reports.document import (
    APPENDIX_HEADERS,
    APPENDIX_LABEL,
    MOTTO,
    MOTTO_NATION,
    STATISTICS_COLUMNS,
    STATISTICS_LABEL,
    STATISTICS_TITLE,
    ReportDocument,
    assemble_report,
    font_dir,
)
from motcua.units.models import Unit

_FACES = (
    ("Regular", "normal", "normal"),
    ("Bold", "bold", "normal"),
    ("Italic", "normal", "italic"),
    ("BoldItalic", "bold", "italic"),
)


def font_faces() -> list[dict]:
    """Return the @font-face sources of Liberation Serif's four styles."""
    folder = font_dir()
    return [
        {"url": (folder / f"LiberationSerif-{name}.ttf").as_uri(), "weight": weight, "style": style}
        for name, weight, style in _FACES
    ]


def render_report_html(report: ReportDocument) -> str:
    """Return the HTML the PDF is printed from."""
    return render_to_string(
        "reports/bao_cao.html",
        {
            "report": report,
            "fonts": font_faces(),
            "nation": MOTTO_NATION,
            "motto": MOTTO,
            "appendix_label": APPENDIX_LABEL,
            "appendix_headers": APPENDIX_HEADERS,
            "statistics_label": STATISTICS_LABEL,
            "statistics_title": STATISTICS_TITLE,
            "statistics_headers": [title for _, title in STATISTICS_COLUMNS],
        },
    )


def build_report_pdf(
    unit: Unit,
    period: Period,
    *,
    sign: str | None = None,
    password: str | None = None,
    issued_on: dt.date | None = None,
) -> bytes:
    """Return the report of `unit` over `period` as PDF bytes; with `sign` (a .p12 path) PAdES-signed."""
    from weasyprint import HTML

    report = assemble_report(unit, period, issued_on=issued_on)
    pdf = HTML(string=render_report_html(report)).write_pdf()
    if sign:
        from motcua.reports.signing import sign_pdf

        pdf = sign_pdf(pdf, sign, password, location=report.place)
    return pdf
