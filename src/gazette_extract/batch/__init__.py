"""Batch extraction (批量提取): many PDFs into one hive-partitioned dataset with a manifest.

``run_batch`` finds the input PDFs, skips those the manifest says are done, extracts the rest
on an engine (``local`` process pool or ``ray``) and keeps DATASET/manifest.parquet. It calls
pipeline.run and write for each file and knows nothing of the stages.
"""

from .engines import Engine
from .manifest import ManifestRow, read_manifest
from .run import BatchObserver, BatchPlan, BatchReport, run_batch

__all__ = ["BatchObserver", "BatchPlan", "BatchReport", "Engine", "ManifestRow", "read_manifest", "run_batch"]
