"""motcua — the one-stop desk and administrative-reform reports of a People's Committee."""

__version__ = "0.1.0"
