//! Starts what a browser test needs: chromedriver on a free port, a headless Chromium session
//! with a fresh profile, and stops them again.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

/// Where chromedriver and Chromium live, unless `BYLINE_CHROMEDRIVER` / `BYLINE_CHROMIUM` say.
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The two binaries, or `None` when the test may be skipped (run locally without them).
///
/// Panics with what to install when they are missing and the environment asks for the browser
/// tests (`CI` or `BYLINE_REQUIRE_BROWSER` set, as `.ci/run` and `scripts/test.sh` do).
pub fn browser_binaries(test: &str) -> Option<(PathBuf, PathBuf)> {
    let driver = std::env::var_os("BYLINE_CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMEDRIVER));
    let chromium = std::env::var_os("BYLINE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM));
    let missing: Vec<String> = [&driver, &chromium]
        .iter()
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    if missing.is_empty() {
        return Some((driver, chromium));
    }
    let required = ["CI", "BYLINE_REQUIRE_BROWSER"].iter().any(|v| {
        std::env::var(v)
            .map(|s| !s.is_empty() && s != "0" && s != "false")
            .unwrap_or(false)
    });
    let message = format!(
        "{test}: the browser tests need Chromium and chromedriver, missing: {}. \
         Install them with `apt-get install -y chromium chromium-driver` (scripts/setup.sh does), \
         or point BYLINE_CHROMIUM / BYLINE_CHROMEDRIVER at them.",
        missing.join(", ")
    );
    if required {
        panic!("{message} (CI or BYLINE_REQUIRE_BROWSER is set, so this is a failure)");
    }
    eprintln!("{message} Skipped (set BYLINE_REQUIRE_BROWSER=1 to make this a failure).");
    None
}

/// A running chromedriver, killed on drop.
pub struct Driver {
    child: Child,
    /// Its WebDriver URL.
    pub url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Starts chromedriver on a free loopback port and waits until it answers.
pub fn start_driver(driver: &Path, log: &Path) -> Driver {
    let port = free_port();
    let log_file = std::fs::File::create(log).expect("chromedriver log file");
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return driver;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "chromedriver did not listen on port {port} within 30 s (log: {})",
        log.display()
    );
}

/// Opens a headless Chromium session with a fresh profile in `profile`.
pub async fn open_browser(driver: &Driver, chromium: &Path, profile: &Path) -> Client {
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--disable-quic".to_string(),
        "--no-first-run".to_string(),
        "--disable-background-networking".to_string(),
        "--disable-component-update".to_string(),
        "--disable-sync".to_string(),
        "--disable-dev-shm-usage".to_string(),
        "--window-size=1280,900".to_string(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "chrome".into());
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": chromium.display().to_string(), "args": args }),
    );
    // An unexpected alert must stay open so the test can see it (and fail), not be dismissed.
    caps.insert("unhandledPromptBehavior".into(), "ignore".into());
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let mut last = None;
    // chromedriver may accept connections a moment before it accepts sessions.
    for _ in 0..20 {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&driver.url)
            .await
        {
            Ok(c) => return c,
            Err(e) => {
                last = Some(e.to_string());
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        }
    }
    panic!(
        "no Chromium session from {}: {}",
        driver.url,
        last.unwrap_or_default()
    );
}

/// The folder for screenshots: `target/browser-artifacts`.
pub fn artifacts_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp
        .parent()
        .map(|t| t.join("browser-artifacts"))
        .unwrap_or_else(|| tmp.join("browser-artifacts"));
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

/// Saves a screenshot of the current page as `name`.png in the artifacts folder.
pub async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    let path = artifacts_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    path
}
