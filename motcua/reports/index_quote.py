"""The QĐ 766 service index in the report's words: what section II.6 quotes and what the dashboard shows.

Every sentence and figure the report and the dashboard print about the index
is written here, from an `IndexResult` (motcua.index766.compute), so the
wording lives in one place and the numbers are always the computed ones: the
quoted paragraphs are rebuilt on every build and are never saved or edited
(an officer's text for the section replaces only the drafted paragraphs).
Numbers are Vietnamese: decimal comma, at most two decimals, rounded half up
like the index's own output ("37,36", "6", "55,56%").

An index over a period in which the unit received no dossier is not quoted:
its dossier indicators are all "N/A", and a total made of the catalog
indicators alone would read as a score. The text says so instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from motcua.index766.compute import IndexResult
from motcua.index766.definitions import GROUPS
from motcua.index766.scoring import Score, rate_of

INDEX_NAME = (
    "Bộ chỉ số phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công "
    "(Quyết định số 766/QĐ-TTg)"
)
# How many of the indicators that lost most points the report names.
COSTLIEST = 3
_CENT = Decimal("0.01")


def points_text(value: Decimal) -> str:
    """Format points with a decimal comma and no trailing zeros: 37,36 · 6 · 0,86."""
    return format(value.quantize(_CENT, ROUND_HALF_UP).normalize(), "f").replace(".", ",")


def rate_text(rate: Decimal) -> str:
    """Format a rate (0–1) as a percentage, as the narrative writes percentages: 55,56% · 0%."""
    return f"{points_text(rate * 100)}%"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def received(result: IndexResult) -> int:
    """Return the dossiers the unit received in the period: the denominator of 2.1 (index766.md)."""
    return result.scores["2.1"].denominator


def costliest(result: IndexResult, count: int = COSTLIEST) -> list[Score]:
    """Return the computed indicators (not N/A) that lost most points, most first; ties in the decision's order."""
    lost = [s for s in result.scores.values() if s.applicable and s.points < s.indicator.max]
    return sorted(lost, key=lambda s: s.indicator.max - s.points, reverse=True)[:count]


def _indicator_clause(score: Score, result: IndexResult) -> str:
    """Return "2.1 hồ sơ giải quyết trước hạn, đúng hạn 55,56% (11,11/20 điểm)".

    A rate multiplied by another (3.3 by the sync rate of 1.4) shows both:
    "3.3 hồ sơ nộp trực tuyến 11,11% nhân tỷ lệ đồng bộ 0% (0/6 điểm)".
    """
    indicator = score.indicator
    raw = rate_of(score.numerator, score.denominator)
    rate = rate_text(score.rate)
    if raw != score.rate:
        rate = f"{rate_text(raw)} nhân tỷ lệ đồng bộ {rate_text(result.scores['1.4'].rate)}"
    return (
        f"{indicator.code} {_lower_first(indicator.name)} {rate} "
        f"({points_text(score.points)}/{points_text(indicator.max)} điểm)"
    )


def index_paragraphs(result: IndexResult, noun: str) -> list[str]:
    """Return the paragraphs section II.6 quotes: total and groups, the costliest indicators, those not computed.

    `noun` is the unit's body in running text ("UBND xã").
    """
    period = result.period
    if not received(result):
        return [
            f"Trong {period.title}, {noun} không tiếp nhận hồ sơ nào nên chưa tính {INDEX_NAME} cho kỳ này."
        ]
    groups = result.groups
    parts = "; ".join(
        f"{_lower_first(g.name)} {points_text(groups[g.key])}/{points_text(g.max)} điểm" for g in GROUPS
    )
    paragraphs = [
        f"{INDEX_NAME} của {noun} {period.title} (tính từ dữ liệu hồ sơ, thủ tục trên hệ thống) đạt "
        f"{points_text(result.total)}/100 điểm, gồm: {parts}."
    ]
    lost = costliest(result)
    if lost:
        paragraphs.append(
            "Các chỉ số bị trừ nhiều điểm nhất: " + "; ".join(_indicator_clause(s, result) for s in lost) + "."
        )
    missing = [s.indicator for s in result.scores.values() if not s.applicable and not s.points]
    if missing:
        paragraphs.append(
            "Các chỉ số không có số liệu để tính trong kỳ (N/A), không được điểm: "
            + "; ".join(f"{i.code} {_lower_first(i.name)}" for i in missing)
            + "."
        )
    return paragraphs


@dataclass(frozen=True)
class GroupLine:
    key: str
    number: str
    name: str
    points: str
    max: str
    # Points in percent of the group's maximum for the bar, with a dot whatever the language: "55.6".
    share: str


@dataclass(frozen=True)
class IndexSummary:
    """What the dashboard shows of the index: the total and the six groups against their maxima."""

    total: str
    groups: list[GroupLine]
    # False when the unit received no dossier in the period: nothing is quoted then.
    computed: bool


def index_summary(result: IndexResult) -> IndexSummary:
    """Return the dashboard's index card: "37,36" of 100 and each group's points of its maximum."""
    groups = result.groups
    lines = [
        GroupLine(g.key, g.number, g.name, points_text(groups[g.key]), points_text(g.max),
                  str((groups[g.key] * 100 / g.max).quantize(Decimal("0.1"), ROUND_HALF_UP)))
        for g in GROUPS
    ]
    return IndexSummary(points_text(result.total), lines, bool(received(result)))
