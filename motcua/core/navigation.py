"""The staff menu: which sections each role works in."""

from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Role

# (path, label, roles that see it); None = every signed-in staff member.
_SECTIONS = [
    ("/can-bo/", _("Trang chính"), None),
    ("/can-bo/tiep-nhan/", _("Tiếp nhận"), {Role.DESK_OFFICER, Role.ADMINISTRATOR}),
    ("/can-bo/ho-so/", _("Hồ sơ"), None),
    ("/can-bo/ho-so-cong-quoc-gia/", _("Nộp trên Cổng quốc gia"), {Role.DESK_OFFICER, Role.LEADER, Role.ADMINISTRATOR}),
    ("/can-bo/phe-duyet/", _("Chờ phê duyệt"), {Role.LEADER}),
    ("/can-bo/phan-anh/", _("Phản ánh, kiến nghị"), {Role.DESK_OFFICER, Role.LEADER, Role.ADMINISTRATOR}),
    ("/cai-cach/", _("Sổ cải cách"), {Role.SPECIALIST, Role.LEADER, Role.OVERSIGHT, Role.ADMINISTRATOR}),
    ("/bao-cao/", _("Báo cáo"), None),
    ("/chi-so-766/", _("Chỉ số 766"), None),
    ("/bao-cao/doc/", _("Đọc báo cáo đơn vị"), {Role.OVERSIGHT, Role.ADMINISTRATOR}),
    ("/quan-tri/", _("Quản trị"), {Role.ADMINISTRATOR}),
    ("/quan-tri/truy-cap-du-lieu/", _("Truy cập dữ liệu cá nhân"), {Role.LEADER, Role.OVERSIGHT, Role.ADMINISTRATOR}),
]


def nav_items(user, current_path: str) -> list[dict]:
    """Return the menu entries the user's role uses, marking the one being viewed."""
    if not getattr(user, "is_authenticated", False):
        return []
    role = getattr(user, "role", "")
    items = [
        {"url": url, "label": label}
        for url, label, roles in _SECTIONS
        if roles is None or role in roles or (user.is_superuser and not role)
    ]
    # The longest matching prefix is the section being viewed ("/bao-cao/doc/" over "/bao-cao/").
    best = max((i for i in items if current_path.startswith(i["url"])), key=lambda i: len(i["url"]), default=None)
    for item in items:
        item["active"] = item is best
    return items


def navigation(request) -> dict:
    """Template context processor: the staff menu for the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_items(user, request.path)}
