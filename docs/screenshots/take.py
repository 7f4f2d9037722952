"""Retake every screenshot in docs/screenshots/ from the demo, in one run.

Run from anywhere (the repository's virtualenv must have Playwright; the browser is Debian's Chromium):

    .venv/bin/python docs/screenshots/take.py            # every shot
    .venv/bin/python docs/screenshots/take.py desk-home  # only the shots whose name contains one of the words

What it does:
  1. creates a throw-away MOTCUA_HOME, loads the demo deterministically
     (`motcua demo --no-serve --now 2026-11-24T16:30:00+07:00`), moves a few of the demo's
     new dossiers along (one in processing, two awaiting the leader's decision) with the
     domain functions at fixed times, builds the Q2/2023 PDF report of Xã Hoằng Lưu and a
     Word report of Xã Hoằng Đông to upload on the reading page;
  2. serves it with the production server (`motcua serve --addr 127.0.0.1:<free port>`: gunicorn,
     whitenoise, a throw-away MOTCUA_SECRET_KEY), waits for /healthz, and
     drives /usr/bin/chromium with Playwright (locale vi-VN, Asia/Ho_Chi_Minh, 1280×900 unless
     a shot says otherwise), overwriting docs/screenshots/<name>.png;
  3. renders page 1 of the PDF report with pdftoppm (or pypdfium2 when pdftoppm is missing);
  4. stops the server and removes the temporary home, also on failure.

Shots (docs/screenshots/<name>.png): portal-status, portal-lookup-verified, portal-submit,
portal-statistics (390×844), english-portal, portal-receipt; desk-home, desk-intake,
desk-intake-checklist, desk-worklist, desk-dossier, desk-decision-queue; report-page,
report-dashboard, report-reading, report-q2-2023-page1; reform-registers; admin-calendar,
admin-procedure, admin-procedure-papers, admin-procedures.

Needs: Playwright in .venv, Debian's chromium and chromium-l10n (without it the browser's own
file and date widgets read in English), and pdftoppm (poppler-utils) or pypdfium2.

It prints each file written. Exit status 1 when a page answered an error (HTTP status ≥ 400)
or a shot could not be taken; the PNG of a failed shot is left as it was.

Only the figures on pages that count from "now" (time left before a due date, the current
quarter) depend on the day the script runs; the demo data itself is pinned by --now.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NOW = "2026-11-24T16:30:00+07:00"
PASSWORD = "motcua2026"
CHROMIUM = "/usr/bin/chromium"
SEED_REPORT = ROOT / "tests" / "extract" / "data" / "bao-cao-cchc-quy-II-2023.txt"
REPORT_UNIT, REPORT_PERIOD = "16000", "2026-Q3"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Run inside `motcua shell -c` once the demo is loaded: move a few of the main commune's
# new dossiers along at fixed times (so every run gives the same history), and print
# what the shots need as one JSON line.
PREPARE = r'''
import datetime as dt, json
from zoneinfo import ZoneInfo
from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.dossiers import actions as a
from motcua.dossiers.models import Dossier, Status

tz = ZoneInfo("Asia/Ho_Chi_Minh")
users = {u.username: u for u in User.objects.all()}
desk, spec, lead = users["motcua"], users["chuyenvien"], users["lanhdao"]

def at(minute):
    return dt.datetime(2026, 11, 24, 16, 30, tzinfo=tz) + dt.timedelta(minutes=minute)

waiting = list(Dossier.objects.filter(unit__code="16000", status=Status.RECEIVED).order_by("received_at", "code")[:4])
if len(waiting) < 4:
    raise SystemExit(f"the demo has only {len(waiting)} new dossiers in 16000; 4 are needed")
for i, d in enumerate(waiting):
    d = a.do_assign_dossier(desk, d, spec, note="Giao chuyên viên xử lý", at=at(5 + i))
    if i == 3:
        continue  # stays assigned: a new item on the specialist's list
    d = a.do_start_processing(spec, d, at=at(10 + i))
    if i < 2:
        a.do_submit_for_decision(spec, d, note="Hồ sơ đủ điều kiện, đề nghị lãnh đạo ký duyệt", at=at(15 + i))

def tail(text):
    digits = "".join(ch for ch in text or "" if ch.isdigit())
    return digits[-4:]

shown = (
    Dossier.objects.filter(unit__code="16000", status=Status.RETURNED, applicant_phone__regex=r"[0-9]{4}$")
    .order_by("-returned_at", "-code")
    .first()
)
procedure = Procedure.objects.filter(code="1.001193").first() or Procedure.objects.order_by("code").first()
papers = Procedure.objects.filter(code="2.000815").first() or procedure
print(json.dumps({
    "status_code": shown.code,
    "status_digits": tail(shown.applicant_phone),
    "processing_code": waiting[2].code,
    "decision_codes": [waiting[0].code, waiting[1].code],
    "procedure_pk": procedure.pk,
    "papers_procedure_pk": papers.pk,
}))
'''

# Wait until htmx has nothing in flight or being swapped.
HTMX_QUIET = """() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added')
                 && document.readyState === 'complete'"""


class ShotFailed(Exception):
    pass


def main(argv: list[str]) -> int:
    wanted = [w for w in argv if not w.startswith("-")]
    started = time.monotonic()
    home = Path(tempfile.mkdtemp(prefix="motcua-shots-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MOTCUA_DEBUG")}
    env.update(
        MOTCUA_HOME=str(home),
        # `motcua serve` refuses to start without a key; a throw-away one, the same for every step.
        MOTCUA_SECRET_KEY="screenshots-" + secrets.token_urlsafe(40),
        # The demo's documented address, so the receipt's link and QR code are the same on every run.
        MOTCUA_PUBLIC_URL="http://127.0.0.1:8000",
        MOTCUA_PUBLIC_RATE_LIMIT="100000/minute",
        PYTHONIOENCODING="utf-8",
        PYTHONUNBUFFERED="1",
    )
    server = None
    failures: list[str] = []
    written: list[Path] = []
    try:
        print(f"MOTCUA_HOME={home}")
        motcua(env, "demo", "--no-serve", "--now", NOW)
        facts = json.loads(motcua(env, "shell", "-c", PREPARE).strip().splitlines()[-1])
        print(f"demo ready: {facts}")
        pdf = home / "bao-cao-15976-2023-Q2.pdf"
        motcua(env, "report", "build", "--unit", "15976", "--period", "2023-Q2", "--format", "pdf", "-o", str(pdf))
        docx = second_report(env, home / "bao-cao-xa-hoang-dong-quy-II-2023.docx")

        log = open(home / "server.log", "w", encoding="utf-8")
        server = subprocess.Popen(
            [sys.executable, "-m", "motcua", "serve", "--addr", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_healthy(base, server)
        shots = Shots(base, facts, home, uploads=[SEED_REPORT, docx])
        shots.run(wanted, failures, written)
        if select(wanted, "report-q2-2023-page1"):
            try:
                written.append(render_pdf_page(pdf, HERE / "report-q2-2023-page1.png"))
                print(f"wrote {written[-1].relative_to(ROOT)}")
            except ShotFailed as note:
                print(f"note: report-q2-2023-page1.png kept as it was: {note}")
    except Exception:
        traceback.print_exc()
        failures.append("setup")
    finally:
        if server is not None:
            stop(server)
            if failures:
                tail_log(home / "server.log")
        shutil.rmtree(home, ignore_errors=True)
    took = time.monotonic() - started
    print(f"{len(written)} file(s) written in {took:.0f} s")
    if failures:
        print("FAILED: " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


def select(wanted: list[str], name: str) -> bool:
    return not wanted or any(w in name for w in wanted)


# ------------------------------------------------------------------ the shots


class Shots:
    def __init__(self, base: str, facts: dict, home: Path, uploads: list[Path]):
        self.base = base
        self.facts = facts
        self.home = home
        self.uploads = uploads
        self.errors: list[str] = []

    def run(self, wanted, failures, written):
        from playwright.sync_api import sync_playwright

        plan = [
            ("portal-status", None, self.portal_status),
            ("portal-lookup-verified", None, self.portal_lookup_verified),
            ("portal-submit", None, self.portal_submit),
            ("portal-statistics", None, self.portal_statistics),
            ("english-portal", None, self.english_portal),
            ("desk-home", "motcua", self.desk_home),
            ("desk-intake", "motcua", self.desk_intake),
            ("desk-intake-checklist", "motcua", self.desk_intake_checklist),
            ("desk-worklist", "motcua", self.desk_worklist),
            ("desk-dossier", "chuyenvien", self.desk_dossier),
            ("desk-decision-queue", "lanhdao", self.desk_decision_queue),
            ("report-page", "lanhdao", self.report_page),
            ("report-dashboard", "lanhdao", self.report_dashboard),
            ("report-reading", "huyen", self.report_reading),
            ("reform-registers", "chuyenvien", self.reform_registers),
            ("admin-calendar", "quantri", self.admin_calendar),
            ("admin-procedure", "quantri", self.admin_procedure),
            ("admin-procedure-papers", "quantri", self.admin_procedure_papers),
            ("admin-procedures", "quantri", self.admin_procedures),
            # Last: it adds an online dossier the other pages would otherwise count.
            ("portal-receipt", None, self.portal_receipt),
        ]
        if not Path("/usr/lib/chromium/locales/vi.pak").exists():
            print("note: Chromium has no Vietnamese locale (apt install chromium-l10n); file and date inputs will read in English")
        with sync_playwright() as p:
            # --lang: the browser's own widgets (file and date inputs) speak Vietnamese too.
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--lang=vi-VN"],
                env={**os.environ, "LANG": "vi_VN.UTF-8", "LANGUAGE": "vi"},
            )
            try:
                for name, user, take in plan:
                    if not select(wanted, name):
                        continue
                    self.errors = []
                    context = self.new_context(browser, PHONE if name == "portal-statistics" else WIDE)
                    try:
                        page = context.new_page()
                        self.watch(page)
                        if user:
                            self.login(page, user)
                        target = HERE / f"{name}.png"
                        scratch = target.with_name(f".{name}.tmp.png")
                        take(page, scratch)
                        if self.errors:
                            raise ShotFailed("; ".join(self.errors))
                        scratch.replace(target)
                        written.append(target)
                        print(f"wrote {target.relative_to(ROOT)}")
                    except Exception as error:
                        failures.append(name)
                        print(f"FAILED {name}: {type(error).__name__}: {error}", file=sys.stderr)
                    finally:
                        for stale in HERE.glob(f".{name}.tmp.png"):
                            stale.unlink()
                        context.close()
            finally:
                browser.close()

    # -- browser helpers

    def new_context(self, browser, viewport, language=None):
        context = browser.new_context(
            locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=viewport, device_scale_factor=1,
            is_mobile=viewport is PHONE, has_touch=viewport is PHONE,
        )
        context.set_default_timeout(30_000)
        if language:
            context.add_cookies([{"name": "django_language", "value": language, "url": self.base}])
        return context

    def watch(self, page):
        def on_response(response):
            if response.url.startswith(self.base) and response.status >= 400:
                self.errors.append(f"{response.status} {response.request.method} {response.url[len(self.base):]}")

        page.on("response", on_response)

    def goto(self, page, path: str):
        response = page.goto(self.base + path, wait_until="load")
        if response is None or response.status >= 400:
            raise ShotFailed(f"{path} answered {response.status if response else 'nothing'}")
        self.settle(page)

    def settle(self, page):
        page.wait_for_load_state("load")
        page.wait_for_function(HTMX_QUIET)
        page.evaluate("document.fonts.ready.then(() => true)")

    def login(self, page, username: str):
        self.goto(page, "/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập").click()
        if "/dang-nhap/" in page.url:
            raise ShotFailed(f"login as {username} failed")
        self.settle(page)

    def shoot(self, page, path: Path, full_page=False, top=None):
        """Save the page: the viewport (scrolled so `top` is at the top, when given) or the whole page."""
        self.settle(page)
        if top is not None:
            page.locator(top).first.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16)")
        else:
            page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")

    # -- portal

    def portal_status(self, page, path):
        self.goto(page, f"/tra-cuu/{self.facts['status_code']}/")
        page.locator("ol.steps li").first.wait_for()
        self.shoot(page, path, full_page=True)

    def portal_lookup_verified(self, page, path):
        self.goto(page, f"/tra-cuu/{self.facts['status_code']}/")
        page.locator("#so_cuoi").fill(self.facts["status_digits"])
        with page.expect_navigation():
            page.get_by_role("button", name="Xem thông tin").click()
        page.locator("article.verified").wait_for()
        self.shoot(page, path, full_page=True)

    def open_submission(self, page):
        """Go through the proof step, then open the online submission form of Hoằng Thanh with a procedure chosen."""
        self.goto(page, "/nop-truc-tuyen/")
        if "/xac-minh/" in page.url:
            page.locator("#lien_he").fill("0912 345 678")
            with page.expect_navigation():
                page.get_by_role("button", name="Gửi mã xác minh").click()
            # The console SMS sender printed the code to the server's output.
            code = re.findall(r"\[SMS đến 0912345678\] .*?(\d{6})", (self.home / "server.log").read_text(encoding="utf-8"))[-1]
            page.locator("#ma").fill(code)
            with page.expect_navigation():
                page.get_by_role("button", name="Xác minh").click()
        page.locator("#id_unit").select_option(label=page.locator("#id_unit option", has_text="Hoằng Thanh").first.inner_text())
        with page.expect_navigation():
            page.get_by_role("button", name="Tiếp tục").click()
        self.settle(page)
        choose_procedure(page)

    def portal_submit(self, page, path):
        self.open_submission(page)
        self.shoot(page, path, full_page=True)

    def portal_statistics(self, page, path):
        self.goto(page, "/thong-ke/")
        page.locator("main h1, h1").first.wait_for()
        self.shoot(page, path, full_page=True)

    def english_portal(self, page, path):
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": self.base}])
        response = page.goto(self.base + "/tra-cuu/", wait_until="load")
        # The response header, not <html lang>: the layout's lang attribute does not follow the language.
        language = (response.headers.get("content-language") or "") if response else ""
        if not language.startswith("en"):
            raise ShotFailed(f"the lookup page answered in {language!r}, not English")
        self.settle(page)
        self.shoot(page, path)

    def portal_receipt(self, page, path):
        self.open_submission(page)
        page.locator("#id_applicant_name").fill("Nguyễn Văn An")
        page.locator("#id_id_number").fill("038095001234")
        page.locator("#id_phone").fill("0912345678")
        if page.locator("#id_address").count():
            page.locator("#id_address").fill("Thôn 3, xã Hoằng Thanh, huyện Hoằng Hóa, tỉnh Thanh Hóa")
        paper = self.home / "to-khai.pdf"
        if not paper.exists():
            paper.write_bytes(tiny_pdf())
        page.locator("input[type=file]").first.set_input_files(str(paper))
        page.locator("input[name=consent]").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Nộp hồ sơ").click()
        if "/da-nop/" not in page.url:
            errors = page.locator(".field-error, .errorlist").all_inner_texts()
            raise ShotFailed(f"the submission was refused: {errors}")
        self.shoot(page, path, full_page=True)

    # -- desk

    def desk_home(self, page, path):
        self.goto(page, "/can-bo/")
        self.shoot(page, path)

    def desk_intake(self, page, path):
        self.goto(page, "/can-bo/tiep-nhan/")
        self.choose_birth_registration(page)
        page.locator("#procedure-search").blur()
        self.shoot(page, path)

    def choose_birth_registration(self, page):
        """Search "khai sinh" on the intake page and pick the first procedure found; wait for its checklist."""
        page.locator("#procedure-search").fill("khai sinh")
        first = page.locator("#procedure-results input[type=radio]").first
        first.wait_for()
        self.settle(page)
        first.check()
        page.locator("#procedure-detail article").first.wait_for()
        self.settle(page)

    def desk_intake_checklist(self, page, path):
        """The chosen procedure's checklist: one paper not brought, one copy, one paper added by hand."""
        self.goto(page, "/can-bo/tiep-nhan/")
        self.choose_birth_registration(page)
        detail = page.locator("#procedure-detail article").first
        rows = detail.locator("tbody tr")
        rows.nth(2).wait_for()
        kind = rows.nth(1).locator("select")
        if kind.count():
            kind.first.select_option(label="Bản sao")
        rows.nth(2).locator("input[type=checkbox]").first.uncheck()
        add = detail.get_by_role("button", name="Thêm dòng giấy tờ")
        if add.count():
            before = rows.count()
            add.click()
            page.wait_for_function(
                "n => document.querySelectorAll('#procedure-detail article tbody tr').length > n", arg=before
            )
        rows.last.locator("input[type=text]").fill("Giấy xác nhận cư trú")
        self.settle(page)
        detail.screenshot(path=str(path), animations="disabled", caret="hide")

    def desk_worklist(self, page, path):
        self.goto(page, "/can-bo/ho-so/")
        page.locator("table tbody tr").first.wait_for()
        self.shoot(page, path)

    def desk_dossier(self, page, path):
        self.goto(page, f"/can-bo/ho-so/{self.facts['processing_code']}/")
        self.shoot(page, path)

    def desk_decision_queue(self, page, path):
        self.goto(page, "/can-bo/phe-duyet/")
        page.get_by_text(self.facts["decision_codes"][0]).first.wait_for()
        self.shoot(page, path)

    # -- reports

    def report_page(self, page, path):
        self.goto(page, f"/bao-cao/?unit={REPORT_UNIT}&period={REPORT_PERIOD}")
        page.locator("table").first.wait_for()
        self.shoot(page, path)

    def report_dashboard(self, page, path):
        self.goto(page, f"/bao-cao/bang-dieu-khien/?unit={REPORT_UNIT}&period={REPORT_PERIOD}")
        page.locator("figure.chart-figure").first.wait_for()
        self.shoot(page, path)

    def report_reading(self, page, path):
        self.goto(page, "/bao-cao/doc/")
        page.locator("input[type=file]").set_input_files([str(p) for p in self.uploads])
        page.locator("input[name=period]").fill("2023-Q2")
        with page.expect_navigation():
            page.get_by_role("button", name="Đọc và kiểm tra").click()
        # The result page polls the job, then reloads itself once the reading is done.
        page.locator(".reading-head").wait_for(timeout=120_000)
        self.shoot(page, path, full_page=True)

    def reform_registers(self, page, path):
        self.goto(page, "/cai-cach/")
        self.shoot(page, path, full_page=True)

    # -- administration

    def admin_calendar(self, page, path):
        self.goto(page, "/quan-tri/lich/")
        self.shoot(page, path)

    def admin_procedure(self, page, path):
        self.goto(page, f"/quan-tri/thu-tuc/{self.facts['procedure_pk']}/")
        self.shoot(page, path)

    def admin_procedure_papers(self, page, path):
        """The papers of a procedure as the catalog lists them (the chứng thực procedure the portal shots show)."""
        self.goto(page, f"/quan-tri/thu-tuc/{self.facts['papers_procedure_pk']}/")
        box = page.locator("article", has=page.locator("header", has_text="Thành phần hồ sơ")).first
        box.locator("tbody tr").first.wait_for()
        self.settle(page)
        box.screenshot(path=str(path), animations="disabled", caret="hide")

    def admin_procedures(self, page, path):
        self.goto(page, "/quan-tri/thu-tuc/")
        page.locator("table tbody tr").first.wait_for()
        self.shoot(page, path)


def choose_procedure(page):
    """Pick a procedure on the online form: birth registration when offered, else the first one."""
    select = page.locator("#id_procedure")
    select.locator("option[value]:not([value=''])").first.wait_for(state="attached")
    options = select.locator("option[value]:not([value=''])")
    labels = options.all_inner_texts()
    index = next((i for i, text in enumerate(labels) if "khai sinh" in text.lower()), 0)
    select.select_option(value=options.nth(index).get_attribute("value"))


# ------------------------------------------------------------- the PDF page


def render_pdf_page(pdf: Path, target: Path, width: int = 794) -> Path:
    """Render page 1 of the PDF `width` pixels wide with pdftoppm, or pypdfium2 when pdftoppm is missing."""
    if not pdf.exists():
        raise ShotFailed(f"{pdf.name} was not built")
    scratch = target.with_name(f".{target.stem}.tmp")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        subprocess.run(
            [pdftoppm, "-png", "-r", "150", "-scale-to-x", str(width), "-scale-to-y", "-1", "-f", "1", "-l", "1",
             "-singlefile", str(pdf), str(scratch)],
            check=True,
        )
        Path(f"{scratch}.png").replace(target)
        return target
    try:
        import pypdfium2
    except ImportError:
        raise ShotFailed("neither pdftoppm (poppler-utils) nor pypdfium2 is installed") from None
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        first = document[0]
        scale = width / first.get_width()
        image = first.render(scale=scale).to_pil()
        image.save(f"{scratch}.png")
    finally:
        document.close()
    Path(f"{scratch}.png").replace(target)
    return target


def tiny_pdf() -> bytes:
    """Return a one-page PDF to attach to the online submission."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def second_report(env: dict, path: Path) -> Path:
    """Write the second report the reading page reads: a consistent Word report of Xã Hoằng Đông.

    It comes from the extraction tests' generator, so the page shows a clean report beside the
    seed's breaches; without it, the Word report motcua builds for 15997 from the demo records.
    """
    try:
        sys.path.insert(0, str(ROOT))
        from tests.extract.documents import CONSISTENT, write_docx

        return write_docx(path, CONSISTENT, unit="Xã Hoằng Đông", place="Hoằng Đông",
                          period_title="quý II năm 2023", date_line="ngày 05 tháng 7 năm 2023")
    except ImportError as missing:
        print(f"note: {missing}; uploading the report motcua builds for 15997 instead")
        motcua(env, "report", "build", "--unit", "15997", "--period", "2023-Q2", "--format", "docx", "-o", str(path))
        return path
    finally:
        sys.path.remove(str(ROOT))


# ---------------------------------------------------------------- processes


def motcua(env: dict, *args: str) -> str:
    """Run `motcua ARGS…` on the temporary home; return its output, raise with it on failure."""
    done = subprocess.run(
        [sys.executable, "-m", "motcua", *args], cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    if done.returncode != 0:
        raise RuntimeError(f"motcua {' '.join(args[:3])}… exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode} before answering")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base}/healthz did not answer within {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def tail_log(log: Path, lines: int = 40) -> None:
    if log.exists():
        text = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        print("--- last lines of the server log ---", *text, sep="\n", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
