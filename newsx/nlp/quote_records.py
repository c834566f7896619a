"""The records of who said what (`Quote` and its parts) live in `newsx.records`; this module
names them for the quote finder. Every offset is a Python string index into the text the
pipeline was given (`doc.text`), start inclusive and end exclusive, like a Mention's."""

from __future__ import annotations

from newsx.records import Cue, Quote, Source, Speaker

__all__ = ["Cue", "Quote", "Source", "Speaker"]
