//! `byline eval timeml DIR…`: TIMEX3 recognition and normalisation against TempEval-3 TimeML,
//! each document resolved against its own creation time.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_eval::prf::Counts;
use byline_eval::timeml::{read_dir, score, Annotation, Scores};

use crate::cmd::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folders of `.tml` files (searched recursively), or single files.
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Also print every missed, spurious or wrongly valued expression (for development data).
    #[arg(long)]
    errors: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let mut total = Scores::default();
    let mut documents = 0;
    for dir in &args.dirs {
        let docs = read_dir(dir).with_context(|| format!("{}", dir.display()))?;
        for doc in docs {
            documents += 1;
            let dct = doc
                .dct
                .as_deref()
                .and_then(|d| byline_timex::parse_date(d).ok());
            let system: Vec<Annotation> = byline_timex::tag_text(&doc.text, dct)
                .into_iter()
                .map(|t| Annotation {
                    start: t.start,
                    end: t.end,
                    kind: t.kind.as_str().to_string(),
                    value: t.value.unwrap_or_default(),
                })
                .collect();
            total.add(score(&doc.timexes, &system));
            if args.errors {
                print_errors(&doc.path, &doc.text, &doc.timexes, &system);
            }
        }
    }
    let counts = |c: Counts| {
        serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
            "correct": c.correct, "predicted": c.predicted, "gold": c.gold})
    };
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "documents": documents,
                "strict": counts(total.strict), "relaxed": counts(total.relaxed),
                "type": counts(total.kind), "value": counts(total.value),
                "type_accuracy": total.type_accuracy(), "value_accuracy": total.value_accuracy(),
            })
        );
    } else {
        println!(
            "documents {documents}, gold TIMEX3 {}, system {}",
            total.relaxed.gold, total.relaxed.predicted
        );
        println!("{:<10} {:>7} {:>7} {:>7}", "", "P", "R", "F1");
        for (name, c) in [
            ("strict", total.strict),
            ("relaxed", total.relaxed),
            ("type", total.kind),
            ("value", total.value),
        ] {
            println!(
                "{name:<10} {:>7.4} {:>7.4} {:>7.4}",
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        println!("type accuracy  {:.4}", total.type_accuracy());
        println!("value accuracy {:.4}", total.value_accuracy());
    }
    Ok(Outcome::AllOk)
}

fn print_errors(path: &std::path::Path, text: &str, gold: &[Annotation], system: &[Annotation]) {
    let overlaps = |a: &Annotation, b: &Annotation| a.start < b.end && b.start < a.end;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let show = |a: &Annotation| text[a.start..a.end].replace('\n', " ");
    for g in gold {
        match system.iter().find(|s| overlaps(g, s)) {
            None => println!("MISS\t{name}\t{}\t{}\t{}", show(g), g.kind, g.value),
            Some(s) if s.value != g.value || s.kind != g.kind => println!(
                "VALUE\t{name}\t{}\t{} {}\t| {}\t{} {}",
                show(g),
                g.kind,
                g.value,
                show(s),
                s.kind,
                s.value
            ),
            Some(_) => {}
        }
    }
    for s in system {
        if !gold.iter().any(|g| overlaps(g, s)) {
            println!("SPUR\t{name}\t{}\t{}\t{}", show(s), s.kind, s.value);
        }
    }
}
