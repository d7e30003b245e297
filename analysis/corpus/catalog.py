"""The catalog (``seeds/catalog.csv``): one row per article, and the articles it names.

The article texts are read by :mod:`analysis.corpus.text`, which defines the normalized
text every offset refers to; adding articles (files, saved pages, URLs) is
:mod:`analysis.corpus.adding`.

The catalog has one row per article: ``id, file, title, outlet, url, published,
language, notes, source, fetched_at``. ``published`` is an ISO date (needed to resolve
"letzte Woche"), ``language`` an ISO 639-1 code, ``source`` how the article came in
(``file``, ``url`` or ``feed``; empty in older catalogs, read as ``file``) and
``fetched_at`` when (UTC, ISO 8601; empty when unknown). ``source`` and ``fetched_at``
are optional in the header, so catalogs written before they existed still load. Columns
the project does not know are kept, in their place, whenever the catalog is rewritten;
a header naming a column twice is refused. Every problem raises a specific
:class:`CorpusError` subclass whose message names the file or row and says what to do.

Article files must be plain files inside ``seeds/`` (a symbolic link is followed only
when it stays inside the folder that holds ``seeds/``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core import paths
from analysis.core.atomic import atomic_write_text
from analysis.core.errors import CorpusError
from analysis.corpus.text import (
    MissingArticleFileError,
    normalized_lines,
    read_article_text,
    utf8_error_offset,
)

if TYPE_CHECKING:  # only corpus_frame builds a frame; reading the catalog needs no pandas
    import pandas as pd

# Every catalog must have these columns ...
REQUIRED_COLUMNS: tuple[str, ...] = (
    "id", "file", "title", "outlet", "url", "published", "language", "notes",
)
# ... and may have these (added in issue 12; a rewrite adds them).
OPTIONAL_COLUMNS: tuple[str, ...] = ("source", "fetched_at")
CATALOG_COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
SOURCES = ("file", "url", "feed")
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
# An id becomes file names (<id>.txt, html/<id>.html.gz, and their temporary names while
# written), which most file systems cap at 255 bytes.
MAX_ID_LENGTH = 120
# ISO 639-1 (two-letter) language codes. Kept inline: it is a closed standard list.
ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho
    hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv
    kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr
    nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq
    sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh
    yi yo za zh zu""".split()
)


class CatalogError(CorpusError):
    """The catalog file itself is missing, unreadable or has the wrong columns."""


class CatalogValueError(CorpusError):
    """A catalog row has a bad value (id, file name, published date, language)."""


class DuplicateIdError(CorpusError):
    """Two catalog rows, or an added file and an existing row, share an id."""


class UncataloguedFileError(CorpusError):
    """A text file in ``seeds/`` has no catalog row."""


@dataclass(frozen=True)
class Article:
    """One catalogued article with its normalized text."""

    id: str
    file: str
    title: str
    outlet: str
    url: str
    published: dt.date
    language: str
    notes: str
    text: str
    source: str = "file"
    fetched_at: str = ""


def _is_safe_name(value: str) -> bool:
    """A plain name inside seeds/: no path separators, no '..', no leading dot."""
    return bool(value) and SAFE_NAME.match(value) is not None and ".." not in value


def validate_id(value: str, where: str) -> str:
    if len(value) > MAX_ID_LENGTH:
        raise CatalogValueError(
            f"{where}: id {value[:40]!r}... is {len(value)} characters; use at most "
            f"{MAX_ID_LENGTH} (it becomes the file name)"
        )
    if not _is_safe_name(value):
        raise CatalogValueError(
            f"{where}: id {value!r} must be letters, digits, '.', '_' or '-' "
            "(no paths, no leading dot); rename it"
        )
    return value


def validate_file_name(value: str, where: str) -> str:
    if len(value) > MAX_ID_LENGTH + len(".txt") or not _is_safe_name(value):
        raise CatalogValueError(
            f"{where}: file {value!r} must be a plain file name inside seeds/ "
            "(letters, digits, '.', '_', '-'; no '/', '..' or absolute paths)"
        )
    return value


def parse_published(value: str | None, where: str, today: dt.date | None = None) -> dt.date:
    """Parse a catalog ``published`` value: required, ISO ``YYYY-MM-DD``, not in the future."""
    today = today or dt.datetime.now(dt.UTC).date()
    if value is None or not str(value).strip():
        raise CatalogValueError(
            f"{where}: 'published' is missing; give the publication date as YYYY-MM-DD "
            "(relative dates like 'letzte Woche' are resolved against it)"
        )
    try:
        published = dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CatalogValueError(
            f"{where}: published {value!r} is not an ISO date; write it as YYYY-MM-DD"
        ) from None
    if published > today:
        raise CatalogValueError(
            f"{where}: published {published.isoformat()} is in the future (today is "
            f"{today.isoformat()}); correct the date"
        )
    return published


def validate_language(value: str | None, where: str) -> str:
    code = (value or "").strip()
    if code not in ISO_639_1:
        raise CatalogValueError(
            f"{where}: language {value!r} is not an ISO 639-1 code; use a two-letter code "
            "such as de or en"
        )
    return code


def validate_source(value: str, where: str) -> str:
    """A catalog ``source``: file, url or feed (empty, in older catalogs, means file)."""
    source = value.strip() or "file"
    if source not in SOURCES:
        raise CatalogValueError(
            f"{where}: source {value!r} must be one of {', '.join(SOURCES)}; correct the row"
        )
    return source


class Catalog(list):
    """The catalog's rows (dicts of stripped strings, plus ``_where``) and its header.

    ``header`` is the file's column order, unknown columns included, so that a rewrite
    keeps them (:func:`write_catalog`).
    """

    def __init__(self, rows: Iterable[dict[str, str]], header: Iterable[str]) -> None:
        super().__init__(rows)
        self.header: tuple[str, ...] = tuple(header)


def _check_header(header: list[str], catalog: Path) -> None:
    doubled = sorted({c for c in header if header.count(c) > 1})
    if doubled:
        raise CatalogError(
            f"{catalog}: column(s) {', '.join(map(repr, doubled))} appear more than once in "
            "the header; remove the extra column(s) so each value has one place"
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CatalogError(
            f"{catalog}: missing column(s) {', '.join(missing)}; the header must be "
            f"{','.join(CATALOG_COLUMNS)}"
        )


def check_inside(path: Path, folder: Path, what: str) -> Path:
    """Refuse ``path`` if it is a symbolic link leading out of ``folder``'s parent.

    The corpus folder (the one holding ``seeds/``) is the boundary: a link from
    ``seeds/`` to ``../articles/x.txt`` is the user's choice; one to ``/etc/passwd`` or a
    home folder would make the corpus read (and the report publish) a file from elsewhere.
    """
    if not path.is_symlink():
        return path
    boundary = folder.resolve().parent
    target = path.resolve()
    if not target.is_relative_to(boundary):
        raise CatalogValueError(
            f"{path}: {what} is a symbolic link to {target}, outside {boundary}; "
            "copy the file into seeds/ instead"
        )
    return path


def read_catalog(seeds_dir: Path | None = None) -> Catalog:
    """Read ``catalog.csv`` rows as dicts (strings), checking the header and ids/files only."""
    columns, rows = iter_catalog(seeds_dir)
    return Catalog(rows, columns)


def iter_catalog(seeds_dir: Path | None = None) -> tuple[list[str], Iterator[dict[str, str]]]:
    """The catalog's columns and its rows one at a time, read line by line (``facts build
    --out`` streams millions); only the ids seen are kept, to refuse a duplicate. The file
    is checked to be UTF-8 first, so the first problem reported is as it always was."""
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR)
    catalog = seeds_dir / "catalog.csv"
    try:
        bad_byte = utf8_error_offset(check_inside(catalog, seeds_dir, "the catalog"))
    except FileNotFoundError:
        raise CatalogError(
            f"{catalog}: catalog not found; create it with the header {','.join(CATALOG_COLUMNS)}"
        ) from None
    if bad_byte is not None:
        raise CatalogError(
            f"{catalog}: not valid UTF-8 at byte offset {bad_byte}; re-encode it as UTF-8"
        )
    lines = normalized_lines(catalog)
    reader = csv.reader(lines)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        lines.close()
        raise CatalogError(f"{catalog}: unreadable header ({exc}); fix the first line") from None
    header = [c.strip() for c in header]
    try:
        _check_header(header, catalog)
    except CatalogError:
        lines.close()
        raise
    columns = [*header, *(c for c in OPTIONAL_COLUMNS if c not in header)]
    return columns, _catalog_rows(catalog, reader, header, columns, lines)


def _catalog_rows(catalog: Path, reader: Any, header: list[str], columns: list[str],
                  lines: Any) -> Iterator[dict[str, str]]:
    seen: dict[str, int] = {}
    try:
        for record in reader:
            line_no = reader.line_num
            where = f"{catalog}:{line_no}"
            if not record:
                continue
            if len(record) > len(header):
                raise CatalogError(
                    f"{where}: more fields than columns; quote values containing commas"
                )
            values = dict(zip(header, (v.strip() for v in record), strict=False))
            row = {c: values.get(c, "") for c in columns}
            validate_id(row["id"], where)
            validate_file_name(row["file"], where)
            if row["id"] in seen:
                raise DuplicateIdError(
                    f"{where}: duplicate id {row['id']!r} (first on line {seen[row['id']]}); "
                    "ids must be unique"
                )
            seen[row["id"]] = line_no
            row["_where"] = where
            yield row
    except csv.Error as exc:
        raise CatalogError(f"{catalog}:{reader.line_num}: unreadable CSV ({exc})") from None
    finally:
        lines.close()


def write_catalog(rows: Iterable[dict[str, str]], header: Iterable[str], catalog: Path) -> Path:
    """Write ``rows`` under ``header`` (known columns first if missing) atomically.

    Callers hold :func:`analysis.corpus.adding.catalog_lock` around read-modify-write.
    """
    columns = list(header)
    columns += [c for c in CATALOG_COLUMNS if c not in columns]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in columns})
    return atomic_write_text(catalog, buffer.getvalue())


def load_corpus(seeds_dir: Path | None = None, today: dt.date | None = None) -> list[Article]:
    """Load and validate every catalogued article, in catalog order."""
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR)
    articles = []
    for row in read_catalog(seeds_dir):
        where = row["_where"]
        published = parse_published(row["published"], where, today)
        language = validate_language(row["language"], where)
        path = check_inside(seeds_dir / row["file"], seeds_dir, f"file {row['file']!r}")
        source = validate_source(row["source"], where)
        if not path.is_file():
            raise MissingArticleFileError(
                f"{where}: file {row['file']!r} for id {row['id']!r} is not in {seeds_dir}; "
                "add the file or remove the row"
            )
        text = read_article_text(path)
        articles.append(
            Article(
                id=row["id"], file=row["file"], title=row["title"], outlet=row["outlet"],
                url=row["url"], published=published, language=language, notes=row["notes"],
                text=text, source=source, fetched_at=row["fetched_at"],
            )
        )
    return articles


def uncatalogued_files(seeds_dir: Path | None = None) -> list[Path]:
    """Text files in ``seeds/`` that no catalog row names."""
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR)
    named = {row["file"] for row in read_catalog(seeds_dir)}
    return sorted(
        p for p in seeds_dir.iterdir()
        if p.is_file() and p.suffix.lower() == ".txt" and p.name not in named
    )


def check_corpus(seeds_dir: Path | None = None, today: dt.date | None = None) -> list[Article]:
    """Validate the whole corpus: every row and file, plus files without a catalog row."""
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR)
    articles = load_corpus(seeds_dir, today)
    for folder in (seeds_dir, seeds_dir / "html"):
        for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
            check_inside(entry, seeds_dir, "it")
    orphans = uncatalogued_files(seeds_dir)
    if orphans:
        names = ", ".join(p.name for p in orphans)
        raise UncataloguedFileError(
            f"{seeds_dir}: {names} ha{'s' if len(orphans) == 1 else 've'} no row in catalog.csv; "
            "add one with 'python -m analysis corpus add' or remove the file"
        )
    return articles


def corpus_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per article: catalog metadata plus text size (characters, words)."""
    import pandas as pd

    records = []
    for article in articles:
        record = {k: v for k, v in asdict(article).items() if k != "text"}
        record["published"] = pd.Timestamp(article.published)
        record["characters"] = len(article.text)
        record["words"] = len(article.text.split())
        records.append(record)
    columns = [f.name for f in fields(Article) if f.name != "text"] + ["characters", "words"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def article_from_file(
    path: str | Path,
    *,
    published: dt.date | str,
    language: str,
    article_id: str | None = None,
    title: str = "",
    outlet: str = "",
    url: str = "",
    notes: str = "",
) -> Article:
    """Build an :class:`Article` from a file outside the catalog (e.g. ``extract PATH``)."""
    path = Path(path)
    where = str(path)
    if isinstance(published, str):
        published = parse_published(published, where)
    language = validate_language(language, where)
    text = read_article_text(path)
    return Article(
        id=article_id or path.stem, file=path.name, title=title, outlet=outlet, url=url,
        published=published, language=language, notes=notes, text=text,
    )


def load_article(article_id: str, seeds_dir: Path | None = None) -> Article:
    """Load one catalogued article by id."""
    for article in load_corpus(seeds_dir):
        if article.id == article_id:
            return article
    raise CorpusError(f"no article with id {article_id!r} in the catalog")
