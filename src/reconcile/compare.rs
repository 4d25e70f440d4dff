//! Comparison rules: given two values stated about the same fact, do they
//! agree, refine each other (compatible), or conflict? Each rule returns a
//! reason in plain words for `links.csv`.

use super::lexicon::Lexicon;
use super::words;
use crate::model::{Quantity, TimeRef, ValueKind};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// How two values relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// The same value.
    Agrees,
    /// The same fact at different precision: both can be true.
    Compatible,
    /// Both cannot be true.
    Conflicts,
    /// Not about the same thing: no link.
    Unrelated,
}

/// A verdict with its reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// How the values relate.
    pub verdict: Verdict,
    /// Why, in words (most reasons are written for the pair, a few are
    /// fixed).
    pub reason: Cow<'static, str>,
}

impl Outcome {
    fn new(verdict: Verdict, reason: impl Into<Cow<'static, str>>) -> Outcome {
        Outcome {
            verdict,
            reason: reason.into(),
        }
    }
}

/// Compares two stated quantities of the same thing by interval overlap.
/// Each comes with its value as [`quantity_value`] writes it, for the
/// reason.
pub fn quantities((a, va): (&Quantity, &str), (b, vb): (&Quantity, &str)) -> Outcome {
    if !(a.low <= b.high && b.low <= a.high) {
        return Outcome::new(Verdict::Conflicts, format!("{va} and {vb} do not overlap"));
    }
    if let (Some(ca), Some(cb)) = (centre(a), centre(b)) {
        if same_number(ca, cb) {
            let reason = if a.kind == b.kind {
                format!("the same figure, {va}")
            } else {
                format!("the same figure, stated as {va} and {vb}")
            };
            return Outcome::new(Verdict::Agrees, reason);
        }
    }
    if same_number(a.low, b.low) && same_number(a.high, b.high) {
        return Outcome::new(Verdict::Agrees, format!("the same interval, {va}"));
    }
    let reason = if contains(a, b) {
        format!("{vb} lies within {va}")
    } else if contains(b, a) {
        format!("{va} lies within {vb}")
    } else {
        format!("{va} and {vb} overlap")
    };
    Outcome::new(Verdict::Compatible, reason)
}

/// The value a point-like statement is about: the number for exact and
/// approximate figures, none for ranges, bounds and vague words.
fn centre(q: &Quantity) -> Option<f64> {
    match q.kind {
        ValueKind::Exact if q.high.is_finite() => Some((q.low + q.high) / 2.0),
        ValueKind::Approximate if q.high.is_finite() => Some((q.low + q.high) / 2.0),
        _ => None,
    }
}

fn contains(outer: &Quantity, inner: &Quantity) -> bool {
    outer.low <= inner.low && inner.high <= outer.high
}

fn same_number(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// A quantity as an analyst reads it: "2500", "about 2500", "200-500",
/// "at least 150", "hundreds (100-999)".
pub fn quantity_value(q: &Quantity) -> String {
    let unit = if q.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", q.unit)
    };
    let value = match q.kind {
        ValueKind::Exact => number(q.low),
        ValueKind::Approximate => match centre(q) {
            Some(c) => format!("about {}", number(c)),
            None => format!("about {}-{}", number(q.low), number(q.high)),
        },
        ValueKind::Range | ValueKind::Vague => format!("{}-{}", number(q.low), number(q.high)),
        ValueKind::Bound if !q.high.is_finite() => format!("at least {}", number(q.low)),
        ValueKind::Bound if q.low <= 0.0 => format!("at most {}", number(q.high)),
        ValueKind::Bound => format!("{}-{}", number(q.low), number(q.high)),
    };
    format!("{value}{unit}")
}

fn number(x: f64) -> String {
    if !x.is_finite() {
        "unbounded".to_string()
    } else if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// How a date of unknown year starts (EDTF unspecified digits).
const UNKNOWN_YEAR: &str = "XXXX-";

/// A date known down to some precision; the year may be unknown ("On
/// December 27" in an undated page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Point {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

/// Parses `2020`, `2020-02`, `2020-02-29`, `XXXX-12-27`, `XXXX-12`.
fn parse_point(text: &str) -> Option<Point> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix(UNKNOWN_YEAR) {
        let mut parts = rest.split('-');
        let month = parts
            .next()?
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let day = match parts.next() {
            Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        return Some(Point {
            year: None,
            month: Some(month),
            day,
        });
    }
    let mut parts = text.split('-');
    let year = parts.next()?.parse::<i32>().ok()?;
    let month = match parts.next() {
        Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    Some(Point {
        year: Some(year),
        month,
        day,
    })
}

/// First and last day a dated point covers.
fn days(point: Point) -> Option<(NaiveDate, NaiveDate)> {
    let year = point.year?;
    let first = NaiveDate::from_ymd_opt(year, point.month.unwrap_or(1), point.day.unwrap_or(1))?;
    let last = match (point.month, point.day) {
        (_, Some(_)) => first,
        (Some(m), None) => last_of_month(year, m)?,
        (None, None) => NaiveDate::from_ymd_opt(year, 12, 31)?,
    };
    Some((first, last))
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Compares two stated times of the same event by containment at their
/// granularity. Times without a year are compared on month and day only,
/// and never reported as conflicting: the year might differ. Each comes
/// with its value as [`time_value`] writes it, for the reason.
pub fn times((a, ta): (&TimeRef, &str), (b, tb): (&TimeRef, &str)) -> Outcome {
    let Some((a0, a1, b0, b1)) = points(a, b) else {
        return Outcome::new(Verdict::Unrelated, "a time could not be read");
    };
    match day_ranges(a0, a1, b0, b1) {
        Some((a, b)) => match overlap(a, b) {
            Overlap::Same => Outcome::new(Verdict::Agrees, format!("the same time, {ta}")),
            Overlap::Contains => Outcome::new(Verdict::Compatible, format!("{ta} contains {tb}")),
            Overlap::Within => Outcome::new(Verdict::Compatible, format!("{tb} contains {ta}")),
            Overlap::Partial => Outcome::new(Verdict::Compatible, format!("{ta} and {tb} overlap")),
            Overlap::Apart => {
                Outcome::new(Verdict::Conflicts, format!("{ta} and {tb} do not overlap"))
            }
        },
        None => month_days(a0, a1, b0, b1, ta, tb),
    }
}

/// True when [`times`] finds two times in conflict, without writing its
/// reason: most pairs only ask whether their times differ.
pub fn times_conflict(a: &TimeRef, b: &TimeRef) -> bool {
    let ranges = points(a, b).and_then(|(a0, a1, b0, b1)| day_ranges(a0, a1, b0, b1));
    ranges.is_some_and(|(a, b)| overlap(a, b) == Overlap::Apart)
}

/// The start and end points of two times, if all can be read.
fn points(a: &TimeRef, b: &TimeRef) -> Option<(Point, Point, Point, Point)> {
    Some((
        parse_point(&a.start)?,
        parse_point(&a.end)?,
        parse_point(&b.start)?,
        parse_point(&b.end)?,
    ))
}

/// The first and last days two times cover, when all their points have a
/// year.
fn day_ranges(a0: Point, a1: Point, b0: Point, b1: Point) -> Option<(DayRange, DayRange)> {
    let ((sa, _), (_, ea)) = days(a0).zip(days(a1))?;
    let ((sb, _), (_, eb)) = days(b0).zip(days(b1))?;
    Some(((sa, ea), (sb, eb)))
}

/// First and last day.
type DayRange = (NaiveDate, NaiveDate);

/// How one range of days lies against another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overlap {
    /// The same days.
    Same,
    /// The first holds the second.
    Contains,
    /// The second holds the first.
    Within,
    /// Some days in common.
    Partial,
    /// No day in common.
    Apart,
}

fn overlap(a: DayRange, b: DayRange) -> Overlap {
    if a == b {
        Overlap::Same
    } else if a.0 <= b.0 && b.1 <= a.1 {
        Overlap::Contains
    } else if b.0 <= a.0 && a.1 <= b.1 {
        Overlap::Within
    } else if a.0 <= b.1 && b.0 <= a.1 {
        Overlap::Partial
    } else {
        Overlap::Apart
    }
}

/// Compares on month and day when a year is missing on either side; only
/// single points (not intervals) are compared.
fn month_days(a0: Point, a1: Point, b0: Point, b1: Point, ta: &str, tb: &str) -> Outcome {
    let single = |p: Point, q: Point| (p.month == q.month && p.day == q.day).then_some(p);
    let (Some(a), Some(b)) = (single(a0, a1), single(b0, b1)) else {
        return Outcome::new(Verdict::Unrelated, "intervals without a year");
    };
    if a.month.is_none() || b.month.is_none() || a.month != b.month {
        return Outcome::new(
            Verdict::Unrelated,
            format!("{ta} and {tb}: year not stated"),
        );
    }
    match (a.day, b.day) {
        (Some(x), Some(y)) if x == y => Outcome::new(
            Verdict::Agrees,
            format!("the same day, {ta} and {tb} (year stated in one only)"),
        ),
        (Some(_), Some(_)) => Outcome::new(
            Verdict::Unrelated,
            format!("{ta} and {tb}: different days, year not stated"),
        ),
        (None, None) => Outcome::new(
            Verdict::Agrees,
            format!("the same month, {ta} and {tb} (year stated in one only)"),
        ),
        _ => Outcome::new(
            Verdict::Compatible,
            format!("{ta} and {tb}: the same month at different precision"),
        ),
    }
}

/// A time as an analyst reads it, with its precision.
pub fn time_value(t: &TimeRef) -> String {
    let span = if t.start == t.end || t.end.is_empty() {
        t.start.clone()
    } else {
        format!("{}/{}", t.start, t.end)
    };
    format!("{span} ({})", t.granularity.as_str())
}

/// What comparing a title reads of it, worked out once per title: a run
/// compares the few thousand titles it has millions of times.
#[derive(Clone, Debug)]
pub struct TitleKey {
    /// True for a past title ("former minister").
    past: bool,
    /// The office it names ([`title_key`]).
    office: BTreeSet<String>,
}

impl TitleKey {
    /// The key of a title.
    pub fn of(title: &str, lexicon: &Lexicon) -> TitleKey {
        TitleKey {
            past: words::folded_words(title)
                .iter()
                .any(|w| lexicon.time_modifiers.contains(w)),
            office: title_key(title, lexicon),
        }
    }
}

/// Compares two titles given to one person at one time.
///
/// Titles are folded to word sets without modifiers that keep the office
/// ("acting", country adjectives), and mapped to a canonical office through
/// the synonym list. The same office agrees; a title that only adds words
/// (an organisation, "first") refines the other; two titles sharing a head
/// word but naming different offices ("Secretary of State" / "Foreign
/// Secretary", "President" / "Vice President") conflict; titles with nothing
/// in common are different functions a person may hold at once. Each title
/// comes with its key ([`TitleKey::of`]).
pub fn titles(
    (a, key_a): (&str, &TitleKey),
    (b, key_b): (&str, &TitleKey),
    lexicon: &Lexicon,
) -> Outcome {
    if key_a.past != key_b.past {
        return Outcome::new(
            Verdict::Unrelated,
            format!("\"{a}\" and \"{b}\": one is a past title"),
        );
    }
    let (ka, kb) = (&key_a.office, &key_b.office);
    if ka.is_empty() || kb.is_empty() {
        return Outcome::new(Verdict::Unrelated, "an empty title");
    }
    if ka == kb {
        return Outcome::new(
            Verdict::Agrees,
            format!("\"{a}\" and \"{b}\" are the same office"),
        );
    }
    let shared: BTreeSet<&String> = ka.intersection(kb).collect();
    if shared.is_empty() {
        return Outcome::new(
            Verdict::Unrelated,
            format!("\"{a}\" and \"{b}\" are different functions"),
        );
    }
    let changes_office = |extra: &BTreeSet<String>, less: &BTreeSet<String>| {
        extra
            .difference(less)
            .any(|w| lexicon.office_modifiers.contains(w))
    };
    let refines = |more: &BTreeSet<String>, less: &BTreeSet<String>| {
        less.is_subset(more) && !changes_office(more, less)
    };
    if refines(ka, kb) || refines(kb, ka) {
        return Outcome::new(
            Verdict::Compatible,
            format!("\"{a}\" and \"{b}\": one title refines the other"),
        );
    }
    Outcome::new(
        Verdict::Conflicts,
        format!("\"{a}\" and \"{b}\" are different offices"),
    )
}

/// The office a title names, as a set of folded words; synonyms and
/// translation variants map to one canonical set.
pub fn title_key(title: &str, lexicon: &Lexicon) -> BTreeSet<String> {
    let tokens = words::title_tokens(title, &lexicon.title_modifiers);
    let joined = tokens.join(" ");
    if let Some(canonical) = lexicon.titles.get(&joined) {
        return canonical.split(' ').map(String::from).collect();
    }
    // The longest listed office inside a longer title ("first vice president
    // of the republic" holds "vice president"), keeping the extra words.
    let set: BTreeSet<String> = tokens.into_iter().collect();
    let best = lexicon
        .titles
        .iter()
        .filter(|(variant, _)| variant.split(' ').all(|w| set.contains(w)))
        .max_by_key(|(variant, _)| (variant.split(' ').count(), variant.len()));
    match best {
        Some((variant, canonical)) => {
            let variant: BTreeSet<&str> = variant.split(' ').collect();
            set.iter()
                .filter(|w| !variant.contains(w.as_str()))
                .cloned()
                .chain(canonical.split(' ').map(String::from))
                .collect()
        }
        None => set,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Granularity;
    use crate::reconcile::lexicon;

    fn q(low: f64, high: f64, kind: ValueKind) -> Quantity {
        Quantity {
            low,
            high,
            kind,
            unit: "fighters".into(),
        }
    }

    fn t(start: &str, end: &str, granularity: Granularity) -> TimeRef {
        TimeRef {
            start: start.into(),
            end: end.into(),
            granularity,
            text: String::new(),
        }
    }

    fn quantities(a: &Quantity, b: &Quantity) -> Outcome {
        super::quantities((a, &quantity_value(a)), (b, &quantity_value(b)))
    }

    fn times(a: &TimeRef, b: &TimeRef) -> Outcome {
        let outcome = super::times((a, &time_value(a)), (b, &time_value(b)));
        assert_eq!(
            times_conflict(a, b),
            outcome.verdict == Verdict::Conflicts,
            "{outcome:?}"
        );
        outcome
    }

    fn verdict_of_titles(a: &str, b: &str) -> Verdict {
        let lexicon = lexicon::get();
        let (ka, kb) = (TitleKey::of(a, lexicon), TitleKey::of(b, lexicon));
        titles((a, &ka), (b, &kb), lexicon).verdict
    }

    #[test]
    fn exact_and_approximate_of_the_same_figure_agree() {
        let exact = q(2500.0, 2500.0, ValueKind::Exact);
        let about = q(2375.0, 2625.0, ValueKind::Approximate);
        assert_eq!(quantities(&exact, &about).verdict, Verdict::Agrees);
    }

    #[test]
    fn vague_words_are_compatible_with_figures_inside_them() {
        let hundreds = q(100.0, 999.0, ValueKind::Vague);
        let range = q(200.0, 500.0, ValueKind::Range);
        let several = q(3.0, 9.0, ValueKind::Vague);
        let three = q(3.0, 3.0, ValueKind::Exact);
        assert_eq!(quantities(&hundreds, &range).verdict, Verdict::Compatible);
        assert_eq!(quantities(&several, &three).verdict, Verdict::Compatible);
        let within = quantities(&range, &hundreds);
        assert!(within.reason.contains("lies within"), "{}", within.reason);
    }

    #[test]
    fn bounds_and_disjoint_figures() {
        let at_least = q(150.0, f64::INFINITY, ValueKind::Bound);
        assert_eq!(
            quantities(&at_least, &q(200.0, 200.0, ValueKind::Exact)).verdict,
            Verdict::Compatible
        );
        assert_eq!(
            quantities(&at_least, &q(90.0, 90.0, ValueKind::Exact)).verdict,
            Verdict::Conflicts
        );
        // "nearly 6,000" lies within "4,000 to 6,000".
        let nearly = q(5400.0, 6000.0, ValueKind::Approximate);
        assert_eq!(
            quantities(&nearly, &q(4000.0, 6000.0, ValueKind::Range)).verdict,
            Verdict::Compatible
        );
        assert_eq!(
            quantities(
                &q(12.0, 12.0, ValueKind::Exact),
                &q(15.0, 15.0, ValueKind::Exact)
            )
            .verdict,
            Verdict::Conflicts
        );
    }

    #[test]
    fn quantity_values_read_naturally() {
        assert_eq!(
            quantity_value(&q(2500.0, 2500.0, ValueKind::Exact)),
            "2500 fighters"
        );
        assert_eq!(
            quantity_value(&q(150.0, f64::INFINITY, ValueKind::Bound)),
            "at least 150 fighters"
        );
        assert_eq!(
            quantity_value(&q(0.0, 10.0, ValueKind::Bound)),
            "at most 10 fighters"
        );
    }

    #[test]
    fn dates_by_containment_at_granularity() {
        let month = t("2020-02", "2020-02", Granularity::Month);
        let day = t("2020-02-29", "2020-02-29", Granularity::Day);
        let year = t("2020", "2020", Granularity::Year);
        let other_day = t("2020-03-01", "2020-03-01", Granularity::Day);
        assert_eq!(times(&month, &day).verdict, Verdict::Compatible);
        assert_eq!(times(&year, &month).verdict, Verdict::Compatible);
        assert_eq!(times(&day, &day.clone()).verdict, Verdict::Agrees);
        assert_eq!(times(&month, &other_day).verdict, Verdict::Conflicts);
        let weeks = t("2021-01-04", "2021-01-10", Granularity::Interval);
        let in_it = t("2021-01-06", "2021-01-06", Granularity::Day);
        assert_eq!(times(&weeks, &in_it).verdict, Verdict::Compatible);
    }

    #[test]
    fn dates_without_a_year_never_conflict() {
        let partial = t("XXXX-01-04", "XXXX-01-04", Granularity::Day);
        let full = t("2021-01-04", "2021-01-04", Granularity::Day);
        let other = t("2021-01-05", "2021-01-05", Granularity::Day);
        let month = t("2020-10", "2020-10", Granularity::Month);
        let partial_month = t("XXXX-10", "XXXX-10", Granularity::Month);
        assert_eq!(times(&partial, &full).verdict, Verdict::Agrees);
        assert_eq!(times(&partial, &other).verdict, Verdict::Unrelated);
        assert_eq!(times(&partial_month, &month).verdict, Verdict::Agrees);
        assert_eq!(
            times(&partial, &t("2021", "2021", Granularity::Year)).verdict,
            Verdict::Unrelated
        );
        assert_eq!(
            times(&t("garbage", "", Granularity::Day), &full).verdict,
            Verdict::Unrelated
        );
    }

    #[test]
    fn titles_with_synonyms_and_word_order_agree() {
        assert_eq!(
            verdict_of_titles("Secretary of Defense", "Defence Secretary"),
            Verdict::Agrees
        );
        assert_eq!(
            verdict_of_titles("the acting US Secretary of Defense", "Defence Minister"),
            Verdict::Agrees
        );
        assert_eq!(
            verdict_of_titles("Minister of Foreign Affairs", "Foreign Minister"),
            Verdict::Agrees
        );
        assert_eq!(
            verdict_of_titles("Secretary-General", "secretary general"),
            Verdict::Agrees
        );
    }

    #[test]
    fn different_offices_with_one_head_conflict() {
        assert_eq!(
            verdict_of_titles("Secretary of State", "Foreign Secretary"),
            Verdict::Conflicts
        );
        assert_eq!(
            verdict_of_titles("President", "Vice President"),
            Verdict::Conflicts
        );
        assert_eq!(
            verdict_of_titles("Interior Minister", "Foreign Minister"),
            Verdict::Conflicts
        );
    }

    #[test]
    fn refinements_and_unrelated_functions() {
        assert_eq!(
            verdict_of_titles("first vice president of the republic", "Vice President"),
            Verdict::Compatible
        );
        assert_eq!(
            verdict_of_titles("spokesman", "Foreign Minister"),
            Verdict::Unrelated
        );
        assert_eq!(
            verdict_of_titles("former President", "Vice President"),
            Verdict::Unrelated
        );
    }
}
