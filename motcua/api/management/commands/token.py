"""`motcua token create|revoke|list`: manage the bearer tokens of the API."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.accounts.models import User
from motcua.api.models import ApiToken
from motcua.api.tokens import TokenError, create_token, revoke_tokens


class Command(BaseCommand):
    help = "Tạo, thu hồi hoặc liệt kê mã truy cập API (Bearer token)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        create = sub.add_parser("create", help="tạo mã truy cập; mã chỉ in ra một lần")
        create.add_argument("--user", required=True, help="tên đăng nhập")
        create.add_argument("--name", required=True, help="tên gợi nhớ của mã, ví dụ «máy kiosk tầng 1»")
        revoke = sub.add_parser("revoke", help="thu hồi mã truy cập")
        revoke.add_argument("--user", required=True, help="tên đăng nhập")
        which = revoke.add_mutually_exclusive_group(required=True)
        which.add_argument("--name", help="tên của mã cần thu hồi")
        which.add_argument("--all", action="store_true", help="thu hồi mọi mã của người dùng")
        listing = sub.add_parser("list", help="liệt kê mã truy cập (không hiện mã)")
        listing.add_argument("--user", help="chỉ của người dùng này")
        # Django's own parser wraps these; the subparsers must know it to report errors properly.
        for subparser in (create, revoke, listing):
            subparser.called_from_command_line = parser.called_from_command_line

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _user(self, username) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"không có người dùng «{username}»")
        return user

    def _create(self, user, name, **options):
        owner = self._user(user)
        if not owner.is_active:
            raise CommandError(f"tài khoản {owner.username} đã bị khóa")
        try:
            token, raw = create_token(owner, name)
        except TokenError as exc:
            raise CommandError(str(exc)) from None
        # The token alone on stdout, so that scripts can capture it; the notice goes to stderr.
        self.stdout.write(raw)
        self.stderr.write(
            f"Đã tạo mã truy cập «{token.name}» cho {owner.username}. Hãy lưu lại ngay: mã sẽ không được hiển thị lần nữa."
        )

    def _revoke(self, user, name=None, all=False, **options):
        owner = self._user(user)
        tokens = ApiToken.objects.filter(user=owner)
        if not all:
            tokens = tokens.filter(name=name)
        count = revoke_tokens(tokens)
        if count == 0:
            what = "nào" if all else f"tên «{name}»"
            raise CommandError(f"{owner.username} không có mã truy cập {what} đang hiệu lực")
        self.stdout.write(f"Đã thu hồi {count} mã truy cập của {owner.username}.")

    def _list(self, user=None, **options):
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if user:
            tokens = tokens.filter(user=self._user(user))
        for token in tokens:
            used = timezone.localtime(token.last_used_at).strftime("%d/%m/%Y %H:%M") if token.last_used_at else "chưa dùng"
            state = "đã thu hồi" if token.revoked else "hiệu lực"
            created = timezone.localtime(token.created_at).strftime("%d/%m/%Y %H:%M")
            self.stdout.write(f"{token.user.username}\t{token.name}\t{token.prefix}…\ttạo {created}\t{used}\t{state}")
