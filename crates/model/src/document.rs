//! The document and its layers.

use serde::{Deserialize, Serialize};

use crate::Span;

/// One report and everything extracted from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always `byline/1`.
    pub schema: String,
    /// Content hash of the normalised text (hex SHA-256, first 16 bytes).
    pub id: String,
    /// Where the report came from.
    pub url: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Publication date, ISO 8601 (`2025-09-16`), given by the caller or found in the input.
    pub published: Option<String>,
    /// ISO 639-1 language code.
    pub language: String,
    /// The normalised text that all offsets refer to.
    pub text: String,
    /// Outlets this report passes on ("Reuters reported").
    #[serde(default)]
    pub relayed_from: Vec<String>,
    /// Paragraph spans.
    #[serde(default)]
    pub paragraphs: Vec<Span>,
    /// Sentence spans.
    #[serde(default)]
    pub sentences: Vec<Span>,
    /// Actors resolved across their mentions.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// Mentions of whoever a claim is attributed to.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Propositions with their sources and cues.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Direct speech.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Who did what to whom.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Time expressions.
    #[serde(default)]
    pub times: Vec<Time>,
    /// Statements about the reporting itself.
    #[serde(default)]
    pub notices: Vec<Notice>,
}

impl Document {
    /// An empty document over `text` (no id, no layers).
    pub fn new(text: String) -> Document {
        Document {
            schema: crate::SCHEMA.to_string(),
            id: String::new(),
            url: None,
            outlet: None,
            title: None,
            published: None,
            language: "en".to_string(),
            text,
            relayed_from: Vec::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            actors: Vec::new(),
            sources: Vec::new(),
            claims: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            times: Vec::new(),
            notices: Vec::new(),
        }
    }

    /// The text of a code-point span, or `None` when it lies outside the text.
    pub fn slice(&self, span: Span) -> Option<&str> {
        let n = self.text.chars().count();
        if span.0 > span.1 || span.1 > n {
            return None;
        }
        let map = crate::CharMap::new(&self.text);
        Some(&self.text[map.bytes(span)])
    }

    /// Every `(span, text)` pair the document carries, for checking `text[span] == item.text`.
    pub fn spanned_items(&self) -> Vec<(Span, &str)> {
        let mut out = Vec::new();
        for a in &self.actors {
            out.extend(a.mentions.iter().map(|m| (m.span, m.text.as_str())));
        }
        for s in &self.sources {
            out.push((s.span, s.text.as_str()));
        }
        for c in &self.claims {
            out.push((c.span, c.text.as_str()));
            if let Some(cue) = &c.cue {
                out.push((cue.span, cue.text.as_str()));
            }
        }
        for q in &self.quotes {
            out.push((q.span, q.text.as_str()));
        }
        for e in &self.events {
            out.push((e.trigger.span, e.trigger.text.as_str()));
        }
        for t in &self.times {
            out.push((t.span, t.text.as_str()));
        }
        for n in &self.notices {
            out.push((n.cue.span, n.cue.text.as_str()));
            if let Some(m) = &n.subject {
                out.push((m.span, m.text.as_str()));
            }
        }
        out
    }
}

/// A piece of the text: its span and its own text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Code-point span into [`Document::text`].
    pub span: Span,
    /// The text of that span.
    pub text: String,
}

/// What kind of participant an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ActorKind {
    Country,
    Government,
    Military,
    Police,
    Rebel,
    Militia,
    Party,
    Group,
    Igo,
    Ngo,
    Organization,
    Media,
    Business,
    Person,
    Place,
}

/// A real-world participant, resolved across its mentions in the document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Document-local id (`a1`, `a2`, …).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// What kind of participant.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code, if any.
    pub country: Option<String>,
    /// CAMEO-style actor code (`ISRGOV`, `IGOUNO`).
    pub code: Option<String>,
    /// Roles held ("President of Syria").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Every mention in the text.
    pub mentions: Vec<Mention>,
}

/// What kind of source a statement is attributed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum SourceKind {
    NamedPerson,
    NamedOrganization,
    Anonymous,
    Outlet,
    Document,
}

/// A mention of whoever a claim is attributed to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Document-local id (`s1`, …).
    pub id: String,
    /// Code-point span.
    pub span: Span,
    /// Text of the span.
    pub text: String,
    /// Kind of source.
    pub kind: SourceKind,
    /// How many people the mention stands for (2 in "two officials"); null for a bare plural.
    pub count: Option<u32>,
    /// "senior", "top", "high-ranking" …
    pub seniority: Option<String>,
    /// "official", "commander", "diplomat", "intelligence", "security" …
    pub role: Option<String>,
    /// Actor id of the affiliation ("Israeli" → the actor Israel).
    pub affiliation: Option<String>,
    /// The actor this source is, for named sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Earlier sources this mention re-mentions ("They", "the official").
    #[serde(default)]
    pub refers_to: Vec<String>,
}

/// How sure anyone is of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Factuality {
    Asserted,
    Reported,
    Hedged,
    Belief,
    Denied,
    Unverified,
    Disputed,
}

/// A proposition in the report together with its sources and cue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Document-local id (`c1`, …).
    pub id: String,
    /// Code-point span of the content.
    pub span: Span,
    /// Text of the span.
    pub text: String,
    /// Source ids.
    pub sources: Vec<String>,
    /// The reporting cue ("said", "According to").
    pub cue: Option<Mention>,
    /// True for direct speech.
    pub quote: bool,
    /// How sure anyone is.
    pub factuality: Factuality,
    /// The claim this one is nested in (an official reporting what a president believes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Events reported in this claim.
    #[serde(default)]
    pub events: Vec<String>,
}

/// Direct speech inside quotation marks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Document-local id (`q1`, …).
    pub id: String,
    /// Code-point span of the quoted text, without the marks.
    pub span: Span,
    /// Text of the span.
    pub text: String,
    /// Source id of the speaker.
    pub speaker: Option<String>,
    /// Claim id this quote is the content of.
    pub claim: Option<String>,
}

/// PLOVER event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

/// Whether an event happened or was negated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Polarity {
    Positive,
    Negated,
}

/// Whether an event is real, ongoing, or only planned or imagined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum EventStatus {
    Actual,
    Ongoing,
    Planned,
    Proposed,
    Hypothetical,
}

/// A who-did-what-to-whom record in the PLOVER ontology.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Document-local id (`e1`, …).
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// PLOVER mode ("military", "economic", …).
    pub mode: Option<String>,
    /// Nearest CAMEO root code ("07").
    pub cameo: Option<String>,
    /// The word that signals the event.
    pub trigger: Mention,
    /// Actor id of the one who acts.
    pub actor: Option<String>,
    /// Actor id of the one acted on.
    pub target: Option<String>,
    /// Actor id of the place.
    pub location: Option<String>,
    /// Time id.
    pub time: Option<String>,
    /// Positive or negated.
    pub polarity: Polarity,
    /// Actual, ongoing, planned, proposed or hypothetical.
    pub status: EventStatus,
    /// The claim that reports this event.
    pub claim: Option<String>,
}

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// A TIMEX3-style time expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Time {
    /// Document-local id (`t1`, …).
    pub id: String,
    /// Code-point span.
    pub span: Span,
    /// Text of the span.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value resolved against the publication date ("2025-09-16", "P3D", "PAST_REF").
    pub value: Option<String>,
}

/// What a notice says about the reporting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum NoticeKind {
    Unverified,
    NoComment,
    Denied,
    Correction,
}

/// A statement about the reporting itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    /// Kind of notice.
    pub kind: NoticeKind,
    /// Actor id of whoever makes the notice (the outlet that could not verify).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Actor id the notice is about (who declined to comment, who denied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Claim ids the notice applies to.
    #[serde(default)]
    pub claims: Vec<String>,
    /// The words that make the notice.
    pub cue: Mention,
    /// The subject of the notice's clause ("He declined to comment", "a spokeswoman for X
    /// did not respond"): who the notice is about, as the text puts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Mention>,
}
