"""The two full-text backends: SQLite FTS5 (embedded default) and PostgreSQL tsvector.

Both index the same pre-normalised terms (`SearchEntry.title_tokens` and `.tokens`, see
`text.py`) with a tokenizer that only splits on spaces, so they match the same entries; only
the ranking formula differs (bm25 on SQLite, ts_rank_cd on PostgreSQL), with title terms
weighted above body terms in both. The list filters are index terms too (`facets`, see
`facets.py`), so a filter is one more term to intersect, not a lookup per match.

- SQLite: an FTS5 *external-content* table over the entry table (the text is stored once),
  kept in sync by triggers, so every ORM write — bulk_create, update, a cascading delete —
  reaches the index without the service code having to remember it.
- PostgreSQL: a narrow table of `tsvector`s (title terms weight A, body B, facets as
  given) with a GIN index, kept in sync by triggers like the SQLite one, and a small GIN
  index on the title terms of the entry table.

Ranking (`newest`, `title_matches`; merged in `selectors`): the newest `window` matches and,
when there are more, every title match are ranked, not every match. A rank costs
microseconds per row on either database, so ranking all 60,000 entries that contain a common
word would cost more than the rest of the search together; title matches are the ones a
title-weighted rank puts first anyway, and for the rest recency is the tie-breaker people
expect. With fewer matches than the window the ranking is exact.

User text never reaches SQL as syntax: queries are built from `ParsedQuery.terms`, which are
letters and digits only, each quoted, and passed as parameters. Table names are constants.

`install()` is idempotent and used by the migration and by `rebuild_search_index` (a later
migration that rebuilds the entry table on SQLite drops its triggers; the rebuild restores
them). A test asserts the structure exists in the migrated schema.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection as default_connection

from . import facets
from .text import ParsedQuery

TABLE = "search_searchentry"
FTS_TABLE = "search_searchentry_fts"


@dataclass(frozen=True)
class Restriction:
    """What an entry must have besides matching the query: facet terms (see `facets.py`) —
    each of the `required` groups by any one of its terms, none of the `excluded` terms —
    and, when given, one of the few `consultations` (by id; a time-derived status)."""

    required: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()
    consultations: tuple[int, ...] | None = None


class _Backend:
    """What both backends share: their full-text index is made and removed by a list of
    SQL statements (run by the migration and by the rebuild command)."""

    INSTALL: list[str] = []
    UNINSTALL: list[str] = []

    def install(self, connection) -> None:
        with connection.cursor() as cursor:
            for statement in self.INSTALL:
                cursor.execute(statement)

    def uninstall(self, connection) -> None:
        with connection.cursor() as cursor:
            for statement in self.UNINSTALL:
                cursor.execute(statement)


class SQLiteBackend(_Backend):
    vendor = "sqlite"

    INSTALL = [
        # "_" is part of a token, so facet terms ("_sdrafting") stay whole. Prefix indexes
        # for 3 to 7 letters make "aizsar*" as cheap as a word (measured 3-5x faster than
        # merging the terms it expands to) for four times the size of the index.
        """CREATE VIRTUAL TABLE IF NOT EXISTS search_searchentry_fts USING fts5(
            title_tokens, tokens, facets, content='search_searchentry', content_rowid='id',
            tokenize="unicode61 remove_diacritics 0 tokenchars '_'", prefix='3 4 5 6 7')""",
        """CREATE TRIGGER IF NOT EXISTS search_searchentry_fts_insert
        AFTER INSERT ON search_searchentry BEGIN
            INSERT INTO search_searchentry_fts(rowid, title_tokens, tokens, facets)
            VALUES (new.id, new.title_tokens, new.tokens, new.facets);
        END""",
        """CREATE TRIGGER IF NOT EXISTS search_searchentry_fts_delete
        AFTER DELETE ON search_searchentry BEGIN
            INSERT INTO search_searchentry_fts(
                search_searchentry_fts, rowid, title_tokens, tokens, facets
            ) VALUES ('delete', old.id, old.title_tokens, old.tokens, old.facets);
        END""",
        """CREATE TRIGGER IF NOT EXISTS search_searchentry_fts_update
        AFTER UPDATE OF title_tokens, tokens, facets ON search_searchentry BEGIN
            INSERT INTO search_searchentry_fts(
                search_searchentry_fts, rowid, title_tokens, tokens, facets
            ) VALUES ('delete', old.id, old.title_tokens, old.tokens, old.facets);
            INSERT INTO search_searchentry_fts(rowid, title_tokens, tokens, facets)
            VALUES (new.id, new.title_tokens, new.tokens, new.facets);
        END""",
        # The default `rank`: bm25 with column weights, title terms count ten times as much
        # as body terms; facets (filters) not at all.
        """INSERT INTO search_searchentry_fts(search_searchentry_fts, rank)
            VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')""",
    ]
    TRIGGERS = (
        "search_searchentry_fts_insert",
        "search_searchentry_fts_delete",
        "search_searchentry_fts_update",
    )
    UNINSTALL = [
        "DROP TRIGGER IF EXISTS search_searchentry_fts_insert",
        "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
        "DROP TRIGGER IF EXISTS search_searchentry_fts_update",
        "DROP TABLE IF EXISTS search_searchentry_fts",
    ]

    @staticmethod
    def match_expression(
        query: ParsedQuery, restriction: Restriction = Restriction(), *, in_title: bool = False
    ) -> str:
        """FTS5 syntax: every term a quoted string (so AND, OR, NEAR, ^, : and * typed by a
        person are plain words or gone), all required; the last one may also be a prefix.
        `in_title`: besides, at least one of the terms in the title column."""

        def quoted(term: str) -> str:
            return '"' + term.replace('"', '""') + '"'

        parts = [quoted(t) for t in query.terms]
        if query.prefix:
            parts[-1] = f"({parts[-1]} OR {quoted(query.prefix)}*)"
        expression = " AND ".join(parts)
        if in_title:
            expression += " AND (" + " OR ".join(f"title_tokens : {p}" for p in parts) + ")"
        required = list(restriction.required)
        if restriction.consultations is not None:
            required.append(
                tuple(facets.token(facets.CONSULTATION, pk) for pk in restriction.consultations)
            )
        for group in required:
            expression += " AND (" + " OR ".join(quoted(t) for t in group) + ")"
        if restriction.excluded:
            excluded = " OR ".join(quoted(t) for t in restriction.excluded)
            expression = f"({expression}) NOT ({excluded})"
        return expression

    def installed(self, connection) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                [FTS_TABLE, *self.TRIGGERS],
            )
            return cursor.fetchone()[0] == 4

    def refresh(self, connection, *, repair: bool = False) -> None:
        """After a rebuild: merge the index segments, which makes the following queries
        faster; with `repair` (the triggers were missing) first re-read every entry."""
        with connection.cursor() as cursor:
            if repair:
                cursor.execute(
                    "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')"
                )
            cursor.execute(
                "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('optimize')"
            )

    def _from_where(
        self, query: ParsedQuery, restriction: Restriction, *, in_title: bool = False
    ) -> tuple[str, list]:
        match = self.match_expression(query, restriction, in_title=in_title)
        return f" FROM {FTS_TABLE} AS f WHERE f.{FTS_TABLE} MATCH %s", [match]

    def newest(
        self, connection, query: ParsedQuery, restriction: Restriction, *, window: int
    ) -> list[tuple[int, float]]:
        """(entry id, score) of the newest `window` matches; score: higher is better."""
        from_where, params = self._from_where(query, restriction)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid, f.rank{from_where} ORDER BY f.rowid DESC LIMIT %s",
                [*params, window],
            )
            return [(row[0], -float(row[1])) for row in cursor.fetchall()]

    def title_matches(
        self, connection, query: ParsedQuery, restriction: Restriction
    ) -> list[tuple[int, float]]:
        """(entry id, score) of the matches with a query term in the title. bm25 scores the
        phrases of the MATCH expression, and this one has the title-column phrases besides
        the plain ones, so these score higher than in `newest`: they are to come first."""
        from_where, params = self._from_where(query, restriction, in_title=True)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT f.rowid, f.rank{from_where}", params)
            return [(row[0], -float(row[1])) for row in cursor.fetchall()]


VECTOR = """
    setweight(to_tsvector('simple'::regconfig, {row}.title_tokens), 'A')
    || setweight(to_tsvector('simple'::regconfig, {row}.tokens), 'B')
    || array_to_tsvector(array_remove(string_to_array({row}.facets, ' '), ''))
"""


class PostgreSQLBackend(_Backend):
    vendor = "postgresql"

    # The vectors live in a narrow table of their own: finding the newest matches of a word
    # reads rows one by one, and rows without the texts are several times fewer pages
    # (measured: 2-3x faster than a generated column on the entry table).
    INSTALL = [
        """CREATE TABLE IF NOT EXISTS search_searchvector (
            id bigint PRIMARY KEY,
            consultation_id bigint NULL,
            search_vector tsvector NOT NULL
        )""",
        """CREATE INDEX IF NOT EXISTS search_searchvector_vector
            ON search_searchvector USING gin (search_vector)""",
        """CREATE INDEX IF NOT EXISTS search_searchvector_consultation
            ON search_searchvector (consultation_id)""",
        # Finds the title matches (ranked first) without rechecking every body match.
        """CREATE INDEX IF NOT EXISTS search_searchentry_title
            ON search_searchentry USING gin (to_tsvector('simple'::regconfig, title_tokens))""",
        f"""CREATE OR REPLACE FUNCTION search_searchvector_sync() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM search_searchvector WHERE id = OLD.id;
            ELSE
                INSERT INTO search_searchvector (id, consultation_id, search_vector)
                VALUES (NEW.id, NEW.consultation_id, {VECTOR.format(row="NEW")})
                ON CONFLICT (id) DO UPDATE SET consultation_id = EXCLUDED.consultation_id,
                    search_vector = EXCLUDED.search_vector;
            END IF;
            RETURN NULL;
        END $$""",  # noqa: S608 (constants only)
        """CREATE OR REPLACE FUNCTION search_searchvector_truncate() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN TRUNCATE search_searchvector; RETURN NULL; END $$""",
        "DROP TRIGGER IF EXISTS search_searchvector_sync ON search_searchentry",
        """CREATE TRIGGER search_searchvector_sync
            AFTER INSERT OR DELETE OR UPDATE OF title_tokens, tokens, facets, consultation_id
            ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_searchvector_sync()""",
        # Django's test flush truncates the entry table; row triggers do not see that.
        "DROP TRIGGER IF EXISTS search_searchvector_truncate ON search_searchentry",
        """CREATE TRIGGER search_searchvector_truncate
            AFTER TRUNCATE ON search_searchentry
            FOR EACH STATEMENT EXECUTE FUNCTION search_searchvector_truncate()""",
        # Entries written while the structure was missing.
        f"""INSERT INTO search_searchvector (id, consultation_id, search_vector)
            SELECT e.id, e.consultation_id, {VECTOR.format(row="e")} FROM search_searchentry e
            ON CONFLICT (id) DO UPDATE SET consultation_id = EXCLUDED.consultation_id,
                search_vector = EXCLUDED.search_vector""",  # noqa: S608 (constants only)
        """DELETE FROM search_searchvector v
            WHERE NOT EXISTS (SELECT 1 FROM search_searchentry e WHERE e.id = v.id)""",
    ]
    UNINSTALL = [
        "DROP TRIGGER IF EXISTS search_searchvector_truncate ON search_searchentry",
        "DROP TRIGGER IF EXISTS search_searchvector_sync ON search_searchentry",
        "DROP FUNCTION IF EXISTS search_searchvector_truncate()",
        "DROP FUNCTION IF EXISTS search_searchvector_sync()",
        "DROP INDEX IF EXISTS search_searchentry_title",
        "DROP TABLE IF EXISTS search_searchvector",
    ]

    @staticmethod
    def _quoted(term: str) -> str:
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    @classmethod
    def tsquery(cls, query: ParsedQuery, *, any_term: bool = False) -> str:
        """to_tsquery syntax: every term quoted (so &, |, !, <->, : typed by a person are plain
        characters or gone), all required (or, with `any_term`, any one); the last one may
        also be a prefix (`:*`)."""
        parts = [cls._quoted(t) for t in query.terms]
        if query.prefix:
            parts[-1] = f"({parts[-1]} | {cls._quoted(query.prefix)}:*)"
        return (" | " if any_term else " & ").join(parts)

    @classmethod
    def facet_tsquery(cls, restriction: Restriction) -> str:
        """tsquery syntax for the facets, cast directly (no parser: it would split "_")."""
        clauses = [
            "(" + " | ".join(cls._quoted(t) for t in group) + ")" for group in restriction.required
        ]
        if restriction.excluded:
            clauses.append("!(" + " | ".join(cls._quoted(t) for t in restriction.excluded) + ")")
        return " & ".join(clauses)

    def installed(self, connection) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname IN"
                " ('search_searchvector_sync', 'search_searchvector_truncate'))"
                " + (SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema()"
                " AND indexname IN ('search_searchvector_vector', 'search_searchentry_title'))"
            )
            return cursor.fetchone()[0] == 4

    def refresh(self, connection, *, repair: bool = False) -> None:
        """After a rebuild: fresh planner statistics (`install` already repaired)."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchvector")
            cursor.execute("ANALYZE search_searchentry")

    def _from_where(
        self, query: ParsedQuery, restriction: Restriction, *, in_title: bool = False
    ) -> tuple[str, list]:
        match = "v.search_vector @@ to_tsquery('simple', %s)"
        params = [self.tsquery(query)]
        facets = self.facet_tsquery(restriction)
        if facets:
            match = "v.search_vector @@ (to_tsquery('simple', %s) && %s::tsquery)"
            params.append(facets)
        tables = "search_searchvector AS v"
        if in_title:
            # Through the small title index; `IS TRUE` keeps the planner from also reading
            # the large index (every body match) just to intersect the two.
            tables = f"{TABLE} AS e JOIN search_searchvector AS v ON v.id = e.id"
            title = "to_tsvector('simple'::regconfig, e.title_tokens) @@ to_tsquery('simple', %s)"
            match = f"{title} AND ({match}) IS TRUE"
            params = [self.tsquery(query, any_term=True), *params]
        if restriction.consultations is not None:
            # Few consultations: through the consultation index. (As OR-ed facet terms the
            # planner overestimates the matches and reads the table from the newest row.)
            match += " AND v.consultation_id = ANY(%s)"
            params.append(list(restriction.consultations))
        return f" FROM {tables} WHERE {match}", params

    def newest(
        self, connection, query: ParsedQuery, restriction: Restriction, *, window: int
    ) -> list[tuple[int, float]]:
        """(entry id, score) of the newest `window` matches; score: higher is better."""
        from_where, params = self._from_where(query, restriction)
        sql = (
            "SELECT v.id, ts_rank_cd(v.search_vector, to_tsquery('simple', %s))"  # noqa: S608
            f" FROM (SELECT v.id, v.search_vector{from_where}"
            " ORDER BY v.id DESC LIMIT %s) AS v"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.tsquery(query), *params, window])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def title_matches(
        self, connection, query: ParsedQuery, restriction: Restriction
    ) -> list[tuple[int, float]]:
        """(entry id, score) of the matches with a query term in the title (found through
        the small title index), ranked with the same query as `newest`."""
        from_where, params = self._from_where(query, restriction, in_title=True)
        sql = f"SELECT v.id, ts_rank_cd(v.search_vector, to_tsquery('simple', %s)){from_where}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.tsquery(query), *params])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]


BACKENDS = {backend.vendor: backend for backend in (SQLiteBackend(), PostgreSQLBackend())}


def backend_for(connection=None) -> SQLiteBackend | PostgreSQLBackend:
    connection = connection or default_connection
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from None
