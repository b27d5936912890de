"""The changes since the first release that explain a difference bench/upgrade/compare.py finds
between a site before and after an upgrade (or its restored backup): anything else is a defect."""

from __future__ import annotations

# (regular expression over "where", the change that explains it). "where" is "db TABLE.COLUMN",
# "db TABLE (table)", "db TABLE.COLUMN (column)" or "http URL :: path".
RENAMED = (
    "ids the first release guessed in file order are provisional, the old id kept as a former id "
    "that redirects (commitments 0034, this branch)"
)
SEARCH = (
    "search finds more: accents and case ignored, ids and full text searched (commitments 0010 "
    "and 0012, 4 Dec 2026)"
)
SNAPSHOTS = (
    "figures at a date come from the dated records, not from the snapshot the first release's "
    "beat wrote that night: a report recorded later with an earlier as-of date counts; dates "
    "before the first snapshot answer (was 404); `snapshot_day` is gone; the course has a point "
    "per dated change (725b4b0, commitments 0026, 6 Dec 2026)"
)
STARS = (
    "the current star formula needs transformative potential impact (it took moderate), and a "
    "report's star is the formula of its time (702a97d, reviews 0003, 4 Dec 2026)"
)
EXPLAINED: list[tuple[str, str]] = [
    (
        r"\?(.*&)?(page_size|page|ordering)=.* :: status: 200 -> 400",
        "the API refuses a parameter an endpoint does not read (a page size on the figures, "
        "which are not paged), where it ignored it (8 Dec 2026)",
    ),
    (
        r"^db commitments_completionsnapshot \(table\)|^db commitments_snapshotrun \(table\)",
        SNAPSHOTS,
    ),
    (r"as_of=|stats/completion/history/", SNAPSHOTS),
    (r"^db auth_user\.last_login:", "the observation itself logs every person in"),
    (
        r"^db (auth_permission|auth_group_permissions|django_content_type)",
        "permissions of new models added, roles re-synced from ogptracker/roles.py after migrate",
    ),
    (
        r"^db (reviews_assessment\.(starred|star_formula)|commitments_commitment\.irm_starred):"
        r"|(::|\.) ?(latest_irm_assessment\.)?(starred|star_formula|irm_starred)\b|starred=true",
        STARS,
    ),
    (
        r"^http /feeds/commitments/[^ ]+ :: titles",
        "feed titles: 'Status updates and questions' since public questions (5d551d8, 5 Dec), "
        "dates written in words per language (8 Dec 2026)",
    ),
    (
        r"export\.csv.*: \"[-=+@].* -> \"'[-=+@]",
        "CSV cells that a spreadsheet would read as a formula get a leading quote (65f766a, "
        "4 Dec 2026)",
    ),
    (r"[A-Z]{2,6}-P[0-9]{4}\]?( ::|\.) ?updated_at", RENAMED),
    (
        r"^http /api/v1/commitments/[^ ]+/changes/\?page_size=200 :: extra entry",
        "the change history lists link changes (supporting organisations...) the first release "
        "recorded but did not show (376a4c3, commitments 0027, 7 Dec 2026)",
    ),
]


# Columns migration 0034 changes on the commitments it renames (and its own rows' times: they are
# when `migrate` ran).
RENAMED_COLUMNS = {
    "ogp_id",
    "id_provisional",
    "source_key",
    "search_text",
    "version",
    "updated_at",
    "history_date",
    "replaced_at",
}
RENAMED_REASON = "first release's guessed id made provisional (migration commitments 0034)"
