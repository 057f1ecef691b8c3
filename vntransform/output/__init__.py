"""Records to table/csv/tsv/json/jsonl: the one output layer every command uses."""

from vntransform.output.render import FORMATS, resolve_format, write_records

__all__ = ["FORMATS", "resolve_format", "write_records"]
