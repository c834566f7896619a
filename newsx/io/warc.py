"""Web archives (.warc, .warc.gz) with warcio: every HTML response record becomes an
article; other records are skipped and counted; a truncated archive gives the records it
holds and one error record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from newsx.io.article import Article, ReadOptions, ReadProblem
from newsx.io.dates import iso_date
from newsx.io.html import html_to_text
from newsx.io.text import Decoder

HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_articles(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article]:
    """The HTML pages of a web archive, in its order; id: the file and the target URI. The
    last page carries a note of the records skipped (requests, metadata, other types)."""
    from warcio.archiveiterator import ArchiveIterator

    skipped: dict[str, int] = {}
    last: Article | None = None
    found = 0
    archive = ArchiveIterator(stream)
    records = iter(archive)
    while True:
        try:
            try:
                page = _page(next(records), name, options)
            except StopIteration:
                if _left_over(archive, stream) <= 4:
                    break
                raise EOFError("its last record is cut short") from None
        except Exception as e:  # a truncated or corrupt archive: what came before stays
            if last is not None:
                yield last
                last = None
            yield Article(f"{name}#truncated", name, error=ReadProblem(
                "TruncatedArchive", f"{name}: the archive breaks off after {found} pages "
                f"({type(e).__name__}: {e}); the pages before it were read"))
            break
        if isinstance(page, str):
            skipped[page] = skipped.get(page, 0) + 1
            continue
        found += 1
        if last is not None:
            yield last
        last = page
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items()))
    if last is not None:
        if kinds:
            last.warnings.append(f"{name}: {found} pages read; skipped {kinds}")
        yield last
    elif not found:
        yield Article(name, name, error=ReadProblem(
            "NoArticles", f"{name}: no HTML responses in this archive"
            + (f" (skipped {kinds})" if kinds else "")))


def _left_over(archive: Any, stream: IO[bytes]) -> int:
    """Bytes read from the file after the end of the last whole record (0 if unknown)."""
    try:
        return int(stream.tell()) - int(archive.offset)
    except (OSError, AttributeError, ValueError):
        return 0


def _page(record: Any, name: str, options: ReadOptions) -> Article | str:
    """The article of an HTML response record, or the kind of record it is instead."""
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    http = record.http_headers
    ctype = (http.get_header("Content-Type") or "") if http is not None else ""
    status = http.get_statuscode() if http is not None else ""
    if not ctype.lower().startswith(HTML_TYPES):
        return "non-HTML responses"
    if status and not str(status).startswith("2"):
        return "responses that are not 2xx"
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    data = record.content_stream().read()
    charset = ctype.lower().partition("charset=")[2].split(";")[0].strip() or None
    decode = Decoder(f"{name}#{uri}", options.encoding or charset)
    page = html_to_text(decode(data))
    warc_date, _ = iso_date(record.rec_headers.get_header("WARC-Date"))
    article = Article(f"{name}#{uri}", name, page.text, page.title, page.url or uri or None,
                      page.date or warc_date, None, page.authors)
    article.warnings += decode.take_warnings()
    if not page.text.strip():
        article.warnings.append(f"{article.id}: no main text found in this page")
    return article
