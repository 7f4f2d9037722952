"""Calendar data administrators edit: declared days off, make-up Saturdays, working hours."""

import datetime

from django.db import models


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", "Ngày nghỉ (nghỉ bù, nghỉ thêm)"
    WORKING_DAY = "working_day", "Ngày làm việc (làm bù)"


class DeclaredDay(models.Model):
    """A day the government or the province declares off, or a weekend day worked in compensation."""

    # Null province = declared nationally; otherwise only for that province's tree.
    province = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="declared_days", verbose_name="tỉnh"
    )
    date = models.DateField("ngày")
    kind = models.CharField("loại", max_length=16, choices=DayKind.choices)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "ngày nghỉ bù / làm bù"
        verbose_name_plural = "ngày nghỉ bù / làm bù"
        constraints = [
            models.UniqueConstraint(fields=["province", "date"], name="declared_day_once_per_province"),
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(province__isnull=True), name="declared_day_once_nationally"
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"


class WorkSchedule(models.Model):
    """A unit's office hours: a morning and an afternoon working period."""

    unit = models.OneToOneField("units.Unit", on_delete=models.CASCADE, related_name="work_schedule", verbose_name="đơn vị")
    morning_start = models.TimeField("sáng từ", default=datetime.time(7, 0))
    morning_end = models.TimeField("sáng đến", default=datetime.time(11, 30))
    afternoon_start = models.TimeField("chiều từ", default=datetime.time(13, 30))
    afternoon_end = models.TimeField("chiều đến", default=datetime.time(17, 0))

    class Meta:
        verbose_name = "giờ làm việc"
        verbose_name_plural = "giờ làm việc"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(morning_start__lt=models.F("morning_end"))
                & models.Q(morning_end__lte=models.F("afternoon_start"))
                & models.Q(afternoon_start__lt=models.F("afternoon_end")),
                name="work_schedule_periods_in_order",
            )
        ]

    def __str__(self):
        return (
            f"{self.morning_start:%H:%M}–{self.morning_end:%H:%M}, "
            f"{self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M}"
        )

    @property
    def periods(self) -> tuple[tuple[datetime.time, datetime.time], ...]:
        return ((self.morning_start, self.morning_end), (self.afternoon_start, self.afternoon_end))
