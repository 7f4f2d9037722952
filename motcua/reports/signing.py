"""PAdES baseline B-B signatures on issued PDFs (pyHanko), with the unit's PKCS#12 certificate.

No visible stamp: the signature field has no widget area, as the reference
report's own signatures. No timestamp authority is called (B-B, not B-T), so
signing works offline.
"""

from __future__ import annotations

import io
from pathlib import Path


class SigningError(Exception):
    """The certificate file is missing or unreadable, or its password is wrong; the message is Vietnamese."""


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
             reason: str = "") -> bytes:
    """Return `pdf_bytes` with an invisible PAdES B-B signature by the PKCS#12 certificate at `p12_path`."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = load_signer(p12_path, password)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        location=location or None,
        reason=reason or None,
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer, new_field_spec=fields.SigFieldSpec(field_name)).sign_pdf(
        writer, output=out
    )
    return out.getvalue()
