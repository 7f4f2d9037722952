"""Administrative units: a tree of People's Committees whose levels are data."""

from django.db import models
from django.db.models import QuerySet as QuerySetType


class UnitLevel(models.Model):
    """A level of the administrative tree (province, district, commune …)."""

    code = models.SlugField("mã cấp", max_length=32, unique=True)
    name = models.CharField("tên cấp", max_length=64)
    # 1 = province; larger numbers are further down the tree.
    rank = models.PositiveSmallIntegerField("thứ bậc")

    class Meta:
        ordering = ["rank"]
        verbose_name = "cấp hành chính"
        verbose_name_plural = "cấp hành chính"

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A People's Committee (Ủy ban nhân dân) at some level."""

    code = models.CharField("mã đơn vị hành chính", max_length=16, unique=True)
    name = models.CharField("tên", max_length=200)
    level = models.ForeignKey(UnitLevel, on_delete=models.PROTECT, verbose_name="cấp")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="đơn vị cấp trên"
    )
    agency_id = models.CharField("mã định danh cơ quan", max_length=64, blank=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors", verbose_name="đơn vị kế thừa"
    )
    # Materialised path of codes ("38/388/16003/"): subtree queries are one
    # indexed prefix match instead of a recursive walk.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_in_order",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}/"

    def save(self, *args, **kwargs):
        self.path = self.compute_path()
        super().save(*args, **kwargs)

    def subtree(self):
        """Return this unit and every unit below it."""
        return Unit.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list["Unit"]:
        """Return the units above this one, nearest first."""
        codes = self.path.rstrip("/").split("/")[:-1]
        by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
        return [by_code[c] for c in reversed(codes) if c in by_code]

    def province(self) -> "Unit":
        """Return the top of this unit's tree."""
        top = self.path.split("/", 1)[0]
        return self if top == self.code else Unit.objects.get(code=top)

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


def subtree_with_predecessors(unit: Unit) -> QuerySetType:
    """Return the units whose records a report for `unit` covers: its subtree and every predecessor's subtree.

    A unit created by a merger reports, for past periods, the records of the
    units it replaced; predecessors are followed transitively.
    """
    paths, seen, frontier = [], set(), [unit]
    while frontier:
        current = frontier.pop()
        if current.pk in seen:
            continue
        seen.add(current.pk)
        paths.append(current.path)
        frontier.extend(current.predecessors.all())
    query = models.Q()
    for path in paths:
        query |= models.Q(path__startswith=path)
    return Unit.objects.filter(query)
