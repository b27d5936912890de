"""Site search: what "matches the words" means, on PostgreSQL and on SQLite.

PostgreSQL: full-text search in both languages with accents ignored (the `ogp_es` / `ogp_en`
configurations and the stored `search_vector` columns of commitments/search/sql.py), the id typed
whole or in part, and typos: corrected to the closest known word (a word list with a trigram
index), else matched by trigram word similarity in titles; ranked, with highlighted excerpts.

SQLite (the laptop default): an honest fallback. Every word must appear, accent- and case-blind, in
the text (no stems, no typos, no ranking beyond "the id itself first").

The QuerySet methods (`Commitment.objects.search(q)`, `ActionPlan.objects.search(q)`,
`Organization.objects.search(q)`, and the IRM app's assessments) call the search_* functions below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Expression,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models.members import normalize_name
from .sql import REFRESH_WORD_LIST, WORD_LIST

MAX_QUERY = 200
# Texts up to this many characters are shown whole in results, longer ones as fragments.
SHORT_TEXT = 300
# Typos are looked for only in words at least this long: shorter ones match too much.
TYPO_MIN_LENGTH = 4
# A word is corrected to a known one at least this alike (trigram similarity): one typo in a word
# of 8 letters or more, not a different word sharing a beginning (compromisos is not compras).
SPELLING_SIMILARITY = 0.5
# Markers ts_headline (and the SQLite highlighter) put around matches: control characters no
# real text contains. The HTML is built from them only after the text is escaped.
START, STOP = "\x02", "\x03"
_MARKERS = re.compile(f"([{START}{STOP}])")
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def clean_query(text: str) -> str:
    return " ".join((text or "").split())[:MAX_QUERY]


class Stored(Expression):
    """A PostgreSQL-only generated column of the query's own table (see search/sql.py)."""

    def __init__(self, column: str, output_field=None) -> None:
        super().__init__(output_field=output_field or TextField())
        self.column = column

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        table = compiler.quote_name_unless_alias(alias)
        return f"{table}.{connection.ops.quote_name(self.column)}", []


class Fold(Func):
    """Lower case without accents: `ogp_fold`, defined by the migration on PostgreSQL and
    registered on each SQLite connection (commitments.apps)."""

    function = "ogp_fold"
    output_field = TextField()


def ts_query(text: str) -> RawSQL:
    # websearch syntax: words (all required), "a phrase", or, -word; never a syntax error.
    return RawSQL(
        "(websearch_to_tsquery('ogp_es'::regconfig, %s) || "
        "websearch_to_tsquery('ogp_en'::regconfig, %s))",
        (text, text),
    )


class _Bool(Func):
    output_field = BooleanField()


def full_text(text: str) -> _Bool:
    """The row's search_vector matches the words (either language's stems, accents ignored)."""
    return _Bool(
        Stored("search_vector"), ts_query(text), template="%(expressions)s", arg_joiner=" @@ "
    )


def similar_words(text: str) -> _Bool:
    """Typo-tolerant: the words are close (trigrams) to a stretch of the row's folded text.
    Written `folded %> words`, the form the trigram index is searched with: as `words <% folded`
    PostgreSQL checked each row found twice (word_similarity, costly on long titles)."""
    return _Bool(
        Stored("search_folded"),
        Value(normalize_name(text)),
        template="%(expressions)s",
        arg_joiner=" %%> ",
    )


def rank(text: str, column: str = "search_vector") -> Func:
    return Func(Stored(column), ts_query(text), function="ts_rank", output_field=FloatField())


def pk_in_array(ids: QuerySet) -> _Bool:
    """The row's id is one of `ids` (a values() subquery run once, as an array): unlike `IN`,
    PostgreSQL can OR this with other index conditions into one bitmap scan."""
    sql, params = ids.query.sql_with_params()
    return _Bool(
        Stored("id", IntegerField()),
        RawSQL(f"(ARRAY({sql}))", params),
        template="%(expressions)s",
        arg_joiner=" = ANY ",
    )


def with_milestone(text: str) -> _Bool:
    """The commitment has a milestone with the words (their commitments' ids, as an array)."""
    from ..models import Milestone

    return pk_in_array(Milestone.objects.filter(full_text(text)).order_by().values("commitment_id"))


def closeness(text: str) -> Func:
    """How alike the words and the row's folded text are (trigrams), to rank typo matches. Not
    word_similarity, which decides the match (similar_words): it costs about ten times as much
    on a title of 150 characters, and a typo search would compute it twice per row."""
    return Func(
        Value(normalize_name(text)),
        Stored("search_folded"),
        function="similarity",
        output_field=FloatField(),
    )


def headline(field: str, text: str, *, whole: bool = False) -> Func | Case:
    """The field's text with the matched words between the START and STOP markers (PostgreSQL):
    whole when asked or short, else the best fragments."""

    def with_options(options: str) -> Func:
        return Func(
            RawSQL("'ogp_es'::regconfig", ()),
            F(field),
            ts_query(text),
            Value(options),
            function="ts_headline",
            output_field=TextField(),
        )

    entire = with_options(f"StartSel={START}, StopSel={STOP}, HighlightAll=true")
    if whole:
        return entire
    return Case(
        When(LessThanOrEqual(Length(field), SHORT_TEXT), then=entire),
        default=with_options(HEADLINE_OPTIONS),
        output_field=TextField(),
    )


def every_word(fields: tuple[str, ...], text: str, *, folded: tuple[str, ...] = ()) -> Q:
    """Each word of `text` in one of the fields: accent- and case-blind. `fields` hold text that is
    already folded (search_text, normalized names); `folded` are folded here with Fold()."""
    condition = Q()
    for word in normalize_name(text).split():
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__contains": word})
        for field in folded:
            any_field |= Q(**{f"{field}__contains": word})
        condition &= any_field
    return condition


def with_folded(queryset: QuerySet, *fields: str) -> QuerySet:
    """Annotate `<field>_folded` = Fold(field) for use by every_word(folded=...)."""
    return queryset.alias(**{f"{field.replace('__', '_')}_folded": Fold(field) for field in fields})


def union_ids(*querysets: QuerySet) -> QuerySet:
    """The ids any of the querysets yields (each one can use its own index)."""
    first, *rest = [qs.order_by() for qs in querysets]
    return first.union(*rest) if rest else first


def finds_any(queryset: QuerySet) -> bool:
    """Whether `queryset` (words matched through an index) has a row. Not `.exists()`: with its
    LIMIT 1, PostgreSQL may read the table in order until a row matches, which for words found
    nowhere means unpacking every row's search_vector (a third of a second at 20,000
    commitments). A materialized CTE is planned for all its rows (the index), then read once."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH found AS MATERIALIZED ({sql}) SELECT EXISTS (SELECT FROM found)", params
        )
        return cursor.fetchone()[0]


def looks_like_id(text: str) -> bool:
    return len(text.split()) == 1 and any(ch.isdigit() for ch in text)


def typo_worthy(text: str) -> bool:
    """Long enough for typos to be guessed, and not an id (PE0008 is not a typo of PE0009)."""
    return len(normalize_name(text).replace(" ", "")) >= TYPO_MIN_LENGTH and not looks_like_id(text)


def id_first(text: str, field: str = "ogp_id") -> Case:
    """1 for the row whose id is exactly the text typed, else 0 (ids rank first everywhere)."""
    return Case(
        When(**{f"{field}__iexact": text.strip()}, then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )


def marked_html(text: str | None) -> SafeString:
    """Escaped text with the START/STOP markers turned into <mark> (unbalanced markers dropped)."""
    out: list[str] = []
    open_mark = False
    buffer = ""
    # Piece by piece between markers (character by character cost milliseconds per page).
    for piece in _MARKERS.split(text or ""):
        if piece == START and not open_mark:
            out.append(escape(buffer))
            buffer, open_mark = "", True
        elif piece == STOP and open_mark:
            out.append(f"<mark>{escape(buffer)}</mark>")
            buffer, open_mark = "", False
        elif piece not in (START, STOP):
            buffer += piece
    out.append(escape(buffer))
    return mark_safe("".join(out))


def _fold_char(ch: str) -> str:
    return normalize_name(ch) if ch.strip() else " "


def marked_excerpt(text: str, query: str, *, width: int = 240) -> str:
    """SQLite's highlighter: an excerpt of `text` around the first word of `query` found in it
    (accent- and case-blind), every found word between START and STOP."""
    if not text:
        return ""
    words = [w for w in normalize_name(query).split() if w]
    # Fold character by character so positions in the folded text are positions in the original.
    folded_chars = [_fold_char(ch)[:1] or " " for ch in text]
    folded = "".join(folded_chars)
    spans: list[tuple[int, int]] = []
    for word in words:
        start = folded.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = 0 if len(text) <= width else max(0, first - width // 3)
    end = min(len(text), begin + width)
    pieces, position = [], begin
    for s, e in spans:
        if s < position or e > end:
            continue
        pieces += [text[position:s], START, text[s:e], STOP]
        position = e
    pieces.append(text[position:end])
    return ("… " if begin else "") + "".join(pieces) + (" …" if end < len(text) else "")


@dataclass(frozen=True)
class Hit:
    """One search result of any kind, ready for the template."""

    kind: str
    title: SafeString
    excerpt: SafeString
    url: str
    label: str = ""


def spelled(folded: str) -> str:
    """`folded` (normalize_name'd words) with each word of at least TYPO_MIN_LENGTH letters
    replaced by the closest word of the word list (sql.WORD_LIST): a known word by itself,
    a typo by the word it is close to (SPELLING_SIMILARITY), the more frequent of equally close
    words. Words with digits (ids) and words nothing is close to stay as typed. The classic
    PostgreSQL spelling suggestion: the words corrected first, then searched as words (stems,
    ranking), not as trigrams of every title."""
    words = sorted(
        {
            word
            for word in re.findall(r"\w+", folded)
            if len(word) >= TYPO_MIN_LENGTH and not any(ch.isdigit() for ch in word)
        }
    )
    if not words:
        return folded
    with connection.cursor() as cursor:
        cursor.execute(
            # `%` finds the candidates in the trigram index (similarity of at least 0.3).
            f"""SELECT typed, (SELECT word FROM {WORD_LIST}
                               WHERE word %% typed AND similarity(word, typed) >= %s
                               ORDER BY similarity(word, typed) DESC, ndoc DESC, word LIMIT 1)
                FROM unnest(%s::text[]) AS typed""",
            [SPELLING_SIMILARITY, words],
        )
        closest = {typed: word for typed, word in cursor.fetchall() if word}
    return re.sub(r"\w+", lambda m: closest.get(m.group(), m.group()), folded)


def refresh_word_list() -> None:
    """Rebuild the word list typos are corrected to, from the rows as they are now (PostgreSQL)."""
    if on_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(REFRESH_WORD_LIST)


def search_commitments(queryset: QuerySet, text: str) -> QuerySet:
    """`queryset` narrowed to the commitments matching `text`, with `search_rank` to order by (an
    alias: counts and facet aggregates do not compute it)."""
    from ..models import Commitment, Milestone

    text = clean_query(text)
    if not normalize_name(text):
        return queryset.none()
    if not on_postgresql():
        in_milestones = with_folded(Milestone.objects.all(), "title").filter(
            every_word((), text, folded=("title_folded",))
        )
        return queryset.filter(
            every_word(("search_text",), text) | Q(pk__in=in_milestones.values("commitment_id"))
        ).alias(search_rank=id_first(text))
    folded = normalize_name(text)
    if typo_worthy(text) and not finds_any(Commitment.objects.filter(full_text(text))):
        # Typos only when the words themselves find nothing. First each word corrected to the
        # closest known word, searched as words; when that finds nothing either (a word list not
        # refreshed yet, words that are never together), the titles close to the words.
        corrected = spelled(folded)
        if corrected != folded and finds_any(Commitment.objects.filter(full_text(corrected))):
            text = folded = corrected
        else:
            return _close_titles(queryset, text)
    # One condition on the commitments table, so PostgreSQL ORs the index scans into one bitmap
    # and reads only the rows found (a `pk IN (a UNION b)` was joined back to every row): the
    # words, or a milestone with them (its commitments' ids collected first, as an array).
    condition = full_text(text) | with_milestone(text)
    if looks_like_id(text) and len(folded) >= 3:
        # An id typed in part (PE000): the trigram index serves LIKE '%...%'.
        condition |= Q(search_text__contains=folded)
    return queryset.filter(condition).alias(
        search_rank=id_first(text) + rank(text, "search_rank_vector")
    )


def _close_titles(queryset: QuerySet, text: str) -> QuerySet:
    """Commitments whose id or titles are close to the words (trigrams), or with a milestone with
    the words; the closest first. The words are left out of the condition (they find nothing
    here): the trigram index is lossy, so each candidate row is checked again, and the words
    would unpack its whole search_vector."""
    return queryset.filter(with_milestone(text) | similar_words(text)).alias(
        search_rank=rank(text, "search_rank_vector") + closeness(text)
    )


def search_plans(queryset: QuerySet, text: str) -> QuerySet:
    """Plans whose id or title match `text`, annotated with `search_rank`."""
    text = clean_query(text)
    if not normalize_name(text):
        return queryset.none()
    if not on_postgresql():
        return (
            with_folded(queryset, "title")
            .filter(every_word((), text, folded=("title_folded",)) | Q(ogp_id__iexact=text))
            .annotate(search_rank=id_first(text))
        )
    return queryset.filter(full_text(text) | Q(ogp_id__icontains=text)).annotate(
        search_rank=id_first(text) + rank(text)
    )


def search_organizations(queryset: QuerySet, text: str) -> QuerySet:
    """Organisations whose name, acronym or an alternative name match `text` (typos too on
    PostgreSQL), annotated with `search_rank`."""
    from ..models import Organization, OrganizationAlias

    text = clean_query(text)
    if not normalize_name(text):
        return queryset.none()
    if not on_postgresql():
        by_alias = OrganizationAlias.objects.filter(every_word(("normalized",), text))
        named = with_folded(Organization.objects.all(), "name", "acronym").filter(
            every_word((), text, folded=("name_folded", "acronym_folded"))
        )
        return queryset.filter(
            Q(pk__in=named.values("pk")) | Q(pk__in=by_alias.values("organization_id"))
        ).annotate(search_rank=Value(0.0))
    parts = [
        Organization.objects.filter(full_text(text)).values("pk"),
        OrganizationAlias.objects.filter(full_text(text)).values("organization_id"),
    ]
    ranking = rank(text)
    if typo_worthy(text) and not union_ids(*parts).exists():
        # Typos only when the words find nothing, as for commitments: comparing every name with
        # the words (word_similarity) costs more than the rest of the search. The closest first.
        parts.append(Organization.objects.filter(similar_words(text)).values("pk"))
        ranking = rank(text) + closeness(text)
    return queryset.filter(pk__in=union_ids(*parts)).annotate(search_rank=ranking)


def search_documents(queryset: QuerySet, text: str, field: str) -> QuerySet:
    """Rows of a table with a search_vector over `field` (e.g. IRM assessment narratives) that
    match `text`, annotated with `search_rank` and, on PostgreSQL, `search_excerpt`."""
    text = clean_query(text)
    if not normalize_name(text):
        return queryset.none()
    if not on_postgresql():
        return (
            with_folded(queryset, field)
            .filter(every_word((), text, folded=(f"{field}_folded",)))
            .annotate(search_rank=Value(0.0))
        )
    return queryset.filter(full_text(text)).annotate(
        search_rank=rank(text), search_excerpt=headline(field, text)
    )


def excerpt(row, field: str, text: str) -> SafeString:
    """The highlighted excerpt of a row found by search_documents, safe to show."""
    found = getattr(row, "search_excerpt", None)
    return marked_html(found if found is not None else marked_excerpt(getattr(row, field), text))
