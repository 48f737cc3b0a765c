//! Stand-in actor tagging while the actors layer is empty.
//!
//! The events annotator needs resolved actors. When the actors annotator has filled nothing
//! (it is not built yet, or found nothing), this finds actors itself with the actor lexicon
//! (`byline_lexicon::actors`): capitalised names, demonyms and capitals, longest match first,
//! with a role noun after a demonym or country giving the sector ("Israeli soldiers" → `ISRMIL`).
//! To be removed once the actors annotator fills `doc.actors`.

use byline_lexicon::actors::{Actors, Via};
use byline_model::{Actor, ActorKind, CharMap, Document, Mention};
use byline_text::Layout;

/// Role nouns after a country word and the sector they give.
fn sector(word: &str) -> Option<(&'static str, ActorKind)> {
    Some(match word {
        "government" | "governments" | "officials" | "official" | "authorities" | "ministry"
        | "minister" | "president" | "leader" | "leaders" | "cabinet" | "administration"
        | "diplomats" | "diplomat" | "envoy" | "regime" | "side" | "delegation" => {
            ("GOV", ActorKind::Government)
        }
        "army" | "military" | "troops" | "soldiers" | "forces" | "force" | "navy" | "warplanes"
        | "jets" | "tanks" | "helicopters" | "artillery" | "commanders" | "commander" => {
            ("MIL", ActorKind::Military)
        }
        "police" | "policemen" | "officers" => ("COP", ActorKind::Police),
        "rebels" | "rebel" | "guerrillas" | "guerillas" | "insurgents" | "militants" => {
            ("REB", ActorKind::Rebel)
        }
        "militia" | "militias" | "fighters" => ("REB", ActorKind::Militia),
        "opposition" => ("OPP", ActorKind::Party),
        "intelligence" => ("SPY", ActorKind::Government),
        "civilians" | "villagers" | "residents" | "refugees" | "students" | "workers"
        | "farmers" | "protesters" | "demonstrators" | "prisoners" | "detainees" | "people" => {
            ("CVL", ActorKind::Group)
        }
        _ => return None,
    })
}

/// Fills `doc.actors` from the actor lexicon.
pub(crate) fn tag(doc: &mut Document, layout: &Layout, chars: &CharMap) {
    let lex = Actors::builtin();
    let max = lex.max_words().clamp(1, 8);
    let text = doc.text.clone();
    for sentence in &layout.sentences {
        let toks = &layout.tokens[sentence.tokens.clone()];
        let mut i = 0;
        while i < toks.len() {
            let capital = text[toks[i].start..toks[i].end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if !capital {
                i += 1;
                continue;
            }
            let mut found = None;
            for n in (1..=max.min(toks.len() - i)).rev() {
                let (s, e) = (toks[i].start, toks[i + n - 1].end);
                if let Some(hit) = lex.lookup(&text[s..e]) {
                    found = Some((n, hit));
                    break;
                }
            }
            let Some((n, hit)) = found else {
                i += 1;
                continue;
            };
            let entry = hit.entry;
            let (s, mut e) = (toks[i].start, toks[i + n - 1].end);
            let mut code = entry.code.clone();
            let mut kind = entry.kind;
            let country_like = matches!(entry.kind, ActorKind::Country)
                || matches!(hit.via, Via::Adjective | Via::Capital);
            let mut used = n;
            if country_like {
                if let Some(next) = toks.get(i + n) {
                    let word = text[next.start..next.end].to_lowercase();
                    if let Some((sec, k)) = sector(&word) {
                        if let Some(c) = &entry.country {
                            code = Some(format!("{c}{sec}"));
                            kind = k;
                            e = next.end;
                            used += 1;
                        }
                    }
                }
            }
            let mention = Mention {
                span: chars.span(s, e),
                text: text[s..e].to_string(),
            };
            let name = if kind == entry.kind {
                entry.name.clone()
            } else {
                text[s..e].to_string()
            };
            match doc
                .actors
                .iter_mut()
                .find(|a| a.name == name && a.code == code)
            {
                Some(a) => a.mentions.push(mention),
                None => {
                    let id = format!("a{}", doc.actors.len() + 1);
                    doc.actors.push(Actor {
                        id,
                        name,
                        kind,
                        country: entry.country.clone(),
                        code,
                        roles: Vec::new(),
                        mentions: vec![mention],
                    });
                }
            }
            i += used;
        }
    }
}
