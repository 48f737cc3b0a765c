//! One invented story told by several outlets, as byline/1 documents built by hand (the
//! extractors are not needed): a wire report, two republications of it, an outlet with its own
//! two sources, a denial by a party, a contradiction by observers, and an unrelated report.
//!
//! Shared with the CLI end-to-end tests (`crates/cli/tests/link.rs`).
#![allow(dead_code)]

use byline_model::{
    Actor, ActorKind, Claim, Document, Event, EventStatus, EventType, Factuality, Mention,
    Polarity, Source, SourceKind, Span,
};

/// Builds one document, finding every span by searching its text.
pub struct Builder {
    pub doc: Document,
}

fn span_of(text: &str, needle: &str) -> Span {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("fixture: {needle:?} not in text"));
    let start = text[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

impl Builder {
    pub fn new(id: &str, outlet: &str, date: &str, text: &str) -> Builder {
        let mut doc = Document::new(text.to_string());
        doc.id = id.to_string();
        doc.outlet = Some(outlet.to_string());
        doc.published = Some(date.to_string());
        doc.sentences.push(Span::new(0, text.chars().count()));
        Builder { doc }
    }

    fn mention(&self, text: &str) -> Mention {
        Mention {
            span: span_of(&self.doc.text, text),
            text: text.to_string(),
        }
    }

    pub fn relayed(mut self, outlet: &str) -> Builder {
        self.doc.relayed_from.push(outlet.to_string());
        self
    }

    pub fn actor(
        mut self,
        id: &str,
        name: &str,
        kind: ActorKind,
        country: Option<&str>,
        code: Option<&str>,
        mention: &str,
    ) -> Builder {
        let m = self.mention(mention);
        self.doc.actors.push(Actor {
            id: id.into(),
            name: name.into(),
            kind,
            country: country.map(str::to_string),
            code: code.map(str::to_string),
            roles: Vec::new(),
            mentions: vec![m],
        });
        self
    }

    pub fn source(
        mut self,
        id: &str,
        text: &str,
        kind: SourceKind,
        actor: Option<&str>,
        role: Option<&str>,
    ) -> Builder {
        let span = span_of(&self.doc.text, text);
        self.doc.sources.push(Source {
            id: id.into(),
            span,
            text: text.into(),
            kind,
            count: None,
            seniority: None,
            role: role.map(str::to_string),
            affiliation: None,
            actor: actor.map(str::to_string),
            refers_to: Vec::new(),
        });
        self
    }

    pub fn claim(mut self, id: &str, text: &str, sources: &[&str], f: Factuality) -> Builder {
        let span = span_of(&self.doc.text, text);
        self.doc.claims.push(Claim {
            id: id.into(),
            span,
            text: text.into(),
            sources: sources.iter().map(|s| s.to_string()).collect(),
            cue: None,
            quote: false,
            factuality: f,
            parent: None,
            events: Vec::new(),
        });
        self
    }

    #[allow(clippy::too_many_arguments)]
    pub fn event(
        mut self,
        id: &str,
        kind: EventType,
        trigger: &str,
        actor: Option<&str>,
        target: Option<&str>,
        polarity: Polarity,
        claim: &str,
    ) -> Builder {
        let trigger = self.mention(trigger);
        if let Some(c) = self.doc.claims.iter_mut().find(|c| c.id == claim) {
            c.events.push(id.to_string());
        }
        self.doc.events.push(Event {
            id: id.into(),
            kind,
            mode: None,
            cameo: None,
            trigger,
            actor: actor.map(str::to_string),
            target: target.map(str::to_string),
            location: None,
            time: None,
            polarity,
            status: EventStatus::Actual,
            claim: Some(claim.to_string()),
        });
        self
    }
}

const WIRE: &str = "TARN (Reuters) - Ruritanian artillery shelled the Bordurian village of Tarn overnight, killing four civilians and destroying a school, two local officials told Reuters on Sunday. The officials said the shelling began shortly after midnight and lasted for about an hour, and that rescue teams were still searching the rubble of several houses near the market square.";

fn with_story_actors(b: Builder, army: &str, borduria: &str) -> Builder {
    b.actor(
        "a1",
        "Ruritanian army",
        ActorKind::Military,
        Some("RUR"),
        Some("RURMIL"),
        army,
    )
    .actor(
        "a2",
        "Borduria",
        ActorKind::Country,
        Some("BOR"),
        Some("BOR"),
        borduria,
    )
}

/// The wire report.
pub fn wire() -> Document {
    with_story_actors(
        Builder::new("wire-1", "Reuters", "2025-03-02", WIRE),
        "Ruritanian artillery",
        "Bordurian",
    )
    .source("s1", "two local officials", SourceKind::Anonymous, None, Some("official"))
    .claim(
        "c1",
        "Ruritanian artillery shelled the Bordurian village of Tarn overnight, killing four civilians and destroying a school",
        &["s1"],
        Factuality::Reported,
    )
    .event("e1", EventType::Assault, "shelled", Some("a1"), Some("a2"), Polarity::Positive, "c1")
    .doc
}

/// A republication that says where it comes from.
pub fn relay_credited() -> Document {
    let mut d = wire();
    d.id = "herald-1".into();
    d.outlet = Some("Daily Herald".into());
    d.relayed_from = vec!["Reuters".into()];
    d
}

/// A republication with a new headline line and no `relayed_from` (the credit is in the text).
pub fn relay_uncredited() -> Document {
    let text = format!("{WIRE} Local radio also reported damage.");
    let b = Builder::new("post-1", "Evening Post", "2025-03-03", &text);
    with_story_actors(b, "Ruritanian artillery", "Bordurian")
        .source("s1", "two local officials", SourceKind::Anonymous, None, Some("official"))
        .claim(
            "c1",
            "Ruritanian artillery shelled the Bordurian village of Tarn overnight, killing four civilians and destroying a school",
            &["s1"],
            Factuality::Reported,
        )
        .event("e1", EventType::Assault, "shelled", Some("a1"), Some("a2"), Polarity::Positive, "c1")
        .doc
}

/// An outlet with its own two anonymous sources.
pub fn own_sources() -> Document {
    let text = "An aid worker in the area and a doctor at the district hospital said Ruritanian guns shelled Tarn during the night, and that four civilians were killed. Both asked not to be named.";
    let b = Builder::new("valley-1", "Valley News", "2025-03-02", text);
    with_story_actors(b, "Ruritanian guns", "Tarn")
        .source(
            "s1",
            "An aid worker in the area",
            SourceKind::Anonymous,
            None,
            Some("aid worker"),
        )
        .source(
            "s2",
            "a doctor at the district hospital",
            SourceKind::Anonymous,
            None,
            Some("doctor"),
        )
        .claim(
            "c1",
            "Ruritanian guns shelled Tarn during the night, and that four civilians were killed",
            &["s1", "s2"],
            Factuality::Reported,
        )
        .event(
            "e1",
            EventType::Assault,
            "shelled",
            Some("a1"),
            Some("a2"),
            Polarity::Positive,
            "c1",
        )
        .doc
}

/// A party to the event denies it.
pub fn denial() -> Document {
    let text = "The Ruritanian defence ministry denied that Ruritanian forces had shelled Tarn, calling the reports of civilians killed there fabricated.";
    let b = Builder::new("times-1", "Capital Times", "2025-03-03", text);
    with_story_actors(b, "Ruritanian forces", "Tarn")
        .actor(
            "a3",
            "Ruritanian defence ministry",
            ActorKind::Government,
            Some("RUR"),
            Some("RURGOV"),
            "Ruritanian defence ministry",
        )
        .source(
            "s1",
            "The Ruritanian defence ministry",
            SourceKind::NamedOrganization,
            Some("a3"),
            None,
        )
        .claim(
            "c1",
            "Ruritanian forces had shelled Tarn",
            &["s1"],
            Factuality::Denied,
        )
        .event(
            "e1",
            EventType::Assault,
            "shelled",
            Some("a1"),
            Some("a2"),
            Polarity::Positive,
            "c1",
        )
        .doc
}

/// Observers who are not a party say it did not happen.
pub fn contradiction() -> Document {
    let text = "Observers from the border monitoring mission said Ruritanian units had not shelled Tarn and that the damage was caused by a gas explosion.";
    let b = Builder::new("monitor-1", "Monitor Weekly", "2025-03-04", text);
    with_story_actors(b, "Ruritanian units", "Tarn")
        .actor(
            "a3",
            "border monitoring mission",
            ActorKind::Igo,
            None,
            None,
            "border monitoring mission",
        )
        .source(
            "s1",
            "Observers from the border monitoring mission",
            SourceKind::NamedOrganization,
            Some("a3"),
            None,
        )
        .claim(
            "c1",
            "Ruritanian units had not shelled Tarn",
            &["s1"],
            Factuality::Reported,
        )
        .event(
            "e1",
            EventType::Assault,
            "shelled",
            Some("a1"),
            Some("a2"),
            Polarity::Negated,
            "c1",
        )
        .doc
}

/// A report about something else.
pub fn unrelated() -> Document {
    let text = "Borduria's parliament approved a new budget on Monday after a long debate, the speaker said.";
    Builder::new("budget-1", "Valley News", "2025-03-05", text)
        .actor(
            "a1",
            "Borduria",
            ActorKind::Country,
            Some("BOR"),
            Some("BOR"),
            "Borduria",
        )
        .source("s1", "the speaker", SourceKind::NamedPerson, None, None)
        .claim(
            "c1",
            "Borduria's parliament approved a new budget on Monday after a long debate",
            &["s1"],
            Factuality::Reported,
        )
        .doc
}

/// The whole story, in the order the reports come in.
pub fn all() -> Vec<Document> {
    vec![
        wire(),
        relay_credited(),
        relay_uncredited(),
        own_sources(),
        denial(),
        contradiction(),
        unrelated(),
    ]
}
