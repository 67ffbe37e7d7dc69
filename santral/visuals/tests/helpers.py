import io
import re

import pypdf
from PIL import Image


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def squeeze(text: str) -> str:
    """Text without white space: line breaks chosen by the layout do not matter."""
    return re.sub(r"\s+", "", text)


def png_size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size
