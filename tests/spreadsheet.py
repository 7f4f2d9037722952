"""Reading an XLSX file's raw sheet XML: which cells hold a formula."""

import io
import re
import zipfile


def sheet_xml(content: bytes, number: int = 1) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode()


def formula_cells(content: bytes, number: int = 1) -> list[str]:
    """Return the references of the cells the raw XML of sheet `number` holds a formula (<f>) for."""
    return re.findall(r'<c r="([A-Z]+\d+)"[^>]*>(?:(?!</c>).)*?<f>', sheet_xml(content, number))
