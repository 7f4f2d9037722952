"""Read an existing reform report (text, PDF, DOCX) back into appendix 01b values and check it.

    from motcua.reports.extract import extract_file, ExtractError
    result = extract_file("bao-cao.pdf")   # {"unit", "period", "values", "checks"}

Pure Python, no Django models: `text` gets the text layer, `appendix` maps the
printed rows onto indicator codes, `narrative` (C10) and `dates` (C11) check
what the prose says against the table.
"""

from motcua.reports.extract.text import ExtractError, read_text
from motcua.reports.extract.reader import extract_file, extract_text

__all__ = ["ExtractError", "read_text", "extract_file", "extract_text"]
