"""Decode input bytes (minimal version; the full decoder replaces this)."""

from __future__ import annotations

from dataclasses import dataclass

from vntransform.errors import InputError


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes, *, source: str) -> Decoded:
    if not data:
        raise InputError(f"{source}: file is empty")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{source}: cannot decode") from None
