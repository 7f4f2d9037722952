"""Users of motcua: every account works for one unit in one role."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", "Cán bộ một cửa"
    SPECIALIST = "specialist", "Chuyên viên"
    LEADER = "leader", "Lãnh đạo"
    OVERSIGHT = "oversight", "Cán bộ theo dõi (huyện/tỉnh)"
    ADMINISTRATOR = "administrator", "Quản trị viên"
    # The national portal's connector account: files dossiers through POST /api/portal/dossiers, nothing else.
    NATIONAL_PORTAL = "national_portal", "Tài khoản kết nối Cổng DVC quốc gia"


# The environment variables a leader's certificate password may be read from: never another secret
# of the server (MOTCUA_SECRET_KEY, DATABASE_URL …), whatever an administrator types.
SIGNING_PASSWORD_ENV_PATTERN = r"^MOTCUA_SIGN_PASSWORD[A-Z0-9_]*$"

# Roles that see the units below their own, not only their own unit.
ROLES_SEEING_SUBTREE = {Role.OVERSIGHT, Role.ADMINISTRATOR}


class User(AbstractUser):
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="users", verbose_name="đơn vị"
    )
    role = models.CharField("vai trò", max_length=32, choices=Role.choices, blank=True)
    # Printed in a signature block ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"); empty: the role's name.
    title = models.CharField("chức danh", max_length=100, blank=True, default="")
    # A leader's signing certificate (motcua.dossiers.results): the path of a PKCS#12 file on the
    # server, and the NAME of the environment variable holding its password. The password itself
    # is never stored in the database.
    signing_p12 = models.CharField("tệp chứng thư số (PKCS#12) trên máy chủ", max_length=500, blank=True, default="")
    signing_password_env = models.CharField(
        "biến môi trường chứa mật khẩu chứng thư số", max_length=100, blank=True, default="",
        validators=[RegexValidator(SIGNING_PASSWORD_ENV_PATTERN,
                                   "tên biến phải bắt đầu bằng MOTCUA_SIGN_PASSWORD, chỉ gồm chữ in hoa, số và _")],
    )

    def get_full_name(self) -> str:
        """Return the name in Vietnamese order: family and middle names, then the given name."""
        return " ".join(part for part in (self.last_name.strip(), self.first_name.strip()) if part)

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def signature_title(self) -> str:
        """The title printed under the name in a signature block: the user's, else the role's, in capitals."""
        text = self.title.strip() or (Role(self.role).label if self.role in Role.values else "")
        return text.upper()

    class Meta(AbstractUser.Meta):
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
