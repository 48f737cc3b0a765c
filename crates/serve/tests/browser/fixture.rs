//! One server for every test of this binary: the demo store plus a report of our own that
//! carries markup (`<script>`, an `<img onerror>`), ingested like any other document.

use std::net::SocketAddr;
use std::sync::OnceLock;

use byline_serve::data::{self, NewDocument};
use byline_serve::{AppState, Options};

/// A report whose text tries to inject script; it must show as text.
pub const HOSTILE_TEXT: &str = "Port officials said on Tuesday that the ferry terminal would \
reopen next week. A notice pinned to the gate read <script>alert(1)</script> and, below it, \
<img src=x onerror=\"document.body.dataset.pwned='1'\"> in blue ink, a spokesman said.";

/// The running server.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The id of the hostile report.
    pub hostile_id: String,
}

impl Fixture {
    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// Builds the demo store, ingests the hostile report and serves it on an ephemeral port, on its
/// own thread and runtime (once per test process).
pub fn fixture() -> Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            // Kept for the life of the test process; the OS cleans its temp folder.
            let dir = tempfile::tempdir().expect("tempdir").keep();
            let db = dir.join("demo.db").to_string_lossy().into_owned();
            let built = byline_serve::demo::build(&db).expect("demo store");
            assert!(built.added > 0, "the demo corpus is empty");
            let state = AppState::open(&Options {
                db,
                token: None,
                pool_size: 4,
            })
            .expect("open state");
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    let ingested = data::ingest(
                        &state,
                        NewDocument {
                            text: HOSTILE_TEXT.into(),
                            published: Some("2026-03-07".into()),
                            outlet: Some("<b>Gate</b> Gazette".into()),
                            url: Some("javascript:alert(3)".into()),
                            title: Some("<script>alert(4)</script> Ferry notice".into()),
                        },
                    )
                    .await
                    .expect("ingest the hostile report");
                    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                        .await
                        .expect("bind");
                    tx.send((listener.local_addr().expect("addr"), ingested.id))
                        .expect("send");
                    byline_serve::serve_on(state, listener, std::future::pending())
                        .await
                        .expect("serve");
                });
            });
            let (addr, hostile_id) = rx.recv().expect("server address");
            Fixture { addr, hostile_id }
        })
        .clone()
}

/// A page fetched over HTTP.
pub struct Got {
    pub status: u16,
    pub content_type: String,
    pub csp: Option<String>,
    pub body: String,
}

/// GETs `path` (any status is an answer, not an error).
pub fn get(f: &Fixture, path: &str) -> Got {
    let answer = match ureq::get(&f.url(path)).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("GET {path}: {e}"),
    };
    Got {
        status: answer.status(),
        content_type: answer
            .header("content-type")
            .unwrap_or_default()
            .to_string(),
        csp: answer.header("content-security-policy").map(str::to_string),
        body: answer.into_string().expect("body"),
    }
}
