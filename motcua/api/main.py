"""The NinjaAPI instance of the desk: authentication, error shape, routers."""

from ninja import NinjaAPI, Router

from motcua.api import errors
from motcua.api.auth import bearer_auth, session_auth
from motcua.api.renderers import Utf8JSONRenderer
from motcua.api.routes import accounts, actions, attachments, catalog, dossiers, portal, statistics

DESCRIPTION = """API của bộ phận một cửa: tiếp nhận, xử lý và trả kết quả hồ sơ.

Xác thực: phiên đăng nhập Django (kèm mã CSRF với POST) hoặc `Authorization: Bearer <mã>`
(tạo bằng `motcua token create --user … --name …`). Mọi dữ liệu giới hạn trong các đơn vị
của người gọi; hồ sơ của đơn vị khác trả 404. Lỗi luôn có dạng
`{"code": …, "message": <tiếng Việt>, "details": {…}}`. Thao tác trên hồ sơ nhận
`If-Match: "<version>"` (hoặc `expected_version`): hồ sơ đã bị người khác thay đổi → 409.
Riêng `GET /api/public/statistics` là số liệu công khai, không cần đăng nhập.
"""

api = NinjaAPI(
    title="motcua — API bộ phận một cửa",
    version="1",
    description=DESCRIPTION,
    auth=[bearer_auth, session_auth],
    renderer=Utf8JSONRenderer(),
    urls_namespace="api",
)
errors.install(api)

api.add_router("", accounts.router)
api.add_router("", catalog.router)
api.add_router("", dossiers.router)
api.add_router("", actions.router)
api.add_router("", attachments.router)
api.add_router("", statistics.router)
api.add_router("", portal.router)

# Last: any other path under /api/ answers in the API's error shape, not with Django's HTML 404 page.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False
)
def unknown_path(request, rest: str):
    """Answer 404 for a path the API does not have."""
    raise errors.ApiError(404, "not_found", f"API không có đường dẫn /api/{rest}")


api.add_router("", fallback)
