//! The recogniser: hand-written matchers over pieces, each returning where the expression ends
//! and what it means ([`Sem`]); the longest match at a position wins.

use crate::lexicon::{Lex, PartOfDay, Season, Shift, Unit, Vague, W};
use crate::scan::{Kind, Piece};

/// What an expression means, before it is resolved against the publication date.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Sem {
    /// A calendar date; a missing year is inferred from the publication date and tense.
    Date {
        y: Option<i32>,
        m: u8,
        d: Option<u8>,
    },
    Year(i32),
    /// First three digits of the decade ("199" for the 1990s).
    Decade(i32),
    /// First two digits of the century ("19" for the 20th century).
    Century(i32),
    Weekday {
        wd: u8,
        shift: Option<Shift>,
    },
    /// A month name without day or year.
    Month {
        m: u8,
        shift: Option<Shift>,
    },
    /// today (0), yesterday (-1) …
    RelDay(i32),
    /// this (0), last (-1), next (1) week/month/year, from the publication date.
    RelUnit {
        unit: Unit,
        n: i32,
    },
    /// the previous (-1), same (0), next (1) day/week/year, from the last date mentioned.
    AnchorUnit {
        unit: Unit,
        n: i32,
    },
    Season {
        s: Season,
        y: Option<i32>,
        shift: Option<Shift>,
    },
    Quarter {
        q: u8,
        y: Option<i32>,
        shift: Option<Shift>,
    },
    Half {
        h: u8,
        y: Option<i32>,
    },
    /// "three days ago" (dir -1, from the publication date), "a year later" (dir 1, anchored).
    Offset {
        unit: Unit,
        amount: Option<f64>,
        dir: i32,
        anchored: bool,
    },
    Duration {
        amount: Option<f64>,
        unit: Unit,
    },
    Clock {
        h: u8,
        m: u8,
        day: Option<Box<Sem>>,
    },
    PartOfDay {
        pod: PartOfDay,
        day: Option<Box<Sem>>,
    },
    Vague(Vague),
    /// A set with its value already written ("P1D", "XXXX-WXX-5").
    Set(String),
    /// The day of an election named earlier in the text.
    ElectionDay,
    /// "July last year": a month of the year `n` years from the publication date.
    MonthOfYear {
        m: u8,
        n: i32,
    },
    /// "the weekend": the last one, or the coming one in a future clause.
    Weekend,
}

impl Sem {
    /// Whether resolving it depends on the tense of its clause (so tense is worked out only
    /// when it matters).
    pub(crate) fn needs_tense(&self) -> bool {
        match self {
            Sem::Date { y, .. } => y.is_none(),
            Sem::Season { y, .. } | Sem::Quarter { y, .. } => y.is_none(),
            Sem::Weekday { .. }
            | Sem::Month { .. }
            | Sem::AnchorUnit { .. }
            | Sem::Weekend
            | Sem::Offset { anchored: true, .. } => true,
            Sem::Clock { day, .. } | Sem::PartOfDay { day, .. } => {
                day.as_ref().is_none_or(|d| d.needs_tense())
            }
            _ => false,
        }
    }

    /// Names one day (or a part of one), so a clock time or a part of the day can attach to it.
    fn is_day(&self) -> bool {
        matches!(
            self,
            Sem::Date { d: Some(_), .. }
                | Sem::Weekday { .. }
                | Sem::RelDay(_)
                | Sem::AnchorUnit {
                    unit: Unit::Day,
                    ..
                }
        )
    }
}

/// A match: pieces `[start, end)` and their meaning.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    /// TIMEX3 `mod`: START, END, MID, APPROX …
    pub modifier: Option<&'static str>,
}

/// Count nouns after which a four-digit number is a quantity, not a year.
static COUNT_NOUNS: &[&str] = &[
    "acres",
    "barrels",
    "cars",
    "cases",
    "children",
    "civilians",
    "dead",
    "deaths",
    "dollars",
    "euros",
    "families",
    "feet",
    "fighters",
    "homes",
    "hours",
    "households",
    "houses",
    "jobs",
    "kilometers",
    "kilometres",
    "km",
    "meters",
    "metres",
    "miles",
    "militants",
    "people",
    "percent",
    "points",
    "police",
    "pounds",
    "prisoners",
    "refugees",
    "residents",
    "rounds",
    "seats",
    "shares",
    "soldiers",
    "students",
    "tonnes",
    "tons",
    "troops",
    "units",
    "victims",
    "votes",
    "workers",
    "yards",
];

/// Words before a number in 1000–1899 that make it a year.
static YEAR_PREPOSITIONS: &[&str] = &[
    "after", "and", "before", "between", "by", "during", "from", "in", "of", "since", "through",
    "to", "until", "year",
];

/// The matcher over the pieces of one text.
pub(crate) struct Grammar<'a> {
    pub text: &'a str,
    pub p: &'a [Piece],
    /// End of the current sentence (exclusive piece index).
    pub hi: usize,
    /// Start of the current sentence.
    pub lo: usize,
}

impl<'a> Grammar<'a> {
    fn lex(&self, j: usize) -> Option<Lex> {
        if j < self.hi {
            self.p[j].lex
        } else {
            None
        }
    }

    fn w(&self, j: usize, w: W) -> bool {
        self.lex(j) == Some(Lex::W(w))
    }

    fn ch(&self, j: usize, c: char) -> bool {
        j < self.hi && self.p[j].is_char(c)
    }

    fn str(&self, j: usize) -> &'a str {
        &self.text[self.p[j].start..self.p[j].end]
    }

    fn is_word(&self, j: usize, w: &str) -> bool {
        j < self.hi && self.p[j].kind == Kind::Word && self.str(j).eq_ignore_ascii_case(w)
    }

    fn digits(&self, j: usize) -> Option<(u32, u8)> {
        if j < self.hi && self.p[j].kind == Kind::Digits {
            Some((self.p[j].num, self.p[j].digits))
        } else {
            None
        }
    }

    fn glued(&self, j: usize) -> bool {
        j < self.hi && self.p[j].glued
    }

    fn lower_word_at(&self, j: usize) -> bool {
        j < self.hi && self.p[j].kind == Kind::Word && !self.p[j].cap
    }

    /// Skips an abbreviation point glued to the piece before `j`.
    fn skip_dot(&self, j: usize) -> usize {
        if self.ch(j, '.') && self.glued(j) {
            j + 1
        } else {
            j
        }
    }

    /// Skips a comma.
    fn skip_comma(&self, j: usize) -> usize {
        if self.ch(j, ',') {
            j + 1
        } else {
            j
        }
    }

    /// The longest expression starting at piece `i`.
    pub(crate) fn match_at(&self, i: usize) -> Option<Found> {
        let first = &self.p[i];
        let can_start = match first.lex {
            None => first.kind == Kind::Digits || first.is_char('\''),
            Some(Lex::W(w)) => !matches!(
                w,
                W::After
                    | W::Ago
                    | W::Before
                    | W::Date
                    | W::For
                    | W::From
                    | W::In
                    | W::Least
                    | W::Local
                    | W::Long
                    | W::Of
                    | W::Old
                    | W::Over
                    | W::Period
                    | W::Since
                    | W::Than
                    | W::Then
                    | W::Time
                    | W::Times
                    | W::Until
                    | W::Within
            ),
            Some(_) => true,
        };
        if !can_start {
            return None;
        }
        // Prefixes that join the expression.
        let mut j = i;
        let mut modifier = None;
        if self.lex(j) == Some(Lex::Approx) {
            j += 1;
            modifier = Some("APPROX");
        } else if (self.w(j, W::More) || self.w(j, W::Less)) && self.w(j + 1, W::Than) {
            modifier = Some(if self.w(j, W::More) {
                "MORE_THAN"
            } else {
                "LESS_THAN"
            });
            j += 2;
        } else if self.w(j, W::At) && self.w(j + 1, W::Least) {
            j += 2;
            modifier = Some("EQUAL_OR_MORE");
        } else if self.w(j, W::Up) && self.w(j + 1, W::To) {
            j += 2;
            modifier = Some("EQUAL_OR_LESS");
        }
        if j > i {
            return self.core(j).map(|(end, sem)| Found {
                start: i,
                end,
                sem,
                modifier,
            });
        }
        // Early/late/mid X, the end/beginning of X, earlier/later this X.
        if let Some(f) = self.modified(i) {
            return Some(f);
        }
        self.core(i).map(|(end, sem)| Found {
            start: i,
            end,
            sem,
            modifier: None,
        })
    }

    fn modified(&self, i: usize) -> Option<Found> {
        let (j, modifier) = if self.w(i, W::Early) {
            (i + 1, "START")
        } else if self.w(i, W::Late) {
            (i + 1, "END")
        } else if self.w(i, W::Mid) {
            (if self.ch(i + 1, '-') { i + 2 } else { i + 1 }, "MID")
        } else if self.w(i, W::The)
            && (self.w(i + 1, W::End)
                || self.w(i + 1, W::Beginning)
                || self.w(i + 1, W::Start)
                || self.w(i + 1, W::Middle))
            && self.w(i + 2, W::Of)
        {
            let m = if self.w(i + 1, W::End) {
                "END"
            } else if self.w(i + 1, W::Middle) {
                "MID"
            } else {
                "START"
            };
            let j = i + 3;
            // "the end of the year", "the end of year".
            let k = if self.w(j, W::The) { j + 1 } else { j };
            if let Some(Lex::Unit(unit, false)) = self.lex(k) {
                if !matches!(unit, Unit::Day | Unit::Hour | Unit::Minute | Unit::Second) {
                    return Some(Found {
                        start: i,
                        end: k + 1,
                        sem: Sem::RelUnit { unit, n: 0 },
                        modifier: Some(m),
                    });
                }
            }
            (j, m)
        } else if self.w(i, W::Earlier) || self.w(i, W::Later) {
            // Only before this/that/the same/next/last: "later this month".
            let ok = matches!(
                self.lex(i + 1),
                Some(Lex::Shift(
                    Shift::This | Shift::That | Shift::Next | Shift::Last
                ))
            ) || (self.w(i + 1, W::The)
                && matches!(self.lex(i + 2), Some(Lex::Shift(Shift::Same))))
                || self.lex(i + 1) == Some(Lex::RelDay(0));
            if !ok {
                return None;
            }
            (
                i + 1,
                if self.w(i, W::Earlier) {
                    "START"
                } else {
                    "END"
                },
            )
        } else {
            return None;
        };
        let (end, sem) = self.core(j)?;
        if matches!(sem, Sem::Duration { .. } | Sem::Set(_) | Sem::Vague(_)) {
            return None;
        }
        Some(Found {
            start: i,
            end,
            sem,
            modifier: Some(modifier),
        })
    }

    /// The core expressions, longest first.
    fn core(&self, i: usize) -> Option<(usize, Sem)> {
        let mut best: Option<(usize, Sem)> = None;
        let mut offer = |m: Option<(usize, Sem)>| {
            if let Some((e, s)) = m {
                if best.as_ref().is_none_or(|(be, _)| e > *be) {
                    best = Some((e, s));
                }
            }
        };
        offer(self.calendar_date(i));
        offer(self.numeric_date(i));
        offer(self.year_like(i));
        offer(self.named(i));
        offer(self.shifted(i));
        offer(self.duration(i));
        offer(self.clock(i));
        offer(self.set(i));
        offer(self.vague(i));
        let (end, sem) = best?;
        Some(self.attach(end, sem))
    }

    /// Joins a day to a following part of the day or clock time, and a clock time to a
    /// following day: "Friday morning", "Friday at 3 p.m.", "18:00 on Thursday".
    fn attach(&self, end: usize, sem: Sem) -> (usize, Sem) {
        if sem.is_day() {
            if let Some(Lex::PartOfDay(pod)) = self.lex(end) {
                return (
                    end + 1,
                    Sem::PartOfDay {
                        pod,
                        day: Some(Box::new(sem)),
                    },
                );
            }
            let k = if self.w(end, W::At) { end + 1 } else { end };
            if let Some((e, Sem::Clock { h, m, day: None })) = self.clock(k) {
                return (
                    e,
                    Sem::Clock {
                        h,
                        m,
                        day: Some(Box::new(sem)),
                    },
                );
            }
        }
        if let Sem::Clock { h, m, day: None } = sem {
            let k = if self.is_word(end, "on") {
                end + 1
            } else {
                end
            };
            let day = self
                .calendar_date(k)
                .or_else(|| self.named(k))
                .filter(|(_, s)| s.is_day());
            if let Some((e, d)) = day {
                return (
                    e,
                    Sem::Clock {
                        h,
                        m,
                        day: Some(Box::new(d)),
                    },
                );
            }
            return (end, Sem::Clock { h, m, day: None });
        }
        (end, sem)
    }

    /// A month name usable here: capitalised, and for "May"/"March" only where a date is meant.
    fn month(&self, j: usize) -> Option<(usize, u8)> {
        let Some(Lex::Month(m)) = self.lex(j) else {
            return None;
        };
        if !self.p[j].cap {
            return None;
        }
        let s = self.str(j);
        let abbreviated = s.len() <= 4
            && !["may", "june", "july"]
                .iter()
                .any(|w| s.eq_ignore_ascii_case(w));
        let end = if abbreviated {
            self.skip_dot(j + 1)
        } else {
            j + 1
        };
        Some((end, m))
    }

    fn day_number(&self, j: usize) -> Option<(usize, u8)> {
        let (n, digits) = self.digits(j)?;
        if digits > 2 || !(1..=31).contains(&n) {
            return None;
        }
        // "15th", "1st"
        let mut e = j + 1;
        if e < self.hi
            && self.p[e].glued
            && ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| self.str(e).eq_ignore_ascii_case(s))
        {
            e += 1;
        }
        // Not part of a larger number or time: "15,000", "15:30", "15.5".
        if self.glued(e)
            && (self.ch(e, ',') || self.ch(e, ':') || self.ch(e, '.'))
            && self.glued(e + 1)
            && self.digits(e + 1).is_some()
        {
            return None;
        }
        Some((e, n as u8))
    }

    fn year_number(&self, j: usize) -> Option<(usize, i32)> {
        let (n, digits) = self.digits(j)?;
        if digits != 4 || !(1000..=2200).contains(&n) {
            return None;
        }
        if self.glued(j + 1)
            && (self.ch(j + 1, ',') || self.ch(j + 1, '.'))
            && self.glued(j + 2)
            && self.digits(j + 2).is_some()
        {
            return None;
        }
        Some((j + 1, n as i32))
    }

    /// Month Day[,] [Year]; Day Month [Year]; Month Year; with an optional weekday before.
    fn calendar_date(&self, i: usize) -> Option<(usize, Sem)> {
        let mut j = i;
        let mut had_weekday = false;
        if let Some(Lex::Weekday(_)) = self.lex(j) {
            j = self.skip_comma(self.skip_dot(j + 1));
            had_weekday = true;
        }
        let with_year = |e: usize| -> (usize, Option<i32>) {
            let k = self.skip_comma(e);
            match self.year_number(k) {
                Some((e2, y)) if !self.glued(k) || k == e => (e2, Some(y)),
                _ => (e, None),
            }
        };
        // Month Day [Year]
        if let Some((e, m)) = self.month(j) {
            if let Some((e2, d)) = self.day_number(e) {
                let (e3, y) = with_year(e2);
                return Some((e3, Sem::Date { y, m, d: Some(d) }));
            }
            if !had_weekday {
                // July last year
                if let (
                    Some(Lex::Shift(s @ (Shift::Last | Shift::This | Shift::Next))),
                    Some(Lex::Unit(Unit::Year, false)),
                ) = (self.lex(e), self.lex(e + 1))
                {
                    let n = match s {
                        Shift::Last => -1,
                        Shift::Next => 1,
                        _ => 0,
                    };
                    return Some((e + 2, Sem::MonthOfYear { m, n }));
                }
                // Month [of] Year
                let k = if self.w(e, W::Of) {
                    e + 1
                } else {
                    self.skip_comma(e)
                };
                if let Some((e2, y)) = self.year_number(k) {
                    return Some((
                        e2,
                        Sem::Date {
                            y: Some(y),
                            m,
                            d: None,
                        },
                    ));
                }
            }
        }
        // Day [of] Month [Year]
        if let Some((e, d)) = self.day_number(j) {
            let k = if self.w(e, W::Of) { e + 1 } else { e };
            if let Some((e2, m)) = self.month(k) {
                let (e3, y) = with_year(e2);
                return Some((e3, Sem::Date { y, m, d: Some(d) }));
            }
        }
        None
    }

    /// 2019-10-15, 10/15/2019, 2019/10/15.
    fn numeric_date(&self, i: usize) -> Option<(usize, Sem)> {
        let (a, da) = self.digits(i)?;
        let sep = if self.ch(i + 1, '-') {
            '-'
        } else if self.ch(i + 1, '/') {
            '/'
        } else {
            return None;
        };
        if !(self.glued(i + 1)
            && self.glued(i + 2)
            && self.ch(i + 3, sep)
            && self.glued(i + 3)
            && self.glued(i + 4))
        {
            return None;
        }
        let (b, _) = self.digits(i + 2)?;
        let (c, dc) = self.digits(i + 4)?;
        let (y, m, d) = if da == 4 {
            (a as i32, b, c)
        } else if dc == 4 && sep == '/' {
            (c as i32, a, b)
        } else {
            return None;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        if self.glued(i + 5) && self.digits(i + 6).is_some() {
            return None;
        }
        Some((
            i + 5,
            Sem::Date {
                y: Some(y),
                m: m as u8,
                d: Some(d as u8),
            },
        ))
    }

    /// Years, decades and centuries: "1974", "the 1990s", "the '90s", "the nineties",
    /// "the 20th century", "fiscal 1989".
    fn year_like(&self, i: usize) -> Option<(usize, Sem)> {
        let mut j = i;
        let the = self.w(j, W::The);
        if the || self.w(j, W::Fiscal) {
            j += 1;
        }
        if self.w(j, W::Fiscal) {
            j += 1;
        }
        // the '90s
        if self.ch(j, '\'') || self.ch(j, '’') {
            let (n, d) = self.digits(j + 1)?;
            if d == 2 && n % 10 == 0 && self.is_word(j + 2, "s") && self.glued(j + 2) {
                let century = if n >= 30 { 190 } else { 200 };
                return Some((j + 3, Sem::Decade(century + n as i32 / 10)));
            }
            return None;
        }
        if let Some(Lex::DecadeWord(d)) = self.lex(j) {
            if the {
                return Some((j + 1, Sem::Decade(190 + i32::from(d))));
            }
            return None;
        }
        // the 20th century, the nineteenth century
        let ordinal = match self.lex(j) {
            Some(Lex::Ordinal(n)) => Some((j + 1, n)),
            _ => self.digits(j).and_then(|(n, d)| {
                let suffix = ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| self.is_word(j + 1, s));
                (d <= 2 && suffix && self.glued(j + 1)).then_some((j + 2, n))
            }),
        };
        if let Some((e, n)) = ordinal {
            if let Some(Lex::Unit(Unit::Century, false)) = self.lex(e) {
                if the && (1..=30).contains(&n) {
                    return Some((e + 1, Sem::Century(n as i32 - 1)));
                }
            }
        }
        let (e, y) = self.year_number(j)?;
        if j > i && self.p[j].glued {
            return None;
        }
        // 1990s
        if self.is_word(e, "s") && self.glued(e) && y % 10 == 0 {
            return Some((e + 1, Sem::Decade(y / 10)));
        }
        if i == j {
            // A bare number: only a year when nothing says it counts things.
            if self.p[i].glued && i > self.lo {
                let prev = &self.p[i - 1];
                if matches!(
                    prev.kind,
                    Kind::Digits | Kind::Other('$' | '£' | '€' | '.' | ',' | '#')
                ) {
                    return None;
                }
            }
            if i > self.lo && matches!(self.p[i - 1].kind, Kind::Other('$' | '£' | '€' | '#')) {
                return None;
            }
            if e < self.hi {
                let next = self.str(e).to_ascii_lowercase();
                if COUNT_NOUNS.binary_search(&next.as_str()).is_ok()
                    || self.ch(e, '%')
                    || self.lex(e) == Some(Lex::Zone)
                    || (self.ch(e, ':') && self.glued(e))
                    || (self.ch(e, '-')
                        && self.glued(e)
                        && self.digits(e + 1).is_some_and(|(_, d)| d != 2 && d != 4))
                {
                    return None;
                }
            }
            if !(1900..=2100).contains(&y) {
                let prev_ok = i > self.lo
                    && YEAR_PREPOSITIONS
                        .binary_search(&self.str(i - 1).to_ascii_lowercase().as_str())
                        .is_ok();
                if !prev_ok || y > 2100 {
                    return None;
                }
            }
        } else if !self.p[i].lex.is_some_and(|l| l == Lex::W(W::Fiscal))
            && !self.w(i + 1, W::Fiscal)
        {
            // "the 1990" is not a date; "the year 1990" is handled by the unit matcher.
            return None;
        }
        Some((e, Sem::Year(y)))
    }

    /// Named days, months, seasons, quarters and halves without a shift word.
    fn named(&self, i: usize) -> Option<(usize, Sem)> {
        let lex = self.lex(i)?;
        match lex {
            Lex::Weekday(wd) => {
                let cap = self.p[i].cap;
                // "Sunday Times", "Tuesday's vote" are fine; lower-case "friday" is rare in news.
                if !cap && self.lower_word_at(i) && self.str(i).len() < 6 {
                    return None;
                }
                Some((i + 1, Sem::Weekday { wd, shift: None }))
            }
            Lex::Month(m) => {
                let (e, m2) = self.month(i)?;
                debug_assert_eq!(m, m2);
                let s = self.str(i).to_ascii_lowercase();
                if s.len() <= 4 && !matches!(s.as_str(), "may" | "june" | "july") {
                    return None; // abbreviations need a day
                }
                let prev = if i > self.lo {
                    self.str(i - 1).to_ascii_lowercase()
                } else {
                    String::new()
                };
                let date_context = matches!(
                    prev.as_str(),
                    "in" | "since"
                        | "until"
                        | "by"
                        | "of"
                        | "during"
                        | "from"
                        | "through"
                        | "before"
                        | "after"
                        | "early"
                        | "late"
                        | "mid"
                        | "-"
                        | "last"
                        | "next"
                        | "this"
                        | "till"
                        | "to"
                        | "between"
                        | "and"
                        | "or"
                        | "end"
                        | "start"
                        | "beginning"
                        | "that"
                );
                if matches!(m, 3 | 5 | 8) && !date_context {
                    return None;
                }
                if i == self.lo && !date_context {
                    return None;
                }
                // A name, not a month: "April Fool", "August Landmesser".
                if !date_context && e < self.hi && self.p[e].cap && self.p[e].kind == Kind::Word {
                    return None;
                }
                Some((e, Sem::Month { m, shift: None }))
            }
            Lex::Weekdays(wd) => {
                if i > self.lo && self.is_word(i - 1, "on") && self.p[i].cap {
                    Some((i + 1, Sem::Set(format!("XXXX-WXX-{wd}"))))
                } else {
                    None
                }
            }
            Lex::RelDay(n) => Some((i + 1, Sem::RelDay(i32::from(n)))),
            Lex::W(W::Tonight) => Some((
                i + 1,
                Sem::PartOfDay {
                    pod: PartOfDay::Night,
                    day: Some(Box::new(Sem::RelDay(0))),
                },
            )),
            Lex::W(W::The) => self.the_named(i),
            Lex::W(W::Election) => {
                if self.is_word(i + 1, "day") {
                    Some((i + 2, Sem::ElectionDay))
                } else {
                    None
                }
            }
            Lex::W(W::Christmas) => {
                if self.p[i].cap && !self.is_word(i + 1, "tree") {
                    let e = if self.is_word(i + 1, "day") {
                        i + 2
                    } else {
                        i + 1
                    };
                    Some((
                        e,
                        Sem::Date {
                            y: None,
                            m: 12,
                            d: Some(25),
                        },
                    ))
                } else {
                    None
                }
            }
            Lex::Ordinal(_) => self.quarter(i, None),
            Lex::Season(s) => {
                // Bare seasons only with a year: "summer 2019".
                let k = self.skip_comma(i + 1);
                let k = if self.w(k, W::Of) { k + 1 } else { k };
                let (e, y) = self.year_number(k)?;
                Some((
                    e,
                    Sem::Season {
                        s,
                        y: Some(y),
                        shift: None,
                    },
                ))
            }
            Lex::Unit(..) | Lex::Number(_) => None,
            _ => None,
        }
        .or_else(|| self.q_quarter(i))
    }

    /// "Q3", "Q1 2019".
    fn q_quarter(&self, i: usize) -> Option<(usize, Sem)> {
        if !(i < self.hi && self.str(i) == "Q" && self.glued(i + 1)) {
            return None;
        }
        let (q, d) = self.digits(i + 1)?;
        if d != 1 || !(1..=4).contains(&q) {
            return None;
        }
        let (e, y) = match self.year_number(i + 2) {
            Some((e, y)) => (e, Some(y)),
            None => (i + 2, None),
        };
        Some((
            e,
            Sem::Quarter {
                q: q as u8,
                y,
                shift: None,
            },
        ))
    }

    /// "the third quarter", "the first half of 2019", "the summer", "the weekend",
    /// "the previous day", "the past", "the future", "the day before".
    fn the_named(&self, i: usize) -> Option<(usize, Sem)> {
        let j = i + 1;
        match self.lex(j)? {
            Lex::Ordinal(_) | Lex::W(W::Fiscal) => self.quarter(j, None),
            Lex::Season(s) => Some((
                j + 1,
                Sem::Season {
                    s,
                    y: None,
                    shift: None,
                },
            )),
            Lex::Unit(Unit::Weekend, false) => Some((j + 1, Sem::Weekend)),
            Lex::Unit(Unit::Quarter, false) => Some((
                j + 1,
                Sem::RelUnit {
                    unit: Unit::Quarter,
                    n: -1,
                },
            )),
            Lex::W(W::Latest) if self.lex(j + 1) == Some(Lex::Unit(Unit::Quarter, false)) => {
                Some((
                    j + 2,
                    Sem::RelUnit {
                        unit: Unit::Quarter,
                        n: -1,
                    },
                ))
            }
            Lex::PartOfDay(pod) => {
                // the evening (hours), the night of Oct. 23
                if self.w(j + 1, W::Of) {
                    if let Some((e, d)) = self.calendar_date(j + 2).filter(|(_, s)| s.is_day()) {
                        return Some((
                            e,
                            Sem::PartOfDay {
                                pod,
                                day: Some(Box::new(d)),
                            },
                        ));
                    }
                }
                let e = if self.lex(j + 1) == Some(Lex::Unit(Unit::Hour, true)) {
                    j + 2
                } else {
                    j + 1
                };
                Some((e, Sem::PartOfDay { pod, day: None }))
            }
            Lex::Unit(Unit::Day, false) => {
                // the day before / after (at a clause end), the day before yesterday.
                if self.w(j + 1, W::Before) || self.w(j + 1, W::After) {
                    let dir = if self.w(j + 1, W::Before) { -1 } else { 1 };
                    if self.lex(j + 2) == Some(Lex::RelDay(-1)) && dir == -1 {
                        return Some((j + 3, Sem::RelDay(-2)));
                    }
                    if self.lex(j + 2) == Some(Lex::RelDay(1)) && dir == 1 {
                        return Some((j + 3, Sem::RelDay(2)));
                    }
                    if j + 2 >= self.hi || matches!(self.p[j + 2].kind, Kind::Other(_)) {
                        return Some((
                            j + 2,
                            Sem::AnchorUnit {
                                unit: Unit::Day,
                                n: dir,
                            },
                        ));
                    }
                }
                None
            }
            Lex::W(W::Future) => Some((j + 1, Sem::Vague(Vague::Future))),
            Lex::W(W::Present) => {
                if i > self.lo && self.w(i - 1, W::At) {
                    Some((j + 1, Sem::Vague(Vague::Present)))
                } else {
                    None
                }
            }
            Lex::W(W::Moment) => {
                if i > self.lo && self.w(i - 1, W::At) {
                    Some((j + 1, Sem::Vague(Vague::Present)))
                } else {
                    None
                }
            }
            Lex::Shift(Shift::Past) => {
                // "the past" as a noun; "the past three years" is a duration (longer).
                if j + 1 >= self.hi
                    || !self.lower_word_at(j + 1)
                    || matches!(
                        self.str(j + 1),
                        "and"
                            | "or"
                            | "but"
                            | "when"
                            | "as"
                            | "to"
                            | "of"
                            | "in"
                            | "on"
                            | "is"
                            | "was"
                            | "has"
                            | "had"
                            | "have"
                            | "were"
                            | "will"
                            | "would"
                    )
                {
                    Some((j + 1, Sem::Vague(Vague::Past)))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// `[the] [fiscal] third quarter [of] [Year]`, `[the] first half [of Year]`.
    fn quarter(&self, j: usize, shift: Option<Shift>) -> Option<(usize, Sem)> {
        let mut j = j;
        if self.w(j, W::Fiscal) {
            j += 1;
        }
        let Some(Lex::Ordinal(n)) = self.lex(j) else {
            return None;
        };
        let mut k = j + 1;
        if self.ch(k, '-') {
            k += 1;
        }
        let half = self.w(k, W::Half);
        let is_quarter = self.lex(k) == Some(Lex::Unit(Unit::Quarter, false));
        if !(half && n <= 2 || is_quarter && n <= 4) {
            return None;
        }
        let mut e = k + 1;
        let mut y = None;
        // of 2019, of the year, of next year, of fiscal 1990
        if self.w(e, W::Of) {
            let mut k2 = e + 1;
            if self.w(k2, W::Fiscal) {
                k2 += 1;
            }
            if let Some((e2, yy)) = self.year_number(k2) {
                e = e2;
                y = Some(yy);
            } else if self.w(k2, W::The) && self.lex(k2 + 1) == Some(Lex::Unit(Unit::Year, false)) {
                e = k2 + 2;
            }
        } else if let Some((e2, yy)) = self.year_number(e) {
            e = e2;
            y = Some(yy);
        }
        Some((
            e,
            if half {
                Sem::Half { h: n as u8, y }
            } else {
                Sem::Quarter {
                    q: n as u8,
                    y,
                    shift,
                }
            },
        ))
    }

    /// this/last/next/past/previous/coming/following/same/that + a unit or a named period.
    fn shifted(&self, i: usize) -> Option<(usize, Sem)> {
        let the = self.w(i, W::The);
        let j = if the { i + 1 } else { i };
        if self.lex(j) == Some(Lex::Vague(Vague::Present)) && self.is_word(j, "current") {
            // the current (fiscal) year
            let k = if self.w(j + 1, W::Fiscal) {
                j + 2
            } else {
                j + 1
            };
            return match self.lex(k) {
                Some(Lex::Unit(unit, false)) if !unit.is_clock() && unit != Unit::Day => {
                    Some((k + 1, Sem::RelUnit { unit, n: 0 }))
                }
                _ => None,
            };
        }
        let Some(Lex::Shift(shift)) = self.lex(j) else {
            return None;
        };
        let k = j + 1;
        let lex = self.lex(k)?;
        if k < self.hi && self.p[k].cap && !self.p[j].cap && matches!(lex, Lex::Unit(..)) {
            return None; // "This Week", a title
        }
        let rel = |n: i32| -> i32 {
            match shift {
                Shift::Last | Shift::Past | Shift::Previous => -1,
                Shift::Next | Shift::Coming | Shift::Following => 1,
                _ => n,
            }
        };
        match lex {
            Lex::Unit(unit, false) => {
                if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
                    return None;
                }
                let sem = match (the, shift) {
                    // the past year: a duration
                    (_, Shift::Past) | (true, Shift::Last)
                        if matches!(unit, Unit::Decade | Unit::Century) =>
                    {
                        Sem::Duration {
                            amount: Some(1.0),
                            unit,
                        }
                    }
                    (_, Shift::Past) | (true, Shift::Last) => Sem::RelUnit { unit, n: -1 },
                    (false, Shift::This | Shift::Last | Shift::Next | Shift::Coming) => {
                        if unit == Unit::Day {
                            return None;
                        }
                        Sem::RelUnit { unit, n: rel(0) }
                    }
                    (true, Shift::Coming) => Sem::RelUnit { unit, n: 1 },
                    (false, Shift::That)
                    | (true, Shift::Same | Shift::Previous | Shift::Following | Shift::Next) => {
                        Sem::AnchorUnit { unit, n: rel(0) }
                    }
                    _ => return None,
                };
                // "that day" needs nothing more; "the next day" too.
                Some((k + 1, sem))
            }
            Lex::Unit(unit, true)
                if matches!(
                    shift,
                    Shift::Recent | Shift::Coming | Shift::Past | Shift::Last
                ) =>
            {
                // recent years, the coming weeks
                if shift == Shift::Recent && unit == Unit::Year {
                    return Some((k + 1, Sem::Vague(Vague::Past)));
                }
                Some((k + 1, Sem::Duration { amount: None, unit }))
            }
            Lex::Weekday(wd) if !the => Some((
                k + 1,
                Sem::Weekday {
                    wd,
                    shift: Some(shift),
                },
            )),
            Lex::Month(_)
                if !the
                    && self
                        .calendar_date(k)
                        .is_some_and(|(_, s)| matches!(s, Sem::Date { d: Some(_), .. })) =>
            {
                self.calendar_date(k)
            }
            Lex::Month(m) if !the && self.p[k].cap => {
                let e = self.skip_dot(k + 1);
                Some((
                    e,
                    Sem::Month {
                        m,
                        shift: Some(shift),
                    },
                ))
            }
            Lex::Season(s) if !the || shift == Shift::Same => Some((
                k + 1,
                Sem::Season {
                    s,
                    y: None,
                    shift: Some(shift),
                },
            )),
            Lex::Ordinal(_) if !the => self.quarter(k, Some(shift)),
            Lex::PartOfDay(pod) if !the => {
                let day = match shift {
                    Shift::This => Sem::RelDay(0),
                    Shift::Last if pod == PartOfDay::Night => Sem::RelDay(-1),
                    Shift::That => Sem::AnchorUnit {
                        unit: Unit::Day,
                        n: 0,
                    },
                    _ => return None,
                };
                Some((
                    k + 1,
                    Sem::PartOfDay {
                        pod,
                        day: Some(Box::new(day)),
                    },
                ))
            }
            Lex::PartOfDay(pod)
                if the
                    && matches!(
                        shift,
                        Shift::Next | Shift::Following | Shift::Same | Shift::Previous
                    ) =>
            {
                Some((
                    k + 1,
                    Sem::PartOfDay {
                        pod,
                        day: Some(Box::new(Sem::AnchorUnit {
                            unit: Unit::Day,
                            n: rel(0),
                        })),
                    },
                ))
            }
            _ => None,
        }
    }

    /// A number: digits (with a fraction "5 1/2", decimals "1.5"), words ("twenty-four"), "a".
    /// `None` inside the result is a vague amount ("several", "a few").
    fn amount(&self, i: usize) -> Option<(usize, Option<f64>)> {
        if let Some((n, d)) = self.digits(i) {
            if d > 6
                || (self.glued(i)
                    && i > self.lo
                    && matches!(self.p[i - 1].kind, Kind::Other('.' | ',' | '$')))
            {
                return None;
            }
            let mut v = f64::from(n);
            let mut e = i + 1;
            if self.ch(e, '.') && self.glued(e) && self.glued(e + 1) {
                if let Some((f, fd)) = self.digits(e + 1) {
                    v += f64::from(f) / 10f64.powi(i32::from(fd));
                    e += 2;
                }
            }
            if self.ch(e, ',') && self.glued(e) && self.glued(e + 1) && self.digits(e + 1).is_some()
            {
                return None; // 3,000: not a duration
            }
            // 5 1/2
            if let (Some((a, 1)), true, Some((b, 1))) =
                (self.digits(e), self.ch(e + 1, '/'), self.digits(e + 2))
            {
                if b > 0 && !self.glued(e) {
                    v += f64::from(a) / f64::from(b);
                    e += 3;
                }
            }
            return Some((e, Some(v)));
        }
        match self.lex(i)? {
            Lex::Number(n) => {
                let mut v = n;
                let mut e = i + 1;
                if (20..=90).contains(&n) {
                    let k = if self.ch(e, '-') { e + 1 } else { e };
                    if let Some(Lex::Number(u)) = self.lex(k) {
                        if u < 10 {
                            v += u;
                            e = k + 1;
                        }
                    }
                }
                if self.lex(e) == Some(Lex::Number(100)) {
                    v *= 100;
                    e += 1;
                }
                Some((e, Some(f64::from(v))))
            }
            Lex::W(W::A) => {
                if self.w(i + 1, W::Few) {
                    Some((i + 2, None))
                } else if self.w(i + 1, W::Half) {
                    Some((i + 2, Some(0.5)))
                } else {
                    Some((i + 1, Some(1.0)))
                }
            }
            Lex::W(W::Several | W::Few | W::Many) => Some((i + 1, None)),
            Lex::W(W::Half) if self.w(i + 1, W::A) => Some((i + 2, Some(0.5))),
            Lex::W(W::Some)
                if self
                    .lex(i + 1)
                    .is_some_and(|l| matches!(l, Lex::Unit(_, true))) =>
            {
                Some((i + 1, None))
            }
            _ => None,
        }
    }

    /// Durations and offsets: "three days", "48 hours", "a decade", "two-year", "the past two
    /// months", "the first nine months", "three years ago", "a year earlier".
    fn duration(&self, i: usize) -> Option<(usize, Sem)> {
        let mut j = i;
        let mut shifted = false;
        if self.w(j, W::The) {
            j += 1;
            match self.lex(j) {
                Some(Lex::Shift(
                    Shift::Past
                    | Shift::Last
                    | Shift::Next
                    | Shift::Coming
                    | Shift::Previous
                    | Shift::Following,
                ))
                | Some(Lex::Ordinal(1)) => {
                    j += 1;
                    shifted = true;
                }
                _ => return None,
            }
        } else if matches!(
            self.lex(j),
            Some(Lex::Shift(
                Shift::Past | Shift::Last | Shift::Next | Shift::Coming
            ))
        ) {
            j += 1;
            shifted = true;
        }
        let (mut k, amount) = self.amount(j)?;
        if shifted && self.w(j, W::A) {
            return None;
        }
        let hyphen = self.ch(k, '-') && self.glued(k);
        if hyphen {
            k += 1;
        }
        let Some(Lex::Unit(unit, plural)) = self.lex(k) else {
            // "half an hour"
            return None;
        };
        if amount == Some(1.0) && plural && self.digits(j).is_none() {
            return None;
        }
        if self.w(j, W::A) && plural {
            return None; // "a days" never; "a few days" handled by amount
        }
        let e = k + 1;
        // Ages are not durations: "40-year-old", "40 years old".
        if (self.ch(e, '-') && self.w(e + 1, W::Old)) || self.w(e, W::Old) {
            return None;
        }
        // "a year" after an amount of money or a count: a set ("$5,000 a year").
        if self.w(j, W::A) && !shifted && j > self.lo {
            let prev = &self.p[j - 1];
            let prev_s = self.str(j - 1).to_ascii_lowercase();
            if prev.kind == Kind::Digits
                || matches!(
                    prev_s.as_str(),
                    "million" | "billion" | "percent" | "times" | "once" | "twice" | "%"
                )
            {
                return None;
            }
        }
        if !shifted {
            if self.w(e, W::Ago) {
                return Some((
                    e + 1,
                    Sem::Offset {
                        unit,
                        amount,
                        dir: -1,
                        anchored: false,
                    },
                ));
            }
            if self.w(e, W::From) && self.w(e + 1, W::Now) {
                return Some((
                    e + 2,
                    Sem::Offset {
                        unit,
                        amount,
                        dir: 1,
                        anchored: false,
                    },
                ));
            }
            let at_clause_end = |x: usize| x >= self.hi || matches!(self.p[x].kind, Kind::Other(_));
            if self.w(e, W::Earlier) || self.w(e, W::Later) {
                let dir = if self.w(e, W::Earlier) { -1 } else { 1 };
                return Some((
                    e + 1,
                    Sem::Offset {
                        unit,
                        amount,
                        dir,
                        anchored: true,
                    },
                ));
            }
            if (self.w(e, W::Before) || self.w(e, W::After)) && at_clause_end(e + 1) {
                let dir = if self.w(e, W::Before) { -1 } else { 1 };
                return Some((
                    e + 1,
                    Sem::Offset {
                        unit,
                        amount,
                        dir,
                        anchored: true,
                    },
                ));
            }
            // year-earlier, year-ago
            if self.ch(e, '-')
                && self.glued(e)
                && (self.w(e + 1, W::Earlier) || self.w(e + 1, W::Ago))
            {
                return Some((
                    e + 2,
                    Sem::Offset {
                        unit,
                        amount,
                        dir: -1,
                        anchored: false,
                    },
                ));
            }
        }
        if unit == Unit::Quarter && hyphen && plural {
            return None; // "three-quarters": a fraction
        }
        if unit == Unit::Quarter && !shifted && !plural {
            return None; // "a quarter of the vote"
        }
        Some((e, Sem::Duration { amount, unit }))
    }

    /// 18:00, 3 p.m., 1500 UTC, noon, midnight; with "local time" or a zone after.
    fn clock(&self, i: usize) -> Option<(usize, Sem)> {
        if self.w(i, W::Noon) {
            return Some((
                i + 1,
                Sem::Clock {
                    h: 12,
                    m: 0,
                    day: None,
                },
            ));
        }
        if self.w(i, W::Midnight) {
            return Some((
                i + 1,
                Sem::Clock {
                    h: 24,
                    m: 0,
                    day: None,
                },
            ));
        }
        let (n, d) = self.digits(i)?;
        if self.glued(i)
            && i > self.lo
            && matches!(self.p[i - 1].kind, Kind::Other('.' | ',' | ':' | '$'))
        {
            return None;
        }
        let (mut h, mut m, mut e, mut sure) = (n, 0, i + 1, false);
        if d <= 2 && self.ch(e, ':') && self.glued(e) && self.glued(e + 1) {
            let (mm, md) = self.digits(e + 1)?;
            if md != 2 || mm > 59 {
                return None;
            }
            m = mm;
            e += 2;
            sure = true;
            // seconds
            if self.ch(e, ':') && self.glued(e) && self.digits(e + 1).is_some_and(|(_, d)| d == 2) {
                e += 2;
            }
        } else if d == 4 {
            h = n / 100;
            m = n % 100;
        } else if d > 2 {
            return None;
        }
        if h > 24 || m > 59 {
            return None;
        }
        // a.m. / p.m. / am / pm
        let mut k = e;
        let ampm = if self.is_word(k, "a") || self.is_word(k, "p") {
            let pm = self.is_word(k, "p");
            if self.ch(k + 1, '.') && self.is_word(k + 2, "m") {
                k = self.skip_dot(k + 3);
                Some(pm)
            } else {
                None
            }
        } else if self.w(k, W::Am) || self.w(k, W::Pm) {
            let pm = self.w(k, W::Pm);
            k = self.skip_dot(k + 1);
            Some(pm)
        } else {
            None
        };
        if let Some(pm) = ampm {
            if h == 0 || h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            e = k;
            sure = true;
        }
        // zone, local time, hours
        if self.lex(e) == Some(Lex::Zone) {
            e += 1;
            sure = true;
        } else if self.w(e, W::Local) && self.w(e + 1, W::Time) {
            e += 2;
            sure = true;
        } else if d == 4
            && self.lex(e) == Some(Lex::Unit(Unit::Hour, true))
            && self.str(e) == "hours"
        {
            e += 1;
            sure = true;
        }
        if !sure {
            return None;
        }
        Some((
            e,
            Sem::Clock {
                h: h as u8,
                m: m as u8,
                day: None,
            },
        ))
    }

    /// every Friday, each year, daily, twice a week, every two years.
    fn set(&self, i: usize) -> Option<(usize, Sem)> {
        match self.lex(i)? {
            Lex::Every(unit) => Some((
                i + 1,
                Sem::Set(crate::normalize::duration_value(Some(1.0), unit)),
            )),
            Lex::W(W::Every | W::Each) => {
                let mut j = i + 1;
                let mut amount = Some(1.0);
                if self.w(j, W::Other) {
                    amount = Some(2.0);
                    j += 1;
                } else if let Some((e, a)) = self.amount(j).filter(|_| !self.w(j, W::A)) {
                    amount = a;
                    j = e;
                }
                match self.lex(j)? {
                    Lex::Unit(unit, _) => Some((
                        j + 1,
                        Sem::Set(crate::normalize::duration_value(amount, unit)),
                    )),
                    Lex::Weekday(wd) => Some((j + 1, Sem::Set(format!("XXXX-WXX-{wd}")))),
                    Lex::PartOfDay(pod) => {
                        Some((j + 1, Sem::Set(format!("XXXX-XX-XXT{}", pod.code()))))
                    }
                    Lex::Month(m) if self.p[j].cap => {
                        Some((j + 1, Sem::Set(format!("XXXX-{m:02}"))))
                    }
                    _ => None,
                }
            }
            Lex::W(W::Once | W::Twice) | Lex::Number(_) => {
                let mut j = i + 1;
                if matches!(self.lex(i)?, Lex::Number(_)) {
                    if !self.w(j, W::Times) {
                        return None;
                    }
                    j += 1;
                }
                if !(self.w(j, W::A) || self.w(j, W::Per)) {
                    return None;
                }
                match self.lex(j + 1)? {
                    Lex::Unit(unit, false) => Some((
                        j + 2,
                        Sem::Set(crate::normalize::duration_value(Some(1.0), unit)),
                    )),
                    _ => None,
                }
            }
            Lex::W(W::Per) => match self.lex(i + 1)? {
                Lex::Unit(unit, false) => Some((
                    i + 2,
                    Sem::Set(crate::normalize::duration_value(Some(1.0), unit)),
                )),
                _ => None,
            },
            _ => None,
        }
    }

    /// now, recently, currently, current, future, soon, these days, to date.
    fn vague(&self, i: usize) -> Option<(usize, Sem)> {
        match self.lex(i)? {
            Lex::Vague(v) => {
                if self.p[i].cap
                    && i > self.lo
                    && v == Vague::Present
                    && self.str(i).starts_with('C')
                {
                    return None; // "Current TV"
                }
                Some((i + 1, Sem::Vague(v)))
            }
            Lex::W(W::Now) => {
                // "now" as a discourse marker ("Now, ...") still refers to the present.
                Some((i + 1, Sem::Vague(Vague::Present)))
            }
            Lex::W(W::Future) => {
                if self.p[i].cap && i > self.lo {
                    return None;
                }
                Some((i + 1, Sem::Vague(Vague::Future)))
            }
            Lex::Shift(Shift::Recent) if !matches!(self.lex(i + 1), Some(Lex::Unit(..))) => {
                Some((i + 1, Sem::Vague(Vague::Past)))
            }
            Lex::Unit(unit, true) if !self.p[i].cap => {
                // for years, within weeks, months ago
                if self.w(i + 1, W::Ago) {
                    return Some((i + 2, Sem::Vague(Vague::Past)));
                }
                let prev_ok = i > self.lo
                    && matches!(
                        self.str(i - 1).to_ascii_lowercase().as_str(),
                        "for"
                            | "within"
                            | "over"
                            | "than"
                            | "took"
                            | "take"
                            | "takes"
                            | "spent"
                            | "lasted"
                            | "last"
                    );
                prev_ok.then_some((i + 1, Sem::Duration { amount: None, unit }))
            }
            Lex::W(W::These) if self.lex(i + 1) == Some(Lex::Unit(Unit::Day, true)) => {
                Some((i + 2, Sem::Vague(Vague::Present)))
            }
            Lex::W(W::To) if self.w(i + 1, W::Date) && self.p[i].cap => {
                Some((i + 2, Sem::Vague(Vague::Present)))
            }
            Lex::W(W::To) if self.w(i + 1, W::Date) && at_end(self, i + 2) => {
                Some((i + 2, Sem::Vague(Vague::Present)))
            }
            _ => None,
        }
    }
}

fn at_end(g: &Grammar, j: usize) -> bool {
    j >= g.hi || matches!(g.p[j].kind, Kind::Other(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_lists_are_sorted() {
        assert!(COUNT_NOUNS.windows(2).all(|w| w[0] < w[1]));
        assert!(YEAR_PREPOSITIONS.windows(2).all(|w| w[0] < w[1]));
    }
}
