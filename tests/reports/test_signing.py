"""PAdES B-B signing with a PKCS#12 certificate: pyHanko validates it, and a one-byte change breaks it."""

import datetime as dt
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from motcua.reports.signing import SigningError, load_signer, sign_pdf

PASSWORD = "mat-khau-thu"


def make_p12(path, password: str = PASSWORD, name: str = "UBND xã Hoằng Lưu"):
    """Write a throw-away self-signed PKCS#12 to `path` and return its certificate."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
        x509.NameAttribute(NameOID.COMMON_NAME, name),
    ])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
                          encipher_only=False, decipher_only=False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"ubnd", key, cert, None, serialization.BestAvailableEncryption(password.encode())
    )
    path.write_bytes(data)
    return cert


def validate(pdf: bytes, cert):
    """Return pyHanko's status of the PDF's only signature, trusting `cert`."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    reader = PdfFileReader(io.BytesIO(pdf))
    (signature,) = reader.embedded_signatures
    return signature, validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))


@pytest.fixture(scope="module")
def small_pdf():
    from weasyprint import HTML

    return HTML(string="<p>Báo cáo thử</p>").write_pdf()


def test_signature_validates_and_breaks_on_one_byte(tmp_path, small_pdf):
    cert = make_p12(tmp_path / "ubnd.p12")
    signed = sign_pdf(small_pdf, tmp_path / "ubnd.p12", PASSWORD, location="Hoằng Lưu")
    assert signed.startswith(small_pdf)  # an incremental update: the original bytes are kept
    signature, status = validate(signed, cert)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert "/Rect" not in signature.sig_field or all(x == 0 for x in signature.sig_field["/Rect"])  # no stamp

    assert_one_byte_breaks_it(signed, signature, cert)


def assert_one_byte_breaks_it(signed: bytes, signature, cert):
    """Flip one byte of the first page's content stream, inside the signed range: the signature must not hold."""
    at = signed.index(b"stream", signed.index(b"/Length")) + 20
    assert at < signature.byte_range[1]
    tampered = bytearray(signed)
    tampered[at] ^= 0x01
    try:
        _, broken = validate(bytes(tampered), cert)
    except Exception:  # noqa: BLE001 — pyHanko may refuse the damaged file outright
        return
    assert not (broken.intact and broken.valid)


def test_wrong_password_and_missing_file(tmp_path, small_pdf):
    make_p12(tmp_path / "ubnd.p12")
    with pytest.raises(SigningError, match="sai mật khẩu"):
        load_signer(tmp_path / "ubnd.p12", "sai")
    with pytest.raises(SigningError, match="không tìm thấy tệp chứng thư số"):
        sign_pdf(small_pdf, tmp_path / "khong-co.p12", PASSWORD)
