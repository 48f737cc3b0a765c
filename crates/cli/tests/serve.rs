//! `byline demo --build-only`: the embedded demo story becomes a linked store, idempotently.

mod common;

use common::{byline, ok};

#[test]
fn demo_builds_a_store_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let run = || {
        byline()
            .args(["demo", "--build-only", "--db"])
            .arg(&db)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(ok(&first).trim(), db.to_string_lossy());
    assert!(String::from_utf8_lossy(&first.stderr).contains("7 reports added"));
    let second = run();
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("0 reports added, 7 already there"));
    let mut store = byline_store::Store::open(db.to_str().unwrap()).unwrap();
    assert_eq!(store.counts().unwrap().documents, 7);
    assert_eq!(store.linked_ids().unwrap().len(), 7);
}
