"""Bytes to text: UTF-8 first, else the encoding the user names (--encoding), else the one
charset-normalizer detects; the warning says which was used."""

from __future__ import annotations

from dataclasses import dataclass, field

DETECT_BYTES = 64 * 1024  # detection looks at the start of a file


@dataclass
class Decoder:
    """Decodes the texts of one input; what is not UTF-8 is decoded with `encoding`, or with
    the encoding detected on the first such text (and the user is told once)."""

    name: str
    encoding: str | None = None
    found: str | None = None  # the encoding detected, once
    told: bool = False
    warnings: list[str] = field(default_factory=list)

    def __call__(self, data: bytes) -> str:
        """The text of `data`."""
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            bad = e.start
        if self.encoding:
            self._tell(f"{self.name}: not UTF-8 (byte {bad}); decoded as {self.encoding}, as "
                       "--encoding says")
            return data.decode(self.encoding, errors="replace")
        if self.found is None:
            self.found = detect(data[:DETECT_BYTES])
        self._tell(f"{self.name}: not UTF-8 (byte {bad}); decoded as {self.found}, as detected "
                   "(give --encoding NAME to choose)")
        return data.decode(self.found, errors="replace")

    def _tell(self, message: str) -> None:
        if not self.told:
            self.told = True
            self.warnings.append(message)

    def take_warnings(self) -> list[str]:
        """The warnings not yet handed out."""
        out, self.warnings = self.warnings, []
        return out


def detect(data: bytes) -> str:
    """The encoding of non-UTF-8 bytes: charset-normalizer's best guess, else cp1252 (the
    usual encoding of old Western news archives). A guess that reads the bytes exactly as
    cp1252 does is named cp1252: on a short text detection cannot tell cp1250 from cp1252, and
    the name the warning gives should be the one to pass as --encoding for the whole archive."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name = best.encoding if best is not None else None
    if not name or name in ("ascii", "utf_8") or _same_as_cp1252(data, str(name)):
        return "cp1252"
    return str(name)


def _same_as_cp1252(data: bytes, name: str) -> bool:
    try:
        return data.decode(name) == data.decode("cp1252")
    except (UnicodeDecodeError, LookupError):
        return False
