"""PAdES signatures on issued reports: the shared signer of motcua.lib.pdfsign, without a visible stamp."""

from motcua.lib.pdfsign import SigningError, load_signer, sign_pdf

__all__ = ["SigningError", "load_signer", "sign_pdf"]
