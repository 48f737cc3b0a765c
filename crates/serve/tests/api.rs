//! The JSON API over real HTTP on ephemeral ports: a read-only server over the demo store, and a
//! writable one (with a token) over an empty store.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;

use byline_serve::{AppState, Options};
use serde_json::Value;

const TOKEN: &str = "test-token-7f3a";

/// Starts a server on its own thread and runtime; it lives as long as the test process.
fn start(options: Options) -> SocketAddr {
    let state = AppState::open(&options).expect("open state");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            byline_serve::serve_on(state, listener, std::future::pending())
                .await
                .expect("serve");
        });
    });
    rx.recv().expect("server address")
}

fn keep(dir: tempfile::TempDir) -> std::path::PathBuf {
    // The servers outlive every test; the folder is removed with the machine's temp files.
    dir.keep()
}

/// The demo store, served without a token.
fn reader() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let dir = keep(tempfile::tempdir().expect("tempdir"));
        let db = dir.join("demo.db").to_string_lossy().into_owned();
        let built = byline_serve::demo::build(&db).expect("demo store");
        assert_eq!(built.added as usize, byline_serve::demo::REPORTS.len());
        start(Options {
            db,
            token: None,
            pool_size: 4,
        })
    })
}

/// An empty store, served with a token.
fn writer() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let dir = keep(tempfile::tempdir().expect("tempdir"));
        start(Options {
            db: dir.join("w.db").to_string_lossy().into_owned(),
            token: Some(TOKEN.into()),
            pool_size: 2,
        })
    })
}

struct Answer {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(
            std::str::from_utf8(&b[..eol])
                .unwrap_or("0")
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}

/// One HTTP/1.1 request on a fresh connection.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write head");
    // The server may answer (413) and close before reading a large body.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status");
    let mut content_type = String::new();
    let mut chunked = false;
    for l in lines {
        let (k, v) = l.split_once(':').unwrap_or((l, ""));
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = v.trim().to_string(),
            "transfer-encoding" => chunked = v.trim().eq_ignore_ascii_case("chunked"),
            _ => {}
        }
    }
    let body = &raw[split + 4..];
    Answer {
        status,
        content_type,
        body: if chunked {
            dechunk(body)
        } else {
            body.to_vec()
        },
    }
}

fn get(addr: SocketAddr, path: &str) -> Answer {
    request(addr, "GET", path, &[], b"")
}

fn get_json(addr: SocketAddr, path: &str) -> Value {
    let a = get(addr, path);
    assert_eq!(
        a.status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&a.body)
    );
    assert!(a.content_type.starts_with("application/json"), "{path}");
    a.json()
}

fn post_json(addr: SocketAddr, path: &str, auth: Option<&str>, body: &Value) -> Answer {
    let bearer = auth.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(b) = &bearer {
        headers.push(("Authorization", b.as_str()));
    }
    request(addr, "POST", path, &headers, body.to_string().as_bytes())
}

fn assert_json_error(a: &Answer, status: u16) {
    assert_eq!(a.status, status, "{}", String::from_utf8_lossy(&a.body));
    let v = a.json();
    assert_eq!(v["error"]["status"], status);
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
}

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items")
}

#[test]
fn claims_are_listed_filtered_and_paged() {
    let a = reader();
    let all = get_json(a, "/api/claims?limit=200");
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 15, "the demo story has many claims, got {total}");
    assert_eq!(items(&all).len() as u64, total);
    assert!(all["next_offset"].is_null());

    let p1 = get_json(a, "/api/claims?limit=3");
    let p2 = get_json(a, "/api/claims?limit=3&offset=3");
    assert_eq!(p1["total"], total);
    assert_eq!(p1["next_offset"], 3);
    assert_eq!(items(&p1).len(), 3);
    let key = |c: &Value| format!("{}/{}", c["doc_id"], c["claim_id"]);
    let first: Vec<String> = items(&p1).iter().map(key).collect();
    for c in items(&p2) {
        assert!(!first.contains(&key(c)), "pages overlap");
    }
    // Pages follow the same order as the whole list.
    let whole: Vec<String> = items(&all).iter().map(key).collect();
    assert_eq!(first, whole[..3]);

    let anon = get_json(a, "/api/claims?source_kind=anonymous&limit=200");
    assert!(anon["total"].as_u64().unwrap() >= 2);
    assert!(anon["total"].as_u64().unwrap() < total);
    for c in items(&anon) {
        assert!(c["source_kinds"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "anonymous"));
    }

    let denied = get_json(a, "/api/claims?factuality=denied");
    for c in items(&denied) {
        assert_eq!(c["factuality"], "denied");
    }

    let dated = get_json(a, "/api/claims?from=2026-03-05&limit=200");
    assert!(dated["total"].as_u64().unwrap() > 0);
    for c in items(&dated) {
        assert!(c["published"].as_str().unwrap() >= "2026-03-05");
    }

    let words = get_json(a, "/api/claims?q=fertiliser&limit=200");
    assert!(words["total"].as_u64().unwrap() > 0);
    for c in items(&words) {
        assert!(c["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("fertiliser"));
    }

    assert_json_error(&get(a, "/api/claims?factuality=certain"), 400);
    assert_json_error(&get(a, "/api/claims?limit=0"), 400);
    assert_json_error(&get(a, "/api/claims?limit=lots"), 400);
    assert_json_error(&get(a, "/api/claims?from=last-week"), 400);
}

#[test]
fn a_claim_carries_its_provenance() {
    let a = reader();
    let anon = get_json(a, "/api/claims?source_kind=anonymous&limit=200");
    let c = items(&anon)
        .iter()
        .find(|c| !c["cluster"].is_null())
        .expect("an anonymous claim in a cluster");
    let path = format!(
        "/api/claims/{}/{}",
        c["doc_id"].as_str().unwrap(),
        c["claim_id"].as_str().unwrap()
    );
    let v = get_json(a, &path);
    assert_eq!(v["doc_id"], c["doc_id"]);
    assert!(!v["context"].as_str().unwrap().is_empty());
    let sources = v["sources"].as_array().unwrap();
    assert!(sources.iter().any(|s| s["kind"] == "anonymous"), "{v:#}");
    assert!(v["document"]["outlet"].is_string());
    let cluster = &v["cluster"];
    assert_eq!(cluster["id"], c["cluster"]);
    let members = cluster["members"].as_array().unwrap();
    assert!(members
        .iter()
        .any(|m| m["doc_id"] == v["doc_id"] && m["claim_id"] == v["claim_id"]));
    assert!(v["role"].is_string());

    // The same cluster, on its own.
    let cl = get_json(a, &format!("/api/clusters/{}", c["cluster"]));
    assert_eq!(cl["members"].as_array().unwrap().len(), members.len());
}

#[test]
fn rewrites_relay_the_wire_and_the_story_is_linked() {
    let a = reader();
    let docs = get_json(a, "/api/documents?outlet=the%20harbour%20times");
    assert_eq!(docs["total"], 2);
    let id = items(&docs)[1]["id"].as_str().unwrap().to_string();
    let d = get_json(a, &format!("/api/documents/{id}"));
    assert_eq!(d["document"]["schema"], "byline/1");
    let relays: Vec<&str> = d["relayed_from"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        relays.iter().any(|r| r.contains("Meridian")),
        "relayed_from: {relays:?}"
    );

    // Some proposition is carried by more than one report, and some is contested.
    let multi = get_json(a, "/api/clusters?limit=200");
    assert!(items(&multi)
        .iter()
        .any(|c| c["reports"].as_u64().unwrap() >= 2));
    let stats = get_json(a, "/api/stats");
    assert_eq!(stats["documents"], byline_serve::demo::REPORTS.len());
    assert_eq!(stats["writes_enabled"], false);
    assert!(stats["outlets"].as_array().unwrap().len() >= 4);
}

#[test]
fn actors_events_timeline_and_search_answer() {
    let a = reader();
    let actors = get_json(a, "/api/actors?limit=200");
    assert!(actors["total"].as_u64().unwrap() >= 3);
    let libya = get_json(a, "/api/actors?q=libya");
    let first = &items(&libya)[0];
    let id = first["id"].as_u64().unwrap();
    let one = get_json(a, &format!("/api/actors/{id}"));
    assert_eq!(one["id"], id);
    assert!(one["timeline"].is_array());
    assert!(one["partners"].is_array());
    let tl = get_json(a, &format!("/api/timeline?actor={id}"));
    let dates: Vec<&str> = tl
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["date"].as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "timeline is oldest first");
    assert_json_error(&get(a, "/api/timeline"), 400);

    let ev = get_json(a, "/api/events?limit=5");
    assert!(ev["total"].is_u64());
    let net = get_json(a, "/api/network");
    assert!(net["nodes"].is_array() && net["edges"].is_array());

    let found = get_json(a, "/api/search?q=Stella%20Corallo");
    assert!(found["documents"]["total"].as_u64().unwrap() >= 5);
    assert_json_error(&get(a, "/api/search?q=%20%2C"), 400);
    assert_json_error(&get(a, "/api/search"), 400);
}

#[test]
fn bad_ids_are_404_in_json() {
    let a = reader();
    for path in [
        "/api/documents/no-such-document",
        "/api/claims/no-such-document/c1",
        "/api/clusters/4000000000",
        "/api/clusters/not-a-number",
        "/api/actors/999999",
        "/api/actors/nobody-by-this-name",
        "/api/nothing-here",
    ] {
        assert_json_error(&get(a, path), 404);
    }
    let doc = items(&get_json(a, "/api/documents?limit=1"))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_json_error(&get(a, &format!("/api/claims/{doc}/c9999")), 404);
}

#[test]
fn writes_need_the_token() {
    let text = serde_json::json!({ "text": "The harbour master said the ferry sailed on time." });
    // No token configured: writes are disabled.
    assert_json_error(
        &post_json(reader(), "/api/extract", Some(TOKEN), &text),
        403,
    );
    assert_json_error(&post_json(reader(), "/api/documents", None, &text), 403);
    let w = writer();
    assert_json_error(&post_json(w, "/api/extract", None, &text), 401);
    assert_json_error(&post_json(w, "/api/extract", Some("wrong"), &text), 401);
    assert_json_error(&post_json(w, "/api/documents", Some("wrong"), &text), 401);
    let ok = post_json(w, "/api/extract", Some(TOKEN), &text);
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    let doc = ok.json();
    assert_eq!(doc["schema"], "byline/1");
    assert!(!doc["claims"].as_array().unwrap().is_empty());
    // Malformed bodies are JSON errors too.
    let bad = request(
        w,
        "POST",
        "/api/extract",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &format!("Bearer {TOKEN}")),
        ],
        b"{not json",
    );
    assert_json_error(&bad, 400);
    let empty = post_json(
        w,
        "/api/extract",
        Some(TOKEN),
        &serde_json::json!({ "text": "  " }),
    );
    assert_json_error(&empty, 400);
}

#[test]
fn bodies_over_the_limit_get_413() {
    let w = writer();
    let big = serde_json::json!({ "text": "word ".repeat(3 * 1024 * 1024 / 5 + 10) });
    let a = post_json(w, "/api/extract", Some(TOKEN), &big);
    assert_eq!(a.status, 413);
    let a = post_json(w, "/api/documents", Some(TOKEN), &big);
    assert_eq!(a.status, 413);
}

#[test]
fn markup_in_an_ingested_document_stays_data() {
    let w = writer();
    let text = "<script>alert('x')</script> The port authority said on Monday that the quay \
                would reopen after repairs.";
    let body = serde_json::json!({
        "text": text,
        "outlet": "Test <b>Outlet</b>",
        "published": "2026-04-01",
        "title": "<img src=x onerror=alert(1)>"
    });
    let a = post_json(w, "/api/documents", Some(TOKEN), &body);
    assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
    let done = a.json();
    assert_eq!(done["created"], true);
    let id = done["id"].as_str().unwrap().to_string();
    let again = post_json(w, "/api/documents", Some(TOKEN), &body);
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["created"], false);

    let d = get(w, &format!("/api/documents/{id}"));
    assert_eq!(d.status, 200);
    assert!(d.content_type.starts_with("application/json"));
    let v = d.json();
    assert!(v["document"]["text"].as_str().unwrap().contains("<script>"));
    assert_eq!(v["title"], "<img src=x onerror=alert(1)>");
    assert_eq!(v["outlet"], "Test <b>Outlet</b>");
    let listed = get_json(w, "/api/documents?q=quay");
    assert!(items(&listed).iter().any(|x| x["id"] == id));
}

#[test]
fn openapi_describes_every_route() {
    let a = reader();
    let spec = get_json(a, "/openapi.json");
    assert_eq!(spec["openapi"], "3.1.0");
    let paths = spec["paths"].as_object().unwrap();
    let listed: Vec<(String, String)> = byline_serve::api::ROUTES
        .iter()
        .flat_map(|(p, ms)| ms.iter().map(move |m| (p.to_string(), m.to_string())))
        .collect();
    for (path, method) in &listed {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is not in /openapi.json"
        );
    }
    // And nothing more: every documented operation is a listed route.
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(byline_serve::openapi::operations(), listed_sorted);
    // Every listed route is served (not the JSON fallback, not 405).
    for (path, method) in &listed {
        let concrete = path
            .replace("{doc_id}", "x")
            .replace("{claim_id}", "c1")
            .replace("{id}", "0");
        let ans = request(
            a,
            &method.to_uppercase(),
            &concrete,
            &[("Content-Type", "application/json")],
            b"{}",
        );
        assert_ne!(ans.status, 405, "{method} {path}");
        if ans.status == 404 {
            let msg = ans.json()["error"]["message"].as_str().unwrap().to_string();
            assert!(
                !msg.contains("no such path"),
                "{method} {path} is not routed"
            );
        }
    }
}

#[test]
fn postgres_serves_the_demo_too() {
    let Some(base) = byline_store::testing::postgres_base("postgres_serves_the_demo_too") else {
        return;
    };
    let url = byline_store::testing::fresh_database(&base).expect("fresh database");
    byline_serve::demo::build(&url).expect("demo on postgres");
    let a = start(Options {
        db: url,
        token: None,
        pool_size: 2,
    });
    let sqlite = get_json(reader(), "/api/claims?limit=200");
    let pg = get_json(a, "/api/claims?limit=200");
    assert_eq!(pg["total"], sqlite["total"]);
    let c = &items(&pg)[0];
    let v = get_json(
        a,
        &format!(
            "/api/claims/{}/{}",
            c["doc_id"].as_str().unwrap(),
            c["claim_id"].as_str().unwrap()
        ),
    );
    assert_eq!(v["doc_id"], c["doc_id"]);
    let anon = get_json(a, "/api/claims?source_kind=anonymous&q=officials");
    assert_eq!(
        anon["total"],
        get_json(reader(), "/api/claims?source_kind=anonymous&q=officials")["total"]
    );
    assert_json_error(&get(a, "/api/documents/nope"), 404);
}
