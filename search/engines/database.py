"""Search through the site's own index tables: no server, nothing apart to keep current.

The entries (``search.models.SearchEntry``) hold every findable item's stems, and the
migrations put a full-text index over them: an FTS5 table on SQLite, generated tsvector
columns on PostgreSQL. This module turns a parsed query into each one's query language; the
stems on both sides come from ``search.analysis``, so both databases find the same things.

Queries are written as SQL here, with every value passed as a parameter: the query languages
only ever receive stems (letters and digits) that this module quotes itself.
"""

import hashlib
import json
import logging
import math
from dataclasses import replace
from itertools import takewhile
from typing import NamedTuple

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction

from search.engines import (
    EXACT_COUNTS_UP_TO,
    FACET_VALUES_SHOWN,
    SAMPLE_EVERY,
    Found,
    Hit,
    SearchEngine,
    SearchUnavailable,
    about,
)
from search.models import SearchEntry, SearchFacet
from search.query import essential
from search.registry import AUDIENCE_NAME, FACETS, PUBLIC, registry

logger = logging.getLogger(__name__)

ENTRY = SearchEntry._meta.db_table
FACET = SearchFacet._meta.db_table
RARITY_SECONDS = 5 * 60
# Where the database can count a sample (PostgreSQL): one entry in SAMPLE_EVERY, by id. A
# search whose sample says it matches more than EXACT_COUNTS_UP_TO entries shows the total and
# the facet counts estimated from that sample, rather than reading every match twice.
# A coarser sample, one entry in COARSE_SAMPLE_EVERY, is counted first: when it says the
# matches are more than COARSE_ESTIMATE_ABOVE (200 or more sampled), its estimate is close
# enough for one significant figure, and the finer sample would read ten times the entries.
COARSE_SAMPLE_EVERY = 100
COARSE_ESTIMATE_ABOVE = 20_000
# Under this many estimated matches, counting exactly is tried first (``count``), up to
# EXACT_FIRST_UP_TO of them: the estimate can be far too low, and reading thousands of matches
# to find that out costs more than the samples.
FEW_MATCHES = 1_000
EXACT_FIRST_UP_TO = 2_000
# Ranking a partial match of more than RANK_ALL_UP_TO matches tries narrower sets of candidates
# first (``ranking_levels``): for up to LEVEL_TIERS tiers, the levels at these positions
# (highest first), each of up to LEVEL_SETS sets of tiers.
RANK_ALL_UP_TO = 2_000
LEVEL_TIERS = 8
LEVEL_SETS = 32
PROBED_LEVELS = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55)
# A word in at most one entry in fifty (its rarity weight, see ``rarity``), whose absence from
# every title, tags and introduction is worth looking up (``PostgreSQL.present_tiers``).
RARE_WORD_WEIGHT = math.log(50)
# What hits never show, and the largest columns: left unread.
STEM_FIELDS = ("title_stems", "extra_stems", "body_stems")


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self):
        self.dialect = DIALECTS.get(connection.vendor)

    def search(self, request):
        if self.dialect is None:
            logger.error("The database engine has no full-text index on %s", connection.vendor)
            raise SearchUnavailable(f"No full-text search on {connection.vendor}")
        text = self.dialect.text_query(request.query, request.match)
        if text is None:
            return Found(total=0)
        # Results are ranked in tiers, then by the database's own score: first what matches the
        # words as typed (before synonyms), then what has one of them in its title. Neither
        # database can weigh a synonym below the word, and FTS5's bm25 normalises by the length
        # of the whole entry, which buries a long page whose title says it all.
        tiers = [self.dialect.text_query(request.query, request.match, originals=True)]
        weights = [1.0]
        if request.match == "any":
            # Partial matches: those with more of the words first, a rare word counting for
            # more than a common one.
            tiers = [
                self.dialect.text_query(replace(request.query, clauses=(clause,)), "all")
                for clause in request.query.clauses
            ]
            weights = self.rarity(tiers, request.audiences)
        tiers.append(self.dialect.title_query(request.query))
        source, condition, params = self.where(text, request)
        ranking = Ranking(
            self.dialect.order(request.sort, weights),
            [*tiers, *self.dialect.order_params(request.query)],
            weights,
        )
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                self.dialect.prepare(cursor)
                total, facets, estimated = self.count(cursor, request, source, condition, params)
                ids = []
                if total and request.limit:
                    ids = self.page(cursor, request, source, condition, params, ranking, total)
        except DatabaseError as error:
            logger.exception("Database search failed")
            raise SearchUnavailable from error
        entries = SearchEntry.objects.defer(*STEM_FIELDS).in_bulk(ids)
        hits = [hit_from_entry(entries[pk]) for pk in ids if pk in entries]
        return Found(total=total, hits=hits, facets=facets, estimated=estimated)

    def where(self, text, request):
        """The table and condition of what matches ``text`` (or anything, when None) that the
        asker may see, within the filters chosen."""
        if text is None:
            source, where, params = self.dialect.visible(request.audiences)
        else:
            source, where, params = self.dialect.base(text, request.audiences)
        for name, values in sorted(request.filters.items()):
            values = sorted(values)
            where.append(
                f"EXISTS (SELECT 1 FROM {FACET} f WHERE f.entry_id = e.id AND f.name = %s "
                f"AND f.value IN ({', '.join(['%s'] * len(values))}))"
            )
            params += [name, *values]
        return source, " AND ".join(where), params

    def count(self, cursor, request, source, condition, params):
        """The total and the facet counts: exact, or estimated from a sample when the matches
        are many (see SAMPLE_EVERY and COARSE_SAMPLE_EVERY)."""
        if request.with_facets and self.dialect.samples:
            # Counting a few dozen matches (a long question whose words seldom come together)
            # costs less than even the samples, which count in two steps. So when the planner
            # expects few matches, they are counted first; its estimate can be far too low
            # (it takes words for independent, quoted ones more so, and a filter's share is a
            # guess), so that count stops past EXACT_FIRST_UP_TO entries and the samples count
            # instead.
            if self.dialect.estimate(cursor, source, condition, params) <= FEW_MATCHES:
                limit = min(EXACT_FIRST_UP_TO, EXACT_COUNTS_UP_TO) + 1
                rows = self.facet_rows(cursor, source, condition, params, limit=limit)
                if kind_total(rows) < limit:
                    return kind_total(rows), group_facets(rows), False
            # Coarsest first, and each finer count only when the one before cannot answer: a
            # search never reads more than a few thousand entries to count them, and one with
            # few matches reads only the coarse sample before counting them exactly.
            for every, above, figures in (
                (COARSE_SAMPLE_EVERY, COARSE_ESTIMATE_ABOVE, 1),
                (SAMPLE_EVERY, EXACT_COUNTS_UP_TO, 2),
            ):
                # The sample first: of conditions the database deems equally costly, it tests
                # the first first, and the sample's is the cheap one.
                sample = self.dialect.sample(every)
                rows = self.facet_rows(cursor, source, f"{sample} AND {condition}", params)
                estimate = kind_total(rows) * every
                if estimate > above:
                    rows = [(name, value, about(n * every, figures)) for name, value, n in rows]
                    return about(estimate, figures), group_facets(rows), True
                if estimate <= EXACT_COUNTS_UP_TO:
                    break
        if request.with_facets:
            rows = self.facet_rows(cursor, source, condition, params)
            return kind_total(rows), group_facets(rows), False
        cursor.execute(f"SELECT COUNT(*) FROM {source} WHERE {condition}", params)
        return cursor.fetchone()[0], {}, False

    @staticmethod
    def facet_rows(cursor, source, condition, params, limit=None):
        """(name, value, count) of the facets of the matches (of the first ``limit`` found)."""
        limited = "" if limit is None else " LIMIT %s"
        cursor.execute(
            f"SELECT name, value, COUNT(*) FROM {FACET} WHERE entry_id IN "
            f"(SELECT e.id FROM {source} WHERE {condition}{limited}) GROUP BY name, value",
            [*params] if limit is None else [*params, limit],
        )
        return cursor.fetchall()

    def page(self, cursor, request, source, condition, params, ranking, total):
        """The ids of the page of hits asked for (of ``total`` matches), best first."""
        end = request.offset + request.limit
        candidates = self.dialect.candidates(request.query) if request.sort == "relevance" else None
        if candidates is None:
            cursor.execute(
                f"SELECT e.id FROM {source} WHERE {condition} "
                f"ORDER BY {ranking.order} LIMIT %s OFFSET %s",
                [*params, *ranking.params, request.limit, request.offset],
            )
            return [row[0] for row in cursor.fetchall()]
        # Only the entries with a query word in their title, tags or introduction can rank
        # above the rest (every tier and the score read those), and the index finds them
        # without reading the others: rank them, then follow with the rest by date, as the
        # full order would.
        later = self.dialect.checked_later(request.query, request.match)
        if later is None:
            where, exact = (source, condition, params), None
        else:
            # The candidates that may match, in order; the exact condition is then tested on
            # them in that order, and only until the page is full.
            loose, exact = later
            where = self.where(loose, request)
        # The entries scoring at least some level rank above every other, and when they fill
        # the page, the others need no ranking. The levels are tried from the highest, as
        # narrow sets of entries the index finds alone; one too narrow to fill the page is
        # cheap. Each level the index reads through the common words' entries: below
        # RANK_ALL_UP_TO matches, ranking them all at once costs less.
        tier_queries = ranking.params[: len(ranking.weights) + 1]
        levels = []
        if total > RANK_ALL_UP_TO:
            present = self.dialect.present_tiers(cursor, tier_queries, ranking.weights)
            levels = ranking_levels(ranking.weights, present)
        if len(ranking.weights) == 1:
            # Every word must match: the levels whose entries have the words in their title,
            # tags or introduction, which then nearly all match. Below them (one of the words
            # in a title), most may not, and checking them one by one would cost more than the
            # index's testing them all.
            levels = list(takewhile(lambda level: all(0 in tiers for tiers in level), levels))
        if levels:
            # An entry reaching a level has query words in its title, tags or introduction,
            # and nearly always matches: the text condition is checked on the ranked entries,
            # only until the page is full. (Tested beside the level's, it would be read row by
            # row, from each entry's large stored text.)
            level_where = self.where(None, request)
            level_exact = self.dialect.text_query(request.query, request.match)
        for level in levels:
            narrower = self.dialect.with_tiers(
                candidates, [[tier_queries[index] for index in tiers] for tiers in level]
            )
            cursor.execute(
                *self.dialect.first_ranked(level_where, narrower, ranking, level_exact, end)
            )
            ranked = [row[0] for row in cursor.fetchall()]
            if len(ranked) == end:
                return ranked[request.offset :]
        cursor.execute(*self.dialect.first_ranked(where, candidates, ranking, exact, end))
        ranked = [row[0] for row in cursor.fetchall()]
        if len(ranked) == end:
            return ranked[request.offset :]
        # Fewer candidates than the page reaches: the rest of it comes after all of them.
        candidate_condition, candidate_params = candidates
        skip = max(0, request.offset - len(ranked))
        cursor.execute(
            f"SELECT e.id FROM {source} WHERE {condition} AND NOT {candidate_condition} "
            f"ORDER BY {self.dialect.unranked_order} LIMIT %s OFFSET %s",
            [*params, *candidate_params, end - len(ranked) - skip, skip],
        )
        return ranked[request.offset :] + [row[0] for row in cursor.fetchall()]

    def rarity(self, clause_queries, audiences):
        """Each clause's inverse document frequency among what ``audiences`` may see.

        Kept for a few minutes: how common a word is barely changes from one search to the
        next, and counting it costs as much as a search.
        """
        key = (
            "search:rarity:"
            + hashlib.sha256(
                repr((connection.vendor, sorted(audiences), clause_queries)).encode()
            ).hexdigest()
        )
        weights = cache.get(key)
        if weights is None:
            weights = self._rarity(clause_queries, audiences)
            cache.set(key, weights, RARITY_SECONDS)
        return weights

    def _rarity(self, clause_queries, audiences):
        counts = []
        try:
            with connection.cursor() as cursor:
                source, where, params = self.dialect.visible(audiences)
                cursor.execute(f"SELECT COUNT(*) FROM {source} WHERE {' AND '.join(where)}", params)
                visible = cursor.fetchone()[0]
                for query in clause_queries:
                    source, where, params = self.dialect.base(query, audiences)
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {source} WHERE {' AND '.join(where)}", params
                    )
                    counts.append(cursor.fetchone()[0])
        except DatabaseError as error:
            raise SearchUnavailable from error
        return [round(math.log((visible - count + 0.5) / (count + 0.5) + 1), 4) for count in counts]

    def suggest_titles(self, stems, audiences, *, limit):
        """Titles of visible entries whose title has these stems, the last one as a prefix."""
        if self.dialect is None or not stems:
            return []
        source, where, params = self.dialect.title_prefix(stems, audiences)
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT e.title, e.url, e.kind FROM {source} WHERE {' AND '.join(where)} "
                    f"ORDER BY LENGTH(e.title), e.title LIMIT %s",
                    [*params, limit],
                )
                return cursor.fetchall()
        except DatabaseError:
            logger.exception("Title suggestions failed")
            return []

    def visible_facet_values(self, name, audiences, prefix, *, limit):
        """Values of facet ``name`` on entries ``audiences`` may see, starting with ``prefix``."""
        if self.dialect is None:
            return []
        source, where, params = self.dialect.visible(audiences)
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT DISTINCT f.value FROM {FACET} f WHERE f.name = %s AND "
                    f"LOWER(f.value) LIKE %s AND f.entry_id IN "
                    f"(SELECT e.id FROM {source} WHERE {' AND '.join(where)}) "
                    f"ORDER BY f.value LIMIT %s",
                    [name, like_prefix(prefix), *params, limit],
                )
                return [row[0] for row in cursor.fetchall()]
        except DatabaseError:
            logger.exception("Facet suggestions failed")
            return []

    def rebuild(self, *, stdout, chunk_size):
        # The entries are the database engine's index: rebuilding them is the whole job.
        from search.index import rebuild_entries

        return rebuild_entries(stdout=stdout, chunk_size=chunk_size)

    def status(self):
        lines = [
            f"Engine: database (the site's own full-text index on {connection.vendor})",
            f"Entries: {SearchEntry.objects.count()}",
            "By source (entries, and of those visible to the public):",
        ]
        for source in registry.sources():
            entries = SearchEntry.objects.filter(source=source.key)
            public = entries.filter(audiences__regex=rf"(^| ){PUBLIC}( |$)").count()
            lines.append(f"  {source.key} ({source.label}): {entries.count()}, public {public}")
        return lines


class Ranking(NamedTuple):
    """A relevance order: its ORDER BY, that clause's parameters, and the weights of its tiers."""

    order: str
    params: list
    weights: list


def ranking_levels(weights, present):
    """The levels of the relevance order's first keys that a search tries, highest first, each
    as the sets of tiers (indexes) of which an entry must match every tier of one set to reach
    that level.

    An entry's first keys are the weighted sum of the tiers it matches, then whether its title
    matches (the title tier, index ``len(weights)``). Every weight is positive, so matching
    more tiers never lowers them: the entries that reach a level are exactly those matching
    all of one of its minimal sets, which the text index finds without reading the others.
    Tiers not ``present`` (that no entry matches) are left out.

    Each level tried that falls short costs a query: every one of the first few is tried,
    then further and further apart (PROBED_LEVELS). A level left out, or one of more than
    LEVEL_SETS sets (skipped), only makes the next one wider. A query of more than
    LEVEL_TIERS tiers has none: every candidate is ranked.
    """
    title = len(weights)
    members = sorted(index for index in present if index <= title)
    if not members or len(members) > LEVEL_TIERS:
        return []

    def bits(mask):
        return [bit for bit in range(len(members)) if mask >> bit & 1]

    def key(mask):
        # Summed in the order the SQL adds them (see ``weighted_sum``), so that equal sums
        # are equal here too.
        chosen = [members[bit] for bit in bits(mask)]
        return sum(weights[index] for index in chosen if index != title), title in chosen

    keys = [key(mask) for mask in range(1 << len(members))]
    masks = range(1, len(keys))
    # The highest key of a set with one tier fewer: a set is minimal for the levels above it.
    fewer = {mask: max(keys[mask & ~(1 << bit)] for bit in bits(mask)) for mask in masks}
    distinct = sorted({keys[mask] for mask in masks}, reverse=True)
    levels = []
    for position in PROBED_LEVELS:
        if position >= len(distinct):
            break
        level = distinct[position]
        minimal = [mask for mask in masks if keys[mask] >= level > fewer[mask]]
        if len(minimal) <= LEVEL_SETS:
            levels.append([[members[bit] for bit in bits(mask)] for mask in minimal])
    return levels


def hit_from_entry(entry):
    return Hit(
        kind=entry.kind,
        title=entry.title,
        url=entry.url,
        date=entry.date,
        introduction=entry.introduction,
        body=entry.body,
        tags=tuple(entry.tag_list),
    )


def kind_total(rows):
    # Every entry has exactly one kind: the kind counts add up to the total, which saves
    # counting the matches a second time.
    return sum(count for name, _, count in rows if name == "kind")


def group_facets(rows):
    facets = {}
    for name, value, count in rows:
        if name in FACETS:
            facets.setdefault(name, []).append((value, count))
    for values in facets.values():
        values.sort(key=lambda pair: (-pair[1], pair[0]))
        del values[FACET_VALUES_SHOWN:]
    return facets


def weighted_sum(matches, weights, number=""):
    """The sum of ``matches`` (an SQL expression with one parameter, one for each tier query)
    times each weight. The weights are numbers this module computed, never input; ``number``
    casts them."""
    return " + ".join(f"{float(weight)!r}{number} * {matches}" for weight in weights)


def tier_order(matches, weights, number=""):
    """ORDER BY terms: the weighted sum of the tier queries matched, then the title tier."""
    return f"({weighted_sum(matches, weights, number)}) DESC, {matches} DESC"


def like_prefix(prefix):
    escaped = prefix.lower().replace("\\", "").replace("%", "").replace("_", "")
    return f"{escaped}%"


class SQLite:
    """FTS5 over the ``search_entry_fts`` table the migrations made."""

    # FTS5 ranks every match in one pass over its own index: no sample, no candidates.
    samples = False

    def candidates(self, parsed):
        return None

    def checked_later(self, parsed, match):
        return None

    def prepare(self, cursor):
        """Anything the database needs told before a search."""

    TEXT_COLUMNS = "{title_stems extra_stems body_stems}"

    @staticmethod
    def quote(stems):
        return '"' + " ".join(stems) + '"'

    def alternative(self, alternative, *, adjacent=True):
        if adjacent or not alternative.is_phrase:
            return self.quote(alternative.stems)
        return "(" + " AND ".join(self.quote([stem]) for stem in alternative.stems) + ")"

    def text_query(self, parsed, match, *, originals=False):
        clauses = [
            "("
            + " OR ".join(
                self.alternative(a, adjacent=clause.quoted)
                for a in (clause.alternatives[:1] if originals else essential(clause.alternatives))
            )
            + ")"
            for clause in parsed.clauses
        ]
        if not clauses:
            return None
        expression = f" {'AND' if match == 'all' else 'OR'} ".join(clauses)
        expression = f"{self.TEXT_COLUMNS} : ({expression})"
        if parsed.excluded:
            excluded = " OR ".join(self.quote(a.stems) for a in parsed.excluded)
            expression = f"({expression}) NOT ({self.TEXT_COLUMNS} : ({excluded}))"
        return expression

    def title_query(self, parsed):
        words = " OR ".join(self.quote(c.alternatives[0].stems) for c in parsed.clauses)
        return f"title_stems : ({words})"

    def audiences(self, audiences):
        return "audiences : (" + " OR ".join(self.quote([a]) for a in sorted(audiences)) + ")"

    @staticmethod
    def matching(expression):
        """The FTS table joined to the entries, filtered by one MATCH ``expression``."""
        source = f"search_entry_fts JOIN {ENTRY} e ON e.id = search_entry_fts.rowid"
        return source, ["search_entry_fts MATCH %s"], [expression]

    def base(self, text, audiences):
        return self.matching(f"({text}) AND {self.audiences(audiences)}")

    def visible(self, audiences):
        return self.matching(self.audiences(audiences))

    def title_prefix(self, stems, audiences):
        words = [self.quote([stem]) for stem in stems[:-1]] + [self.quote([stems[-1]]) + " *"]
        expression = "title_stems : (" + " AND ".join(words) + ")"
        return self.matching(f"({expression}) AND {self.audiences(audiences)}")

    def order(self, sort, weights):
        # bm25 ranks better matches lower; the title weighs most, then tags and introduction.
        matches = "(e.id IN (SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s))"
        tiers = tier_order(matches, weights)
        rank = "bm25(search_entry_fts, 10.0, 4.0, 1.0, 0.0)"
        if sort == "newest":
            return f"e.date IS NULL, e.date DESC, {tiers}, {rank}, e.id"
        return f"{tiers}, {rank}, e.date IS NULL, e.date DESC, e.id"

    def order_params(self, parsed):
        return []


class PostgreSQL:
    """tsquery over the generated ``text_vector`` and ``audience_vector`` columns."""

    samples = True
    # Ranking reads the title, tags and introduction (``rank_vector``): reading each match's
    # whole text to rank it costs more than searches may take (see migration 0004).
    MATCHES = "(e.rank_vector @@ to_tsquery('simple', %s))::int"

    @staticmethod
    def score(table="e"):
        return f"ts_rank({table}.rank_vector, to_tsquery('simple', %s))"

    # The order of entries with no query word in their title, tags or introduction: every
    # tier is 0 and so is the score (see ``order``).
    unranked_order = "e.date DESC NULLS LAST, e.id"

    @staticmethod
    def rank_query(parsed):
        """What the score counts: the words as typed and one-word synonyms. A synonym of
        several words ("portable computer") finds entries but adds nothing to their score:
        scoring its words one by one would rank an entry up for having "computer" in its
        title, and make most entries candidates (see ``candidates``)."""
        stems = sorted(
            {
                stem
                for clause in parsed.clauses
                for index, alternative in enumerate(clause.alternatives)
                if index == 0 or not alternative.is_phrase
                for stem in alternative.stems
            }
        )
        return " | ".join(f"'{stem}'" for stem in stems)

    def candidates(self, parsed):
        """The entries that can rank above the rest: those with a word of ``rank_query`` in
        ``rank_vector``, which every tier and the score read. Its index finds them (migration
        0006) without reading the others."""
        query = self.rank_query(parsed)
        if not query:
            return None
        return "e.rank_vector @@ to_tsquery('simple', %s)", [query]

    @staticmethod
    def with_tiers(candidates, sets):
        """The ``candidates`` that match, in ``rank_vector``, every tier query of one of
        ``sets`` (lists of tier queries)."""
        condition, params = candidates
        either = " | ".join(
            "(" + " & ".join(f"({query})" for query in queries) + ")" for queries in sets
        )
        return f"{condition} AND e.rank_vector @@ to_tsquery('simple', %s)", [*params, either]

    @staticmethod
    def present_tiers(cursor, tier_queries, weights):
        """The indexes of ``tier_queries`` (the last one the title's) that some entry may match
        in ``rank_vector``. A rare word of a question is often in no title, tags or
        introduction, and all the highest levels would need it (see ``ranking_levels``).

        Only rare words' tiers are looked up: the index then has few entries to list, where a
        common word's would cost milliseconds; the others are taken as present, which at worst
        costs a level tried in vain. So is the title tier, whose weight the index cannot tell.
        Word positions are left out, for the same reason.
        """
        rare = [index for index, weight in enumerate(weights) if weight >= RARE_WORD_WEIGHT]
        absent = set()
        if rare:
            cursor.execute(
                "SELECT "
                + ", ".join(
                    f"EXISTS (SELECT 1 FROM {ENTRY} e "
                    "WHERE e.rank_vector @@ to_tsquery('simple', %s))"
                    for _ in rare
                ),
                [tier_queries[index].replace("<->", "&") for index in rare],
            )
            found = cursor.fetchone()
            absent = {index for index, present in zip(rare, found, strict=True) if not present}
        return [index for index in range(len(tier_queries)) if index not in absent]

    @staticmethod
    def estimate(cursor, source, condition, params):
        """How many rows the planner expects ``condition`` to find, from its statistics."""
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {source} WHERE {condition}", params)
        plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return plan[0]["Plan"]["Plan Rows"]

    @staticmethod
    def sample(every):
        """One entry in ``every``, found through its own index (migrations 0006 and 0007)."""
        return f"mod(e.id, {int(every)}) = 0"

    def checked_later(self, parsed, match):
        """For ranking candidates: a looser text condition, and the exact one to check on the
        ranked candidates one by one only until the page is full; or None to check it on every
        candidate as the database would.

        Checking that quoted words stand together reads each entry's stored vector (the index
        knows which entries hold the words, not where), and so does testing a partial match's
        many alternatives row by row; on a common phrase or a long question that is every
        candidate, thousands of them, when a page needs ten. The looser condition (the words
        without their positions) is one the index answers alone.
        """
        if match == "any":
            return None, self.text_query(parsed, match)
        if any(clause.quoted and clause.alternatives[0].is_phrase for clause in parsed.clauses):
            # Without exclusions too: a superset of the matches, which the exact check narrows.
            loose = self.text_query(replace(parsed, excluded=()), match, adjacent=False)
            return loose, self.text_query(parsed, match)
        return None

    def prepare(self, cursor):
        # A common word matches a large share of the entries, and the planner then prefers
        # reading the whole table, unpacking every entry's (large, out-of-line) text vector to
        # test it: several times slower than the text index, which needs none of that. For
        # this transaction only, the index it is.
        # Nor is compiling a search's plan (JIT) ever worth its milliseconds: the estimates of
        # a ranking over thousands of candidates pass its threshold, not its costs.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")

    @staticmethod
    def phrase(stems, *, adjacent=True):
        return "(" + (" <-> " if adjacent else " & ").join(f"'{stem}'" for stem in stems) + ")"

    def text_query(self, parsed, match, *, originals=False, adjacent=True):
        clauses = [
            "("
            + " | ".join(
                # Only what was quoted must be found word for word: the index knows which
                # entries hold the words but not where, so checking that they are next to each
                # other means reading every candidate's stored vector, slow when the words are
                # common. Words typed or added as a synonym only need to be there.
                self.phrase(a.stems, adjacent=adjacent and clause.quoted)
                for a in (clause.alternatives[:1] if originals else essential(clause.alternatives))
            )
            + ")"
            for clause in parsed.clauses
        ]
        if not clauses:
            return None
        expression = f" {'&' if match == 'all' else '|'} ".join(clauses)
        if parsed.excluded:
            excluded = " | ".join(self.phrase(a.stems) for a in parsed.excluded)
            expression = f"({expression}) & !({excluded})"
        return expression

    @staticmethod
    def title_query(parsed):
        # Weight A is the title (see the migration).
        return " | ".join(
            "(" + " <-> ".join(f"'{stem}':A" for stem in c.alternatives[0].stems) + ")"
            for c in parsed.clauses
        )

    @staticmethod
    def audiences(audiences):
        # Audience names are plain words (AUDIENCE_NAME); anything else never reaches a query.
        return " | ".join(f"'{a}'" for a in sorted(audiences) if AUDIENCE_NAME.match(a))

    def base(self, text, audiences):
        # Both conditions have an index: the planner combines them when the audiences are
        # few (a visitor sees a small share of the entries), so only what the asker may see
        # is read; when they see most, it reads the text's matches and tests each one's small
        # audience vector. Where it tests both row by row, it tests them in this order: the
        # audiences first, because the text's vector is large and stored out of line.
        return (
            f"{ENTRY} e",
            [
                "e.audience_vector @@ to_tsquery('simple', %s)",
                "e.text_vector @@ to_tsquery('simple', %s)",
            ],
            [self.audiences(audiences), text],
        )

    def visible(self, audiences):
        return (
            f"{ENTRY} e",
            ["e.audience_vector @@ to_tsquery('simple', %s)"],
            [self.audiences(audiences)],
        )

    def title_prefix(self, stems, audiences):
        # Weight A is the title (see the migration), so the index answers this too.
        query = " & ".join([f"'{stem}':A" for stem in stems[:-1]] + [f"'{stems[-1]}':*A"])
        return (
            f"{ENTRY} e",
            [
                "e.text_vector @@ to_tsquery('simple', %s)",
                "e.audience_vector @@ to_tsquery('simple', %s)",
            ],
            [query, self.audiences(audiences)],
        )

    # Floating point: PostgreSQL reads a literal with a decimal point as a numeric, whose
    # arithmetic is slower, and the tiers' sum is computed for every candidate.
    WEIGHT_TYPE = "::float8"

    def order(self, sort, weights):
        tiers = tier_order(self.MATCHES, weights, self.WEIGHT_TYPE)
        rank = f"{self.score()} DESC"
        if sort == "newest":
            return f"e.date DESC NULLS LAST, {tiers}, {rank}, e.id"
        return f"{tiers}, {rank}, e.date DESC NULLS LAST, e.id"

    def first_ranked(self, where, candidates, ranking, exact, end):
        """SQL and parameters for the ids of the first ``end`` ranking candidates in the
        relevance order of ``order``, among what ``where`` finds; each checked against the
        text query ``exact`` (when not None) in that order, only until ``end`` are found.
        ``OFFSET 0`` keeps the database from testing ``exact`` on every candidate before
        sorting them.
        """
        source, condition, params = where
        candidate_condition, candidate_params = candidates
        checked = [] if exact is None else [exact]
        final_check = "" if exact is None else "WHERE ranked.stored @@ to_tsquery('simple', %s) "
        if len(ranking.weights) == 1:
            # One tier: two keys before the score, most candidates tied on them. Ranking
            # them all in one pass (which the database shares among its workers) costs less
            # than passing over them twice.
            stored = "" if exact is None else ", e.text_vector AS stored"
            sql = (
                f"SELECT ranked.id FROM (SELECT e.id{stored} FROM {source} "
                f"WHERE {condition} AND {candidate_condition} ORDER BY {ranking.order} "
                f"OFFSET 0) AS ranked {final_check}LIMIT %s"
            )
            return sql, [*params, *candidate_params, *ranking.params, *checked, end]
        # Several tiers (a partial match): a candidate's tiers mostly tell it from the next,
        # and the score costs several times what they do. So the tiers are computed for every
        # candidate, but the score only for those whose tiers are at least those of the
        # ``end``-th that matches: the others cannot reach the page whatever their score.
        *tier_params, score_param = ranking.params
        cut_check = stored = ""
        if exact is not None:
            cut_check = (
                f"WHERE EXISTS (SELECT 1 FROM {ENTRY} x WHERE x.id = k.id "
                "AND x.text_vector @@ to_tsquery('simple', %s)) "
            )
            stored = f", (SELECT x.text_vector FROM {ENTRY} x WHERE x.id = keyed.id) AS stored"
        sql = (
            "WITH keyed AS MATERIALIZED (SELECT e.id, e.date, e.rank_vector, "
            f"{weighted_sum(self.MATCHES, ranking.weights, self.WEIGHT_TYPE)} AS tier, "
            f"{self.MATCHES} AS title "
            f"FROM {source} WHERE {condition} AND {candidate_condition}), "
            "cut AS (SELECT k.tier, k.title FROM "
            "(SELECT * FROM keyed ORDER BY tier DESC, title DESC OFFSET 0) AS k "
            f"{cut_check}LIMIT 1 OFFSET %s) "
            f"SELECT ranked.id FROM (SELECT keyed.id{stored} FROM keyed "
            "WHERE NOT EXISTS (SELECT 1 FROM cut) "
            "OR (keyed.tier, keyed.title) >= (SELECT tier, title FROM cut) "
            f"ORDER BY keyed.tier DESC, keyed.title DESC, {self.score('keyed')} DESC, "
            f"keyed.date DESC NULLS LAST, keyed.id OFFSET 0) AS ranked {final_check}LIMIT %s"
        )
        return sql, [
            *tier_params,
            *params,
            *candidate_params,
            *checked,
            end - 1,
            score_param,
            *checked,
            end,
        ]

    def order_params(self, parsed):
        return [self.rank_query(parsed)]


DIALECTS = {"sqlite": SQLite(), "postgresql": PostgreSQL()}
