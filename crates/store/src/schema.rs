//! Versioned migrations, one numbered SQL file per backend and version.

use crate::backend::{Backend, Conn, Value};
use crate::{Error, Result};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 2;

/// Migration `n` (1-based) as SQL for `backend`.
fn migration(backend: Backend, n: i64) -> Option<String> {
    let common = include_str!("../migrations/common_0001.sql");
    match (backend, n) {
        (Backend::Sqlite, 1) => Some(format!(
            "{common}\n{}",
            include_str!("../migrations/sqlite/0001_init.sql")
        )),
        (Backend::Postgres, 1) => Some(format!(
            "{common}\n{}",
            include_str!("../migrations/postgres/0001_init.sql")
        )),
        (_, 2) => Some(include_str!("../migrations/common_0002_link.sql").to_string()),
        _ => None,
    }
}

/// Brings the database up to [`SCHEMA_VERSION`], one transaction per migration.
pub(crate) fn migrate(conn: &mut Conn) -> Result<i64> {
    let backend = conn.backend();
    if backend == Backend::Postgres {
        // Several workers may open a fresh database at once: one migrates, the others wait.
        conn.batch("SELECT pg_advisory_lock(7245019)")?;
    }
    let result = migrate_locked(conn);
    if backend == Backend::Postgres {
        conn.batch("SELECT pg_advisory_unlock(7245019)")?;
    }
    result
}

fn migrate_locked(conn: &mut Conn) -> Result<i64> {
    conn.batch(
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )?;
    let mut current = conn
        .scalar("SELECT MAX(version) FROM schema_version", &[])?
        .unwrap_or(0);
    if current > SCHEMA_VERSION {
        return Err(Error::TooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    while current < SCHEMA_VERSION {
        let next = current + 1;
        let Some(sql) = migration(conn.backend(), next) else {
            break;
        };
        conn.batch("BEGIN")?;
        let applied = conn.batch(&sql).and_then(|()| {
            conn.exec(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                &[Value::Int(Some(next)), Value::Int(Some(crate::now()))],
            )
        });
        match applied {
            Ok(_) => conn.batch("COMMIT")?,
            Err(e) => {
                let _ = conn.batch("ROLLBACK");
                return Err(e);
            }
        }
        current = next;
    }
    Ok(current)
}
