//! Dates and times: absolute ("February 29, 2020", "February 2020", "2020"),
//! partial ("On December 27"), relative ("last week", "a year ago", "on
//! Monday", "in recent months").
//!
//! A date without a year, or a relative expression, is resolved against the
//! publication date when it is known: a month and day to the occurrence
//! nearest the publication date, a weekday to the last one on or before it
//! (the next one on or after it when the sentence speaks of the future).
//! Unknown publication date: a month and day stays a partial ISO date
//! (`--12-27`), a month alone `--12`, and a relative expression keeps its
//! words with empty bounds. Nothing is guessed.

use super::lexicon::{Lists, LEXICON};
use super::numbers;
use super::scan::{Scan, TokenKind};
use crate::model::{Granularity, TimeRef};
use chrono::{Datelike, Days, Months, NaiveDate};
use std::ops::Range;
use std::sync::Arc;

/// A time expression found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// What it resolves to, shared by the claims it dates.
    pub time: Arc<TimeRef>,
}

/// How far back "in recent months" and its kin reach, in months.
const RECENT_MONTHS: u32 = 6;

/// Every time expression in the sentence, left to right.
pub(crate) fn find(scan: &Scan, published: Option<NaiveDate>) -> Vec<Found> {
    let context = Context { published };
    let mut found = Vec::new();
    let mut i = 0;
    while i < scan.len() {
        match context.at(scan, i) {
            Some((end, mut time)) => {
                time.text = scan.text_of(i..end).to_string();
                found.push(Found {
                    tokens: i..end,
                    time: Arc::new(time),
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

struct Context {
    published: Option<NaiveDate>,
}

impl Context {
    /// The time expression starting at token `i`: end token and value.
    fn at(&self, scan: &Scan, i: usize) -> Option<(usize, TimeRef)> {
        if !may_open(scan, i) {
            return None;
        }
        self.calendar_date(scan, i)
            .or_else(|| self.relative(scan, i))
            .or_else(|| self.weekday(scan, i))
            .or_else(|| year_alone(scan, i))
    }

    /// "February 29, 2020", "29 February 2020", "February 2020", "December 27".
    fn calendar_date(&self, scan: &Scan, i: usize) -> Option<(usize, TimeRef)> {
        if let Some(iso) = iso_date(scan, i) {
            return Some((i + 1, day_ref(iso)));
        }
        let (month, day, after) = if let Some((month, next)) = month_at(scan, i) {
            match day_at(scan, next) {
                Some(day) => (month, Some(day), next + 1),
                None => (month, None, next),
            }
        } else {
            let day = day_at(scan, i)?;
            let next = if scan.word(i + 1) == "of" {
                i + 2
            } else {
                i + 1
            };
            let (month, after) = month_at(scan, next)?;
            (month, Some(day), after)
        };
        let year_at = if scan.is_punct(after, ',') || scan.word(after) == "of" {
            after + 1
        } else {
            after
        };
        match (year_token(scan, year_at), day) {
            (Some(year), Some(day)) => Some((
                year_at + 1,
                day_ref(NaiveDate::from_ymd_opt(year, month, day)?),
            )),
            (Some(year), None) => Some((year_at + 1, month_ref(year, month))),
            (None, Some(day)) => {
                NaiveDate::from_ymd_opt(2000, month, day)?; // a day that exists in some year
                Some((after, self.month_day(month, day)))
            }
            (None, None) => month_needs_context(scan, i).then(|| (after, self.month_only(month))),
        }
    }

    fn month_day(&self, month: u32, day: u32) -> TimeRef {
        let nearest = self.published.and_then(|published| {
            nearest_occurrence(published, |year| NaiveDate::from_ymd_opt(year, month, day))
        });
        match nearest {
            Some(date) => day_ref(date),
            None => {
                let partial = format!("XXXX-{month:02}-{day:02}");
                time_ref(partial.clone(), partial, Granularity::Day)
            }
        }
    }

    fn month_only(&self, month: u32) -> TimeRef {
        let nearest = self.published.and_then(|published| {
            nearest_occurrence(published, |year| NaiveDate::from_ymd_opt(year, month, 15))
        });
        match nearest {
            Some(date) => month_ref(date.year(), month),
            None => {
                let partial = format!("XXXX-{month:02}");
                time_ref(partial.clone(), partial, Granularity::Month)
            }
        }
    }

    /// "on Monday", "Friday's game".
    fn weekday(&self, scan: &Scan, i: usize) -> Option<(usize, TimeRef)> {
        let weekday = weekday_at(scan, i)?;
        let date_at = if scan.is_punct(i + 1, ',') {
            i + 2
        } else {
            i + 1
        };
        if let Some(dated) = self.calendar_date(scan, date_at) {
            return Some(dated); // "Friday, April 26, 2024": the date says it all
        }
        let time = match self.published {
            Some(published) => day_ref(weekday_near(published, weekday, speaks_of_future(scan))),
            None => unresolved(Granularity::Day),
        };
        Some((i + 1, time))
    }

    /// "today", "last week", "next month", "a year ago", "in recent months",
    /// "in the past two years", "earlier this year".
    fn relative(&self, scan: &Scan, i: usize) -> Option<(usize, TimeRef)> {
        let (end, relative) = relative_at(scan, i)?;
        let time = match self.published {
            Some(published) => resolve(relative, published)?,
            None => unresolved(relative.granularity()),
        };
        Some((end, time))
    }
}

/// True when the sentence speaks of the future ("will", "next"): a bare
/// weekday is then the next one. Asked only for weekdays, which are rare.
fn speaks_of_future(scan: &Scan) -> bool {
    (0..scan.len()).any(|i| matches!(scan.word(i), "will" | "next" | "upcoming" | "shall"))
}

/// The weekday nearest publication: on or after it when the sentence speaks
/// of the future, else on or before it.
fn weekday_near(published: NaiveDate, weekday: u32, future: bool) -> NaiveDate {
    let today = published.weekday().number_from_monday();
    if future {
        published + Days::new(u64::from((weekday + 7 - today) % 7))
    } else {
        published - Days::new(u64::from((today + 7 - weekday) % 7))
    }
}

/// A relative expression before resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Relative {
    /// A day offset from publication ("yesterday" = -1).
    Day(i64),
    /// The calendar unit containing publication shifted by n ("last week" = Week(-1)).
    Unit(Unit, i32),
    /// n units before publication ("a year ago").
    Ago(Unit, u32),
    /// The n units up to publication ("in recent months", "in the past two years").
    Past(Unit, u32),
    /// A weekday before or after publication ("last Monday", "next Friday").
    Weekday(u32, i32),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

impl Relative {
    fn granularity(self) -> Granularity {
        match self {
            Relative::Day(_) | Relative::Weekday(..) | Relative::Ago(Unit::Day, _) => {
                Granularity::Day
            }
            Relative::Unit(Unit::Month, _) | Relative::Ago(Unit::Month, _) => Granularity::Month,
            Relative::Unit(Unit::Year, _) | Relative::Ago(Unit::Year, _) => Granularity::Year,
            _ => Granularity::Interval,
        }
    }
}

fn unit_of(word: &str) -> Option<Unit> {
    Some(match word {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        "decade" | "decades" => Unit::Decade,
        _ => return None,
    })
}

/// The words [`relative_at`] reads first: a relative expression opens with
/// one of them, a number or a number word.
pub(super) const RELATIVE_OPENERS: [&str; 18] = [
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "last",
    "previous",
    "next",
    "coming",
    "this",
    "earlier",
    "later",
    "a",
    "an",
    "one",
    "in",
    "over",
    "during",
    "within",
];

/// False when no time expression can start at token `i`: every one opens
/// with a digit (dates, days, years, counts), a month or weekday, a number
/// word (hyphenated or not) or a relative opener. Most tokens are none of
/// these and are turned away with a bit test.
fn may_open(scan: &Scan, i: usize) -> bool {
    let word = scan.word(i);
    word.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || scan.lists(i).has(
            Lists::CALENDAR
                .or(Lists::NUMBER_WORDS)
                .or(Lists::TIME_OPENERS),
        )
        || scan.has_hyphen(i)
}

fn relative_at(scan: &Scan, i: usize) -> Option<(usize, Relative)> {
    let word = scan.word(i);
    let simple = match word {
        "today" | "tonight" => Some(Relative::Day(0)),
        "yesterday" => Some(Relative::Day(-1)),
        "tomorrow" => Some(Relative::Day(1)),
        _ => None,
    };
    if let Some(simple) = simple {
        return Some((i + 1, simple));
    }
    let shift = match word {
        "last" | "previous" => Some(-1),
        "next" | "coming" => Some(1),
        "this" => Some(0),
        _ => None,
    };
    if let Some(shift) = shift {
        if let Some(unit) = unit_of(scan.word(i + 1)).filter(|u| *u != Unit::Day) {
            return Some((i + 2, Relative::Unit(unit, shift)));
        }
        if let Some(weekday) = weekday_at(scan, i + 1) {
            return Some((i + 2, Relative::Weekday(weekday, shift)));
        }
    }
    if matches!(word, "earlier" | "later") && scan.word(i + 1) == "this" {
        let unit = unit_of(scan.word(i + 2))?;
        return Some((i + 3, Relative::Unit(unit, 0)));
    }
    if let Some(ago) = ago_at(scan, i) {
        return Some(ago);
    }
    past_at(scan, i)
}

/// "a year ago", "ten months ago", "two weeks ago".
fn ago_at(scan: &Scan, i: usize) -> Option<(usize, Relative)> {
    let (count, next) = match scan.word(i) {
        "a" | "an" | "one" => (1, i + 1),
        _ => {
            let (value, next) = numbers::value_at(scan, i)?;
            (value as u32, next)
        }
    };
    let unit = unit_of(scan.word(next))?;
    (scan.word(next + 1) == "ago" && count > 0).then_some((next + 2, Relative::Ago(unit, count)))
}

/// "in recent months", "in the past two years", "in the last decade", "over the past week".
fn past_at(scan: &Scan, i: usize) -> Option<(usize, Relative)> {
    if !matches!(scan.word(i), "in" | "over" | "during" | "within") {
        return None;
    }
    if scan.word(i + 1) == "recent" {
        let unit = unit_of(scan.word(i + 2))?;
        let count = match unit {
            Unit::Day => 7,
            Unit::Week => 4,
            Unit::Month => RECENT_MONTHS,
            _ => 3,
        };
        return Some((i + 3, Relative::Past(unit, count)));
    }
    if scan.word(i + 1) != "the" || !matches!(scan.word(i + 2), "last" | "past") {
        return None;
    }
    let (count, next) = numbers::value_at(scan, i + 3).map_or((1, i + 3), |(v, n)| (v as u32, n));
    let unit = unit_of(scan.word(next))?;
    (count > 0).then_some((next + 1, Relative::Past(unit, count)))
}

fn resolve(relative: Relative, published: NaiveDate) -> Option<TimeRef> {
    Some(match relative {
        Relative::Day(offset) => {
            day_ref(published.checked_add_signed(chrono::Duration::days(offset))?)
        }
        Relative::Weekday(weekday, shift) => {
            let today = published.weekday().number_from_monday();
            let back = (today + 7 - weekday) % 7;
            let date = match shift {
                s if s < 0 => published - Days::new(u64::from(if back == 0 { 7 } else { back })),
                s if s > 0 => {
                    published
                        + Days::new(u64::from(match (weekday + 7 - today) % 7 {
                            0 => 7,
                            d => d,
                        }))
                }
                _ => published - Days::new(u64::from(back)),
            };
            day_ref(date)
        }
        Relative::Unit(unit, shift) => unit_containing(shift_by(published, unit, shift)?, unit)?,
        Relative::Ago(unit, count) => {
            unit_containing(shift_by(published, unit, -(count as i32))?, unit)?
        }
        Relative::Past(unit, count) => {
            let start = shift_by(published, unit, -(count as i32))?;
            time_ref(
                start.to_string(),
                published.to_string(),
                Granularity::Interval,
            )
        }
    })
}

fn shift_by(date: NaiveDate, unit: Unit, count: i32) -> Option<NaiveDate> {
    let magnitude = count.unsigned_abs();
    let (months, days) = match unit {
        Unit::Day => (0, u64::from(magnitude)),
        Unit::Week => (0, 7 * u64::from(magnitude)),
        Unit::Month => (magnitude, 0),
        Unit::Year => (12 * magnitude, 0),
        Unit::Decade => (120 * magnitude, 0),
    };
    if count < 0 {
        date.checked_sub_months(Months::new(months))?
            .checked_sub_days(Days::new(days))
    } else {
        date.checked_add_months(Months::new(months))?
            .checked_add_days(Days::new(days))
    }
}

/// The day, week, month or year around `date` as a time reference.
fn unit_containing(date: NaiveDate, unit: Unit) -> Option<TimeRef> {
    Some(match unit {
        Unit::Day => day_ref(date),
        Unit::Week => {
            let monday = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
            let sunday = monday + Days::new(6);
            time_ref(
                monday.to_string(),
                sunday.to_string(),
                Granularity::Interval,
            )
        }
        Unit::Month => month_ref(date.year(), date.month()),
        Unit::Year => year_ref(date.year()),
        Unit::Decade => {
            let start = date.year() - date.year().rem_euclid(10);
            time_ref(
                start.to_string(),
                (start + 9).to_string(),
                Granularity::Interval,
            )
        }
    })
}

/// Of the candidate dates in the year before, of, and after publication, the
/// one nearest to it (the earlier on a tie).
fn nearest_occurrence(
    published: NaiveDate,
    date_in: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    (published.year() - 1..=published.year() + 1)
        .filter_map(date_in)
        .min_by_key(|date| {
            (
                date.signed_duration_since(published).num_days().abs(),
                *date,
            )
        })
}

/// A year written alone ("in 2020", "the 2020 deal"), or a decade ("the 1990s").
fn year_alone(scan: &Scan, i: usize) -> Option<(usize, TimeRef)> {
    if let Some(decade) = scan
        .word(i)
        .strip_suffix('s')
        .and_then(|d| d.parse::<i32>().ok())
    {
        if (1800..=2100).contains(&decade) && decade % 10 == 0 {
            let time = time_ref(
                decade.to_string(),
                (decade + 9).to_string(),
                Granularity::Interval,
            );
            return Some((i + 1, time));
        }
    }
    let year = year_token(scan, i)?;
    let counted = numbers::unit_after(scan, i + 1).is_some();
    let money = i > 0 && LEXICON.currencies.raw_at(scan, i - 1).is_some();
    (!counted && !money).then(|| (i + 1, year_ref(year)))
}

fn month_at(scan: &Scan, i: usize) -> Option<(u32, usize)> {
    if !scan.is_capitalized(i) {
        return None;
    }
    let month: u32 = LEXICON.calendar.at(scan, i)?.parse().ok()?;
    let abbreviated = scan.word(i).len() <= 4 && scan.is_punct(i + 1, '.');
    Some((month, if abbreviated { i + 2 } else { i + 1 }))
}

/// "May" and "March" are also words: alone, they need a preposition before.
fn month_needs_context(scan: &Scan, i: usize) -> bool {
    !matches!(scan.word(i), "may" | "march")
        || (i > 0
            && matches!(
                scan.word(i - 1),
                "in" | "by"
                    | "since"
                    | "until"
                    | "till"
                    | "from"
                    | "of"
                    | "early"
                    | "late"
                    | "mid"
                    | "through"
                    | "before"
                    | "after"
                    | "during"
                    | "last"
                    | "next"
                    | "this"
            ))
}

fn weekday_at(scan: &Scan, i: usize) -> Option<u32> {
    if !scan.is_capitalized(i) {
        return None;
    }
    LEXICON
        .calendar
        .at(scan, i)?
        .strip_prefix('w')?
        .parse()
        .ok()
}

fn day_at(scan: &Scan, i: usize) -> Option<u32> {
    let word = scan.word(i);
    let digits = match scan.kind(i)? {
        TokenKind::Number => word,
        TokenKind::Word => ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| word.strip_suffix(s))?,
        _ => return None,
    };
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn year_token(scan: &Scan, i: usize) -> Option<i32> {
    if scan.kind(i)? != TokenKind::Number || scan.word(i).len() != 4 {
        return None;
    }
    let year: i32 = scan.word(i).parse().ok()?;
    (1800..=2100).contains(&year).then_some(year)
}

fn iso_date(scan: &Scan, i: usize) -> Option<NaiveDate> {
    let word = scan.word(i);
    // A year opens with a digit: ten-letter words are never parsed.
    let digit_first = word.as_bytes().first().is_some_and(u8::is_ascii_digit);
    (word.len() == 10 && digit_first && scan.is_word(i))
        .then(|| NaiveDate::parse_from_str(word, "%Y-%m-%d").ok())
        .flatten()
}

fn time_ref(start: String, end: String, granularity: Granularity) -> TimeRef {
    TimeRef {
        start,
        end,
        granularity,
        text: String::new(),
    }
}

fn unresolved(granularity: Granularity) -> TimeRef {
    time_ref(String::new(), String::new(), granularity)
}

fn day_ref(date: NaiveDate) -> TimeRef {
    time_ref(date.to_string(), date.to_string(), Granularity::Day)
}

fn month_ref(year: i32, month: u32) -> TimeRef {
    let value = format!("{year:04}-{month:02}");
    time_ref(value.clone(), value, Granularity::Month)
}

fn year_ref(year: i32) -> TimeRef {
    time_ref(year.to_string(), year.to_string(), Granularity::Year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(
        text: &str,
        published: Option<NaiveDate>,
    ) -> Vec<(String, String, Granularity, String)> {
        let lower = text.to_ascii_lowercase();
        let scan = Scan::new(text, &lower);
        find(&scan, published)
            .into_iter()
            .map(|f| {
                let t = Arc::unwrap_or_clone(f.time);
                (t.start, t.end, t.granularity, t.text)
            })
            .collect()
    }

    fn one(text: &str, published: Option<NaiveDate>) -> (String, String, Granularity) {
        let found = times(text, published);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let (start, end, granularity, _) = found.into_iter().next().unwrap();
        (start, end, granularity)
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn s(start: &str, end: &str, g: Granularity) -> (String, String, Granularity) {
        (start.to_string(), end.to_string(), g)
    }

    #[test]
    fn day_month_and_year_precision() {
        assert_eq!(
            one(
                "signed a peace agreement with them on February 29, 2020 and",
                None
            ),
            s("2020-02-29", "2020-02-29", Granularity::Day)
        );
        assert_eq!(
            one("the historic February 2020 peace agreement", None),
            s("2020-02", "2020-02", Granularity::Month)
        );
        assert_eq!(
            one("Under the 2020 deal, the US", None),
            s("2020", "2020", Granularity::Year)
        );
        assert_eq!(
            one("on 7 December 2009 in Houston", None),
            s("2009-12-07", "2009-12-07", Granularity::Day)
        );
        assert_eq!(one("7:15 a. m. Dec. 7, 2009", None).0, "2009-12-07");
        assert_eq!(one("Friday, April 26, 2024", None).0, "2024-04-26");
        assert_eq!(
            one("On October 2020, a senior official", None),
            s("2020-10", "2020-10", Granularity::Month)
        );
    }

    #[test]
    fn month_and_day_without_year_is_partial_unless_published_is_known() {
        assert_eq!(
            one("On December 27, the minister said", None),
            s("XXXX-12-27", "XXXX-12-27", Granularity::Day)
        );
        // Published early January: the nearest December 27 is the previous year's.
        assert_eq!(
            one("On December 27, the minister said", date(2021, 1, 12)),
            s("2020-12-27", "2020-12-27", Granularity::Day)
        );
        assert_eq!(
            one("said in October that", None),
            s("XXXX-10", "XXXX-10", Granularity::Month)
        );
        assert_eq!(
            one("said in October that", date(2021, 2, 16)),
            s("2020-10", "2020-10", Granularity::Month)
        );
    }

    #[test]
    fn invalid_dates_are_not_dates() {
        assert!(times("on February 30, 2021", None)
            .iter()
            .all(|t| t.0 != "2021-02-30"));
    }

    #[test]
    fn relative_expressions_resolve_against_publication() {
        let published = date(2021, 2, 16); // a Tuesday
        assert_eq!(
            one("NATO said Monday that", published),
            s("2021-02-15", "2021-02-15", Granularity::Day)
        );
        assert_eq!(
            one("ministers will meet on Wednesday", published),
            s("2021-02-17", "2021-02-17", Granularity::Day)
        );
        assert_eq!(
            one("suggested last week the", published),
            s("2021-02-08", "2021-02-14", Granularity::Interval)
        );
        assert_eq!(
            one("an agreement a year ago banning", published),
            s("2020", "2020", Granularity::Year)
        );
        assert_eq!(
            one("a spike in violence in recent months despite", published),
            s("2020-08-16", "2021-02-16", Granularity::Interval)
        );
        assert_eq!(
            one("reported last year.", published),
            s("2020", "2020", Granularity::Year)
        );
        assert_eq!(
            one("captured yesterday", published),
            s("2021-02-15", "2021-02-15", Granularity::Day)
        );
    }

    #[test]
    fn relative_expressions_without_publication_keep_words_only() {
        let found = times("suggested last week the possibility", None);
        assert_eq!(
            found,
            vec![(
                String::new(),
                String::new(),
                Granularity::Interval,
                "last week".to_string()
            )]
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(times("It may be that they may come.", None).is_empty());
        assert_eq!(
            one("withdraw by May.", None),
            s("XXXX-05", "XXXX-05", Granularity::Month)
        );
    }

    #[test]
    fn counted_numbers_are_not_years() {
        assert!(times("about 2000 soldiers", None).is_empty());
        assert!(times("a loss of $2020", None).is_empty());
        assert_eq!(
            one("the 1990s", None),
            s("1990", "1999", Granularity::Interval)
        );
    }
}
