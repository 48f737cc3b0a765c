//! End to end with the real binary: `byline ingest` over every kind of input (and every kind
//! of bad input), `byline query`, `byline export`; a run killed with SIGKILL and rerun stores
//! every document exactly once, on SQLite and (when BYLINE_TEST_PG is set) on PostgreSQL.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{byline, ok};

const PLACES: &[&str] = &[
    "Kirra", "Dunmore", "Velas", "Orlen", "Tasso", "Brannock", "Seldon", "Maru",
];
const BODIES: &[&str] = &[
    "transport ministry",
    "regional council",
    "port authority",
    "health agency",
    "water board",
];
const THINGS: &[&str] = &[
    "bridges",
    "clinics",
    "ferries",
    "schools",
    "pumping stations",
    "rail depots",
];

/// A short English report, different for every `i` (our own words).
fn report(i: usize) -> String {
    let place = PLACES[i % PLACES.len()];
    let body = BODIES[i % BODIES.len()];
    let thing = THINGS[i % THINGS.len()];
    format!(
        "The {body} said on Tuesday that {n} {thing} near {place} would reopen next month after repairs. \
         Two officials told reporters that the work had cost about {m} thousand dollars, \
         and the mayor of {place} said residents had waited long enough. Report number {i}.",
        n = 2 + i % 7,
        m = 100 + i,
    )
}

fn html_page(i: usize, charset: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"{charset}\"><title>Update {i}</title>\
         <meta property=\"article:published_time\" content=\"2024-05-{:02}T09:00:00Z\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>Update {i}</h1><p>{}</p><p>Officials said more details would follow later in the week, \
         once the inspection teams had filed their findings with the council.</p></article>\
         <aside class=\"related\"><a href=\"/x\">Other stories you may like</a></aside></body></html>",
        1 + i % 28,
        report(i)
    )
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn rss(items: impl Iterator<Item = usize>) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Valley Courier</title>");
    for i in items {
        s.push_str(&format!(
            "<item><title>Item {i}</title><link>https://courier.example/{i}</link>\
             <pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><content:encoded><![CDATA[<p>{}</p><p>{}</p>]]></content:encoded></item>",
            report(i),
            "The council is expected to publish a full schedule of the works, along with a map of the detours, before the end of the month."
        ));
    }
    s.push_str("</channel></rss>");
    s
}

/// Writes `n` documents: text files, HTML pages, a WARC.gz, RSS feeds and a JSONL file.
/// Returns how many distinct documents were written.
fn write_corpus(dir: &Path, n: usize) -> usize {
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::create_dir_all(dir.join("html")).unwrap();
    let (n_html, n_warc, n_feed, n_jsonl) = (n / 10, n / 10, n / 10, n / 10);
    let n_text = n - n_html - n_warc - n_feed - n_jsonl;
    let mut i = 0;
    for _ in 0..n_text {
        std::fs::write(dir.join(format!("text/{i:05}.txt")), report(i)).unwrap();
        i += 1;
    }
    for _ in 0..n_html {
        std::fs::write(dir.join(format!("html/{i:05}.html")), html_page(i, "utf-8")).unwrap();
        i += 1;
    }
    let mut warc = Vec::new();
    for _ in 0..n_warc {
        warc.extend(gz(&warc_record(
            &format!("https://news.example/{i}"),
            &html_page(i, "utf-8"),
        )));
        i += 1;
    }
    std::fs::write(dir.join("crawl.warc.gz"), warc).unwrap();
    let per_feed = 10;
    let mut done = 0;
    while done < n_feed {
        let k = per_feed.min(n_feed - done);
        std::fs::write(dir.join(format!("feed-{i:05}.rss")), rss(i..i + k)).unwrap();
        i += k;
        done += k;
    }
    let mut jsonl = String::new();
    for _ in 0..n_jsonl {
        jsonl.push_str(
            &serde_json::json!({"text": report(i), "published": "2024-06-01", "outlet": "Wire"})
                .to_string(),
        );
        jsonl.push('\n');
        i += 1;
    }
    std::fs::write(dir.join("wire.jsonl"), jsonl).unwrap();
    i
}

fn stats(db: &str) -> serde_json::Value {
    let out = byline()
        .args(["query", "stats", "--json", "--db", db])
        .output()
        .unwrap();
    ok(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ingest_json(db: &str, inputs: &[&Path]) -> (i32, serde_json::Value) {
    let out = byline()
        .args(["ingest", "--json", "--quiet", "--no-fetch", "--db", db])
        .args(inputs)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        code,
        serde_json::from_slice(&out.stdout).expect("ingest --json prints a summary"),
    )
}

fn exported_texts(db: &str) -> Vec<String> {
    let out = byline()
        .args(["export", "--format", "jsonl", "--db", db])
        .output()
        .unwrap();
    ok(&out);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["schema"], "byline/1");
            v["text"].as_str().unwrap().to_string()
        })
        .collect()
}

/// Kills an ingest of `n` documents with SIGKILL midway, reruns it, checks every document is
/// stored exactly once.
fn kill_and_resume(db: &str, dir: &Path) {
    let n = write_corpus(dir, 1000);
    assert_eq!(n, 1000);
    let mut child = byline()
        .args([
            "ingest",
            "--quiet",
            "--no-fetch",
            "--batch",
            "4",
            "--db",
            db,
        ])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut at_kill = 0;
    loop {
        std::thread::sleep(Duration::from_millis(50));
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        let out = byline()
            .args(["query", "stats", "--json", "--db", db])
            .output()
            .unwrap();
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&out.stdout) {
            at_kill = v["documents"].as_u64().unwrap_or(0);
            if at_kill >= 50 {
                break;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "ingest stored nothing in 300 s"
        );
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let _ = child.wait();
    eprintln!("killed after {at_kill} documents");
    let (code, summary) = ingest_json(db, &[dir]);
    assert_eq!(code, 0, "{summary}");
    let texts = exported_texts(db);
    assert_eq!(texts.len(), 1000, "every document once");
    let distinct: BTreeSet<&String> = texts.iter().collect();
    assert_eq!(distinct.len(), 1000);
    for i in 0..1000 {
        let needle = format!("Report number {i}.");
        assert!(
            texts.iter().any(|t| t.contains(&needle)),
            "document {i} lost"
        );
    }
    assert_eq!(stats(db)["documents"], 1000);
    // a third run adds nothing and reads nothing again
    let (_, again) = ingest_json(db, &[dir]);
    assert_eq!(again["added"], 0);
    assert_eq!(again["sources_skipped"], again["sources"]);
}

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("byline-ingest-{name}-"))
        .tempdir()
        .unwrap()
}

#[test]
fn sigkill_midway_then_rerun_sqlite() {
    let dir = scratch("kill");
    let db = dir.path().join("byline.db");
    kill_and_resume(db.to_str().unwrap(), &dir.path().join("corpus"));
}

#[test]
fn sigkill_midway_then_rerun_postgres() {
    let Some(base) = byline_store::testing::postgres_base("sigkill_midway_then_rerun_postgres")
    else {
        return;
    };
    let url = byline_store::testing::fresh_database(&base).unwrap();
    let dir = scratch("kill-pg");
    kill_and_resume(&url, &dir.path().join("corpus"));
}

/// Every kind of bad input next to good ones: a clear error each, everything else stored.
fn bad_inputs(db: &str, dir: &Path) {
    let good = dir.join("good");
    let n = write_corpus(&good, 50);
    let bad = dir.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    // malformed HTML: still read
    std::fs::write(
        bad.join("malformed.html"),
        format!(
            "<html><body><div><p>{}<b>unclosed<p>{}</div></span></table>",
            report(9001),
            report(9002)
        ),
    )
    .unwrap();
    // legacy encoding declared in HTML
    let mut latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>".to_vec();
    latin.extend_from_slice(report(9003).as_bytes());
    latin.extend_from_slice(b" The caf\xe9 on the square reopened, the owner said, and the cr\xe8me p\xe2tissi\xe8re sold out by noon on the first day.</p></article></body></html>");
    std::fs::write(bad.join("legacy.html"), latin).unwrap();
    // non-English: stored and flagged
    std::fs::write(
        bad.join("german.txt"),
        "Der Verkehrsminister sagte am Dienstag, dass die Brücke nach vier Monaten Reparaturarbeiten \
         wieder geöffnet werde. Zwei Beamte erklärten, die Arbeiten hätten mehr gekostet als geplant.",
    )
    .unwrap();
    // truncated WARC: the first record survives
    let mut warc = gz(&warc_record(
        "https://a.example/1",
        &html_page(9004, "utf-8"),
    ));
    let second = gz(&warc_record(
        "https://a.example/2",
        &html_page(9005, "utf-8"),
    ));
    warc.extend_from_slice(&second[..second.len() / 2]);
    std::fs::write(bad.join("truncated.warc.gz"), warc).unwrap();
    // truncated gzip
    let z = gz(report(9006).as_bytes());
    std::fs::write(bad.join("cut.txt.gz"), &z[..z.len() - 10]).unwrap();
    // broken feed XML
    std::fs::write(
        bad.join("broken.rss"),
        "<rss version=\"2.0\"><channel><title>X</title><item><title>never closed",
    )
    .unwrap();
    // gzip bomb: 200 MB of zeros in a few hundred KB
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        e.write_all(&zeros).unwrap();
    }
    std::fs::write(bad.join("bomb.txt.gz"), e.finish().unwrap()).unwrap();
    // a 100 MB file (sparse)
    let big = std::fs::File::create(bad.join("huge.txt")).unwrap();
    big.set_len(100 << 20).unwrap();
    // binary junk and a bad JSON line
    std::fs::write(
        bad.join("junk.bin"),
        (0..4096u32)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(
        bad.join("lines.jsonl"),
        format!(
            "{}\n{{not json\n",
            serde_json::json!({"text": report(9007)})
        ),
    )
    .unwrap();

    let (code, summary) = ingest_json(db, &[&good, &bad]);
    assert_eq!(code, 1, "errors give exit status 1: {summary}");
    // good: n; bad but readable: malformed, legacy, german, first WARC record, first JSON line
    assert_eq!(summary["added"], n as u64 + 5, "{summary}");
    assert_eq!(summary["not_english"], 1);
    let errors = byline()
        .args(["query", "errors", "--json", "--limit", "0", "--db", db])
        .output()
        .unwrap();
    let errors: Vec<serde_json::Value> = String::from_utf8(errors.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let message = |file: &str| -> String {
        errors
            .iter()
            .find(|e| e["source"].as_str().unwrap().contains(file))
            .map(|e| e["message"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no error recorded for {file}: {errors:?}"))
    };
    assert!(
        message("truncated.warc.gz").contains("truncated"),
        "{}",
        message("truncated.warc.gz")
    );
    assert!(
        message("cut.txt.gz").contains("gzip"),
        "{}",
        message("cut.txt.gz")
    );
    assert!(
        message("broken.rss").starts_with("feed"),
        "{}",
        message("broken.rss")
    );
    assert!(
        message("bomb.txt.gz").contains("exceeds the limit"),
        "{}",
        message("bomb.txt.gz")
    );
    assert!(
        message("huge.txt").contains("104857600 bytes exceeds"),
        "{}",
        message("huge.txt")
    );
    assert!(
        message("junk.bin").contains("UTF-8") || message("junk.bin").contains("binary"),
        "{}",
        message("junk.bin")
    );
    assert!(
        message("lines.jsonl:2").contains("jsonl"),
        "{}",
        message("lines.jsonl:2")
    );
    assert_eq!(errors.len(), 7, "{errors:?}");

    let texts = exported_texts(db);
    assert!(texts
        .iter()
        .any(|t| t.contains("café on the square") && t.contains("crème pâtissière")));
    assert!(texts.iter().any(|t| t.contains("Report number 9001.")));
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("Other stories you may like")),
        "related links kept"
    );
    // idempotent: a second run adds nothing
    let (_, again) = ingest_json(db, &[&good, &bad]);
    assert_eq!(again["added"], 0, "{again}");
    assert_eq!(stats(db)["documents"], n as u64 + 5);
}

#[test]
fn bad_inputs_sqlite() {
    let dir = scratch("bad");
    bad_inputs(dir.path().join("b.db").to_str().unwrap(), dir.path());
}

#[test]
fn bad_inputs_postgres() {
    let Some(base) = byline_store::testing::postgres_base("bad_inputs_postgres") else {
        return;
    };
    let url = byline_store::testing::fresh_database(&base).unwrap();
    let dir = scratch("bad-pg");
    bad_inputs(&url, dir.path());
}

#[test]
fn export_is_exactly_what_extract_prints() {
    let dir = scratch("export");
    let file = dir.path().join("one.txt");
    std::fs::write(&file, report(7)).unwrap();
    let db = dir.path().join("e.db");
    let db = db.to_str().unwrap();
    ingest_json(db, &[&file]);
    let extracted = byline()
        .args(["extract", "--format", "jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    let exported = byline().args(["export", "--db", db]).output().unwrap();
    assert_eq!(
        String::from_utf8(exported.stdout).unwrap(),
        String::from_utf8(extracted.stdout).unwrap()
    );
    // CSV always has its header; queries run on an empty result
    let csv = byline()
        .args(["export", "--format", "csv", "--db", db])
        .output()
        .unwrap();
    assert!(String::from_utf8(csv.stdout)
        .unwrap()
        .starts_with("doc_id,event_id,date,type"));
    for args in [
        vec![
            "query", "claims", "--actor", "Kirra", "--from", "2024", "--to", "2025-12",
        ],
        vec!["query", "claims", "--search", "repairs", "--json"],
        vec!["query", "events", "--type", "aid", "--actor", "ISR"],
    ] {
        let out = byline().args(&args).args(["--db", db]).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let bad = byline()
        .args(["query", "claims", "--from", "last week", "--db", db])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY"));
}

/// A feed served over HTTP on 127.0.0.1 whose items link to pages: each page is fetched.
#[test]
fn feed_url_items_are_fetched() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loop News</title>\
         <item><title>A</title><link>http://127.0.0.1:{port}/a</link><description>Short.</description></item>\
         <item><title>B</title><link>http://127.0.0.1:{port}/b</link><description>Short.</description></item>\
         </channel></rss>"
    );
    let server = std::thread::spawn(move || {
        // three requests: the feed and its two pages; bounded, then the thread ends
        for _ in 0..3 {
            let Ok((mut s, _)) = listener.accept() else {
                return;
            };
            let mut buf = [0u8; 4096];
            let n = std::io::Read::read(&mut s, &mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (ct, body) = match path.as_str() {
                "/feed" => ("application/rss+xml", feed.clone()),
                "/a" => ("text/html; charset=utf-8", html_page(801, "utf-8")),
                _ => ("text/html; charset=utf-8", html_page(802, "utf-8")),
            };
            let _ = write!(s, "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    let dir = scratch("fetch");
    let db = dir.path().join("f.db");
    let out = byline()
        .args(["ingest", "--json", "--quiet", "--db", db.to_str().unwrap()])
        .arg(format!("http://127.0.0.1:{port}/feed"))
        .output()
        .unwrap();
    ok(&out);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["added"], 2, "{summary}");
    server.join().unwrap();
    let texts = exported_texts(db.to_str().unwrap());
    assert!(texts.iter().any(|t| t.contains("Report number 801.")));
    assert!(texts.iter().any(|t| t.contains("Report number 802.")));
}

/// `--features parquet`: events as a Parquet file (magic bytes at both ends).
#[cfg(feature = "parquet")]
#[test]
fn parquet_export() {
    let dir = scratch("parquet");
    let file = dir.path().join("one.txt");
    std::fs::write(
        &file,
        "Egypt is supplying weapons to Libya, two officials said.\n",
    )
    .unwrap();
    let db = dir.path().join("p.db");
    let db = db.to_str().unwrap();
    ingest_json(db, &[&file]);
    let out = dir.path().join("events.parquet");
    let st = byline()
        .args(["export", "--format", "parquet", "--db", db, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    ok(&st);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}
