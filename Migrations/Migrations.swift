/// The outbox schema, as SQL files embedded in the binary.
///
/// Embedding (rather than reading `Migrations/` at run time) means an installed `leadbox` copied
/// anywhere still creates and upgrades its database. To add a migration: put `NNNN_name.sql` in
/// this folder (`Migrations/` at the top of the package), list it in Package.swift's `resources`, and append it here.
public enum SchemaMigrations {
    /// Every migration in the order it must run: (identifier, SQL).
    public static let all: [(name: String, sql: String)] = [
        ("0001_init", String(decoding: PackageResources._001_init_sql, as: UTF8.self)),
        ("0002_change_index", String(decoding: PackageResources._002_change_index_sql, as: UTF8.self)),
        ("0003_synced_today_index", String(decoding: PackageResources._003_synced_today_index_sql, as: UTF8.self)),
        ("0004_search_index", String(decoding: PackageResources._004_search_index_sql, as: UTF8.self)),
        ("0005_state_counts", String(decoding: PackageResources._005_state_counts_sql, as: UTF8.self)),
        ("0007_raw_scan", String(decoding: PackageResources._007_raw_scan_sql, as: UTF8.self)),
        ("0008_answers_consent", String(decoding: PackageResources._008_answers_consent_sql, as: UTF8.self)),
        ("0009_handover", String(decoding: PackageResources._009_handover_sql, as: UTF8.self)),
        ("0010_notes", String(decoding: PackageResources._010_notes_sql, as: UTF8.self)),
        ("0011_handed_over_count", String(decoding: PackageResources._011_handed_over_count_sql, as: UTF8.self)),
        ("0012_change_watch", String(decoding: PackageResources._012_change_watch_sql, as: UTF8.self)),
        ("0013_bulk_state_counts", String(decoding: PackageResources._013_bulk_state_counts_sql, as: UTF8.self)),
        ("0014_one_counter_owner", String(decoding: PackageResources._014_one_counter_owner_sql, as: UTF8.self)),
        ("0015_note_file", String(decoding: PackageResources._015_note_file_sql, as: UTF8.self)),
    ]
}
