"""PAdES baseline B-B signatures on PDFs with pyHanko and a PKCS#12 certificate; Django-free and domain-neutral.

Used by the reports (an invisible signature, as the reference report's) and by
dossier results (a visible block with the signer's name, title and time, in
the bundled Liberation Serif so Vietnamese prints). No timestamp authority is
called (B-B, not B-T), so signing works offline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

# The bundled font of the printed forms: it has every Vietnamese letter.
STAMP_FONT = Path(__file__).resolve().parent.parent / "forms" / "fonts" / "LiberationSerif-Regular.ttf"


class SigningError(Exception):
    """The certificate file is missing or unreadable, or its password is wrong; the message is Vietnamese."""


@dataclass(frozen=True)
class VisibleStamp:
    """The signature block drawn on the last page: who signed, as what, and when (local time)."""

    name: str
    title: str
    at: dt.datetime
    # (x1, y1, x2, y2) in points from the page's lower left corner: lower right of an A4 page.
    box: tuple[int, int, int, int] = (330, 40, 560, 130)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_signer(p12_path, password: str | bytes | None):
    """Return a pyHanko signer from a PKCS#12 file, or raise SigningError."""
    from pyhanko.sign import signers

    path = Path(p12_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"không tìm thấy tệp chứng thư số {path}") from None
    except OSError as exc:
        raise SigningError(f"không đọc được tệp chứng thư số {path}: {exc.strerror}") from None
    secret = password.encode("utf-8") if isinstance(password, str) else password
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=secret)
    except (ValueError, TypeError):
        raise SigningError(
            f"không mở được chứng thư số {path}: sai mật khẩu hoặc tệp không phải PKCS#12"
        ) from None


def sign_pdf(pdf_bytes: bytes, p12_path, password, *, field_name: str = "Signature1", location: str = "",
             reason: str = "", stamp: VisibleStamp | None = None) -> bytes:
    """Return `pdf_bytes` with a PAdES B-B signature by the PKCS#12 certificate at `p12_path`.

    Without `stamp` the signature has no widget area; with it, a block on the last page.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfReadError
    from pyhanko.sign import fields, signers

    signer = load_signer(p12_path, password)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    except (PdfReadError, ValueError, KeyError, IndexError):
        raise SigningError("tệp cần ký không phải PDF đọc được") from None
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        location=location or None,
        reason=reason or None,
        name=stamp.name if stamp else None,
    )
    spec = fields.SigFieldSpec(field_name)
    style = None
    if stamp is not None:
        spec = fields.SigFieldSpec(field_name, on_page=-1, box=stamp.box)
        style = _stamp_style(stamp)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec).sign_pdf(writer, output=out)
    return out.getvalue()


def _stamp_style(stamp: VisibleStamp):
    from pyhanko import stamp as pyhanko_stamp
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle

    # The text is fixed here (no %-fields): pyHanko's own timestamp would be UTC.
    text = "\n".join(
        line.replace("%", "%%")
        for line in ("Ký số bởi:", stamp.name, stamp.title, f"Thời gian: {stamp.at:%H:%M:%S %d/%m/%Y}")
        if line
    )
    return pyhanko_stamp.TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(STAMP_FONT)), font_size=9),
        border_width=1,
        border_color=(0.75, 0.1, 0.1),
    )
