//! ISO dates (`2023-12-13`) and RFC 3339 timestamps (`2026-11-27T08:30:00Z`), checked by hand:
//! the data only ever needs these two shapes, so a date crate would not earn its bytes.

/// Year, month and day of a valid ISO calendar date.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])? as i32;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    (year >= 1900 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then_some((year, month, day))
}

pub fn is_date(s: &str) -> bool {
    parse_date(s).is_some()
}

/// A month `YYYY-MM` (plans are written by month: "hoàn thành trong tháng 2/2023").
pub fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && digits(&b[0..4]).is_some_and(|y| y >= 1900)
        && digits(&b[5..7]).is_some_and(|m| (1..=12).contains(&m))
}

/// A plan item's due: a day or a month.
pub fn is_due(s: &str) -> bool {
    is_date(s) || is_month(s)
}

/// The year of a valid ISO date.
pub fn year_of(date: &str) -> Option<i32> {
    parse_date(date).map(|(y, _, _)| y)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') || !is_date(&s[..10]) {
        return false;
    }
    let time = &b[11..];
    if time.len() < 9 || time[2] != b':' || time[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(sec)) = (
        digits(&time[0..2]),
        digits(&time[3..5]),
        digits(&time[6..8]),
    ) else {
        return false;
    };
    if h > 23 || m > 59 || sec > 60 {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((digits(&[*h1, *h2]), digits(&[*m1, *m2])), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2023-12-13"), Some((2023, 12, 13)));
        assert!(is_date("2024-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2023-04-31"));
        assert!(!is_date("2023-13-01"));
        assert!(!is_date("2023-00-10"));
        assert!(!is_date("13/12/2023"));
        assert!(!is_date("2023-1-13"));
        assert!(!is_date("2023-12-13T00:00:00Z"));
        assert!(!is_date("１２３４-12-13"));
        assert_eq!(year_of("2021-01-01"), Some(2021));
    }

    #[test]
    fn timestamps() {
        assert!(is_timestamp("2026-11-27T08:30:00Z"));
        assert!(is_timestamp("2026-11-27T08:30:00.123Z"));
        assert!(is_timestamp("2026-11-27T15:30:00+07:00"));
        assert!(!is_timestamp("2026-11-27T08:30:00"));
        assert!(!is_timestamp("2026-11-27 08:30:00Z"));
        assert!(!is_timestamp("2026-11-27T24:30:00Z"));
        assert!(!is_timestamp("2026-11-27T08:30:00.Z"));
        assert!(!is_timestamp("2026-11-27T08:30:00+7:00"));
        assert!(!is_timestamp("2026-02-30T08:30:00Z"));
        assert!(!is_timestamp("yesterday"));
        assert!(!is_timestamp("2026-11-27Té8:30:00Z"));
    }
}

/// The ISO day `days` after 1970-01-01 (Howard Hinnant's days-to-civil method), held to the years
/// 0000–9999 an ISO date can write: a day count from a damaged file cannot overflow.
pub fn iso_of_days(days: i64) -> String {
    let z = days.clamp(-719_468, 2_932_896) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 timestamp (fractions dropped).
pub fn epoch_seconds(ts: &str) -> Option<i64> {
    if !is_timestamp(ts) {
        return None;
    }
    let (y, m, d) = parse_date(&ts[..10])?;
    let n = |r: std::ops::Range<usize>| ts.get(r).and_then(|s| s.parse::<i64>().ok());
    let (h, min, s) = (n(11..13)?, n(14..16)?, n(17..19)?);
    // days from civil (Howard Hinnant's algorithm)
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let offset = match ts.as_bytes()[ts.len() - 1] {
        b'Z' | b'z' => 0,
        _ => {
            let tail = &ts[ts.len() - 6..];
            let sign = if tail.starts_with('-') { -1 } else { 1 };
            sign * (tail[1..3].parse::<i64>().ok()? * 3600 + tail[4..6].parse::<i64>().ok()? * 60)
        }
    };
    Some(days * 86_400 + h * 3600 + min * 60 + s - offset)
}

#[cfg(test)]
mod epoch_tests {
    use super::epoch_seconds;

    #[test]
    fn epoch() {
        assert_eq!(epoch_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(epoch_seconds("2026-11-27T08:30:00Z"), Some(1_795_768_200));
        assert_eq!(
            epoch_seconds("2026-11-27T15:30:00+07:00"),
            Some(1_795_768_200)
        );
        assert_eq!(epoch_seconds("2000-02-29T00:00:00.999Z"), Some(951_782_400));
        assert_eq!(epoch_seconds("nope"), None);
    }
}

/// A date as typed on screen — `15/03/2023`, `15/3/2023`, `15/8/24`, `15-03-2023`,
/// `15.03.2023`, or ISO `2023-03-15` — as an ISO date; `None` when it is not a real date.
/// A two-digit year is of this century (the programme's records start in 2021).
pub fn parse_typed_date(text: &str) -> Option<String> {
    match typed_day_parts(text)? {
        TypedDay::Iso(iso) => Some(iso),
        TypedDay::Parts(d, m, y) => {
            let iso = format!("{y:04}-{m:02}-{d:02}");
            is_date(&iso).then_some(iso)
        }
    }
}

/// How a typed date reads before the calendar is asked.
enum TypedDay {
    Iso(String),
    /// Day, month, year (a two-digit year already in this century).
    Parts(u32, u32, i32),
}

fn typed_day_parts(text: &str) -> Option<TypedDay> {
    let t = text.trim();
    if is_date(t) {
        return Some(TypedDay::Iso(t.to_string()));
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(d) && digits(m) && digits(y)) || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let (day, month, year): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let year = match y.len() {
        2 => 2000 + year,
        4 if year >= 1000 => year,
        _ => return None,
    };
    Some(TypedDay::Parts(day, month, year))
}

/// Why a typed date is not one: it reads as day, month and year but the calendar has no such
/// day (`31/02/2024` → `Some((31, 2, 2024, 29))`: that month's last day), or `None` when it does
/// not read as a date at all.
pub fn impossible_day(text: &str) -> Option<(u32, u32, i32, u32)> {
    let TypedDay::Parts(d, m, y) = typed_day_parts(text)? else {
        return None;
    };
    if !(1..=12).contains(&m) {
        return None;
    }
    let last = days_in_month(y, m);
    (d == 0 || d > last).then_some((d, m, y, last))
}

/// A due typed as officers write it: a day (see `parse_typed_date`) or a month (`2/2023`,
/// `02/2023`, `2023-02`), as ISO (`2023-02-15` or `2023-02`).
pub fn parse_typed_due(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(day) = parse_typed_date(t) {
        return Some(day);
    }
    if is_month(t) {
        return Some(t.to_string());
    }
    let (m, y) = t.split_once(['/', '-', '.'])?;
    let (m, y): (u32, i32) = (m.trim().parse().ok()?, y.trim().parse().ok()?);
    let iso = format!("{y:04}-{m:02}");
    (y >= 1000 && is_month(&iso)).then_some(iso)
}

#[cfg(test)]
mod typed_tests {
    use super::{is_due, parse_typed_date, parse_typed_due};

    #[test]
    fn dues_are_days_or_months() {
        assert!(is_due("2023-02") && is_due("2023-02-28"));
        assert!(
            !is_due("2023-13") && !is_due("2023-2") && !is_due("1899-12") && !is_due("2023-02-30")
        );
        assert_eq!(parse_typed_due("2/2023").as_deref(), Some("2023-02"));
        assert_eq!(parse_typed_due(" 02/2023 ").as_deref(), Some("2023-02"));
        assert_eq!(parse_typed_due("2023-02").as_deref(), Some("2023-02"));
        assert_eq!(parse_typed_due("15/02/2023").as_deref(), Some("2023-02-15"));
        assert_eq!(parse_typed_due("13/2023"), None);
        assert_eq!(parse_typed_due("tháng hai"), None);
    }

    #[test]
    fn typed_dates() {
        assert_eq!(
            parse_typed_date("15/03/2023").as_deref(),
            Some("2023-03-15")
        );
        assert_eq!(
            parse_typed_date(" 5/3/2023 ").as_deref(),
            Some("2023-03-05")
        );
        assert_eq!(
            parse_typed_date("15-03-2023").as_deref(),
            Some("2023-03-15")
        );
        assert_eq!(
            parse_typed_date("15.03.2023").as_deref(),
            Some("2023-03-15")
        );
        assert_eq!(
            parse_typed_date("2023-03-15").as_deref(),
            Some("2023-03-15")
        );
        assert_eq!(parse_typed_date("31/02/2023"), None);
        // Two-digit years are of this century, as officials write them.
        assert_eq!(parse_typed_date("15/8/24").as_deref(), Some("2024-08-15"));
        assert_eq!(parse_typed_date("1.2.21").as_deref(), Some("2021-02-01"));
        assert_eq!(parse_typed_date("15/03/023"), None);
        assert_eq!(parse_typed_date("15/03/123456"), None);
        assert_eq!(parse_typed_date("+5/3/2023"), None);
        assert_eq!(
            parse_typed_date("29/02/2024").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(parse_typed_date("29/02/2023"), None);
        assert_eq!(super::impossible_day("31/02/2024"), Some((31, 2, 2024, 29)));
        assert_eq!(super::impossible_day("31/4/25"), Some((31, 4, 2025, 30)));
        assert_eq!(super::impossible_day("15/13/2024"), None);
        assert_eq!(super::impossible_day("hôm qua"), None);
        assert_eq!(super::impossible_day("15/03/2024"), None);
        assert_eq!(parse_typed_date("hôm nay"), None);
        assert_eq!(parse_typed_date(""), None);
    }
}
