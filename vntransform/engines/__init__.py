"""Engines that run the ingest pipeline beyond one process: Dask over a Parquet corpus."""
