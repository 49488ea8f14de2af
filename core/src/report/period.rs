//! Report periods as data: a phase (`2021-2025`), a year (`2023`), a half-year (`2023-H1`), a
//! quarter (`2023-Q3`), or any span of days (`2021-01-01..2023-12-31`, the seed's three-year
//! review). Phases are not a constant: they come from the data (plans and assignments name
//! theirs) and from the calendar (the national programmes run in five-year phases, 2021–2025,
//! 2026–2030, …), so a new phase appears by itself when its first year starts.

use crate::domain::dataset::Dataset;
use crate::domain::dates::{parse_date, year_of};

/// The first year of a five-year national phase; every phase starts 5·k years from it.
const PHASE_ANCHOR: i32 = 2021;
const PHASE_YEARS: i32 = 5;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Period {
    /// Whole years `from..=to`, written `YYYY-YYYY`.
    Years(i32, i32),
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    /// ISO days, inclusive.
    Days(String, String),
}

fn year(s: &str) -> Option<i32> {
    (s.len() == 4)
        .then(|| s.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

impl Period {
    pub fn parse(code: &str) -> Option<Period> {
        if let Some((a, b)) = code.split_once("..") {
            let (a, b) = (parse_date(a)?, parse_date(b)?);
            // Whole years typed as days (01/01/2021–31/12/2023) are those years.
            if (a.1, a.2, b.1, b.2) == (1, 1, 12, 31) && a.0 <= b.0 {
                return Some(if a.0 == b.0 {
                    Period::Year(a.0)
                } else {
                    Period::Years(a.0, b.0)
                });
            }
            return (a <= b).then(|| Period::Days(iso(a), iso(b)));
        }
        match code.split_once('-') {
            None => year(code).map(Period::Year),
            Some((y, "H1")) => year(y).map(|y| Period::Half(y, 1)),
            Some((y, "H2")) => year(y).map(|y| Period::Half(y, 2)),
            Some((y, q)) if q.len() == 2 && q.starts_with('Q') => {
                let n = q[1..].parse::<u8>().ok().filter(|n| (1..=4).contains(n))?;
                year(y).map(|y| Period::Quarter(y, n))
            }
            Some((a, b)) => match (year(a), year(b)) {
                (Some(a), Some(b)) if a <= b => Some(Period::Years(a, b)),
                _ => None,
            },
        }
    }

    pub fn code(&self) -> String {
        match self {
            Period::Years(a, b) => format!("{a}-{b}"),
            Period::Year(y) => y.to_string(),
            Period::Half(y, h) => format!("{y}-H{h}"),
            Period::Quarter(y, q) => format!("{y}-Q{q}"),
            Period::Days(a, b) => format!("{a}..{b}"),
        }
    }

    /// First and last day (ISO).
    pub fn bounds(&self) -> (String, String) {
        match self {
            Period::Years(a, b) => (format!("{a}-01-01"), format!("{b}-12-31")),
            Period::Year(y) => (format!("{y}-01-01"), format!("{y}-12-31")),
            Period::Half(y, 1) => (format!("{y}-01-01"), format!("{y}-06-30")),
            Period::Half(y, _) => (format!("{y}-07-01"), format!("{y}-12-31")),
            Period::Quarter(y, q) => {
                let (start, end) = match q {
                    1 => ("01-01", "03-31"),
                    2 => ("04-01", "06-30"),
                    3 => ("07-01", "09-30"),
                    _ => ("10-01", "12-31"),
                };
                (format!("{y}-{start}"), format!("{y}-{end}"))
            }
            Period::Days(a, b) => (a.clone(), b.clone()),
        }
    }

    /// The calendar years the period touches.
    pub fn years(&self) -> (i32, i32) {
        let (a, b) = self.bounds();
        (year_of(&a).unwrap_or(0), year_of(&b).unwrap_or(0))
    }

    /// The one year the period lies in, if it lies in one.
    pub fn single_year(&self) -> Option<i32> {
        let (a, b) = self.years();
        (a == b).then_some(a)
    }

    /// Whether this is a five-year national phase (said "giai đoạn").
    pub fn is_phase(&self) -> bool {
        matches!(self, Period::Years(a, b) if is_phase_span(*a, *b))
    }

    /// How the period reads in a sentence: "giai đoạn 2021-2025", "năm 2023", "6 tháng đầu năm
    /// 2023", "quý III năm 2023", "từ năm 2021 đến năm 2023", "từ ngày 01/02/2023 đến ngày …".
    pub fn phrase(&self) -> String {
        match self {
            p @ Period::Years(a, b) if p.is_phase() => format!("giai đoạn {a}-{b}"),
            Period::Years(a, b) => format!("từ năm {a} đến năm {b}"),
            Period::Year(y) => format!("năm {y}"),
            Period::Half(y, 1) => format!("6 tháng đầu năm {y}"),
            Period::Half(y, _) => format!("6 tháng cuối năm {y}"),
            Period::Quarter(y, q) => format!("quý {} năm {y}", roman(*q)),
            Period::Days(a, b) => format!("từ ngày {} đến ngày {}", dmy(a), dmy(b)),
        }
    }

    /// The phase this period lies in (the calendar's, when no phase in the data holds it).
    pub fn phase(&self) -> Period {
        let (a, b) = self.years();
        if self.is_phase() {
            return self.clone();
        }
        let start = phase_start(a);
        if b < start + PHASE_YEARS {
            Period::Years(start, start + PHASE_YEARS - 1)
        } else {
            // Across two phases: the years it covers stand for the phase.
            Period::Years(a, b)
        }
    }
}

fn is_phase_span(a: i32, b: i32) -> bool {
    b - a == PHASE_YEARS - 1 && (a - PHASE_ANCHOR).rem_euclid(PHASE_YEARS) == 0
}

fn phase_start(y: i32) -> i32 {
    y - (y - PHASE_ANCHOR).rem_euclid(PHASE_YEARS)
}

fn roman(q: u8) -> &'static str {
    ["I", "II", "III", "IV"]
        .get(usize::from(q).saturating_sub(1))
        .copied()
        .unwrap_or("")
}

fn iso((y, m, d): (i32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn dmy(iso_date: &str) -> String {
    parse_date(iso_date).map_or_else(
        || iso_date.to_string(),
        |(y, m, d)| format!("{d:02}/{m:02}/{y:04}"),
    )
}

/// The phase a year lies in (`2026` → `2026-2030`).
pub fn phase_of_year(y: i32) -> String {
    let s = phase_start(y);
    format!("{s}-{}", s + PHASE_YEARS - 1)
}

/// Every phase to offer, newest first: those the data names (plans, assignments) and those
/// holding a year with activities, and the phase of `today_year`.
pub fn phases(ds: &Dataset, today_year: i32) -> Vec<String> {
    let mut found: Vec<(i32, i32)> = Vec::new();
    let mut add = |a: i32, b: i32| {
        if !found.contains(&(a, b)) {
            found.push((a, b));
        }
    };
    let named = ds
        .plans
        .iter()
        .map(|p| p.phase.as_str())
        .chain(ds.assignments.iter().map(|a| a.phase.as_str()));
    for code in named {
        if let Some(Period::Years(a, b)) = Period::parse(code) {
            add(a, b);
        }
    }
    for y in ds.activities.iter().filter_map(|a| year_of(&a.date)) {
        let s = phase_start(y);
        add(s, s + PHASE_YEARS - 1);
    }
    let s = phase_start(today_year);
    add(s, s + PHASE_YEARS - 1);
    crate::domain::order::sort_by_key(&mut found, |p| std::cmp::Reverse(*p));
    found.into_iter().map(|(a, b)| format!("{a}-{b}")).collect()
}

/// The phase a report opens on: the newest one with activities, else today's.
pub fn default_phase(ds: &Dataset, today_year: i32) -> String {
    ds.activities
        .iter()
        .filter_map(|a| year_of(&a.date))
        .max()
        .map_or_else(|| phase_of_year(today_year), phase_of_year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn every_kind_of_period_reads_back_and_bounds() {
        for (code, from, to, phrase) in [
            (
                "2021-2025",
                "2021-01-01",
                "2025-12-31",
                "giai đoạn 2021-2025",
            ),
            (
                "2026-2030",
                "2026-01-01",
                "2030-12-31",
                "giai đoạn 2026-2030",
            ),
            (
                "2021-2023",
                "2021-01-01",
                "2023-12-31",
                "từ năm 2021 đến năm 2023",
            ),
            ("2023", "2023-01-01", "2023-12-31", "năm 2023"),
            (
                "2023-H1",
                "2023-01-01",
                "2023-06-30",
                "6 tháng đầu năm 2023",
            ),
            (
                "2023-H2",
                "2023-07-01",
                "2023-12-31",
                "6 tháng cuối năm 2023",
            ),
            ("2023-Q3", "2023-07-01", "2023-09-30", "quý III năm 2023"),
            (
                "2023-02-15..2024-01-31",
                "2023-02-15",
                "2024-01-31",
                "từ ngày 15/02/2023 đến ngày 31/01/2024",
            ),
        ] {
            let p = Period::parse(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!(p.code(), code);
            assert_eq!(p.bounds(), (from.to_string(), to.to_string()), "{code}");
            assert_eq!(p.phrase(), phrase);
        }
        assert_eq!(
            Period::parse("2021-01-01..2023-12-31"),
            Some(Period::Years(2021, 2023))
        );
        assert_eq!(
            Period::parse("2023-01-01..2023-12-31"),
            Some(Period::Year(2023))
        );
        for bad in [
            "",
            "x",
            "2025-2021",
            "2023-Q5",
            "2023-H3",
            "2024-02-30..2024-03-01",
            "2024-03-01..2024-02-01",
            "12345",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn phases_are_five_year_spans_from_2021() {
        assert!(Period::Years(2021, 2025).is_phase());
        assert!(Period::Years(2016, 2020).is_phase());
        assert!(!Period::Years(2021, 2023).is_phase());
        assert!(!Period::Years(2022, 2026).is_phase());
        assert_eq!(phase_of_year(2026), "2026-2030");
        assert_eq!(phase_of_year(2025), "2021-2025");
        assert_eq!(Period::Year(2023).phase(), Period::Years(2021, 2025));
        assert_eq!(Period::Half(2027, 1).phase(), Period::Years(2026, 2030));
        assert_eq!(Period::Years(2024, 2027).phase(), Period::Years(2024, 2027));
        assert_eq!(Period::Quarter(2023, 2).single_year(), Some(2023));
        assert_eq!(Period::Years(2021, 2025).single_year(), None);
    }

    #[test]
    fn phases_come_from_the_data_and_the_calendar() {
        let ds = small();
        // The sample's activities are in 2021–2025; today is in 2026–2030.
        assert_eq!(phases(&ds, 2026), ["2026-2030", "2021-2025"]);
        assert_eq!(default_phase(&ds, 2026), "2021-2025");
        assert_eq!(default_phase(&Dataset::default(), 2026), "2026-2030");
        assert_eq!(phases(&Dataset::default(), 2031), ["2031-2035"]);
    }
}
