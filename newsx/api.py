"""newsx from Python: one function under each command.

    from newsx import api

    for record in api.extract(["news/"], api.ExtractOptions(jobs=2)):
        print(record.id, [e.name for e in record.entities[:3]])

    summary = api.extract_into(["news/"], api.ExtractOptions(db="news.db"))
    report = api.report("news.db", api.ReportFilters(types=("person",), top=5))

Every function checks its options (a `newsx.errors.NewsxError` says what to change), runs
locally, in worker processes or on Dask, and reports warnings through `warn` (by default the
"newsx" logger); none of them prints.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from newsx.errors import UsageError
from newsx.options import ExtractOptions, Summary, read_options
from newsx.records import Record, RecordFilter, TopicEntry, UniqueIds
from newsx.settings import MAX_JOBS, Settings
from newsx.writers.report import Filters as ReportFilters
from newsx.writers.report import Report
from newsx.writers.stream import Writer, plural

__all__ = ["ExtractOptions", "ReportFilters", "Summary", "extract", "extract_into", "load",
           "report", "schema", "topics"]

Warn = Callable[[str], None]
REPEATS = 3  # errors of one kind in one file said in full; the rest counted
LANGUAGES = {
    "en": "English",
    "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "tr": "Turkish", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian", "nb": "Norwegian", "fi": "Finnish", "cs": "Czech",
    "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian", "bg": "Bulgarian", "el": "Greek",
    "he": "Hebrew", "fa": "Persian", "hi": "Hindi", "bn": "Bengali", "ur": "Urdu",
    "id": "Indonesian", "ms": "Malay", "tl": "Tagalog", "vi": "Vietnamese", "th": "Thai",
    "sw": "Swahili", "af": "Afrikaans", "ca": "Catalan", "eu": "Basque", "gl": "Galician",
    "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian", "lt": "Lithuanian", "lv": "Latvian",
    "et": "Estonian", "is": "Icelandic", "ga": "Irish", "cy": "Welsh", "la": "Latin",
    "eo": "Esperanto", "mt": "Maltese", "sq": "Albanian",
}


def _log(message: str) -> None:
    logging.getLogger("newsx").warning(message)


def settings_of(options: ExtractOptions) -> Settings:
    """The pipeline settings of a run, the taxonomy files checked first."""
    from newsx.nlp.pipeline import resolve_model
    from newsx.nlp.taxonomy import load_taxonomy

    load_taxonomy([Path(p) for p in options.topics])  # a bad file is its own usage error
    return Settings(resolve_model(options.model), tuple(options.topics), options.min_score)


def extract(paths: Iterable[str], options: ExtractOptions | None = None,
            warn: Warn | None = None) -> Iterator[Record]:
    """The record of every article under `paths` (files, folders, '-' for stdin; with a
    scheduler also globs and URLs), in input order, filtered as `options` say."""
    options = options or ExtractOptions()
    options.check()
    if options.output_dir:
        raise UsageError("extract() yields records; write parts with extract_into()")
    warn = warn or _log
    keep = options.record_filter()
    unique = UniqueIds()
    errors: dict[tuple[str, str], int] = {}  # (source, type) -> how many
    for record, warnings in _outcomes(list(paths), options, settings_of(options), warn):
        for message in warnings:
            warn(f"warning: {message}")
        record.id, repeated = unique(record.id)
        if repeated:
            warn(f"warning: {record.source}: {repeated}")
        if record.language not in (None, "en") or keep.skips(record):
            _warn_language(record, keep, warn)
        if record.error is not None:
            seen = errors[(record.source, record.error.type)] = errors.get(
                (record.source, record.error.type), 0) + 1
            if seen <= REPEATS:
                warn(f"error: {record.error.message}")
        yield keep(record)
    for (source, kind), n in errors.items():
        if n > REPEATS:
            warn(f"error: {source}: {n - REPEATS:,} more {kind} errors like those above")


def _warn_language(record: Record, keep: RecordFilter, warn: Warn) -> None:
    name = LANGUAGES.get(record.language or "", f"like language {record.language!r}")
    if keep.skips(record):
        warn(f"note: {record.id}: skipped: the text looks {name} ({record.language}), not one "
             f"of --languages {','.join(sorted(keep.languages))}")
    elif record.language not in keep.languages:  # not asked for
        warn(f"warning: {record.id}: the text looks {name} ({record.language}); newsx's model "
             "reads English, so entities and topics may be wrong (--languages en skips such "
             "texts)")


def _outcomes(paths: list[str], options: ExtractOptions, settings: Settings,
              warn: Warn) -> Iterator[tuple[Record, list[str]]]:
    if options.scheduler:
        from newsx.run.dask import DaskExecutor, cluster_client, units
        from newsx.run.executors import in_order

        with cluster_client(options.scheduler, settings) as client:
            executor = DaskExecutor(client, settings, options.batch_size)
            work = units(client, paths, read_options(options), executor.workers)
            for outcomes in in_order(executor.submit, work, executor.window):
                yield from outcomes
        return
    from newsx.io.read import iter_articles
    from newsx.run.local import run_local

    with ExitStack() as stack:
        cache = None
        if options.cache:
            from newsx.run.cache import ResultCache, config_key

            cache = stack.enter_context(ResultCache(options.cache, config_key(settings)))
        else:
            from newsx.run.core import pipeline_for

            pipeline_for(settings)  # a model that cannot load is a usage error before output
        for note in unknown_topics(settings):
            warn(f"note: {note}")
        jobs = options.jobs or min(os.cpu_count() or 1, MAX_JOBS)
        articles = iter_articles(paths, options.input_format, options.text_key,
                                 options.encoding, options.with_text)
        yield from run_local(articles, settings, jobs, options.batch_size, cache)


def unknown_topics(settings: Settings) -> list[str]:
    """A note for the user's topics that the classifier does not know (terms alone)."""
    from newsx.nlp.taxonomy import classifier_labels, load_taxonomy

    files = {str(p) for p in settings.topic_files}
    taxonomy = load_taxonomy([Path(p) for p in settings.topic_files])
    alone = [t.id for t in taxonomy if t.source in files and t.id not in classifier_labels()]
    if not alone:
        return []
    shown = ", ".join(alone[:5]) + (", ..." if len(alone) > 5 else "")
    they = "it scores from its" if len(alone) == 1 else "they score from their"
    return [f"{plural(len(alone), 'topic')} of yours ({shown}) the classifier does not know: "
            f"{they} terms alone"]


def extract_into(paths: Iterable[str], options: ExtractOptions | None = None,
                 writers: Iterable[Writer] = (), warn: Warn | None = None,
                 progress: Callable[[Record], None] | None = None) -> Summary:
    """Runs `extract` into `writers` (and the database of `options.db`), or, with
    `options.output_dir`, has Dask workers write the parts; every writer is closed, whatever
    happens. The summary counts records and error records."""
    options = options or ExtractOptions()
    options.check()
    warn = warn or _log
    if options.output_dir:
        return _write_parts(list(paths), options, warn)
    summary = Summary()
    with ExitStack() as stack:
        targets = list(writers)
        if options.db:
            from newsx.writers.database import DatabaseWriter

            targets.append(DatabaseWriter(options.db, batch_size=options.batch_size))
        for writer in targets:
            stack.callback(writer.close)
        for record in extract(paths, options, warn):
            for writer in targets:
                writer.write(record)
            summary.records += 1
            summary.failed += record.error is not None
            if progress is not None:
                progress(record)
    if options.db:
        warn(f"wrote {plural(summary.records, 'record')} into {options.db}")
    return summary


def _write_parts(paths: list[str], options: ExtractOptions, warn: Warn) -> Summary:
    import fsspec

    from newsx.run.dask import DaskExecutor, cluster_client, units, write_manifest
    from newsx.run.executors import in_order

    folder = options.output_dir or ""
    if "://" not in folder:
        folder = os.path.abspath(folder)  # workers may run elsewhere
    settings = settings_of(options)
    summary, parts = Summary(), []
    with cluster_client(options.scheduler or "", settings) as client:
        fs, root = fsspec.core.url_to_fs(folder)
        fs.makedirs(root, exist_ok=True)
        executor = DaskExecutor(client, settings, options.batch_size, folder,
                                options.record_filter())
        work = units(client, paths, read_options(options), executor.workers)
        for part in in_order(executor.submit_write, work, executor.window):
            for message in part.pop("warnings"):
                warn(f"warning: {message}")
            parts.append(part)
            summary.records += part["records"]
            summary.failed += part["errors"]
        write_manifest(folder, parts, paths)
    summary.parts = len(parts)
    warn(f"wrote {plural(summary.records, 'record')} in {plural(summary.parts, 'part')} "
         f"to {folder}")
    return summary


def load(sources: Iterable[str | IO[bytes]], db: str | Path, mentions: bool = True,
         batch_size: int = 2000, warn: Warn | None = None) -> int:
    """Loads JSON Lines records (files, folders of them, or binary streams) into a database;
    an article loaded again replaces its rows. The number of records loaded."""
    from newsx.records import read_records, record_files
    from newsx.writers.database import load_records

    warn = warn or _log
    total = 0
    for source in sources:
        if not isinstance(source, str):
            total += load_records(db, read_records(source, "stdin"), mentions, batch_size,
                                  lambda m: warn(f"warning: {m}"))
            continue
        for name in record_files(source):
            try:
                with open(name, "rb") as f:
                    total += load_records(db, read_records(f, name), mentions, batch_size,
                                          lambda m: warn(f"warning: {m}"))
            except OSError as e:
                raise UsageError(f"cannot read {name}: {e.strerror}") from None
    return total


def report(source: str | IO[bytes], filters: ReportFilters | None = None) -> Report:
    """Counts across a corpus (a database, a JSON Lines file or folder of them, or a binary
    stream of records): top entities, topics, categories, pairs, dates, places."""
    from newsx.writers.report import build_report, open_source

    with open_source(source) as conn:
        return build_report(conn, filters or ReportFilters())


def topics(extra: Iterable[str] = ()) -> list[TopicEntry]:
    """The taxonomy: the built-in topics with those of `extra` TOML files."""
    from newsx.nlp.taxonomy import classifier_labels, load_taxonomy, top_level

    modelled = classifier_labels()
    out = []
    for t in load_taxonomy([Path(p) for p in extra]):
        top = top_level(t.iptc[0])
        out.append(TopicEntry(t.id, t.name, list(t.iptc), dict(t.terms), t.source,
                              t.id in modelled, f"{top.name} ({top.qcode})" if top else None))
    return out


def schema(kind: str = "record") -> dict[str, Any]:
    """The JSON Schema of one record ("record") or of a report ("report")."""
    if kind == "report":
        from newsx.writers.report import report_schema

        return report_schema()
    from newsx.records import json_schema

    return json_schema()
