"""The report-reading page: upload checks, the reading job's results, the workbook, and who may use it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from motcua.jobs.models import Job, Status
from tests.extract.documents import CONSISTENT, SEED, write_docx
from tests.factories import make_tree, make_user
from tests.jobs.work import IMMEDIATE

pytestmark = pytest.mark.django_db

Q2 = dict(period_title="quý II năm 2023", date_line="ngày 05 tháng 7 năm 2023")


@pytest.fixture(autouse=True)
def inline_jobs(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def units():
    return make_tree()


@pytest.fixture
def oversight(units, client):
    _, district, *_ = units
    user = make_user("huyen", district, "oversight")
    client.force_login(user)
    return user


def upload(name, content: bytes):
    return SimpleUploadedFile(name, content)


def seed_upload():
    return upload("bao-cao-xa-hoang-luu.txt", SEED.read_bytes())


def consistent_upload(tmp_path):
    path = write_docx(tmp_path / "hoang-dong.docx", CONSISTENT, unit="Xã Hoằng Đông", place="Hoằng Đông", **Q2)
    return upload("hoang-dong.docx", path.read_bytes())


def post(client, files, period="2023-Q2"):
    return client.post("/bao-cao/doc/", {"files": files, "period": period})


def field_errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "«anh.png»: chỉ nhận tệp .pdf, .docx hoặc .txt"),
        ("bao-cao.pdf", b"Hello, not a PDF at all", "«bao-cao.pdf»: nội dung là văn bản, không khớp đuôi .pdf"),
        ("bao-cao.docx", b"PK\x03\x04" + b"\x00" * 40, "«bao-cao.docx»: nội dung là tệp nén, không khớp đuôi .docx"),
        ("bao-cao.txt", b"\x00\x01\x02binary", "«bao-cao.txt»: nội dung là tệp nhị phân, không khớp đuôi .txt"),
        ("cu.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "«cu.docx»: tệp Word cũ (.doc) chưa đọc được; hãy lưu lại thành .docx hoặc PDF"),
        ("rong.txt", b"", "«rong.txt»: tệp rỗng"),
    ],
)
def test_bad_upload_is_refused_next_to_the_field_and_starts_nothing(oversight, client, name, content, message):
    response = post(client, [upload(name, content), seed_upload()])
    assert response.status_code == 400
    assert field_errors(response, "files") == [message]
    html = response.content.decode()
    # The message sits right under the file input, which is marked invalid.
    assert 'multiple accept=".pdf,.docx,.txt"' in html and 'aria-invalid="true"' in html
    assert f'<ul class="errorlist" id="files-errors" role="alert"><li>{message}</li></ul>' in html
    assert not Job.objects.exists()


def test_too_big_file_is_refused_with_its_size(oversight, client, settings):
    settings.MOTCUA_MAX_UPLOAD_MB = 0.5
    big = upload("lon.txt", b"a" * (768 * 1024))
    response = post(client, [big])
    assert field_errors(response, "files") == ["«lon.txt»: dung lượng 0,8 MB, vượt giới hạn 0,5 MB"]
    assert not Job.objects.exists()


def test_no_file_and_bad_period_are_refused(oversight, client):
    response = post(client, [], period="quý hai")
    assert field_errors(response, "files") == ["Hãy chọn ít nhất một tệp báo cáo (.pdf, .docx hoặc .txt)."]
    assert field_errors(response, "period") == ["Kỳ báo cáo không hợp lệ: quý hai (dùng 2023-Q2, 2023-H1, 2023-9M hoặc 2023)."]
    assert not Job.objects.exists()


def test_seed_and_a_consistent_report_are_read_and_checked(oversight, client, tmp_path):
    response = post(client, [seed_upload(), consistent_upload(tmp_path)])
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/bao-cao/doc/{job.pk}/"
    assert job.status == Status.SUCCEEDED and job.owner == oversight
    assert (job.done, job.total) == (2, 2)
    seed, consistent = job.result["files"]
    assert seed["unit"]["name"] == "Xã Hoằng Lưu" and seed["period"] == "2023-Q2"
    assert seed["rules"] == ["C1", "C2", "C4", "C6", "C10", "C11"]
    c1 = next(found for found in seed["checks"] if found["rule"] == "C1")
    assert c1["rows"] == ["3.3.1", "3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d"]
    assert c1["printed"] == "3.3.1 = 602; 3.3.1.a = 255; 3.3.1.b = 0; 3.3.1.c = 172; 3.3.1.d = 198"
    assert c1["message"] == "3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625"
    # The reference report prints 63 of the 64 value rows (3.5 is blank).
    assert (seed["values_read"], seed["values_total"]) == (63, 64)
    assert consistent["unit"]["name"] == "Xã Hoằng Đông"
    assert consistent["rules"] == [] and consistent["checks"] == []
    assert job.result["summary"] == f"Đã đọc 2/2 tệp, phát hiện {len(seed['checks'])} vi phạm"

    page = client.get(response.url).content.decode()
    assert "Xã Hoằng Lưu" in page and "Xã Hoằng Đông" in page
    assert "Không phát hiện vi phạm" in page
    assert "3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625" in page
    assert "Hồ sơ tiếp nhận (3.3.1) bằng tổng tiếp nhận theo các kênh a + b + c + d" in page
    assert 'hx-trigger="every 1s"' not in page


def test_workbook_is_the_command_lines(oversight, client, tmp_path):
    post(client, [seed_upload(), consistent_upload(tmp_path)])
    job = Job.objects.get()
    response = client.get(f"/bao-cao/doc/{job.pk}/tong-hop.xlsx")
    assert response.status_code == 200
    assert 'filename="tong-hop-01b-2023-Q2.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book["Tổng hợp"]
    assert [c.value for c in sheet[2]] == ["Mã", "Chỉ tiêu", "Đơn vị tính", "Xã Hoằng Lưu", "Xã Hoằng Đông", "Toàn huyện"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    # District total: 602 + 410 received; 255 + 150 at the counter.
    assert [c.value for c in rows["3.3.1"][3:]] == [602, 410, 1012]
    assert [c.value for c in rows["3.3.1.a"][3:]] == [255, 150, 405]
    assert rows["3.3.1"][3].fill.fgColor.rgb.endswith("FFC7CE")
    assert rows["3.3.1"][4].fill.fgColor.rgb in (None, "00000000")
    checks = [[c.value for c in row] for row in book["Kiểm tra"].iter_rows(min_row=2)]
    assert {row[1] for row in checks} == {"C1", "C2", "C4", "C6", "C10", "C11"}
    assert all(row[0] == "Xã Hoằng Lưu" for row in checks)


def test_unreadable_file_gets_its_one_line_reason(oversight, client, tmp_path):
    other_period = write_docx(tmp_path / "h1.docx", CONSISTENT, unit="Xã Hoằng Đông", place="Hoằng Đông",
                              period_title="6 tháng đầu năm 2023", date_line="ngày 05 tháng 7 năm 2023")
    post(client, [upload("h1.docx", other_period.read_bytes()), upload("thu.txt", "Kính gửi anh Nam, hẹn gặp lại.".encode())])
    job = Job.objects.get()
    assert job.status == Status.SUCCEEDED
    reasons = {row["name"]: row["reason"] for row in job.result["files"]}
    assert reasons["h1.docx"] == "kỳ báo cáo 2023-H1 khác kỳ tổng hợp 2023-Q2"
    assert reasons["thu.txt"].startswith("không phải báo cáo CCHC")
    assert job.result["summary"] == "Không đọc được báo cáo nào trong 2 tệp"
    assert not job.result_file
    assert client.get(f"/bao-cao/doc/{job.pk}/tong-hop.xlsx").status_code == 404
    page = client.get(f"/bao-cao/doc/{job.pk}/").content.decode()
    assert "kỳ báo cáo 2023-H1 khác kỳ tổng hợp 2023-Q2" in page


def test_commune_desk_officer_and_leader_are_refused(units, client):
    _, _, commune, *_ = units
    for role in ("desk_officer", "leader", "specialist"):
        client.force_login(make_user(f"xa-{role}", commune, role))
        refused = client.get("/bao-cao/doc/")
        assert refused.status_code == 403
        assert "Chỉ cán bộ theo dõi cấp huyện, tỉnh và quản trị viên" in refused.content.decode()
        assert post(client, [seed_upload()]).status_code == 403
    assert not Job.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/bao-cao/doc/")
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")


def test_another_users_reading_is_not_found(units, oversight, client, tmp_path):
    post(client, [seed_upload()])
    job = Job.objects.get()
    province, *_ = units
    client.force_login(make_user("tinh", province, "oversight"))
    assert client.get(f"/bao-cao/doc/{job.pk}/").status_code == 404
    assert client.get(f"/bao-cao/doc/{job.pk}/tong-hop.xlsx").status_code == 404
    assert client.get(f"/tac-vu/{job.pk}/").status_code == 404


def test_administrator_may_read_and_sees_earlier_readings(units, client):
    province, *_ = units
    admin = make_user("quantri", province, "administrator")
    client.force_login(admin)
    post(client, [seed_upload()])
    page = client.get("/bao-cao/doc/").content.decode()
    assert "Các lần đọc trước" in page and "Đọc 1 báo cáo kỳ 2023-Q2" in page


def test_units_read_are_matched_to_the_users_catalog(units, oversight, client, tmp_path):
    # The seed's "Xã Hoằng Lưu" is commune 16003 of the officer's district; "Xã Hoằng Đông" is in no catalog.
    post(client, [seed_upload(), consistent_upload(tmp_path)])
    seed, consistent = Job.objects.get().result["files"]
    assert seed["catalog"] == {"code": "16003", "name": "Xã Hoằng Lưu"}
    assert consistent["catalog"] is None
    page = client.get(f"/bao-cao/doc/{Job.objects.get().pk}/").content.decode()
    assert "(16003)" in page and "ngoài danh mục đơn vị theo dõi" in page


def test_a_commune_of_another_district_is_not_matched(units, client):
    *_, other_province, other_commune = units
    other_commune.name = "Xã Hoằng Lưu"  # same name, other province
    other_commune.save()
    _, district, *_ = units
    client.force_login(make_user("huyen2", district, "oversight"))
    post(client, [seed_upload()])
    assert Job.objects.get().result["files"][0]["catalog"] == {"code": "16003", "name": "Xã Hoằng Lưu"}


def test_period_is_normalised_and_a_date_range_refused(oversight, client):
    refused = post(client, [seed_upload()], period="2023-04-01..2023-06-30")
    assert field_errors(refused, "period") == [
        "Báo cáo của các đơn vị ghi kỳ theo quý, 6 tháng, 9 tháng hoặc năm; hãy chọn một kỳ như 2023-Q2, không chọn khoảng ngày."
    ]
    assert not Job.objects.exists()
    post(client, [seed_upload()], period=" 2023-q2 ")
    assert Job.objects.get().kwargs["period"] == "2023-Q2"


def test_progress_names_each_file_as_it_is_read(oversight, client, tmp_path, monkeypatch):
    seen = []
    real_progress = Job.progress

    def recording(job, done, total=None, message=None):
        seen.append((done, total, message))
        real_progress(job, done, total, message)

    monkeypatch.setattr(Job, "progress", recording)
    post(client, [seed_upload(), consistent_upload(tmp_path)])
    assert seen == [
        (0, 2, "Đang đọc tệp 1/2: bao-cao-xa-hoang-luu.txt"),
        (1, 2, "Đang đọc tệp 2/2: hoang-dong.docx"),
        (2, 2, "Đã xử lý 2/2 tệp"),
    ]


def test_page_shows_the_figures_read_the_hedged_ones_and_what_each_sentence_was_compared_with(oversight, client):
    from tests.extract.test_any_report import REPORTS

    prose = upload("dong-ve.txt", (REPORTS / "01-tin-phuong.txt").read_bytes())
    hedged = upload("nghi-son.txt", (REPORTS / "05-uoc-tinh.txt").read_bytes().replace(b"9 th\xc3\xa1ng", b"qu\xc3\xbd III"))
    response = post(client, [prose, hedged], period="2025-Q3")
    job = Job.objects.get()
    assert job.status == Status.SUCCEEDED, job.result
    dong_ve, nghi_son = job.result["files"]
    assert dong_ve["ok"] and dong_ve["values_read"] == 0
    assert {"label": "tổng số hồ sơ tiếp nhận", "value": "2.265"} in dong_ve["figures"]
    assert {"label": "tỷ lệ giải quyết đúng và trước hạn (%)", "value": "99,59"} in dong_ve["figures"]
    assert nghi_son["approximate"][0] == {"label": "tổng số hồ sơ tiếp nhận", "value": "37.000", "as_written": "hơn 37 nghìn"}

    page = client.get(response.url).content.decode()
    assert "Số liệu đọc được" in page and "Số liệu ước tính (không dùng để kiểm tra)" in page
    assert "«hơn 37 nghìn»" in page
    assert "Quý III/2025, Bộ phận Một cửa phường đã tiếp nhận tổng số 2.265 hồ sơ" in page
    assert "không đối chiếu" in page


def test_page_shows_the_seed_statements_compared_with_01b(oversight, client):
    response = post(client, [seed_upload()])
    seed = Job.objects.get().result["files"][0]
    online = next(s for s in seed["statements"] if s["label"] == "hồ sơ tiếp nhận trực tuyến")
    assert online["value"] == "347"
    assert online["compared"] == {"where": "3.3.1.c + 3.3.1.d", "source": "phụ lục 01b", "value": "370", "agrees": False}
    page = client.get(response.url).content.decode()
    assert "Các câu trong phần thuyết minh đã đọc và đối chiếu" in page
    assert "3.3.1.c + 3.3.1.d = 370" in page and "không khớp" in page
