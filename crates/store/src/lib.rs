//! SQLite (embedded default) and PostgreSQL stores with one schema and migrations.
#![deny(missing_docs)]
