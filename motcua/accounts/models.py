"""Users of motcua: every account works for one unit in one role."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", "Cán bộ một cửa"
    SPECIALIST = "specialist", "Chuyên viên"
    LEADER = "leader", "Lãnh đạo"
    OVERSIGHT = "oversight", "Cán bộ theo dõi (huyện/tỉnh)"
    ADMINISTRATOR = "administrator", "Quản trị viên"


# Roles that see the units below their own, not only their own unit.
ROLES_SEEING_SUBTREE = {Role.OVERSIGHT, Role.ADMINISTRATOR}


class User(AbstractUser):
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="users", verbose_name="đơn vị"
    )
    role = models.CharField("vai trò", max_length=32, choices=Role.choices, blank=True)

    def get_full_name(self) -> str:
        """Return the name in Vietnamese order: family and middle names, then the given name."""
        return " ".join(part for part in (self.last_name.strip(), self.first_name.strip()) if part)

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    class Meta(AbstractUser.Meta):
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
