//! The web UI in a real browser (headless Debian Chromium through chromedriver), and its pages
//! over plain HTTP.
//!
//! The browser test fails with a clear message when Chromium or chromedriver is missing and `CI`
//! or `BYLINE_REQUIRE_BROWSER` is set (`.ci/run` and `scripts/test.sh`); run locally without
//! them, it says so and skips. Screenshots go to `target/browser-artifacts/`.

#[path = "browser/fixture.rs"]
mod fixture;
#[path = "browser/harness.rs"]
mod harness;
#[path = "browser/pages.rs"]
mod pages;

use std::time::Duration;

use fantoccini::{Client, Locator};

use fixture::fixture;

/// Runs `script` in the page and returns its result.
async fn js(client: &Client, script: &str) -> serde_json::Value {
    client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script {script:?}: {e}"))
}

/// Fails when the page has an alert open (nothing may call `alert`).
async fn assert_no_alert(client: &Client, when: &str) {
    if let Ok(text) = client.get_alert_text().await {
        panic!("{when}: the page opened an alert saying {text:?}: markup was executed");
    }
}

async fn open_the_demo_click_a_claim_see_its_sources(client: &Client, base: &str) {
    client.goto(&format!("{base}/")).await.expect("open /");
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("a.doc-link"))
        .await
        .expect("the home page lists the demo reports");
    // Newest first: the last link is the demo's first report (the hostile one is the newest).
    let first = client
        .find_all(Locator::Css("a.doc-link"))
        .await
        .expect("report links")
        .pop()
        .expect("a report link");
    first.click().await.expect("open a report");
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#report-text"))
        .await
        .expect("the reader shows the report text");
    let sourced = client
        .find_all(Locator::Css("#report-text a.claim:not([data-sources='0'])"))
        .await
        .expect("claims");
    let claim = sourced
        .into_iter()
        .next()
        .expect("the report has a claim with a source");
    let claim_id = claim
        .attr("data-claim")
        .await
        .expect("attr")
        .expect("data-claim");
    claim.click().await.expect("click the claim");
    let panel = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("aside.panel"))
        .await
        .expect("clicking a claim opens its panel");
    assert_eq!(
        panel.attr("data-claim").await.expect("attr").as_deref(),
        Some(claim_id.as_str()),
        "the panel is the clicked claim's"
    );
    let sources = panel
        .find_all(Locator::Css("li.source .source-text"))
        .await
        .expect("sources");
    assert!(!sources.is_empty(), "the panel lists the claim's sources");
    let report = client
        .find(Locator::Css("#report-text"))
        .await
        .expect("text")
        .text()
        .await
        .expect("text");
    for s in &sources {
        let text = s.text().await.expect("source text");
        assert!(!text.trim().is_empty());
        assert!(
            report.contains(text.trim()),
            "source {text:?} is a piece of the report"
        );
    }
    // The clicked claim is marked in the text, and the panel says how sure anyone is.
    let selected = js(
        client,
        "return document.querySelectorAll('#report-text a.claim.selected').length",
    )
    .await;
    assert!(selected.as_u64().unwrap_or(0) >= 1, "the claim is selected");
    let factuality = panel
        .find(Locator::Css("dl.facts .badge"))
        .await
        .expect("a factuality badge")
        .text()
        .await
        .expect("text");
    assert!(!factuality.is_empty());
    // The page scrolled to the panel; show it from the top for the picture.
    js(client, "window.scrollTo(0, 0); return null").await;
    let shot = harness::screenshot(client, "reader-claim").await;
    eprintln!("screenshot: {}", shot.display());
    // From the panel to the corroboration view of the claim's cluster.
    let cluster_link = client
        .find(Locator::Css("aside.panel a[href^='/ui/cluster/']"))
        .await
        .expect("the panel links the claim's cluster");
    cluster_link.click().await.expect("open the cluster");
    let chains = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#independent-chains b"))
        .await
        .expect("the corroboration view counts independent chains")
        .text()
        .await
        .expect("text");
    assert!(chains.trim().parse::<u32>().is_ok(), "{chains:?}");
    harness::screenshot(client, "cluster").await;
}

async fn markup_in_a_report_is_shown_and_never_run(client: &Client, base: &str, id: &str) {
    client
        .goto(&format!("{base}/ui/doc/{id}"))
        .await
        .expect("open the hostile report");
    assert_no_alert(client, "the hostile report").await;
    let text = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("#report-text"))
        .await
        .expect("report text")
        .text()
        .await
        .expect("text");
    assert!(
        text.contains("<script>alert(1)</script>"),
        "the markup is shown as text: {text}"
    );
    assert!(text.contains("<img src=x onerror="));
    let injected = js(
        client,
        "return { scripts: document.querySelectorAll('main script, #report-text script').length, \
                  imgs: document.querySelectorAll('img').length, \
                  pwned: document.body.dataset.pwned || null, \
                  title: document.title, \
                  heading: document.querySelector('h1').textContent }",
    )
    .await;
    assert_eq!(injected["scripts"], 0, "no script element was injected");
    assert_eq!(injected["imgs"], 0, "no img element was injected");
    assert!(injected["pwned"].is_null(), "no handler ran");
    let heading = injected["heading"].as_str().unwrap_or_default();
    assert!(heading.contains("<script>alert(4)</script>"), "{heading}");
    // The claims table shows the same text, escaped as well.
    client
        .goto(&format!("{base}/ui/claims?q=notice"))
        .await
        .expect("claims");
    assert_no_alert(client, "the claims table").await;
    harness::screenshot(client, "hostile-report-claims").await;
    client
        .goto(&format!("{base}/ui/doc/{id}"))
        .await
        .expect("back to the report");
    assert_no_alert(client, "the hostile report, again").await;
    harness::screenshot(client, "hostile-report").await;
}

async fn charts_are_drawn(client: &Client, base: &str) {
    client
        .goto(&format!("{base}/ui/actors"))
        .await
        .expect("actors");
    let nodes = js(
        client,
        "return document.querySelectorAll('svg.network a.node').length",
    )
    .await;
    assert!(nodes.as_u64().unwrap_or(0) >= 2, "the network has nodes");
    harness::screenshot(client, "actors-network").await;
    client
        .goto(&format!("{base}/ui/timeline"))
        .await
        .expect("timeline");
    let bars = js(
        client,
        "return document.querySelectorAll('svg.timeline rect.bar').length",
    )
    .await;
    assert!(bars.as_u64().unwrap_or(0) >= 1, "the timeline has bars");
    harness::screenshot(client, "timeline").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_in_headless_chromium() {
    let Some((driver_bin, chromium)) = harness::browser_binaries("the_demo_in_headless_chromium")
    else {
        return;
    };
    let f = tokio::task::spawn_blocking(fixture).await.expect("fixture");
    let base = f.url("");
    let work = tempfile::tempdir().expect("tempdir");
    let log = harness::artifacts_dir().join("chromedriver.log");
    let driver = harness::start_driver(&driver_bin, &log);
    let client = harness::open_browser(&driver, &chromium, &work.path().join("profile")).await;
    // Run the steps, then close the session whatever happened, then report.
    let steps = async {
        open_the_demo_click_a_claim_see_its_sources(&client, &base).await;
        markup_in_a_report_is_shown_and_never_run(&client, &base, &f.hostile_id).await;
        charts_are_drawn(&client, &base).await;
    };
    let outcome = futures_catch(steps).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Catches a panic of `fut` so the browser session can be closed before the test fails.
async fn futures_catch<F: std::future::Future<Output = ()>>(
    fut: F,
) -> Result<(), Box<dyn std::any::Any + Send>> {
    use std::panic::AssertUnwindSafe;
    use std::pin::pin;
    use std::task::Poll;
    let mut fut = pin!(fut);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(())) => Poll::Ready(Ok(())),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    })
    .await
}
