"""Named errors for bad input (坏输入). The CLI turns each into a one-line message and exit code 2
(3 for ``UnexpectedError``)."""

from __future__ import annotations


class GazetteError(Exception):
    """Base of every error the CLI reports as a clean one-line message."""

    exit_code = 2


class NotAPdfError(GazetteError):
    """The file is empty or is not a PDF at all."""


class DamagedPdfError(GazetteError):
    """The PDF is truncated or its structure cannot be read."""


class EncryptedPdfError(GazetteError):
    """The PDF needs a password."""


class NoTextLayerError(GazetteError):
    """Every page is an image without a text layer (a scan): OCR is needed first."""


class UndecodableTextError(GazetteError):
    """The PDF has text, but none of its fonts maps its glyphs to Unicode: OCR is needed."""


class NothingToExtractError(GazetteError):
    """The PDF has text, but no 目录, no 文号 and no table."""


class OutputNotWritableError(GazetteError):
    """The output directory cannot be created or written."""


class NotAnExtractionError(GazetteError):
    """A directory given to ``validate`` does not hold a finished extraction."""


class NoInputError(GazetteError):
    """``batch`` was given an input that does not exist, or found no PDF in its inputs."""


class EngineUnavailableError(GazetteError):
    """The ``batch`` engine asked for cannot run: Ray is not installed or its cluster is unreachable."""


class PageOutOfRangeError(GazetteError):
    """``inspect --page N`` names a page the PDF does not have."""


class UnexpectedError(GazetteError):
    """Not bad input but a failure nobody foresaw (a bug): the CLI's last net, exit code 3."""

    exit_code = 3
