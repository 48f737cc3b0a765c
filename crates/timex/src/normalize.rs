//! The normaliser: TIMEX3 type and value of a recognised expression, resolved against the
//! publication date, the tense of its clause and the last date the text mentioned.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

use crate::lexicon::{Season, Shift, Unit};
use crate::recognize::Sem;
use crate::tense::Tense;
use crate::TimexType;

/// What the normaliser knows while it walks through one document.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    /// The publication date.
    pub dct: Option<Date>,
    /// Days the text named so far, in order.
    pub days: Vec<Date>,
    /// The last year the text named on its own ("in 2009 … that year").
    pub year: Option<i32>,
    /// The day of an election the text named.
    pub election: Option<Date>,
}

/// Resolved type and value, and the day it names (to anchor later expressions).
pub(crate) struct Resolved {
    pub kind: TimexType,
    pub value: Option<String>,
    pub day: Option<Date>,
}

/// Granularity letter for durations.
pub(crate) fn duration_value(amount: Option<f64>, unit: Unit) -> String {
    let (mult, letter) = match unit {
        Unit::Second => (1.0, "S"),
        Unit::Minute => (1.0, "M"),
        Unit::Hour => (1.0, "H"),
        Unit::Day => (1.0, "D"),
        Unit::Week => (1.0, "W"),
        Unit::Weekend => (1.0, "WE"),
        Unit::Fortnight => (2.0, "W"),
        Unit::Month => (1.0, "M"),
        Unit::Quarter => (1.0, "Q"),
        Unit::Year => (1.0, "Y"),
        Unit::Decade => (10.0, "Y"),
        Unit::Century => (100.0, "Y"),
    };
    let t = if unit.is_clock() { "T" } else { "" };
    let n = match amount {
        None => match unit {
            Unit::Decade => return "PXDE".to_string(),
            Unit::Century => return "PXCE".to_string(),
            _ => "X".to_string(),
        },
        Some(a) => {
            let v = a * mult;
            if (v - v.round()).abs() < 1e-9 {
                format!("{}", v.round() as i64)
            } else {
                format!("{v}")
            }
        }
    };
    format!("P{t}{n}{letter}")
}

fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn ym(y: i32, m: i8) -> String {
    format!("{y:04}-{m:02}")
}

fn week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn weekday_of(wd: u8) -> Weekday {
    match wd {
        1 => Weekday::Monday,
        2 => Weekday::Tuesday,
        3 => Weekday::Wednesday,
        4 => Weekday::Thursday,
        5 => Weekday::Friday,
        6 => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

fn add_months(y: i32, m: i8, n: i32) -> (i32, i8) {
    let total = y * 12 + i32::from(m) - 1 + n;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as i8)
}

impl State {
    /// The day later anchored expressions count from: the last day named (before the
    /// publication date when the clause is in the past), else the publication date.
    fn anchor(&self, tense: Tense) -> Option<Date> {
        let pick = match (tense, self.dct) {
            (Tense::Past, Some(dct)) => self.days.iter().rev().find(|d| **d <= dct).copied(),
            _ => self.days.last().copied(),
        };
        pick.or(self.dct)
    }

    /// Resolves a day-naming expression to a date.
    fn day(&self, sem: &Sem, tense: Tense) -> Option<Date> {
        let dct = self.dct;
        match *sem {
            Sem::Date { y, m, d: Some(d) } => {
                let y = match y {
                    Some(y) => y,
                    None => infer_year(dct?, m, Some(d), tense),
                };
                Date::new(y as i16, m as i8, d as i8).ok()
            }
            Sem::RelDay(n) => add_days(dct?, i64::from(n)),
            Sem::Weekday { wd, shift } => {
                let dct = dct?;
                let target = weekday_of(wd);
                let back = i64::from(dct.weekday().since(target)); // days back to the target
                let fwd = i64::from(target.since(dct.weekday()));
                let n = match shift {
                    Some(Shift::Last | Shift::Past | Shift::Previous) => {
                        -(if back == 0 { 7 } else { back })
                    }
                    Some(Shift::Next | Shift::Coming | Shift::Following) => {
                        if fwd == 0 {
                            7
                        } else {
                            fwd
                        }
                    }
                    Some(Shift::This) => {
                        let monday = -i64::from(dct.weekday().to_monday_zero_offset());
                        monday + i64::from(target.to_monday_zero_offset())
                    }
                    _ => match tense {
                        Tense::Future => fwd,
                        _ => -back,
                    },
                };
                add_days(dct, n)
            }
            Sem::AnchorUnit { unit: Unit::Day, n } => add_days(self.anchor(tense)?, i64::from(n)),
            _ => None,
        }
    }

    pub(crate) fn resolve(&self, sem: &Sem, tense: Tense) -> Resolved {
        let date = |value: Option<String>| Resolved {
            kind: TimexType::Date,
            value,
            day: None,
        };
        let dct = self.dct;
        match sem {
            Sem::Date { d: Some(_), .. }
            | Sem::RelDay(_)
            | Sem::Weekday { .. }
            | Sem::AnchorUnit {
                unit: Unit::Day, ..
            } => {
                let day = self.day(sem, tense);
                let value = match (day, sem) {
                    (Some(d), _) => Some(ymd(d)),
                    (None, Sem::Weekday { wd, .. }) => Some(format!("XXXX-WXX-{wd}")),
                    (
                        None,
                        Sem::Date {
                            y: None,
                            m,
                            d: Some(d),
                        },
                    ) => Some(format!("XXXX-{m:02}-{d:02}")),
                    _ => None,
                };
                Resolved {
                    kind: TimexType::Date,
                    value,
                    day,
                }
            }
            Sem::Date {
                y: Some(y),
                m,
                d: None,
            } => date(Some(ym(*y, *m as i8))),
            Sem::Date {
                y: None,
                m,
                d: None,
            }
            | Sem::Month { m, shift: None } => date(Some(match dct {
                Some(dct) => ym(infer_year(dct, *m, None, tense), *m as i8),
                None => format!("XXXX-{m:02}"),
            })),
            Sem::Month {
                m,
                shift: Some(shift),
            } => {
                let Some(dct) = dct else {
                    return date(Some(format!("XXXX-{m:02}")));
                };
                let (y, cm) = (i32::from(dct.year()), dct.month() as u8);
                let y = match shift {
                    Shift::Last | Shift::Past | Shift::Previous => {
                        if *m < cm {
                            y
                        } else {
                            y - 1
                        }
                    }
                    Shift::Next | Shift::Coming | Shift::Following => {
                        if *m > cm {
                            y
                        } else {
                            y + 1
                        }
                    }
                    _ => y,
                };
                date(Some(ym(y, *m as i8)))
            }
            Sem::Year(y) => date(Some(format!("{y:04}"))),
            Sem::Decade(d) => date(Some(format!("{d:03}"))),
            Sem::Century(c) => date(Some(format!("{c:02}"))),
            Sem::RelUnit { unit, n } => date(dct.and_then(|d| unit_value(d, *unit, *n))),
            Sem::AnchorUnit { unit, n } => {
                let base = match unit {
                    Unit::Year => match self.year {
                        Some(y) => Date::new(y as i16, 1, 1).ok(),
                        None => self.anchor(tense),
                    },
                    _ => self.anchor(tense),
                };
                date(base.and_then(|d| unit_value(d, *unit, *n)))
            }
            Sem::Season { s, y, shift } => {
                let year = match (y, dct) {
                    (Some(y), _) => Some(*y),
                    (None, Some(dct)) => Some(season_year(dct, *s, *shift, tense)),
                    (None, None) => None,
                };
                date(Some(match year {
                    Some(y) => format!("{y:04}-{}", s.code()),
                    None => format!("XXXX-{}", s.code()),
                }))
            }
            Sem::Quarter { q, y, shift } => {
                let year = match (y, dct) {
                    (Some(y), _) => Some(*y),
                    (None, Some(dct)) => {
                        let y = i32::from(dct.year());
                        let current = (dct.month() as u8 - 1) / 3 + 1;
                        Some(match (shift, tense) {
                            (Some(Shift::Last | Shift::Previous | Shift::Past), _) => {
                                if *q < current {
                                    y
                                } else {
                                    y - 1
                                }
                            }
                            (Some(Shift::Next | Shift::Coming | Shift::Following), _) => {
                                if *q > current {
                                    y
                                } else {
                                    y + 1
                                }
                            }
                            (Some(_), _) => y,
                            (None, Tense::Future) if *q >= current => y,
                            (None, _) => {
                                if *q <= current {
                                    y
                                } else {
                                    y - 1
                                }
                            }
                        })
                    }
                    (None, None) => None,
                };
                date(Some(match year {
                    Some(y) => format!("{y:04}-Q{q}"),
                    None => format!("XXXX-Q{q}"),
                }))
            }
            Sem::Half { h, y } => {
                let year = y.or(dct.map(|d| i32::from(d.year())));
                date(Some(match year {
                    Some(y) => format!("{y:04}-H{h}"),
                    None => format!("XXXX-H{h}"),
                }))
            }
            Sem::Offset {
                unit,
                amount,
                dir,
                anchored,
            } => {
                let base = if *anchored { self.anchor(tense) } else { dct };
                let value = match (base, amount) {
                    (Some(base), Some(a)) if a.fract() == 0.0 && !unit.is_clock() => {
                        offset_value(base, *unit, (*a as i32) * dir)
                    }
                    (_, None) => Some(if *dir < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string()),
                    _ => None,
                };
                let day = match (base, amount, unit) {
                    (Some(base), Some(a), Unit::Day) => {
                        add_days(base, (*a as i64) * i64::from(*dir))
                    }
                    _ => None,
                };
                Resolved {
                    kind: TimexType::Date,
                    value,
                    day,
                }
            }
            Sem::Duration { amount, unit } => Resolved {
                kind: TimexType::Duration,
                value: Some(duration_value(*amount, *unit)),
                day: None,
            },
            Sem::Clock { h, m, day } => {
                let d = match day {
                    Some(s) => self.day(s, tense),
                    None => self.anchor(tense),
                };
                let value = match d {
                    Some(d) => format!("{}T{h:02}:{m:02}", ymd(d)),
                    None => format!("T{h:02}:{m:02}"),
                };
                Resolved {
                    kind: TimexType::Time,
                    value: Some(value),
                    day: d,
                }
            }
            Sem::PartOfDay { pod, day } => {
                let d = match day {
                    Some(s) => self.day(s, tense),
                    None => self.anchor(tense),
                };
                // "Friday night", "the next morning": the day; "this morning", "the evening": the time.
                let named_day = matches!(
                    day.as_deref(),
                    Some(Sem::Weekday { .. } | Sem::AnchorUnit { .. } | Sem::Date { .. })
                );
                let value = d.map(|d| {
                    if named_day {
                        ymd(d)
                    } else {
                        format!("{}T{}", ymd(d), pod.code())
                    }
                });
                let kind = if named_day {
                    TimexType::Date
                } else {
                    TimexType::Time
                };
                Resolved {
                    kind,
                    value,
                    day: d,
                }
            }
            Sem::Vague(v) => date(Some(v.value().to_string())),
            Sem::Set(v) => Resolved {
                kind: TimexType::Set,
                value: Some(v.clone()),
                day: None,
            },
            Sem::MonthOfYear { m, n } => date(dct.map(|d| ym(i32::from(d.year()) + n, *m as i8))),
            Sem::Weekend => {
                let value = dct.and_then(|d| {
                    let weekend = matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
                    let n = if tense == Tense::Future || weekend {
                        0
                    } else {
                        -1
                    };
                    unit_value(d, Unit::Weekend, n)
                });
                date(value)
            }
            Sem::ElectionDay => {
                let day = self.election;
                Resolved {
                    kind: TimexType::Date,
                    value: day.map(ymd),
                    day,
                }
            }
        }
    }
}

/// The year of a month (and day) named without one.
fn infer_year(dct: Date, m: u8, d: Option<u8>, tense: Tense) -> i32 {
    let y = i32::from(dct.year());
    let (cm, cd) = (dct.month() as u8, dct.day() as u8);
    let (not_after, not_before) = match d {
        Some(d) => ((m, d) <= (cm, cd), (m, d) >= (cm, cd)),
        None => (m <= cm, m >= cm),
    };
    let _ = (not_after, not_before);
    let Some(d) = d else {
        // A month alone: past clauses look back, future ones ahead, others lean to the past.
        return match tense {
            Tense::Past if m > cm => y - 1,
            Tense::Future if m < cm => y + 1,
            Tense::Unknown if m > cm + 2 => y - 1,
            Tense::Unknown if i32::from(m) + 9 < i32::from(cm) => y + 1,
            _ => y,
        };
    };
    // A day: how far the same-year date lies from the publication date.
    let Ok(same) = Date::new(y as i16, m as i8, d as i8) else {
        return y;
    };
    let ahead = (same - dct).get_days();
    let ahead = i64::from(ahead) + i64::from((same - dct).get_weeks()) * 7;
    match tense {
        Tense::Past if ahead > 60 => y - 1,
        Tense::Future if ahead < -30 => y + 1,
        Tense::Unknown if ahead > 90 => y - 1,
        Tense::Unknown if ahead < -270 => y + 1,
        _ => y,
    }
}

fn season_year(dct: Date, s: Season, shift: Option<Shift>, tense: Tense) -> i32 {
    let y = i32::from(dct.year());
    let cm = dct.month() as u8;
    // The season the publication date lies in, by its first month.
    let current = match cm {
        3..=5 => Season::Spring,
        6..=8 => Season::Summer,
        9..=11 => Season::Fall,
        _ => Season::Winter,
    };
    let started = s.first_month() <= cm || (current == Season::Winter && s == Season::Winter);
    match shift {
        Some(Shift::Last | Shift::Past | Shift::Previous) => {
            if started && s != current {
                y
            } else {
                y - 1
            }
        }
        Some(Shift::Next | Shift::Coming | Shift::Following) => {
            if !started {
                y
            } else {
                y + 1
            }
        }
        Some(_) => y,
        None => match tense {
            Tense::Past if !started => y - 1,
            Tense::Future if started && s != current => y + 1,
            _ => y,
        },
    }
}

/// Value of the unit containing `d` shifted by `n`: week, month, quarter, year …
fn unit_value(d: Date, unit: Unit, n: i32) -> Option<String> {
    Some(match unit {
        Unit::Day => ymd(add_days(d, i64::from(n))?),
        Unit::Week => week(d.checked_add((i64::from(n) * 7).days()).ok()?),
        Unit::Fortnight => week(d.checked_add((i64::from(n) * 14).days()).ok()?),
        Unit::Weekend => format!(
            "{}-WE",
            week(d.checked_add((i64::from(n) * 7).days()).ok()?)
        ),
        Unit::Month => {
            let (y, m) = add_months(i32::from(d.year()), d.month(), n);
            ym(y, m)
        }
        Unit::Quarter => {
            let q0 = i32::from(d.year()) * 4 + (i32::from(d.month()) - 1) / 3 + n;
            format!("{:04}-Q{}", q0.div_euclid(4), q0.rem_euclid(4) + 1)
        }
        Unit::Year => format!("{:04}", i32::from(d.year()) + n),
        Unit::Decade => format!("{:03}", i32::from(d.year()) / 10 + n),
        Unit::Century => format!("{:02}", i32::from(d.year()) / 100 + n),
        Unit::Hour | Unit::Minute | Unit::Second => return None,
    })
}

/// Value of "N units ago/later" from `base`, at the unit's granularity.
fn offset_value(base: Date, unit: Unit, n: i32) -> Option<String> {
    Some(match unit {
        Unit::Day => ymd(add_days(base, i64::from(n))?),
        Unit::Week | Unit::Weekend => week(base.checked_add((i64::from(n) * 7).days()).ok()?),
        Unit::Fortnight => week(base.checked_add((i64::from(n) * 14).days()).ok()?),
        Unit::Month => {
            let (y, m) = add_months(i32::from(base.year()), base.month(), n);
            ym(y, m)
        }
        Unit::Quarter => unit_value(base, Unit::Quarter, n)?,
        Unit::Year => format!("{:04}", i32::from(base.year()) + n),
        Unit::Decade => format!("{:04}", i32::from(base.year()) + 10 * n),
        Unit::Century => format!("{:04}", i32::from(base.year()) + 100 * n),
        Unit::Hour | Unit::Minute | Unit::Second => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso() {
        assert_eq!(duration_value(Some(3.0), Unit::Day), "P3D");
        assert_eq!(duration_value(Some(48.0), Unit::Hour), "PT48H");
        assert_eq!(duration_value(Some(1.0), Unit::Decade), "P10Y");
        assert_eq!(duration_value(None, Unit::Year), "PXY");
        assert_eq!(duration_value(Some(5.5), Unit::Hour), "PT5.5H");
    }

    #[test]
    fn units_shift() {
        let d = Date::new(2013, 3, 22).unwrap();
        assert_eq!(unit_value(d, Unit::Week, -1).unwrap(), "2013-W11");
        assert_eq!(unit_value(d, Unit::Month, -3).unwrap(), "2012-12");
        assert_eq!(unit_value(d, Unit::Quarter, -1).unwrap(), "2012-Q4");
        assert_eq!(unit_value(d, Unit::Decade, 0).unwrap(), "201");
    }

    #[test]
    fn years_follow_tense() {
        let d = Date::new(2019, 9, 29).unwrap();
        assert_eq!(infer_year(d, 12, None, Tense::Past), 2018);
        assert_eq!(infer_year(d, 12, Some(10), Tense::Future), 2019);
        assert_eq!(infer_year(d, 5, None, Tense::Past), 2019);
        let december = Date::new(2019, 12, 20).unwrap();
        assert_eq!(infer_year(december, 1, Some(5), Tense::Unknown), 2020);
    }
}
