//! One small connection type over SQLite and PostgreSQL: SQL is written once with `?`
//! placeholders and rewritten to `$n` for PostgreSQL.

use std::collections::HashMap;

use crate::Result;

/// Which database a store lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A parameter or a column value. Nulls keep their type, as PostgreSQL needs it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

impl Value {
    pub(crate) fn text(s: impl Into<String>) -> Value {
        Value::Text(Some(s.into()))
    }

    pub(crate) fn opt(s: Option<String>) -> Value {
        Value::Text(s)
    }

    pub(crate) fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(Some(s)) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => *i,
            Value::Text(Some(s)) => s.parse().ok(),
            Value::Text(None) => None,
        }
    }
}

pub(crate) type Row = Vec<Value>;

/// An open connection.
pub(crate) enum Conn {
    Sqlite(Box<rusqlite::Connection>),
    Postgres {
        client: Box<postgres::Client>,
        statements: HashMap<String, postgres::Statement>,
    },
}

impl Conn {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Conn::Sqlite(_) => Backend::Sqlite,
            Conn::Postgres { .. } => Backend::Postgres,
        }
    }

    /// Runs several `;`-separated statements without parameters.
    pub(crate) fn batch(&mut self, sql: &str) -> Result<()> {
        match self {
            Conn::Sqlite(c) => c.execute_batch(sql)?,
            Conn::Postgres { client, .. } => client.batch_execute(sql)?,
        }
        Ok(())
    }

    /// Runs one statement; returns the number of rows it changed.
    pub(crate) fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let n = st.execute(rusqlite::params_from_iter(params.iter().map(to_sqlite)))?;
                Ok(n as u64)
            }
            Conn::Postgres { client, statements } => {
                let st = pg_statement(client, statements, sql)?;
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref()).collect();
                Ok(client.execute(&st, &refs)?)
            }
        }
    }

    /// Runs one statement without keeping it prepared (for SQL that varies, like multi-row
    /// INSERTs).
    pub(crate) fn exec_once(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare(sql)?;
                let n = st.execute(rusqlite::params_from_iter(params.iter().map(to_sqlite)))?;
                Ok(n as u64)
            }
            Conn::Postgres { client, .. } => {
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref()).collect();
                Ok(client.execute(dollar_placeholders(sql).as_str(), &refs)?)
            }
        }
    }

    /// Runs one query and returns every row.
    pub(crate) fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let ncol = st.column_count();
                let mut rows =
                    st.query(rusqlite::params_from_iter(params.iter().map(to_sqlite)))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let mut r = Vec::with_capacity(ncol);
                    for i in 0..ncol {
                        r.push(match row.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => Value::Text(None),
                            rusqlite::types::ValueRef::Integer(n) => Value::Int(Some(n)),
                            rusqlite::types::ValueRef::Real(f) => Value::text(f.to_string()),
                            rusqlite::types::ValueRef::Text(t)
                            | rusqlite::types::ValueRef::Blob(t) => {
                                Value::text(String::from_utf8_lossy(t).into_owned())
                            }
                        });
                    }
                    out.push(r);
                }
                Ok(out)
            }
            Conn::Postgres { client, statements } => {
                let st = pg_statement(client, statements, sql)?;
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref()).collect();
                let rows = client.query(&st, &refs)?;
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let mut r = Vec::with_capacity(row.len());
                    for (i, col) in row.columns().iter().enumerate() {
                        use postgres::types::Type;
                        let t = col.type_();
                        r.push(if *t == Type::INT8 {
                            Value::Int(row.try_get::<_, Option<i64>>(i)?)
                        } else if *t == Type::INT4 {
                            Value::Int(row.try_get::<_, Option<i32>>(i)?.map(i64::from))
                        } else if *t == Type::INT2 {
                            Value::Int(row.try_get::<_, Option<i16>>(i)?.map(i64::from))
                        } else if *t == Type::BOOL {
                            Value::Int(row.try_get::<_, Option<bool>>(i)?.map(i64::from))
                        } else if *t == Type::FLOAT8 {
                            Value::Text(row.try_get::<_, Option<f64>>(i)?.map(|f| f.to_string()))
                        } else {
                            Value::Text(row.try_get::<_, Option<String>>(i)?)
                        });
                    }
                    out.push(r);
                }
                Ok(out)
            }
        }
    }

    /// The first column of the first row as an integer (counts).
    pub(crate) fn scalar(&mut self, sql: &str, params: &[Value]) -> Result<Option<i64>> {
        Ok(self
            .query(sql, params)?
            .first()
            .and_then(|r| r.first())
            .and_then(Value::as_int))
    }
}

fn to_sqlite(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Int(Some(i)) => rusqlite::types::Value::Integer(*i),
        Value::Text(Some(s)) => rusqlite::types::Value::Text(s.clone()),
        Value::Int(None) | Value::Text(None) => rusqlite::types::Value::Null,
    }
}

fn pg_params(params: &[Value]) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn postgres::types::ToSql + Sync> {
            match v {
                Value::Int(i) => Box::new(*i),
                Value::Text(s) => Box::new(s.clone()),
            }
        })
        .collect()
}

fn pg_statement(
    client: &mut postgres::Client,
    cache: &mut HashMap<String, postgres::Statement>,
    sql: &str,
) -> Result<postgres::Statement> {
    if let Some(st) = cache.get(sql) {
        return Ok(st.clone());
    }
    let st = client.prepare(&dollar_placeholders(sql))?;
    cache.insert(sql.to_string(), st.clone());
    Ok(st)
}

/// `?` → `$1`, `$2`, … (our SQL never holds a `?` inside a string literal).
pub(crate) fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        assert_eq!(
            dollar_placeholders("SELECT a FROM t WHERE b = ? AND c > ?"),
            "SELECT a FROM t WHERE b = $1 AND c > $2"
        );
    }
}
