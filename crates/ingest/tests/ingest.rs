//! The ingest run as a library: every kind of input into one SQLite store, then reruns.

use std::io::Write;

use byline_ingest::{ingest, Options};
use byline_store::Store;

fn report(i: usize) -> String {
    format!(
        "The harbour authority said on Friday that {n} cranes at the northern quay would be replaced \
         before winter, two port officials told reporters. Dockworkers welcomed the plan. Note {i}.",
        n = 3 + i
    )
}

fn page(i: usize) -> String {
    format!(
        "<!doctype html><html><head><title>Quay {i}</title></head><body><nav>Home | Ports</nav>\
         <article><p>{}</p><p>The authority expects the work to take about six weeks, weather permitting, \
         according to a notice posted at the gate.</p></article></body></html>",
        report(i)
    )
}

#[test]
fn mixed_inputs_then_reruns() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("in");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("a.txt"), report(1)).unwrap();
    std::fs::write(d.join("b.html"), page(2)).unwrap();
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
        page(3)
    );
    let rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://port.example/3\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(rec.as_bytes()).unwrap();
    std::fs::write(d.join("c.warc.gz"), gz.finish().unwrap()).unwrap();
    let long = format!("{} {}", report(4), "The port expects a busy season, officials said, with more ships due to call in the spring than in any year since the quay was rebuilt.");
    std::fs::write(
        d.join("d.rss"),
        format!("<rss version=\"2.0\"><channel><title>Port News</title><item><title>Cranes</title><description><![CDATA[<p>{long}</p>]]></description></item></channel></rss>"),
    )
    .unwrap();
    std::fs::write(
        d.join("e.jsonl"),
        format!(
            "{}\n",
            serde_json::json!({"text": report(5), "published": "2024-02-02"})
        ),
    )
    .unwrap();

    let mut store = Store::open(dir.path().join("s.db").to_str().unwrap()).unwrap();
    let pipeline = byline_extract::Pipeline::new().unwrap();
    let options = Options {
        fetch: false,
        ..Options::default()
    };
    let inputs = vec![d.display().to_string()];
    let mut calls = 0;
    let first = ingest(&inputs, &mut store, &pipeline, &options, &mut |_| {
        calls += 1
    })
    .unwrap();
    assert!(calls > 0, "progress is reported");
    let p = &first.progress;
    assert_eq!((p.sources, p.added, p.errors), (5, 5, 0), "{first:?}");
    let counts = store.counts().unwrap();
    assert_eq!(counts.documents, 5);

    // nothing new: every source is skipped
    let second = ingest(&inputs, &mut store, &pipeline, &options, &mut |_| {}).unwrap();
    assert_eq!(
        (second.progress.added, second.progress.sources_skipped),
        (0, 5)
    );

    // a changed file is read again; its old document stays, the new one is added
    std::fs::write(d.join("a.txt"), report(6)).unwrap();
    let third = ingest(&inputs, &mut store, &pipeline, &options, &mut |_| {}).unwrap();
    assert_eq!(
        (third.progress.added, third.progress.sources_skipped),
        (1, 4)
    );
    assert_eq!(store.counts().unwrap().documents, 6);
}
