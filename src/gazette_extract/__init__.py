"""gazette-extract: Chinese government gazettes (政府公报) → typed tables (Parquet + JSON)."""

__version__ = "0.1.0"
