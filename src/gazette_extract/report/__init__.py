"""Review report (审阅报告) and page debug images.

``write_report(OUT/)`` turns a finished extraction (its written files, plus the PDF for page
images) into one self-contained ``OUT/report.html``; ``inspect_page(PDF, N)`` draws what the
pipeline's own stages see on one page. The report reads only the written output and the PDF.
"""

from .build import REPORT_FILE, write_report
from .inspect import inspect_page

__all__ = ["REPORT_FILE", "inspect_page", "write_report"]
