"""Data loads from the administration page: a background job, all or nothing, every bad line listed."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.jobs.models import Job
from motcua.units.models import Unit
from tests.jobs.work import IMMEDIATE


@pytest.fixture
def superadmin(env, client, settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    env.admin.is_superuser = True
    env.admin.save()
    client.force_login(env.admin)
    return client


def jsonl(*rows) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode() + b"\n"


def upload(client, content, name="units.jsonl", kind="units"):
    return client.post("/quan-tri/nap-du-lieu/", {"kind": kind, "file": SimpleUploadedFile(name, content)})


def test_units_file_is_loaded_and_counted(superadmin, env):
    content = jsonl(
        {"code": "16005", "name": "Xã Hoằng Thắng", "level": "commune", "parent": "388"},
        {"code": "16006", "name": "Xã Hoằng Đạt", "level": "commune", "parent": "388"},
        {"code": "38", "name": "Tỉnh Thanh Hóa", "level": "province", "parent": None, "agency_id": "H56"},
    )
    response = upload(superadmin, content)
    job = Job.objects.get()
    assert response["Location"] == f"/quan-tri/nap-du-lieu/{job.pk}/"
    page = superadmin.get(response["Location"])
    result = page.context["result"]
    assert (result["ok"], result["created"], result["updated"], result["unchanged"], result["lines"]) == (True, 2, 0, 1, 3)
    assert "Đã nạp 2 đơn vị mới, 0 cập nhật, 1 không đổi." in page.content.decode()
    assert Unit.objects.get(code="16006").path == "38/388/16006/"


def test_file_with_bad_lines_loads_nothing_and_lists_every_line(superadmin, env):
    content = jsonl({"code": "16005", "name": "Xã Hoằng Thắng", "level": "commune", "parent": "388"}) + b"{not json\n" + jsonl(
        {"code": "16007", "name": "Xã Hoằng Lộc", "level": "commune", "parent": "999"}
    )
    page = superadmin.get(upload(superadmin, content)["Location"])
    errors = page.context["result"]["errors"]
    assert len(errors) == 2
    assert errors[0].startswith("dòng 2: dòng không phải JSON hợp lệ")
    assert errors[1].startswith("dòng 3: ") and "999" in errors[1]
    body = page.content.decode()
    assert "Không nạp dòng nào" in body and "dòng 3:" in body
    assert not Unit.objects.filter(code__in=["16005", "16007"]).exists()


def test_wrong_file_type_is_refused_on_the_field(superadmin, env):
    response = upload(superadmin, b"a;b;c\n", name="units.csv")
    assert response.context["form"].errors["file"] == ["Chỉ nhận tệp JSON Lines (.jsonl)."]
    assert not Job.objects.exists()


def test_only_superusers_load(client, env, settings):
    settings.TASKS = IMMEDIATE
    client.force_login(env.admin)
    assert client.get("/quan-tri/nap-du-lieu/").status_code == 404
    assert upload(client, jsonl({"code": "16005", "name": "Xã X", "level": "commune", "parent": "388"})).status_code == 404
    assert not Unit.objects.filter(code="16005").exists()


def test_another_users_load_is_404(superadmin, env, client):
    job = Job.objects.create(kind="nap-du-lieu", owner=env.other_admin, func_path="x")
    assert superadmin.get(f"/quan-tri/nap-du-lieu/{job.pk}/").status_code == 404
