"""PDFium's C functions as the PDFium reader calls them (pypdfium2's raw bindings, re-typed).

pypdfium2's own prototypes wrap every handle in a ctypes pointer object; comparing and hashing
those per character is the slow part of a plain-Python reader. The prototypes here are built on
the same function addresses (pypdfium2's bindings stay untouched) in two kinds:

- ``prototype``: declared argument types, handles as plain integers (``c_void_p``) — for what is
  called per page, per font or per object;
- ``bare``: no declared argument types, for what is called per character. ctypes then converts
  nothing through ``from_param``: the handle is passed as a ``c_void_p`` object made once per
  page, an index as a C ``int``, an out-parameter as ``byref``. This halves the cost of a call.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_double, c_float, c_int, c_uint, c_void_p

import pypdfium2.raw as pdfium_c


def _address(name: str) -> int:
    return ctypes.cast(getattr(pdfium_c, name), c_void_p).value


def prototype(name: str, restype, *argtypes):
    """A private prototype of a PDFium function with its argument types; handles as integers."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(_address(name))


def bare(name: str, restype):
    """A prototype of a PDFium function without argument types (see the module's docstring):
    every argument must already be a ctypes object or an ``int`` that fits a C ``int``."""
    return ctypes.CFUNCTYPE(restype)(_address(name))


FS_RECTF, FS_MATRIX = pdfium_c.FS_RECTF, pdfium_c.FS_MATRIX
_pfloat, _pdouble, _pint, _puint = POINTER(c_float), POINTER(c_double), POINTER(c_int), POINTER(c_uint)

# documents and pages
LoadPage = prototype("FPDF_LoadPage", c_void_p, c_void_p, c_int)
ClosePage = prototype("FPDF_ClosePage", None, c_void_p)
GetRotation = prototype("FPDFPage_GetRotation", c_int, c_void_p)
GetMediaBox = prototype("FPDFPage_GetMediaBox", c_int, c_void_p, _pfloat, _pfloat, _pfloat, _pfloat)
GetBoundingBox = prototype("FPDF_GetPageBoundingBox", c_int, c_void_p, POINTER(FS_RECTF))
CountObjects = prototype("FPDFPage_CountObjects", c_int, c_void_p)
GetObject = bare("FPDFPage_GetObject", c_void_p)  # (page as c_void_p, index)

# the text page: per page, then per character (bare)
TextLoad = prototype("FPDFText_LoadPage", c_void_p, c_void_p)
TextClose = prototype("FPDFText_ClosePage", None, c_void_p)
CountChars = prototype("FPDFText_CountChars", c_int, c_void_p)
GetText = prototype("FPDFText_GetText", c_int, c_void_p, c_int, c_int, POINTER(ctypes.c_ushort))
GetUnicode = bare("FPDFText_GetUnicode", c_uint)
GetTextObject = bare("FPDFText_GetTextObject", c_void_p)
GetLooseCharBox = bare("FPDFText_GetLooseCharBox", c_int)
GetCharOrigin = bare("FPDFText_GetCharOrigin", c_int)
GetCharMatrix = bare("FPDFText_GetMatrix", c_int)
IsGenerated = bare("FPDFText_IsGenerated", c_int)
HasUnicodeMapError = bare("FPDFText_HasUnicodeMapError", c_int)

# text objects and fonts
TextObjFont = prototype("FPDFTextObj_GetFont", c_void_p, c_void_p)
TextObjFontSize = prototype("FPDFTextObj_GetFontSize", c_int, c_void_p, _pfloat)
FontBaseName = prototype("FPDFFont_GetBaseFontName", ctypes.c_size_t, c_void_p, ctypes.c_char_p, ctypes.c_size_t)
FontDescent = prototype("FPDFFont_GetDescent", c_int, c_void_p, c_float, _pfloat)
FontGlyphWidth = prototype("FPDFFont_GetGlyphWidth", c_int, c_void_p, c_uint, c_float, _pfloat)

# page objects: forms, paths, images
FormCount = prototype("FPDFFormObj_CountObjects", c_int, c_void_p)
FormObject = prototype("FPDFFormObj_GetObject", c_void_p, c_void_p, ctypes.c_ulong)
ObjType = prototype("FPDFPageObj_GetType", c_int, c_void_p)
ObjMatrix = prototype("FPDFPageObj_GetMatrix", c_int, c_void_p, POINTER(FS_MATRIX))
ObjBounds = prototype("FPDFPageObj_GetBounds", c_int, c_void_p, _pfloat, _pfloat, _pfloat, _pfloat)
PathDrawMode = prototype("FPDFPath_GetDrawMode", c_int, c_void_p, _pint, _pint)
PathCount = prototype("FPDFPath_CountSegments", c_int, c_void_p)
PathSegment = prototype("FPDFPath_GetPathSegment", c_void_p, c_void_p, c_int)
SegmentPoint = prototype("FPDFPathSegment_GetPoint", c_int, c_void_p, _pfloat, _pfloat)
SegmentType = prototype("FPDFPathSegment_GetType", c_int, c_void_p)
SegmentClose = prototype("FPDFPathSegment_GetClose", c_int, c_void_p)
StrokeColor = prototype("FPDFPageObj_GetStrokeColor", c_int, c_void_p, _puint, _puint, _puint, _puint)
FillColor = prototype("FPDFPageObj_GetFillColor", c_int, c_void_p, _puint, _puint, _puint, _puint)

TEXT, PATH, IMAGE, FORM = (
    pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM,
)
MOVETO, LINETO, BEZIERTO = (
    pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_BEZIERTO,
)
ERR_PASSWORD = pdfium_c.FPDF_ERR_PASSWORD
