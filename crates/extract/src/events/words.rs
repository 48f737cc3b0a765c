//! Closed word classes the events annotator reads structure from (all lowercase).

/// Determiners and possessives.
pub(crate) fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "whose"
            | "any"
            | "some"
            | "every"
            | "each"
            | "'s"
            | "’s"
    )
}

/// Prepositions (without "to", which also marks infinitives).
pub(crate) fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "by"
            | "with"
            | "from"
            | "for"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "about"
            | "against"
            | "between"
            | "among"
            | "after"
            | "before"
            | "during"
            | "without"
            | "through"
            | "toward"
            | "towards"
            | "across"
            | "upon"
            | "near"
            | "outside"
            | "inside"
    )
}

/// Prepositions after which a place is where an event happened.
pub(crate) fn is_locative(w: &str) -> bool {
    matches!(
        w,
        "in" | "at" | "near" | "outside" | "inside" | "across" | "throughout"
    )
}

/// Forms of "be" and "get" that make a participle passive.
pub(crate) fn is_passive_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "get"
            | "gets"
            | "got"
            | "gotten"
    )
}

/// Forms of "be" that make an -ing form progressive.
pub(crate) fn is_be(w: &str) -> bool {
    matches!(
        w,
        "is" | "are" | "was" | "were" | "be" | "been" | "am" | "'s" | "’s" | "'re" | "’re"
    )
}

/// Reporting verbs: the clause before them is a source, the clause after is what was said.
pub(crate) fn is_reporting(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "announced"
            | "announces"
            | "stated"
            | "states"
            | "declared"
            | "declares"
            | "added"
            | "reported"
            | "reports"
            | "according"
            | "claimed"
            | "claims"
            | "noted"
            | "insisted"
            | "insists"
            | "stressed"
            | "reiterated"
            | "reiterates"
            | "concluded"
            | "concludes"
            | "argued"
            | "argues"
            | "asserted"
            | "asserts"
            | "affirmed"
            | "affirms"
            | "reminded"
            | "reminds"
            | "reminder"
    )
}

/// Words that open a new clause: the subject of a verb after them is not before them.
pub(crate) fn opens_clause(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "because"
            | "while"
            | "whereas"
            | "when"
            | "although"
            | "though"
            | "if"
            | "unless"
            | "since"
            | "until"
            | ";"
            | ":"
            | "("
            | ")"
            | "\""
            | "“"
            | "”"
            | "—"
            | "–"
    )
}

/// Words after which an object no longer belongs to the verb before them.
pub(crate) fn closes_object(w: &str) -> bool {
    opens_clause(w)
        || is_reporting(w)
        || matches!(
            w,
            "but"
                | "who"
                | "which"
                | "whom"
                | "after"
                | "before"
                | "as"
                | "despite"
                | "although"
                | "though"
                | "because"
        )
}

/// Coordinators joining participants ("Syria and Israel").
pub(crate) fn is_coordinator(w: &str) -> bool {
    matches!(w, "and" | "or" | "nor" | "," | "&")
}

/// Personal pronouns that can stand for a speaker named before them.
pub(crate) fn is_pronoun(w: &str) -> bool {
    matches!(w, "it" | "they" | "he" | "she" | "we")
}

/// Negation cues.
pub(crate) fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "n't"
            | "n’t"
            | "never"
            | "no"
            | "neither"
            | "nor"
            | "without"
            | "cannot"
            // "failed to reach agreement": an act tried and not done.
            | "fail"
            | "fails"
            | "failed"
            | "failing"
    )
}

/// Punctuation tokens.
pub(crate) fn is_punct(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| !c.is_alphanumeric())
}

/// Adjectives that give an event its mode ("military aid", "economic support").
pub(crate) fn mode_adjective(w: &str) -> Option<&'static str> {
    Some(match w {
        "military" | "militarily" | "arms" | "weapons" => "military",
        "economic" | "economically" | "financial" | "financially" | "salaries" | "salary"
        | "money" | "cash" => "economic",
        "humanitarian" | "medical" | "food" => "humanitarian",
        "diplomatic" | "diplomatically" => "diplomatic",
        "intelligence" => "intelligence",
        _ => return None,
    })
}

/// Nouns of time a parser may take for a subject ("today rejected").
pub(crate) fn is_time_noun(w: &str) -> bool {
    matches!(
        w,
        "today"
            | "yesterday"
            | "tonight"
            | "tomorrow"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "week"
            | "month"
            | "year"
            | "time"
            | "night"
            | "morning"
            | "evening"
    )
}

/// Things that are published rather than set free ("released the files").
pub(crate) fn is_publication(w: &str) -> bool {
    matches!(
        w,
        "file"
            | "files"
            | "report"
            | "reports"
            | "statement"
            | "statements"
            | "data"
            | "details"
            | "document"
            | "documents"
            | "information"
            | "results"
            | "footage"
            | "video"
            | "videos"
            | "record"
            | "records"
            | "recording"
            | "transcript"
            | "transcripts"
            | "findings"
            | "figures"
            | "images"
            | "photos"
            | "list"
            | "names"
            | "album"
            | "film"
            | "book"
            | "indictment"
            | "verdict"
            | "ruling"
            | "text"
            | "draft"
            | "tape"
            | "videotape"
            | "audiotape"
            | "letter"
            | "message"
    )
}

/// Verbs (lemmas) whose object does what their `to` clause says ("pressed Syria to advance").
pub(crate) fn controls_object(lemma: &str) -> bool {
    matches!(
        lemma,
        "press"
            | "pressure"
            | "push"
            | "urge"
            | "ask"
            | "call"
            | "encourage"
            | "force"
            | "compel"
            | "persuade"
            | "invite"
            | "order"
            | "instruct"
            | "tell"
            | "allow"
            | "permit"
            | "require"
            | "want"
            | "expect"
    )
}

/// Plural nouns for crowds and unnamed groups that protest, riot or attack ("demonstrators",
/// "gunmen", "hackers"); the actors annotator makes no actor of them.
pub(crate) fn is_crowd(w: &str) -> bool {
    matches!(
        w,
        "demonstrators"
            | "protesters"
            | "protestors"
            | "rioters"
            | "strikers"
            | "marchers"
            | "crowds"
            | "crowd"
            | "mob"
            | "mobs"
            | "people"
            | "students"
            | "workers"
            | "villagers"
            | "residents"
            | "prisoners"
            | "inmates"
            | "refugees"
            | "youths"
            | "fundamentalists"
            | "extremists"
            | "militants"
            | "gunmen"
            | "assailants"
            | "attackers"
            | "bombers"
            | "insurgents"
            | "guerrillas"
            | "guerillas"
            | "hackers"
            | "settlers"
            | "activists"
            | "supporters"
            | "opponents"
            | "looters"
            | "separatists"
            | "militiamen"
            | "snipers"
            | "raiders"
            | "kidnappers"
            | "hijackers"
            | "thousands"
            | "hundreds"
    )
}

/// Nouns for weapons and blasts that kill or destroy with nobody named ("a car bomb", "an
/// improvised explosive device").
pub(crate) fn is_device(w: &str) -> bool {
    matches!(
        w,
        "bomb"
            | "bombs"
            | "bombing"
            | "bombings"
            | "blast"
            | "blasts"
            | "explosion"
            | "explosions"
            | "device"
            | "devices"
            | "mine"
            | "mines"
            | "landmine"
            | "rocket"
            | "rockets"
            | "missile"
            | "missiles"
            | "mortar"
            | "mortars"
            | "shell"
            | "shells"
            | "grenade"
            | "grenades"
            | "attack"
            | "attacks"
    )
}

/// Words before the noun *strike* that make it a work stoppage: the verbs that start, hold or
/// end one ("staged", "called", "on strike"), and who or how long ("nationwide", "teachers",
/// "four-day").
pub(crate) fn is_stoppage_cue(w: &str) -> bool {
    matches!(
        w,
        "on" | "stage"
            | "staged"
            | "stages"
            | "staging"
            | "call"
            | "called"
            | "calls"
            | "calling"
            | "hold"
            | "held"
            | "holding"
            | "declare"
            | "declared"
            | "end"
            | "ended"
            | "ending"
            | "nationwide"
            | "national"
            | "countrywide"
            | "indefinite"
            | "labor"
            | "labour"
            | "union"
            | "workers"
            | "workers'"
            | "teachers"
            | "doctors"
            | "nurses"
            | "miners"
            | "transport"
            | "day"
            | "hour"
            | "week"
    )
}

/// Modifiers that make the noun *strike* a military one ("air strikes", "a missile strike").
pub(crate) fn is_military_modifier(w: &str) -> bool {
    matches!(
        w,
        "air"
            | "missile"
            | "drone"
            | "military"
            | "rocket"
            | "nuclear"
            | "retaliatory"
            | "preemptive"
            | "pre-emptive"
            | "surgical"
            | "precision"
            | "artillery"
            | "aerial"
    )
}

/// Nouns for undertakings that an event noun before them names ("a mediation effort", "a
/// bombing campaign", "relief operations").
pub(crate) fn is_undertaking(w: &str) -> bool {
    matches!(
        w,
        "effort"
            | "efforts"
            | "campaign"
            | "campaigns"
            | "operation"
            | "operations"
            | "mission"
            | "missions"
            | "drive"
            | "bid"
    )
}

/// Contests and candidacies one withdraws from without any retreat of forces ("withdrew from
/// the race", "withdrew his nomination").
pub(crate) fn is_contest(w: &str) -> bool {
    matches!(
        w,
        "race"
            | "election"
            | "elections"
            | "contest"
            | "candidacy"
            | "candidature"
            | "nomination"
            | "competition"
            | "tournament"
            | "championship"
            | "games"
            | "politics"
            | "bid"
    )
}

/// Words after which a bare verb form is a verb ("to meet officials", "will aid workers",
/// "they arrest leaders").
pub(crate) fn takes_bare_verb(w: &str) -> bool {
    matches!(
        w,
        "to" | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "must"
            | "may"
            | "might"
            | "shall"
            | "did"
            | "do"
            | "does"
            | "not"
            | "and"
            | "or"
            | "also"
            | "they"
            | "we"
            | "i"
            | "you"
    ) || is_pronoun(w)
}

/// Nouns for hostile responses that make a warning of them a threat ("warned of
/// retaliation", "warned of severe consequences").
pub(crate) fn is_reprisal(w: &str) -> bool {
    matches!(
        w,
        "consequences"
            | "retaliation"
            | "reprisal"
            | "reprisals"
            | "retribution"
            | "revenge"
            | "action"
            | "measures"
            | "force"
            | "sanctions"
            | "punishment"
            | "response"
    )
}

/// Nouns for the people who live somewhere ("Druze inhabitants of the Golan").
pub(crate) fn is_dwellers(w: &str) -> bool {
    matches!(
        w,
        "inhabitants" | "residents" | "villagers" | "citizens" | "natives" | "population"
    )
}

/// Nouns of an `in … of/against X` phrase whose `X` a verb is aimed at ("in defiance of X",
/// "in retaliation against X").
pub(crate) fn is_stance_noun(w: &str) -> bool {
    matches!(
        w,
        "defiance"
            | "protest"
            | "opposition"
            | "retaliation"
            | "retribution"
            | "revenge"
            | "response"
    )
}
