"""The records behind a figure of the report page and dashboards: dossiers, apologies or ratings.

Each drill-down names the figure it explains (an appendix 01b row such as
"3.3.2.a", or a dashboard figure such as "giai-quyet") and returns the rows
counted by the condition compute.py counts for that figure (compute.dossier_conditions,
built from motcua.dossiers.figures), over the same covered units and local-time
period, so the list's length equals the figure by construction; tests check it
on the hand-worked scenario of tests/reports/scenario.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.figures import InPeriod, apologies_of, dossiers_of, ratings_of
from motcua.dossiers.models import RatingValue
from motcua.lib.periods import Period
from motcua.reports.compute import dossier_conditions
from motcua.units.models import Unit

# What a drill-down lists.
DOSSIERS = "dossiers"
APOLOGIES = "apologies"
RATINGS = "ratings"


@dataclass(frozen=True)
class Drill:
    code: str
    title: str
    lists: str


def _drills() -> dict[str, Drill]:
    # Titles are lazy: the drill-down page shows them in the reader's language.
    received = "Hồ sơ tiếp nhận trong kỳ, %(channel)s"
    on_time = "Hồ sơ giải quyết đúng hạn trong kỳ, tiếp nhận %(channel)s"
    channel_names = {
        "a": "trực tiếp",
        "b": "qua BCCI",
        "c": "trực tuyến một phần",
        "d": "trực tuyến toàn trình",
    }
    items = [
        Drill("3.3.1", _("Hồ sơ tiếp nhận trong kỳ"), DOSSIERS),
        *(Drill(f"3.3.1.{x}", _formatted(received, channel=name), DOSSIERS) for x, name in channel_names.items()),
        Drill("3.3.2", _("Hồ sơ giải quyết đúng hạn trong kỳ"), DOSSIERS),
        *(Drill(f"3.3.2.{x}", _formatted(on_time, channel=name), DOSSIERS) for x, name in channel_names.items()),
        Drill("3.3.3", _("Hồ sơ giải quyết đúng hạn trong kỳ, lĩnh vực đất đai"), DOSSIERS),
        Drill("3.3.4", _("Hồ sơ giải quyết đúng hạn trong kỳ, lĩnh vực xây dựng"), DOSSIERS),
        Drill("3.4.1", _("Hồ sơ giải quyết trong kỳ, công khai trên Cổng dịch vụ công của tỉnh"), DOSSIERS),
        Drill("3.4.2", _("Hồ sơ giải quyết trong kỳ, công khai trên trang thông tin điện tử của đơn vị"), DOSSIERS),
        Drill("3.5", _("Văn bản xin lỗi đã ban hành trong kỳ"), APOLOGIES),
        # 1.4.1 also counts the survey register's responses, which are not dossiers: the
        # dashboard's satisfaction figure drills into the dossiers' ratings alone.
        Drill("danh-gia", _("Lượt đánh giá sự hài lòng của người nộp hồ sơ trong kỳ"), RATINGS),
        Drill("giai-quyet", _("Hồ sơ đã có quyết định giải quyết trong kỳ (giải quyết hoặc từ chối)"), DOSSIERS),
        Drill("truc-tuyen", _("Hồ sơ tiếp nhận trực tuyến trong kỳ (một phần và toàn trình)"), DOSSIERS),
        Drill("truc-tiep-bcci", _("Hồ sơ tiếp nhận trực tiếp hoặc qua BCCI trong kỳ"), DOSSIERS),
        Drill("rat-hai-long", _("Lượt đánh giá rất hài lòng trong kỳ"), RATINGS),
        Drill("hai-long", _("Lượt đánh giá hài lòng trong kỳ"), RATINGS),
        Drill("khong-hai-long", _("Lượt đánh giá không hài lòng trong kỳ"), RATINGS),
    ]
    return {drill.code: drill for drill in items}


def _formatted_text(template: str, **names: str) -> str:
    return gettext(template) % {key: gettext(value) for key, value in names.items()}


_formatted = lazy(_formatted_text, str)


DRILLS: dict[str, Drill] = _drills()
_RATING_VALUES = {
    "rat-hai-long": RatingValue.VERY_SATISFIED,
    "hai-long": RatingValue.SATISFIED,
    "khong-hai-long": RatingValue.UNSATISFIED,
}


def dossier_filter(code: str, period: Period) -> Q:
    """Return the condition a dossier meets to count in figure `code` over `period` (indicators.md rules)."""
    p = InPeriod(period)
    dashboard = {"giai-quyet": p.decided, "truc-tuyen": p.received_online, "truc-tiep-bcci": p.received_in_person}
    if code in dashboard:
        return dashboard[code]
    return dossier_conditions(period)[code]


def drill_rows(unit: Unit, period: Period, code: str) -> QuerySet:
    """Return the dossiers, apologies or ratings counted in figure `code` of `unit`'s report over `period`."""
    drill = DRILLS[code]
    p = InPeriod(period)
    if drill.lists == APOLOGIES:
        return (
            apologies_of(unit)
            .filter(p.apologised)
            .select_related("dossier", "dossier__procedure")
            .order_by("issued_at", "id")
        )
    if drill.lists == RATINGS:
        ratings = ratings_of(unit).filter(p.rated)
        if code in _RATING_VALUES:
            ratings = ratings.filter(value=_RATING_VALUES[code])
        return ratings.select_related("dossier", "dossier__procedure").order_by("at", "id")
    return (
        dossiers_of(unit)
        .filter(dossier_filter(code, period))
        .select_related("procedure", "unit")
        .order_by("received_at", "code")
    )


def drill_count(unit: Unit, period: Period, code: str) -> int:
    """Return how many records figure `code` counts."""
    return drill_rows(unit, period, code).count()
