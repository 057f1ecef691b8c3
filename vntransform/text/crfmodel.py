"""Read underthesea's word-segmentation model files: the CRFsuite binary and its templates.

The CRFsuite format (``lCRF``/``FOMC``, as written by CRFsuite and by underthesea_core) is
a 48-byte header, a ``FEAT`` chunk of 20-byte features (type, source, destination, float64
weight), then two CQDB string databases (labels, attributes). We read the strings through
the CQDB backward links (id -> record) and never need its hash tables.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(\w+))?$")
FUNCTIONS = (None, "lower", "isdigit", "istitle", "is_in_dict")


class ModelFormatError(ValueError):
    """A model file is not in the format this reader understands."""


@dataclass(frozen=True)
class CrfModel:
    """A linear-chain CRF: label names, attribute ids, state weights and transitions.

    ``state[a, y]`` is the weight of attribute ``a`` for label ``y``; the extra last row
    (index ``len(attributes)``) is all zeros and stands for attributes the model lacks.
    """

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray
    transition: np.ndarray

    @property
    def missing(self) -> int:
        return len(self.attributes)


@dataclass(frozen=True)
class Template:
    """One feature template such as ``T[-1,0].lower``: token offsets and a function."""

    syntax: str
    start: int
    end: int
    function: str | None

    @property
    def width(self) -> int:
        return self.end - self.start + 1


def parse_template(syntax: str) -> Template:
    """``"T[-2,0].is_in_dict"`` -> Template(start=-2, end=0, function="is_in_dict")."""
    m = _TEMPLATE.match(syntax)
    if m is None or m.group(3) not in FUNCTIONS:
        raise ModelFormatError(f"feature template {syntax!r} is not supported")
    start = int(m.group(1))
    end = int(m.group(2)) if m.group(2) is not None else start
    if end < start or end - start > 2:
        raise ModelFormatError(f"feature template {syntax!r}: only 1 to 3 tokens are supported")
    return Template(syntax, start, end, m.group(3))


def read_crfsuite(data: bytes) -> CrfModel:
    """Parse a CRFsuite model file's bytes.

    Raises:
        ModelFormatError: not a CRFsuite first-order CRF model.
    """
    if len(data) < _HEADER.size:
        raise ModelFormatError("file too short for a CRFsuite header")
    (
        magic,
        _size,
        mtype,
        _version,
        _n_feat,
        n_labels,
        n_attrs,
        off_feat,
        off_labels,
        off_attrs,
        _off_lrefs,
        _off_arefs,
    ) = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or mtype != b"FOMC":
        raise ModelFormatError("not a CRFsuite first-order model (magic lCRF/FOMC)")
    chunk, _chunk_size, n_features = struct.unpack_from("<4sII", data, off_feat)
    if chunk != b"FEAT":
        raise ModelFormatError("FEAT chunk missing")
    features = np.frombuffer(data, dtype=_FEATURE, count=n_features, offset=off_feat + 12)
    labels = _read_cqdb(data, off_labels)
    attributes = _read_cqdb(data, off_attrs)
    if len(labels) != n_labels or len(attributes) != n_attrs:
        raise ModelFormatError("label or attribute count disagrees with the header")
    state = np.zeros((n_attrs + 1, n_labels), dtype=np.float64)
    transition = np.zeros((n_labels, n_labels), dtype=np.float64)
    is_state = features["type"] == 0
    is_trans = features["type"] == 1
    s = features[is_state]
    state[s["src"], s["dst"]] = s["weight"]
    t = features[is_trans]
    transition[t["src"], t["dst"]] = t["weight"]
    return CrfModel(
        labels=tuple(labels),
        attributes={a: i for i, a in enumerate(attributes)},
        state=state,
        transition=transition,
    )


def _read_cqdb(data: bytes, base: int) -> list[str]:
    """All strings of a CQDB database, in id order."""
    magic, _size, _flag, _order, n, bwd_offset = struct.unpack_from("<4sIIIII", data, base)
    if magic != b"CQDB":
        raise ModelFormatError("CQDB database missing")
    links = np.frombuffer(data, dtype="<u4", count=n, offset=base + bwd_offset)
    out: list[str] = []
    unpack = struct.unpack_from
    for link in links.tolist():
        _id, ksize = unpack("<II", data, base + link)
        start = base + link + 8
        out.append(data[start : start + ksize - 1].decode("utf-8"))  # drop the trailing NUL
    return out
