"""Public statistics as data (exchange.md): the public statistics page's figures of a unit and period, no login."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from ninja import Field, Query, Router, Schema

from motcua.api.errors import ApiError
from motcua.api.schemas import ErrorOut, Text
from motcua.dossiers.figures import headline
from motcua.lib.periods import parse_period
from motcua.units.models import find_unit

router = Router(tags=["Thống kê công khai"])


class StatisticsQuery(Schema):
    unit: Text(16, 1) = Field(..., description="mã đơn vị; gồm cả các đơn vị cấp dưới và các đơn vị đã sáp nhập vào")
    period: Text(32, 1) = Field(..., description="2023-Q2, 2023-H1, 2023-9M, 2023 hoặc 2023-04-01..2023-06-30")


class StatisticsUnit(Schema):
    code: str
    name: str


class StatisticsPeriod(Schema):
    label: str
    start: dt.date
    end: dt.date


class PublicStatisticsOut(Schema):
    unit: StatisticsUnit
    period: StatisticsPeriod
    received: int = Field(..., description="hồ sơ tiếp nhận trong kỳ (chỉ tiêu 3.3.1)")
    resolved: int = Field(..., description="hồ sơ có quyết định trong kỳ: giải quyết hoặc từ chối (không tính hồ sơ rút)")
    resolved_early: int = Field(..., description="giải quyết trước ngày hẹn")
    resolved_on_time: int = Field(..., description="giải quyết trong ngày hẹn, không muộn hơn giờ hẹn")
    resolved_late: int = Field(..., description="giải quyết sau giờ hẹn")
    on_time_percent: float | None = Field(..., description="100 × 3.3.2 / resolved, 2 chữ số thập phân; null khi chưa có")
    online_received: int = Field(..., description="tiếp nhận trực tuyến (3.3.1.c + 3.3.1.d)")
    ratings: int = Field(..., description="lượt đánh giá trong kỳ có ghi hình thức (trực tuyến, phiếu, máy)")
    satisfied_percent: float | None = Field(..., description="% rất hài lòng hoặc hài lòng; null khi chưa có đánh giá")


@router.get(
    "/public/statistics",
    auth=None,
    response={200: PublicStatisticsOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Thống kê công khai của một đơn vị trong một kỳ",
)
def public_statistics(request, query: StatisticsQuery = Query(...)):
    """Return the figures of the public statistics page, computed as the report computes them; no login."""
    try:
        period = parse_period(query.period, settings.MOTCUA_PERIOD_CALENDAR)
    except ValueError as error:
        raise ApiError(400, "invalid_period", str(error), {"period": query.period}) from None
    # The unit holding the code at the period's end, as the report resolves it (units.models.find_unit).
    unit = find_unit(query.unit, on=period.end)
    if unit is None:
        raise ApiError(404, "not_found", f"không có đơn vị mã {query.unit}", {"unit": query.unit})
    figures = headline(unit, period)
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "period": {"label": period.label, "start": period.start, "end": period.end},
        "received": figures.received,
        "resolved": figures.resolved,
        "resolved_early": figures.resolved_early,
        "resolved_on_time": figures.resolved_on_time,
        "resolved_late": figures.resolved_late,
        "on_time_percent": figures.on_time_percent,
        "online_received": figures.online_received,
        "ratings": figures.ratings,
        "satisfied_percent": figures.satisfied_percent,
    }
