//! The word table: every word the recogniser reacts to, with what it means.
//!
//! One sorted table, looked up by binary search on the lower-cased word; a test checks the order
//! and uniqueness.

/// Calendar units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// Smaller than a day: written after `T` in ISO durations.
    pub(crate) fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// Parts of the day, with their TIMEX3 codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    pub(crate) fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
        }
    }
}

/// Seasons, with their TIMEX3 codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// First month of the season (northern hemisphere; winter starts in December).
    pub(crate) fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// Words that shift a unit or a named day: last, next, this …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shift {
    Last,
    Next,
    This,
    Past,
    Previous,
    Following,
    Coming,
    Same,
    That,
    Recent,
}

/// Vague references with a fixed TIMEX3 value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Vague {
    Past,
    Present,
    Future,
}

impl Vague {
    pub(crate) fn value(self) -> &'static str {
        match self {
            Vague::Past => "PAST_REF",
            Vague::Present => "PRESENT_REF",
            Vague::Future => "FUTURE_REF",
        }
    }
}

/// Other words the grammar names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum W {
    A,
    After,
    Ago,
    Am,
    At,
    Before,
    Beginning,
    Christmas,
    Each,
    Early,
    Earlier,
    End,
    Every,
    Few,
    Fiscal,
    From,
    Future,
    Half,
    In,
    Late,
    Later,
    Least,
    Less,
    Local,
    Many,
    Middle,
    Mid,
    Midnight,
    More,
    Noon,
    Now,
    Of,
    Once,
    Other,
    Per,
    Pm,
    Present,
    Several,
    Since,
    Some,
    Start,
    Than,
    The,
    Then,
    Time,
    Times,
    Tonight,
    Twice,
    Up,
    Within,
    For,
    Over,
    Until,
    To,
    Date,
    Election,
    Moment,
    These,
    Old,
    Long,
    Period,
    Latest,
}

/// What a word means to the recogniser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    Month(u8),
    /// Day of week, 1 = Monday.
    Weekday(u8),
    /// Plural day of week ("Fridays"): a set.
    Weekdays(u8),
    /// A unit; `true` when plural.
    Unit(Unit, bool),
    Number(u32),
    /// Ordinal number ("third").
    Ordinal(u32),
    /// Decade words ("nineties" → 9).
    DecadeWord(u8),
    Season(Season),
    PartOfDay(PartOfDay),
    /// today (0), yesterday (-1), tomorrow (1).
    RelDay(i8),
    Shift(Shift),
    Vague(Vague),
    /// Approximators that join the expression ("about", "around").
    Approx,
    /// Frequency adverbs: daily (P1D) …
    Every(Unit),
    /// Time zones.
    Zone,
    W(W),
}

use Lex::*;

/// Sorted by word (byte order); checked by a test.
pub(crate) static WORDS: &[(&str, Lex)] = &[
    ("a", W(W::A)),
    ("about", Approx),
    ("after", W(W::After)),
    ("afternoon", PartOfDay(self::PartOfDay::Afternoon)),
    ("afternoons", PartOfDay(self::PartOfDay::Afternoon)),
    ("ago", W(W::Ago)),
    ("almost", Approx),
    ("am", W(W::Am)),
    ("an", W(W::A)),
    ("approximately", Approx),
    ("apr", Month(4)),
    ("april", Month(4)),
    ("around", Approx),
    ("at", W(W::At)),
    ("aug", Month(8)),
    ("august", Month(8)),
    ("autumn", Season(self::Season::Fall)),
    ("before", W(W::Before)),
    ("beginning", W(W::Beginning)),
    ("bst", Zone),
    ("centuries", Unit(self::Unit::Century, true)),
    ("century", Unit(self::Unit::Century, false)),
    ("cet", Zone),
    ("christmas", W(W::Christmas)),
    ("coming", Shift(self::Shift::Coming)),
    ("current", Vague(self::Vague::Present)),
    ("currently", Vague(self::Vague::Present)),
    ("daily", Every(Unit::Day)),
    ("date", W(W::Date)),
    ("dawn", PartOfDay(self::PartOfDay::Morning)),
    ("day", Unit(self::Unit::Day, false)),
    ("days", Unit(self::Unit::Day, true)),
    ("dec", Month(12)),
    ("decade", Unit(self::Unit::Decade, false)),
    ("decades", Unit(self::Unit::Decade, true)),
    ("december", Month(12)),
    ("each", W(W::Each)),
    ("earlier", W(W::Earlier)),
    ("early", W(W::Early)),
    ("edt", Zone),
    ("eight", Number(8)),
    ("eighteen", Number(18)),
    ("eighth", Ordinal(8)),
    ("eighties", DecadeWord(8)),
    ("eighty", Number(80)),
    ("election", W(W::Election)),
    ("eleven", Number(11)),
    ("eleventh", Ordinal(11)),
    ("end", W(W::End)),
    ("est", Zone),
    ("evening", PartOfDay(self::PartOfDay::Evening)),
    ("evenings", PartOfDay(self::PartOfDay::Evening)),
    ("every", W(W::Every)),
    ("fall", Season(self::Season::Fall)),
    ("feb", Month(2)),
    ("february", Month(2)),
    ("few", W(W::Few)),
    ("fifteen", Number(15)),
    ("fifth", Ordinal(5)),
    ("fifties", DecadeWord(5)),
    ("fifty", Number(50)),
    ("first", Ordinal(1)),
    ("fiscal", W(W::Fiscal)),
    ("five", Number(5)),
    ("following", Shift(self::Shift::Following)),
    ("for", W(W::For)),
    ("fortnight", Unit(self::Unit::Fortnight, false)),
    ("forty", Number(40)),
    ("four", Number(4)),
    ("fourteen", Number(14)),
    ("fourth", Ordinal(4)),
    ("friday", Weekday(5)),
    ("fridays", Weekdays(5)),
    ("from", W(W::From)),
    ("future", W(W::Future)),
    ("gmt", Zone),
    ("half", W(W::Half)),
    ("hour", Unit(self::Unit::Hour, false)),
    ("hourly", Every(Unit::Hour)),
    ("hours", Unit(self::Unit::Hour, true)),
    ("hundred", Number(100)),
    ("in", W(W::In)),
    ("jan", Month(1)),
    ("january", Month(1)),
    ("jul", Month(7)),
    ("july", Month(7)),
    ("jun", Month(6)),
    ("june", Month(6)),
    ("last", Shift(self::Shift::Last)),
    ("late", W(W::Late)),
    ("lately", Vague(self::Vague::Past)),
    ("later", W(W::Later)),
    ("latest", W(W::Latest)),
    ("least", W(W::Least)),
    ("less", W(W::Less)),
    ("local", W(W::Local)),
    ("long", W(W::Long)),
    ("many", W(W::Many)),
    ("mar", Month(3)),
    ("march", Month(3)),
    ("may", Month(5)),
    ("mid", W(W::Mid)),
    ("midday", W(W::Noon)),
    ("middle", W(W::Middle)),
    ("midnight", W(W::Midnight)),
    ("minute", Unit(self::Unit::Minute, false)),
    ("minutes", Unit(self::Unit::Minute, true)),
    ("moment", W(W::Moment)),
    ("monday", Weekday(1)),
    ("mondays", Weekdays(1)),
    ("month", Unit(self::Unit::Month, false)),
    ("monthly", Every(Unit::Month)),
    ("months", Unit(self::Unit::Month, true)),
    ("more", W(W::More)),
    ("morning", PartOfDay(self::PartOfDay::Morning)),
    ("mornings", PartOfDay(self::PartOfDay::Morning)),
    ("nearly", Approx),
    ("next", Shift(self::Shift::Next)),
    ("night", PartOfDay(self::PartOfDay::Night)),
    ("nightly", Every(Unit::Day)),
    ("nights", PartOfDay(self::PartOfDay::Night)),
    ("nine", Number(9)),
    ("nineteen", Number(19)),
    ("nineties", DecadeWord(9)),
    ("ninety", Number(90)),
    ("ninth", Ordinal(9)),
    ("noon", W(W::Noon)),
    ("nov", Month(11)),
    ("november", Month(11)),
    ("now", W(W::Now)),
    ("nowadays", Vague(self::Vague::Present)),
    ("oct", Month(10)),
    ("october", Month(10)),
    ("of", W(W::Of)),
    ("old", W(W::Old)),
    ("once", W(W::Once)),
    ("one", Number(1)),
    ("other", W(W::Other)),
    ("over", W(W::Over)),
    ("overnight", PartOfDay(self::PartOfDay::Night)),
    ("past", Shift(self::Shift::Past)),
    ("per", W(W::Per)),
    ("period", W(W::Period)),
    ("pm", W(W::Pm)),
    ("present", W(W::Present)),
    ("presently", Vague(self::Vague::Present)),
    ("previous", Shift(self::Shift::Previous)),
    ("quarter", Unit(self::Unit::Quarter, false)),
    ("quarters", Unit(self::Unit::Quarter, true)),
    ("recent", Shift(self::Shift::Recent)),
    ("recently", Vague(self::Vague::Past)),
    ("roughly", Approx),
    ("same", Shift(self::Shift::Same)),
    ("saturday", Weekday(6)),
    ("saturdays", Weekdays(6)),
    ("second", Ordinal(2)),
    ("seconds", Unit(self::Unit::Second, true)),
    ("sep", Month(9)),
    ("sept", Month(9)),
    ("september", Month(9)),
    ("seven", Number(7)),
    ("seventeen", Number(17)),
    ("seventh", Ordinal(7)),
    ("seventies", DecadeWord(7)),
    ("seventy", Number(70)),
    ("several", W(W::Several)),
    ("since", W(W::Since)),
    ("six", Number(6)),
    ("sixteen", Number(16)),
    ("sixth", Ordinal(6)),
    ("sixties", DecadeWord(6)),
    ("sixty", Number(60)),
    ("some", W(W::Some)),
    ("spring", Season(self::Season::Spring)),
    ("start", W(W::Start)),
    ("summer", Season(self::Season::Summer)),
    ("sunday", Weekday(7)),
    ("sundays", Weekdays(7)),
    ("ten", Number(10)),
    ("tenth", Ordinal(10)),
    ("than", W(W::Than)),
    ("that", Shift(self::Shift::That)),
    ("the", W(W::The)),
    ("then", W(W::Then)),
    ("these", W(W::These)),
    ("third", Ordinal(3)),
    ("thirteen", Number(13)),
    ("thirties", DecadeWord(3)),
    ("thirty", Number(30)),
    ("this", Shift(self::Shift::This)),
    ("three", Number(3)),
    ("thursday", Weekday(4)),
    ("thursdays", Weekdays(4)),
    ("time", W(W::Time)),
    ("times", W(W::Times)),
    ("to", W(W::To)),
    ("today", RelDay(0)),
    ("tomorrow", RelDay(1)),
    ("tonight", W(W::Tonight)),
    ("tuesday", Weekday(2)),
    ("tuesdays", Weekdays(2)),
    ("twelfth", Ordinal(12)),
    ("twelve", Number(12)),
    ("twenties", DecadeWord(2)),
    ("twenty", Number(20)),
    ("twice", W(W::Twice)),
    ("two", Number(2)),
    ("until", W(W::Until)),
    ("up", W(W::Up)),
    ("utc", Zone),
    ("wednesday", Weekday(3)),
    ("wednesdays", Weekdays(3)),
    ("week", Unit(self::Unit::Week, false)),
    ("weekend", Unit(self::Unit::Weekend, false)),
    ("weekends", Unit(self::Unit::Weekend, true)),
    ("weekly", Every(Unit::Week)),
    ("weeks", Unit(self::Unit::Week, true)),
    ("winter", Season(self::Season::Winter)),
    ("within", W(W::Within)),
    ("year", Unit(self::Unit::Year, false)),
    ("yearly", Every(Unit::Year)),
    ("years", Unit(self::Unit::Year, true)),
    ("yesterday", RelDay(-1)),
];

/// Where the entries of each first letter lie in [`WORDS`].
fn buckets() -> &'static [(u16, u16); 26] {
    static BUCKETS: std::sync::OnceLock<[(u16, u16); 26]> = std::sync::OnceLock::new();
    BUCKETS.get_or_init(|| {
        let mut b = [(0u16, 0u16); 26];
        for (letter, slot) in b.iter_mut().enumerate() {
            let c = b'a' + letter as u8;
            let start = WORDS.partition_point(|(w, _)| w.as_bytes()[0] < c);
            let end = WORDS.partition_point(|(w, _)| w.as_bytes()[0] <= c);
            *slot = (start as u16, end as u16);
        }
        b
    })
}

/// Longest word of the table.
const LONGEST: usize = 13;

/// Looks up a word (any case); words longer than the longest entry are never in the table.
pub(crate) fn lookup(word: &str) -> Option<Lex> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > LONGEST || !bytes[0].is_ascii_alphabetic() {
        return None;
    }
    let mut buf = [0u8; LONGEST];
    for (b, c) in buf.iter_mut().zip(bytes) {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        *b = c.to_ascii_lowercase();
    }
    let key = &buf[..bytes.len()];
    let (start, end) = buckets()[usize::from(key[0] - b'a')];
    let slice = &WORDS[usize::from(start)..usize::from(end)];
    slice
        .binary_search_by(|(w, _)| w.as_bytes().cmp(key))
        .ok()
        .map(|i| slice[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in WORDS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} !< {}", pair[0].0, pair[1].0);
        }
        assert!(WORDS
            .iter()
            .all(|(w, _)| w.len() <= LONGEST && !w.is_empty()));
        assert!(WORDS
            .iter()
            .all(|(w, _)| w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn lookup_ignores_case() {
        assert_eq!(lookup("Tuesday"), Some(Weekday(2)));
        assert_eq!(lookup("SEPT"), Some(Month(9)));
        assert_eq!(lookup("ministers"), None);
        assert_eq!(lookup("Zürich"), None);
    }
}
