//! End to end: the attribution layer of `byline extract`, `byline eval gold` and
//! `byline eval polnear`, with the real binary, on fixtures written for these tests.

use std::path::PathBuf;
use std::process::Command;

fn byline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_byline"))
}

/// Runs `cmd` and returns its output, failing the test with its stderr when it fails.
fn succeed(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("byline-attr-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A short report in our own words with each kind of attribution.
const REPORT: &str = "Floodwater reached the old town overnight, Reuters reported on Friday.\n\
According to two senior city engineers and a local fire officer, the main levee was never inspected. \
They said repairs had been delayed for years.\n\n\
\"We warned them twice,\" one engineer said, \"and nobody answered.\" \
The dam is reportedly cracked. \
Reuters could not independently verify the inspection records, and the mayor's office declined to comment.\n";

/// A PolNeAR split folder holding one article, `art`, with its brat annotations.
fn polnear_dir(name: &str, text: &str, ann: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::create_dir_all(dir.join("attributions")).unwrap();
    std::fs::write(dir.join("text/art.txt"), text).unwrap();
    std::fs::write(dir.join("attributions/art_a1.ann"), ann).unwrap();
    dir
}

fn extract(text: &str) -> serde_json::Value {
    // One file per call: the tests run in parallel.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = scratch("extract");
    let file = dir.join(format!("report-{n}.txt"));
    std::fs::write(&file, text).unwrap();
    let out = succeed(
        byline()
            .args(["extract", "--published", "2025-03-07"])
            .arg(&file),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn texts<'a>(doc: &'a serde_json::Value, layer: &str) -> Vec<&'a str> {
    doc[layer]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["text"].as_str().unwrap())
        .collect()
}

#[test]
fn extract_fills_sources_claims_quotes_and_notices() {
    let doc = extract(REPORT);
    let sources = texts(&doc, "sources");
    for s in [
        "Reuters",
        "two senior city engineers",
        "a local fire officer",
        "They",
        "one engineer",
    ] {
        assert!(sources.contains(&s), "{s:?} missing from {sources:?}");
    }
    let claims = texts(&doc, "claims");
    assert!(
        claims.contains(&"the main levee was never inspected"),
        "{claims:?}"
    );
    assert!(claims
        .iter()
        .any(|c| c.starts_with("The dam is reportedly")));
    let quotes = texts(&doc, "quotes");
    assert_eq!(quotes, ["We warned them twice,", "and nobody answered."]);
    let q = &doc["quotes"][1];
    assert!(q["speaker"].is_string());
    let kinds: Vec<&str> = doc["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"unverified") && kinds.contains(&"no_comment"),
        "{kinds:?}"
    );
    let they = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "They")
        .unwrap();
    assert_eq!(they["refers_to"].as_array().unwrap().len(), 2);
    assert_eq!(doc["relayed_from"][0], "Reuters");
}

#[test]
fn eval_gold_scores_every_layer() {
    let dir = scratch("gold");
    std::fs::write(dir.join("r.txt"), REPORT).unwrap();
    let start = REPORT.find("two senior").unwrap();
    let gold = format!(
        r#"{{"schema": "byline-gold/1", "text_file": "r.txt", "published": "2025-03-07",
        "sources": {{"eng": {{"text": "two senior city engineers", "span": [{start}, {end}],
                    "kind": "anonymous", "count": 2}}}},
        "claims": [], "quotes": [], "events": [], "times": [], "actors": [], "notices": []}}"#,
        end = start + "two senior city engineers".len()
    );
    std::fs::write(dir.join("r.gold.json"), gold).unwrap();
    let out = succeed(byline().args(["eval", "gold", "--json"]).arg(&dir));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 1);
    assert_eq!(v["layers"]["sources"]["correct"], 1);
    for layer in ["claims", "quotes", "events", "times", "actors", "notices"] {
        assert!(v["layers"][layer]["f1"].is_number(), "{layer}");
    }
    let table = byline().args(["eval", "gold"]).arg(&dir).output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("factuality"));
    let bad = byline()
        .args(["eval", "gold"])
        .arg(dir.join("nope"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn eval_polnear_reads_brat() {
    let dir = polnear_dir(
        "polnear",
        "The levee failed, two engineers said.\n",
        "T1\tContent 0 16\tThe levee failed\nT2\tSource 18 31\ttwo engineers\nT3\tCue 32 36\tsaid\n",
    );
    let out = succeed(byline().args(["eval", "polnear", "--json"]).arg(&dir));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 1);
    for layer in ["sources_exact", "cues_overlap", "contents_overlap"] {
        assert_eq!(v["layers"][layer]["correct"], 1, "{layer}: {v}");
    }
}

#[test]
fn eval_polnear_reads_several_splits_and_scores_annotators_against_each_other() {
    let one = polnear_dir(
        "polnear-one",
        "The levee failed, two engineers said.\n",
        "T1\tContent 0 16\tThe levee failed\nT2\tSource 18 31\ttwo engineers\nT3\tCue 32 36\tsaid\n",
    );
    // A second annotator marked the same cue and a shorter source, and no content.
    std::fs::write(
        one.join("attributions/art_b2.ann"),
        "T1\tSource 22 31\tengineers\nT2\tCue 32 36\tsaid\n",
    )
    .unwrap();
    let two = polnear_dir(
        "polnear-two",
        "Rain fell all night, a farmer said.\n",
        "T1\tSource 21 29\ta farmer\nT2\tCue 30 34\tsaid\n",
    );
    let out = succeed(
        byline()
            .args(["eval", "polnear", "--json"])
            .arg(&one)
            .arg(&two),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 2, "{v}");
    assert_eq!(v["layers"]["cues_overlap"]["gold"], 2, "{v}");
    let out = succeed(
        byline()
            .args(["eval", "polnear", "--agreement", "--json"])
            .arg(&one)
            .arg(&two),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 1, "{v}");
    let layer = |name: &str, key: &str| v["layers"][name][key].as_u64().unwrap();
    assert_eq!(layer("sources_overlap", "correct"), 1);
    assert_eq!(layer("sources_exact", "correct"), 0);
    assert_eq!(layer("cues_exact", "correct"), 1);
    assert_eq!(
        (
            layer("contents_overlap", "gold"),
            layer("contents_overlap", "predicted")
        ),
        (1, 0)
    );
}

#[test]
fn eval_polnear_trains_a_cue_model_that_loads() {
    let dir = polnear_dir(
        "polnear-train",
        "The harbour master grumbled that the ferry was late. The ferry left at noon.\n",
        "T1\tSource 0 18\tThe harbour master\nT2\tCue 19 27\tgrumbled\n",
    );
    let model = dir.join("cue-model.tsv");
    succeed(
        byline()
            .args(["eval", "polnear", "--train-cues"])
            .arg(&model)
            .arg(&dir),
    );
    let tsv = std::fs::read_to_string(&model).unwrap();
    assert!(
        tsv.contains("# source:") && tsv.contains("feature\tweight\nbias\t"),
        "{tsv}"
    );
    // The trained file is a valid user cue model.
    let lex = dir.join("lexicon");
    std::fs::create_dir_all(&lex).unwrap();
    std::fs::write(lex.join("cue-model.tsv"), &tsv).unwrap();
    let cues = byline_lexicon::cues::Cues::with_dirs(&[lex]).unwrap();
    assert!(!cues.model().is_empty());
}

/// `(cue, sources, content)` of every claim, content without its final period.
/// The sources of every claim row cued by `cue`, in order.
fn sources_by_cue(rows: &[(String, Vec<String>, String)], cue: &str) -> Vec<Vec<String>> {
    rows.iter()
        .filter(|(c, _, _)| c == cue)
        .map(|(_, s, _)| s.clone())
        .collect()
}

fn claim_rows(doc: &serde_json::Value) -> Vec<(String, Vec<String>, String)> {
    let src = |id: &serde_json::Value| {
        doc["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == *id)
            .map(|s| s["text"].as_str().unwrap().to_string())
            .unwrap()
    };
    doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["cue"]["text"].as_str().unwrap_or("").to_string(),
                c["sources"].as_array().unwrap().iter().map(src).collect(),
                c["text"]
                    .as_str()
                    .unwrap()
                    .trim_end_matches(['.', ','])
                    .to_string(),
            )
        })
        .collect()
}

fn has_claim(doc: &serde_json::Value, cue: &str, source: &str, content: &str) {
    let rows = claim_rows(doc);
    assert!(
        rows.iter()
            .any(|(c, s, t)| c == cue && s.iter().any(|x| x == source) && t == content),
        "no ({cue:?}, {source:?}, {content:?}) in {rows:#?}"
    );
}

#[test]
fn parse_frames_read_learnt_cue_verbs() {
    // Verbs outside the hand-made lexicon, read through the dependency parse.
    let doc = extract(
        "The port mayor praised the new ferry timetable on Monday. \
         Fishermen who complained about the quotas met the minister. \
         The toll plan was mocked by two council members. \
         A union steward met reporters and blasted the wage offer. \
         The council filed a motion, mocking the budget.",
    );
    // subject + object
    has_claim(&doc, "praised", "The port mayor", "the new ferry timetable");
    // relative clause: the noun it hangs on; an "about" oblique as content, its preposition
    // part of the cue as in PolNeAR
    has_claim(&doc, "complained about", "Fishermen", "the quotas");
    // passive with a "by" agent
    // (the cue takes its auxiliary, as PolNeAR's cues do)
    has_claim(&doc, "was mocked", "two council members", "The toll plan");
    // coordinated verb sharing its subject
    has_claim(&doc, "blasted", "A union steward", "the wage offer");
    // participle taking the main clause's subject
    has_claim(&doc, "mocking", "The council", "the budget");
}

#[test]
fn infinitives_are_no_cues_and_own_beliefs_stay_nested() {
    let doc = extract(
        "Officials decided to publish the audit. The mayor said she thinks the pier is safe.",
    );
    let rows = claim_rows(&doc);
    assert!(!rows.iter().any(|(c, _, _)| c == "publish"), "{rows:#?}");
    // "S said she thinks C": the report stays, the speaker's own belief nests under it.
    has_claim(&doc, "said", "The mayor", "she thinks the pier is safe");
    let inner = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cue"]["text"] == "thinks")
        .unwrap();
    assert!(inner["parent"].is_string(), "{inner}");
}

#[test]
fn doubled_apostrophes_mark_quotes() {
    let doc = extract("''The pier is closed,'' the harbour master said. It's the tide.");
    assert_eq!(texts(&doc, "quotes"), ["The pier is closed,"]);
    has_claim(&doc, "said", "the harbour master", "The pier is closed");
}

#[test]
fn eval_polnear_prints_misses_and_learns_cues() {
    // A gold cue no reading of ours takes ("ate"): a miss to print.
    let dir = polnear_dir(
        "polnear-misses",
        "The levee failed, two engineers said. The dock workers ate lunch at noon.\n",
        "T1\tSource 0 9\tThe levee\nT2\tCue 32 36\tsaid\nT3\tCue 55 58\tate\n",
    );
    let out = byline()
        .args(["eval", "polnear", "--misses", "10"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("MISSED\tcue    \tart\t") && stdout.contains("[ate]"),
        "{stdout}"
    );
    assert!(stdout.contains("FALSE\tsource "), "{stdout}");
    let learnt = dir.join("learnt.tsv");
    let out = byline()
        .args(["eval", "polnear", "--learn-cues"])
        .arg(&learnt)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let tsv = std::fs::read_to_string(&learnt).unwrap();
    assert!(tsv.contains("# source:") && tsv.contains("lemma\tupos\tcue\ttotal\n"));
    // One cue occurrence each: below the three a row needs.
    assert!(!tsv.contains("say\tVERB"), "{tsv}");
    let reads = dir.join("reads.tsv");
    let out = byline()
        .args(["eval", "polnear", "--learn-reads"])
        .arg(&reads)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let tsv = std::fs::read_to_string(&reads).unwrap();
    // One read of "said": below the five a row needs.
    assert!(
        tsv.contains("# source:") && tsv.ends_with("form\tread\tcue\n"),
        "{tsv}"
    );
}

#[test]
fn a_report_of_a_report_and_a_quote_before_said_adding() {
    let doc = extract(
        "\"The ferry will not sail,\" the harbour master said, adding that the storm would pass by noon. \
         The captain had told the crew that the engine was fine, but the insurer refused the trip, a deckhand added.",
    );
    // The quote before the cue is its content; the participle is a claim of its own.
    has_claim(
        &doc,
        "said",
        "the harbour master",
        "The ferry will not sail",
    );
    has_claim(
        &doc,
        "adding",
        "the harbour master",
        "the storm would pass by noon",
    );
    // "S1 told R that C, S2 added": S2's claim holds S1's report, which nests under it.
    has_claim(
        &doc,
        "added",
        "a deckhand",
        "The captain had told the crew that the engine was fine, but the insurer refused the trip",
    );
    let inner = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        // The cue takes its auxiliary, as PolNeAR's cues do.
        .find(|c| c["cue"]["text"] == "had told")
        .unwrap();
    assert!(inner["parent"].is_string(), "{inner}");
}

#[test]
fn relative_clause_subjects_and_coordinated_cues() {
    let doc = extract(
        "Farmers who lost their crops said the drought was the worst in decades. \
         The growers described the harvest as dismal, and said prices would rise.",
    );
    has_claim(
        &doc,
        "said",
        "Farmers who lost their crops",
        "the drought was the worst in decades",
    );
    // ", and said C" ends the content of the cue before it.
    has_claim(&doc, "described", "The growers", "the harvest as dismal");
    has_claim(&doc, "said", "The growers", "prices would rise");
}

#[test]
fn parse_read_forms_follow_their_training_reads() {
    // "wants" was a cue less than a fifth of the time as a lemma but is right most times the
    // parse reads it (reads.tsv); "has" is read wrongly most times and stays out.
    let doc = extract("The mayor wants to close the harbour at night. The mayor has a boat.");
    has_claim(&doc, "wants", "The mayor", "to close the harbour at night");
    let rows = claim_rows(&doc);
    assert!(!rows.iter().any(|(c, _, _)| c == "has"), "{rows:#?}");
}

#[test]
fn headline_colons_attribute() {
    let doc = extract("Poll: Voters Split on the Harbour Plan.\n\nThe harbour opened in May.\n");
    has_claim(&doc, ":", "Poll", "Voters Split on the Harbour Plan");
    let doc = extract("Stormy Weather: The Harbour Is Closed.\n\nThe harbour opened in May.\n");
    assert!(claim_rows(&doc).is_empty(), "{:#?}", claim_rows(&doc));
}

#[test]
fn a_cue_tacked_on_ends_the_content_before_it() {
    // Regression: the inner claim's content ran over ", sources said" and each claim became
    // the other's parent.
    let doc = extract("The harbour rules called for a full stop at dusk, two pilots said.");
    has_claim(
        &doc,
        "said",
        "two pilots",
        "The harbour rules called for a full stop at dusk",
    );
    let claims = doc["claims"].as_array().unwrap();
    let top: Vec<_> = claims.iter().filter(|c| c["parent"].is_null()).collect();
    assert_eq!(top.len(), 1, "{claims:#?}");
    assert_eq!(top[0]["cue"]["text"], "said");
}

#[test]
fn issue_6_surface_frames_read_plain_reporting_verbs() {
    // A bracketed party tag after a name, "said" before a clause with its own infinitive, a
    // plain present after a bare plural, and the coordinated and relative-clause subjects.
    let doc = extract(
        "Sen. Maria Lopez (D-Ore.) said the harbour bill was dead. \
         The ferry operator said he wants to cut the night service. \
         Dockers say the cranes are unsafe. \
         The mayor visited the pier and said the repairs would take a year.",
    );
    has_claim(
        &doc,
        "said",
        "Sen. Maria Lopez (D-Ore.)",
        "the harbour bill was dead",
    );
    has_claim(
        &doc,
        "said",
        "The ferry operator",
        "he wants to cut the night service",
    );
    has_claim(&doc, "say", "Dockers", "the cranes are unsafe");
    has_claim(&doc, "said", "The mayor", "the repairs would take a year");
}

#[test]
fn issue_6_speech_verbs_next_to_quotes_and_title_case_headlines() {
    let doc = extract(
        "Harbour Master Says Ferries Will Resume.\n\n\
         \"We wait for the tide,\" she continued. \"Who pays for the dredging?\" the mayor asks.\n",
    );
    has_claim(&doc, "Says", "Harbour Master", "Ferries Will Resume");
    has_claim(&doc, "continued", "she", "We wait for the tide");
    has_claim(&doc, "asks", "the mayor", "Who pays for the dredging?");
}

#[test]
fn issue_6_cues_take_their_auxiliaries_and_sources_their_appositions() {
    // PolNeAR's conventions: "have long said" is the cue, "Pilots" the source; the apposition
    // after an inverted source belongs to it; a time adjunct does not.
    let doc = extract(
        "Pilots have long said the channel is too shallow. \
         The board is stressing that costs will fall. \
         The harbour fees were too high, said Ana Ruiz, a lawyer for the fishing cooperative. \
         The council on Friday said the fees would rise.",
    );
    has_claim(
        &doc,
        "have long said",
        "Pilots",
        "the channel is too shallow",
    );
    has_claim(&doc, "is stressing", "The board", "costs will fall");
    has_claim(
        &doc,
        "said",
        "Ana Ruiz, a lawyer for the fishing cooperative",
        "The harbour fees were too high",
    );
    has_claim(&doc, "said", "The council", "the fees would rise");
}

#[test]
fn issue_6_a_sentence_end_before_a_doubled_apostrophe_ends_the_content() {
    // The splitter keeps "said. ''We…" in one sentence: the content is the quote before.
    let doc = extract("''The quay is flooded,'' the harbour master said. ''We close at noon.''");
    has_claim(&doc, "said", "the harbour master", "The quay is flooded");
}

#[test]
fn issue_6_nouns_after_possessives_and_numerals_are_no_cues() {
    let doc =
        extract("Editor's note: the pier is closed. Sailors from two states met at the pier.");
    let rows = claim_rows(&doc);
    assert!(
        !rows.iter().any(|(c, _, _)| c == "note" || c == "states"),
        "{rows:#?}"
    );
}

#[test]
fn issue_6e_a_report_of_a_belief_keeps_its_own_cue_and_source() {
    let doc = extract(
        "The harbour master said the mayor hopes that the new pier will open in May. \
         The pilots told reporters the channel was shallow, noting the mayor believes the dredging will fail.",
    );
    // The outer report is a claim of its own; the belief is nested in it.
    has_claim(
        &doc,
        "said",
        "The harbour master",
        "the mayor hopes that the new pier will open in May",
    );
    has_claim(&doc, "hopes", "the mayor", "the new pier will open in May");
    let claims = doc["claims"].as_array().unwrap();
    let hopes = claims.iter().find(|c| c["cue"]["text"] == "hopes").unwrap();
    assert!(hopes["parent"].is_string(), "{hopes}");
    // A participle hanging on an earlier report passes the belief on as one claim.
    let rows = claim_rows(&doc);
    assert!(
        rows.iter().any(|(c, s, _)| c == "believes"
            && s.iter().any(|x| x == "the mayor")
            && s.iter().any(|x| x == "The pilots")),
        "{rows:#?}"
    );
    assert!(!rows.iter().any(|(c, _, _)| c == "noting"), "{rows:#?}");
}

#[test]
fn issue_6e_light_verbs_and_prepositions_belong_to_the_cue() {
    let doc = extract(
        "Fishermen raised questions about the new quota. \
         The council expressed concern about the rising tides. \
         The engineers pointed to the cracked wall.",
    );
    has_claim(&doc, "raised questions about", "Fishermen", "the new quota");
    has_claim(
        &doc,
        "expressed concern about",
        "The council",
        "the rising tides",
    );
    has_claim(&doc, "pointed to", "The engineers", "the cracked wall");
}

#[test]
fn issue_6e_stance_predicates_are_cues() {
    let doc = extract(
        "The dockers' union has been critical of the new harbour fees. \
         The ferry company is opposed to the night ban. \
         The harbour master was skeptical that the dredging would finish by June. \
         The harbour is sure to flood in winter.",
    );
    has_claim(
        &doc,
        "has been critical of",
        "The dockers' union",
        "the new harbour fees",
    );
    has_claim(&doc, "is opposed to", "The ferry company", "the night ban");
    has_claim(
        &doc,
        "was skeptical",
        "The harbour master",
        "that the dredging would finish by June",
    );
    // A raising frame states no one's stance.
    let rows = claim_rows(&doc);
    assert!(
        !rows.iter().any(|(c, _, _)| c.contains("sure")),
        "{rows:#?}"
    );
}

#[test]
fn issue_6g_transcript_turns_are_quotes_of_their_speaker_tag() {
    let doc = extract(
        "Minister Visits the Harbour\n\n\
         The minister spoke to our reporter on the pier. A transcript follows.\n\n\
         HOST: Let me start with the ferries. Will they run again this winter?\n\n\
         OKELLO: Well, look, the ferries are a serious matter. We have repaired two of them already.\n\n\
         HOST: And the fees?\n\n\
         OKELLO: The fees will not rise before the spring.\n",
    );
    has_claim(
        &doc,
        ":",
        "OKELLO",
        "Well, look, the ferries are a serious matter. We have repaired two of them already",
    );
    has_claim(
        &doc,
        ":",
        "HOST",
        "Let me start with the ferries. Will they run again this winter",
    );
    let claims = doc["claims"].as_array().unwrap();
    let turn = claims
        .iter()
        .find(|c| c["text"] == "The fees will not rise before the spring")
        .unwrap();
    assert_eq!(turn["quote"], true, "{turn}");
    let quotes = texts(&doc, "quotes");
    assert!(
        quotes.contains(&"The fees will not rise before the spring"),
        "{quotes:?}"
    );
    // A tally is no turn: "Okello: 412."
    let doc = extract(
        "Votes counted by noon.\n\nOKELLO: 412.\n\nMWANGI: 390.\n\nThe count goes on tomorrow.\n",
    );
    assert!(doc["claims"].as_array().unwrap().is_empty(), "{doc}");
}

#[test]
fn issue_6g_a_quoted_transcript_runs_each_turn_over_its_paragraphs() {
    let doc = extract(
        "The full exchange:\n\n\
         \"HOST: Will the pier reopen in May?\n\n\
         \"OKELLO: It will. The divers finished their survey last week.\n\n\
         \"The contractor starts on Monday.\n\n\
         \"(LAUGHTER.)\n\n\
         \"HOST: Thank you, minister.\n",
    );
    let rows = claim_rows(&doc);
    assert!(
        rows.iter().any(|(c, s, t)| c == ":"
            && s == &["OKELLO"]
            && t.starts_with("It will.")
            && t.ends_with("starts on Monday")),
        "{rows:#?}"
    );
}

#[test]
fn issue_6g_set_phrases_and_convening_are_no_reports() {
    let doc = extract(
        "Having said that, the ferry fees will rise in May. \
         It goes without saying that the pier needs repairs. \
         When the port cut its subsidy, the town said enough. \
         The council called an emergency meeting on the floods. \
         The harbour master called the vote a sham.",
    );
    let rows = claim_rows(&doc);
    assert!(
        !rows
            .iter()
            .any(|(c, _, _)| c.contains("said") || c.contains("saying") || c.contains("called an")),
        "{rows:#?}"
    );
    has_claim(&doc, "called", "The harbour master", "the vote a sham");
}

#[test]
fn issue_6g_a_time_adverb_before_the_subject_stays_out_of_the_source() {
    let doc =
        extract("Later the harbour master declared:\n\n“The pier is safe for the whole coast.”\n");
    has_claim(
        &doc,
        "declared",
        "the harbour master",
        "The pier is safe for the whole coast",
    );
}

#[test]
fn issue_6g_quotes_signed_after_a_dash_are_their_signers() {
    let doc = extract(
        "Readers wrote to us about the new ferry timetable.\n\
         “The early boat is gone and I am late for work every day.” ― Mary Wanjiru\n\
         “Nobody asked the islanders before they changed it.”― Peter O. Kamau.\n\n\
         The company said the old timetable returns in May, insisting that the boats were \"still the safest on the coast.\"--Tom Reporter.\n",
    );
    has_claim(
        &doc,
        "―",
        "Mary Wanjiru",
        "The early boat is gone and I am late for work every day",
    );
    has_claim(
        &doc,
        "―",
        "Peter O. Kamau",
        "Nobody asked the islanders before they changed it",
    );
    // A reporter's credit after a sentence signs no quote.
    let rows = claim_rows(&doc);
    assert!(!rows.iter().any(|(c, _, _)| c == "--"), "{rows:#?}");
}

#[test]
fn issue_6g_what_is_cited_is_content_unless_it_speaks() {
    let doc = extract(
        "“People are tired of waiting,” the harbour master said, citing low wages and the broken cranes. \
         The ferry fares will rise, according to a report, citing the port authority. \
         Citing the storm damage, the ferry company cancelled the night crossings.",
    );
    has_claim(&doc, "Citing", "the ferry company", "the storm damage");
    let after = extract(
        "The ferry company cancelled the night crossings on Monday, citing the storm damage.",
    );
    has_claim(&after, "citing", "The ferry company", "the storm damage");
    let rows = claim_rows(&doc);
    assert!(
        rows.iter().any(|(c, s, t)| c == "citing"
            && s == &["the harbour master"]
            && t.starts_with("low wages")),
        "{rows:#?}"
    );
    assert!(
        !doc["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["text"] == "low wages"),
        "{doc}"
    );
    assert!(
        rows.iter()
            .any(|(_, s, _)| s.iter().any(|x| x == "the port authority")),
        "{rows:#?}"
    );
}

#[test]
fn issue_6g_a_quote_before_its_cue_beats_a_phrase_after_it() {
    let doc = extract(
        "\"The pier is safe,\" the mayor told some of the fishermen. \
         \"Nobody expected the storm,\" the harbour master recalled of the night. \
         \"The fees stay,\" the port director told reporters on Monday, when asked if the boats would run.",
    );
    has_claim(&doc, "told", "the port director", "The fees stay");
    has_claim(&doc, "told", "the mayor", "The pier is safe");
    has_claim(
        &doc,
        "recalled",
        "the harbour master",
        "Nobody expected the storm",
    );
}

/// `(role, affiliation actor's name)` of the source whose text is `text`.
fn source_role(doc: &serde_json::Value, text: &str) -> (Option<String>, Option<String>) {
    let s = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == text)
        .unwrap_or_else(|| panic!("no source {text:?} in {doc}"));
    let aff = s["affiliation"].as_str().and_then(|id| {
        doc["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a["name"].as_str().unwrap().to_string())
    });
    (s["role"].as_str().map(str::to_string), aff)
}

#[test]
fn issue_6i_named_sources_get_roles_and_affiliations() {
    let doc = extract(
        "President Marta Velez said on Tuesday that the new port would open in May. \
         Velez added that the toll would stay low.\n\n\
         Tomas Ruiz, the deputy health minister of Chile, said the clinics would reopen next week.\n\n\
         The Interior Ministry said the curfew would end. Kenya said on Monday that its troops \
         would stay. A regional hospital said six people were treated.\n\n\
         Senator Ana Lind did not speak at the rally. Her aides said she would not run again. \
         Associates of Lind said she was tired.\n",
    );
    let role = |t: &str| source_role(&doc, t).0;
    // A title before the name, carried to a later mention of the same person.
    assert_eq!(role("President Marta Velez").as_deref(), Some("President"));
    assert_eq!(role("Velez").as_deref(), Some("President"));
    // An apposition: its words are the role, its "of Y" the affiliation.
    let (r, aff) = source_role(&doc, "Tomas Ruiz, the deputy health minister of Chile");
    assert_eq!(r.as_deref(), Some("deputy health minister"));
    assert_eq!(aff.as_deref(), Some("Chile"));
    // Organisations by their kind.
    assert_eq!(role("The Interior Ministry").as_deref(), Some("government"));
    assert_eq!(role("Kenya").as_deref(), Some("government"));
    assert_eq!(role("A regional hospital").as_deref(), Some("hospital"));
    // Possessives and "of X": affiliated to the person.
    let (r, aff) = source_role(&doc, "Her aides");
    assert_eq!(
        (r.as_deref(), aff.as_deref()),
        (Some("aide"), Some("Ana Lind"))
    );
    let (r, aff) = source_role(&doc, "Associates of Lind");
    assert_eq!(
        (r.as_deref(), aff.as_deref()),
        (Some("associate"), Some("Ana Lind"))
    );
}

#[test]
fn issue_6h_relative_pronouns_are_no_sources() {
    // "which" stands for the noun before it, however the parse hangs the clause.
    let doc = extract(
        "The harbour council thanked the ferry operator, which announced cheaper fares for \
         island pupils on Monday.\n",
    );
    for (cue, sources, _) in claim_rows(&doc) {
        for s in &sources {
            assert!(
                !["that", "which", "who", "whom"].contains(&s.to_lowercase().as_str()),
                "{cue}: {s}"
            );
        }
    }
    has_claim(
        &doc,
        "announced",
        "the ferry operator",
        "cheaper fares for island pupils",
    );
}

/// Four short articles of our own with their brat annotations, for cross-validation.
fn polnear_folds_dir(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::create_dir_all(dir.join("attributions")).unwrap();
    let articles = [
        (
            "The ferry was late again, the harbour master said on Monday.\n",
            "T1\tSource 27 44\tthe harbour master\nT2\tCue 45 49\tsaid\n",
        ),
        (
            "Two pilots said the channel is too shallow. The boats stayed in port.\n",
            "T1\tSource 0 10\tTwo pilots\nT2\tCue 11 15\tsaid\n",
        ),
        (
            "The council warned that fares would rise. Buses ran late.\n",
            "T1\tSource 0 11\tThe council\nT2\tCue 12 18\twarned\n",
        ),
        (
            "A mechanic said the engine had failed twice. The bridge opened at noon.\n",
            "T1\tSource 0 10\tA mechanic\nT2\tCue 11 15\tsaid\n",
        ),
    ];
    for (k, (text, ann)) in articles.iter().enumerate() {
        std::fs::write(dir.join(format!("text/art{k}.txt")), text).unwrap();
        std::fs::write(dir.join(format!("attributions/art{k}_a1.ann")), ann).unwrap();
    }
    dir
}

#[test]
fn eval_polnear_cross_validates_and_writes_models_that_load() {
    let dir = polnear_folds_dir("polnear-folds");
    let models = dir.join("models");
    let out = succeed(
        byline()
            .args(["eval", "polnear", "--json", "--folds", "2"])
            .args(["--cue-training", "1e-3,1,3,avg", "--thresholds", "0.4,0.6"])
            .arg("--write-models")
            .arg(&models)
            .arg(&dir),
    );
    // One table per threshold, each over the four articles.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let tables: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&stdout)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tables.len(), 2, "{stdout}");
    for t in &tables {
        assert_eq!(t["articles"], 4);
        assert_eq!(t["layers"]["cues_overlap"]["gold"], 4, "{t}");
    }
    // The four files written form a valid user lexicon, their headers naming the command.
    let lex = dir.join("lexicon");
    std::fs::create_dir_all(&lex).unwrap();
    for name in [
        "learnt.tsv",
        "reads.tsv",
        "cue-model.tsv",
        "draft-model.tsv",
    ] {
        let text = std::fs::read_to_string(models.join(name)).unwrap();
        assert!(
            text.starts_with("# source: byline project"),
            "{name}: {text}"
        );
        std::fs::copy(models.join(name), lex.join(name)).unwrap();
    }
    let cue_model = std::fs::read_to_string(models.join("cue-model.tsv")).unwrap();
    assert!(
        cue_model.contains("--folds 2 --cue-training 0.001,1,3,avg"),
        "{cue_model}"
    );
    let cues = byline_lexicon::cues::Cues::with_dirs(&[lex]).unwrap();
    assert!(!cues.model().is_empty());
    assert!(cues.learnt("say", "VERB").is_some_and(|l| l.cue == 3));
    // A bad training spec is refused.
    let out = byline()
        .args(["eval", "polnear", "--folds", "2", "--judge-training", "x,1"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn overrides_replace_the_models_on_this_thread_only_while_asked() {
    use byline_extract::{Input, Overrides, Pipeline};
    use byline_lexicon::cues::model::CueModel;
    use std::sync::Arc;
    let pipeline = Pipeline::new().unwrap();
    let text = "The lighthouse keeper grumbled that the lamp was broken. \
                The storm passed at dawn.\n";
    let cues = |doc: &byline_model::Document| -> Vec<String> {
        let mut v: Vec<String> = doc
            .claims
            .iter()
            .filter_map(|c| c.cue.as_ref().map(|m| m.text.clone()))
            .collect();
        v.sort();
        v
    };
    let before = cues(&pipeline.extract(&Input::new(text.to_string())).unwrap());
    // A token classifier and a judge that reject every word: only the surface frames and the
    // lexicon's verbs are left to read cues, so no more claims than by default.
    let never = Arc::new(CueModel::parse("feature\tweight\nbias\t-30\n").unwrap());
    let over = Overrides {
        token: Some(never.clone()),
        judge: Some(never),
        ..Overrides::default()
    };
    let during = byline_extract::with_overrides(&over, || {
        cues(&pipeline.extract(&Input::new(text.to_string())).unwrap())
    });
    assert!(during.len() <= before.len(), "{during:?} vs {before:?}");
    assert!(!during.contains(&"grumbled".to_string()), "{during:?}");
    // Afterwards the built-in models are back.
    let after = cues(&pipeline.extract(&Input::new(text.to_string())).unwrap());
    assert_eq!(after, before);
}

#[test]
fn issue_6m_participles_take_the_parsed_subject_and_when_asked_has_no_source() {
    // A participle after the main clause takes the clause's whole subject from the parse, not
    // its first capitalised words ("The Icelandic", "Local").
    let doc = extract(
        "The Icelandic minister sought to calm the trawler crews, saying the quotas would rise \
         next year.\n\nLocal harbour pilots ended the strike on Tuesday, claiming the port had \
         met their demands.\n",
    );
    has_claim(
        &doc,
        "saying",
        "The Icelandic minister",
        "the quotas would rise next year",
    );
    has_claim(
        &doc,
        "claiming",
        "Local harbour pilots",
        "the port had met their demands",
    );
    // "when asked whether C", "When told C": a report whose source the clause leaves out; the
    // passive has no recipient, so the content starts right after the participle.
    let doc = extract(
        "\"Not this winter,\" the harbour master said when asked whether the channel would be \
         dredged.\n\nWhen told the ferry had sunk, the mayor wept.\n",
    );
    let rows = claim_rows(&doc);
    for (cue, content) in [
        ("asked", "the channel would be dredged"),
        ("told", "the ferry had sunk"),
    ] {
        assert!(
            rows.iter()
                .any(|(c, s, t)| c == cue && s.is_empty() && t.ends_with(content)),
            "no sourceless ({cue:?}, {content:?}) in {rows:#?}"
        );
    }
    has_claim(&doc, "said", "the harbour master", "Not this winter");
}

#[test]
fn issue_6m_a_parenthetical_report_holds_the_verb_before_it() {
    // "S1 hoped, S2 said, that C": the report set off by commas is the sentence's attribution
    // and the belief before it is nested in it (not the other way round).
    let doc = extract(
        "The skipper hoped, his brother said, that the storm would pass by noon.
",
    );
    has_claim(&doc, "said", "his brother", "the storm would pass by noon");
    let claims = doc["claims"].as_array().unwrap();
    let said = claims.iter().find(|c| c["cue"]["text"] == "said").unwrap();
    assert!(said.get("parent").is_none_or(|p| p.is_null()), "{said}");
    if let Some(hoped) = claims.iter().find(|c| c["cue"]["text"] == "hoped") {
        assert_eq!(hoped["parent"], said["id"], "{claims:#?}");
    }
}

#[test]
fn issue_6k_the_cue_grammar_decides_the_source() {
    let doc = extract(
        "The harbour plan appears to be doomed after the vote. To many islanders, the toll \
         seemed unfair.\n\nThe ferry fare rise angered island councillors. The ferry captains \
         were startled by the new timetable.\n\nJane Okafor, the harbour master, on Friday \
         warned that the pier would close. The harbour master is a fierce critic of the toll \
         plan.\n",
    );
    let rows = claim_rows(&doc);
    let sources_of = |cue: &str| {
        rows.iter()
            .find(|(c, _, _)| c == cue)
            .map(|(_, s, _)| s.clone())
            .unwrap_or_else(|| panic!("no claim cued by {cue:?} in {rows:#?}"))
    };
    // A verb of seeming is the writer's impression: no source but a "to" experiencer.
    assert!(sources_of("appears").is_empty(), "{rows:#?}");
    assert_eq!(sources_of("seemed"), ["many islanders"]);
    // A psychological verb: whoever feels it speaks; its cause is what they speak of.
    has_claim(&doc, "angered", "island councillors", "The ferry fare rise");
    has_claim(
        &doc,
        "were startled",
        "The ferry captains",
        "the new timetable",
    );
    // A time adjunct the parse took for the subject gives way to the phrase before it.
    assert_eq!(sources_of("warned"), ["Jane Okafor, the harbour master"]);
    // A noun naming whoever holds a view, predicated of a subject.
    assert_eq!(sources_of("critic of"), ["The harbour master"]);
    // A passive without an agent names no source: not the one it was said of.
    let doc = extract(
        "The pier company, long known for late sailings, denied the claims. The harbour \
         master was asked about the closure.\n",
    );
    for (cue, sources, _) in claim_rows(&doc) {
        if cue.contains("known") || cue.contains("asked") {
            assert!(sources.is_empty(), "{cue}: {sources:?}");
        }
    }
}

#[test]
fn issue_6l_participle_clauses_and_went_on_to_say() {
    let doc = extract(
        "Asked whether the ferry would run on Sunday, the harbour master shook her head.\n\n\
         When asked about the closure, the ferry captain laughed.\n\n\
         As reported by the Island Gazette, the pier will close in June.\n\n\
         The harbour master went on to say that the pier would reopen in May.\n",
    );
    let rows = claim_rows(&doc);
    // A participle clause of its own is an attribution without a source …
    let asked = rows
        .iter()
        .find(|(c, _, _)| c == "Asked")
        .unwrap_or_else(|| panic!("no 'Asked' claim in {rows:#?}"));
    assert!(asked.1.is_empty(), "{rows:#?}");
    assert_eq!(asked.2, "whether the ferry would run on Sunday");
    assert!(
        rows.iter()
            .any(|(c, s, t)| c.starts_with("asked") && s.is_empty() && t == "the closure"),
        "{rows:#?}"
    );
    // … or with its agent as source, and the clause it hangs on as content.
    has_claim(
        &doc,
        "reported",
        "the Island Gazette",
        "the pier will close in June",
    );
    // "went on to say": one cue, the subject of "went" as source.
    has_claim(
        &doc,
        "went on to say",
        "The harbour master",
        "that the pier would reopen in May",
    );
    // A subject the parse hung elsewhere (here on the conjunct before "but").
    let doc = extract(
        "Most oppose a ban on non-citizens entering the country, but majorities in all five \
         say they want immigrants already in the country to be offered a path to citizenship.\n",
    );
    let rows = claim_rows(&doc);
    assert!(
        rows.iter()
            .any(|(c, s, _)| c == "say" && s.iter().any(|x| x == "majorities in all five")),
        "{rows:#?}"
    );
}

#[test]
fn issue_6p_reports_read_but_lost() {
    // "S said C1, but C2, they said": the tacked-on report holds C2 only, and S's report stays
    // an attribution of its own (not nested in the second one).
    let doc = extract(
        "Harbour pilots said the channel was safe again, but the ferry timetable would change \
         next month, they said.\n",
    );
    has_claim(&doc, "said", "Harbour pilots", "the channel was safe again");
    has_claim(
        &doc,
        "said",
        "they",
        "but the ferry timetable would change next month",
    );
    let claims = doc["claims"].as_array().unwrap();
    assert!(
        claims
            .iter()
            .all(|c| c.get("parent").is_none_or(|p| p.is_null())),
        "{claims:#?}"
    );
    // "As S put it, \"Q\"" at the start of a sentence: the quote that follows.
    let doc = extract(
        "As the harbour master put it, \"The channel is finally deep enough for the big \
         ferries.\"\n",
    );
    has_claim(
        &doc,
        "As the harbour master put it",
        "the harbour master",
        "The channel is finally deep enough for the big ferries",
    );
    // A participle after a comma inside a closing quotation mark takes the clause's subject.
    let doc = extract(
        "The mayor talked up her \"harbour plan,\" promising to widen the old pier by the \
         summer.\n",
    );
    has_claim(
        &doc,
        "promising",
        "The mayor",
        "to widen the old pier by the summer",
    );
    // "denounced C1 and said C2": the subject of the main verb.
    let doc = extract(
        "The fishermen's union strongly denounced the new quotas and said it would appeal the \
         ruling in court.\n",
    );
    has_claim(
        &doc,
        "said",
        "The fishermen's union",
        "it would appeal the ruling in court",
    );
    // A gerund after a preposition is a report of its own, up to the clause's comma (claims.rs
    // reads it without a source; sources.rs may give it one from the parse).
    let doc = extract("After saying the pier was unsafe for visitors, the inspector closed it.\n");
    let rows = claim_rows(&doc);
    assert!(
        rows.iter()
            .any(|(c, _, t)| c == "saying" && t == "the pier was unsafe for visitors"),
        "{rows:#?}"
    );
    // "\"Q,\" S said, also noting C" and "\"Q,\" S said answering …": the quote is the
    // content of "said".
    let doc = extract(
        "\"The channel is clear,\" the pilot said, also noting that the buoys were new.\n\n\"We \
         will appeal,\" the union leader said answering a question from the crowd.\n",
    );
    has_claim(&doc, "said", "the pilot", "The channel is clear");
    has_claim(&doc, "said", "the union leader", "We will appeal");
    // A cue word the parse takes for a noun after a clause of its own reports nothing.
    let doc = extract("The ferry operator will add sailings in coastal states like Maine.\n");
    let rows = claim_rows(&doc);
    assert!(rows.iter().all(|(c, _, _)| c != "states"), "{rows:#?}");
}

#[test]
fn issue_6o_sources_from_the_cue_grammar() {
    let doc = extract(
        "The ferry levy was endorsed by the island council on Monday. When asked by a reporter \
         whether the pier would close, the harbour master said it would stay open.\n\nThe \
         fishermen are split on whether the new quay should be built. Ms. Okafor is assured \
         of winning the harbour seat.\n\nMs. Okafor said she had met the ferry captains but \
         said the timetable would not change.\n\nTwo boatmen charged with smuggling told the \
         court they were innocent.\n",
    );
    let rows = claim_rows(&doc);
    let sources_of = |cue: &str| sources_by_cue(&rows, cue);
    // A "by" agent of a passive cue is its source, after the cue or in a participle clause.
    assert_eq!(
        sources_of("was endorsed"),
        [["the island council"]],
        "{rows:#?}"
    );
    assert_eq!(sources_of("asked"), [["a reporter"]], "{rows:#?}");
    // A stance participle's passive subject holds the stance.
    assert_eq!(sources_of("are split on"), [["The fishermen"]], "{rows:#?}");
    assert_eq!(sources_of("is assured of"), [["Ms. Okafor"]], "{rows:#?}");
    // A second report the parse coordinated with the first one's content is the speaker's.
    for sources in sources_of("said") {
        assert_ne!(sources, ["she"], "{rows:#?}");
    }
    // A noun with a participle that names or charges it is no source.
    for (cue, sources, _) in &rows {
        if cue.contains("charged") {
            assert!(sources.is_empty(), "{cue}: {sources:?}");
        }
    }
}

#[test]
fn issue_6s_comma_participles_take_their_clause_subject() {
    let doc = extract(
        "The harbour master travelled to the island to calm and reassure the fishermen, \
         hoping to keep the old quay open.\n\nThe new ferry captain began by talking about the \
         winter storms, saying that the crossing is now safer than ever.\n",
    );
    let rows = claim_rows(&doc);
    let sources_of = |cue: &str| sources_by_cue(&rows, cue);
    // A participle after a comma hung on a subjectless verb: the subject higher up.
    assert_eq!(sources_of("hoping"), [["The harbour master"]], "{rows:#?}");
    assert_eq!(
        sources_of("saying"),
        [["The new ferry captain"]],
        "{rows:#?}"
    );
}

#[test]
fn issue_6y_sources_of_cues_the_parse_left_without_a_subject() {
    let doc = extract(
        "The harbour board also plans to raise the mooring fees.\n\nCouncil aides said the \
         ferry would run on Sunday.\n\nMs. Okafor, the harbour master, proposed closing the old \
         quay.\n\nAdeyemi, who was elected to the council in 2019, argued his plan to rebuild \
         the pier.\n",
    );
    let rows = claim_rows(&doc);
    let sources_of = |cue: &str| sources_by_cue(&rows, cue);
    // A verb the tagger read as a noun ("plans") takes the noun's subject.
    assert_eq!(
        sources_of("also plans"),
        [["The harbour board"]],
        "{rows:#?}"
    );
    assert_eq!(sources_of("said"), [["Council aides"]], "{rows:#?}");
    // A cue the parse hung on an apposition takes the phrase before it.
    assert_eq!(
        sources_of("proposed"),
        [["Ms. Okafor, the harbour master"]],
        "{rows:#?}"
    );
    // A cue the parse coordinated with a relative clause's verb takes the name.
    assert_eq!(sources_of("argued"), [["Adeyemi"]], "{rows:#?}");
}

#[test]
fn issue_6ac_the_judge_decides_the_verbless_gate() {
    // Verbs the classifier gives more than the verb threshold but less than the verbless gate
    // asks of a content without a verb: read when the draft judge trusts the whole draft.
    let doc = extract(
        "The fishermen's union shared its worries about the new quay.\n\nThe union voted \
         against the harbour levy.\n",
    );
    // The cue may take the worries with it, as PolNeAR marks "shared its worries about" C.
    let rows = claim_rows(&doc);
    assert!(
        rows.iter().any(|(c, s, t)| c.starts_with("shared")
            && s.iter().any(|x| x == "The fishermen's union")
            && format!("{c} {t}").ends_with("its worries about the new quay")),
        "{rows:#?}"
    );
    has_claim(&doc, "voted against", "The union", "the harbour levy");
}

/// 6AO: a `no_comment` notice names the subject of its clause when no actor is named ("The
/// harbour office declined to comment", "she did not respond"), and `eval polnear` scores it
/// as the source of the refusal, as PolNeAR marks it.
#[test]
fn issue_6ao_a_refusal_to_comment_names_its_subject() {
    let text = "The ferry timetable changed on Monday. The harbour office declined to comment. \
                Asked about the fares, she did not respond to a request for comment.\n";
    let doc = extract(text);
    let subjects: Vec<&str> = doc["notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "no_comment")
        .filter_map(|n| n["subject"]["text"].as_str())
        .collect();
    assert_eq!(subjects, ["The harbour office", "she"], "{doc}");
    let dir = polnear_dir(
        "polnear-6ao",
        text,
        "T1\tSource 39 57\tThe harbour office\nT2\tCue 58 66\tdeclined\n\
         T3\tContent 67 77\tto comment\n",
    );
    let out = succeed(byline().args(["eval", "polnear", "--json"]).arg(&dir));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["layers"]["sources_overlap"]["correct"], 1, "{v}");
}
