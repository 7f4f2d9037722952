"""The receipt's QR code: a link to the public status page of the dossier."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse


def status_url(code: str) -> str:
    """Return the public status page URL of a dossier code."""
    base = str(settings.MOTCUA_PUBLIC_URL).rstrip("/")
    return f"{base}{reverse('portal:status', args=[code])}"


def qr_svg(data: str) -> str:
    """Return an SVG document of a QR code holding `data`."""
    # Vector, so it stays sharp at any print size; level M survives a creased receipt.
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(data)
    qr.make(fit=True)
    image = qr.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def qr_png(data: str, box_size: int = 10) -> bytes:
    """Return a PNG of a QR code holding `data` (for screens and checks)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=box_size)
    qr.add_data(data)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def data_uri(content: str | bytes, mime: str) -> str:
    """Return a base64 data: URI, which WeasyPrint embeds without any file or network access."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"
