//! Display formats: Vietnamese first (`1.250.000`, `12.345.678 đ`, `47,5 tỷ đồng`,
//! `dd/mm/yyyy`), English when switched. Data itself stays integer đồng and ISO dates.

use super::Lang;

/// Integer with thousands separators: `1.250.000` (vi) or `1,250,000` (en).
pub fn integer(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// Exact money: `12.345.678 đ` (vi) or `12,345,678 VND` (en).
pub fn money(vnd: i64, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{} đ", integer(vnd, lang)),
        Lang::En => format!("{} VND", integer(vnd, lang)),
    }
}

/// Money for summaries, in millions or billions with at most one decimal:
/// `47,5 tỷ đồng`, `350 triệu đồng`; below a million the exact amount.
pub fn money_short(vnd: i64, lang: Lang) -> String {
    const MILLION: i64 = 1_000_000;
    const BILLION: i64 = 1_000_000_000;
    let (unit, scale) = if vnd.unsigned_abs() >= BILLION as u64 {
        (
            match lang {
                Lang::Vi => "tỷ đồng",
                Lang::En => "billion VND",
            },
            BILLION,
        )
    } else if vnd.unsigned_abs() >= MILLION as u64 {
        (
            match lang {
                Lang::Vi => "triệu đồng",
                Lang::En => "million VND",
            },
            MILLION,
        )
    } else {
        return money(vnd, lang);
    };
    format!("{} {unit}", decimal1(vnd, scale, lang))
}

/// `value / scale` rounded half away from zero to one decimal, the decimal dropped when zero.
fn decimal1(value: i64, scale: i64, lang: Lang) -> String {
    // Work in i128 so that i64::MIN and rounding cannot overflow.
    let tenths_scaled = i128::from(value) * 10;
    let scale = i128::from(scale);
    let half = scale / 2;
    let tenths = if tenths_scaled >= 0 {
        (tenths_scaled + half) / scale
    } else {
        (tenths_scaled - half) / scale
    };
    let whole = i64::try_from(tenths / 10).unwrap_or(i64::MAX);
    let frac = (tenths % 10).unsigned_abs();
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    let whole = integer(whole, lang);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let comma = match lang {
            Lang::Vi => ',',
            Lang::En => '.',
        };
        format!("{sign}{whole}{comma}{frac}")
    }
}

/// An ISO date (`2023-12-13`, or the date part of an RFC 3339 timestamp) as `13/12/2023`.
/// Anything that is not such a date is returned unchanged, so bad data stays visible.
pub fn date(iso: &str) -> String {
    let day = iso.get(..10).unwrap_or(iso);
    let b = day.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if shape_ok {
        format!("{}/{}/{}", &day[8..10], &day[5..7], &day[..4])
    } else {
        iso.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_per_language() {
        assert_eq!(integer(0, Lang::Vi), "0");
        assert_eq!(integer(999, Lang::Vi), "999");
        assert_eq!(integer(1_000, Lang::Vi), "1.000");
        assert_eq!(integer(1_250_000, Lang::Vi), "1.250.000");
        assert_eq!(integer(1_250_000, Lang::En), "1,250,000");
        assert_eq!(integer(-12_345, Lang::Vi), "-12.345");
        assert_eq!(integer(i64::MIN, Lang::En), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn formats_exact_money() {
        assert_eq!(money(12_345_678, Lang::Vi), "12.345.678 đ");
        assert_eq!(money(12_345_678, Lang::En), "12,345,678 VND");
    }

    #[test]
    fn formats_summary_money() {
        assert_eq!(money_short(47_500_000_000, Lang::Vi), "47,5 tỷ đồng");
        assert_eq!(money_short(47_500_000_000, Lang::En), "47.5 billion VND");
        assert_eq!(money_short(350_000_000, Lang::Vi), "350 triệu đồng");
        assert_eq!(money_short(1_049_999, Lang::Vi), "1 triệu đồng");
        assert_eq!(money_short(1_050_000, Lang::Vi), "1,1 triệu đồng");
        assert_eq!(money_short(2_345_600_000_000, Lang::Vi), "2.345,6 tỷ đồng");
        assert_eq!(money_short(999_999, Lang::Vi), "999.999 đ");
        assert_eq!(money_short(-1_500_000, Lang::Vi), "-1,5 triệu đồng");
        assert_eq!(money_short(i64::MAX, Lang::Vi), "9.223.372.036,9 tỷ đồng");
    }

    #[test]
    fn formats_dates_day_first() {
        assert_eq!(date("2023-12-13"), "13/12/2023");
        assert_eq!(date("2026-11-27T08:30:00Z"), "27/11/2026");
        assert_eq!(date("13/12/2023"), "13/12/2023");
        assert_eq!(date("2023-1-3"), "2023-1-3");
        assert_eq!(date(""), "");
        assert_eq!(date("2023-12-1é"), "2023-12-1é");
    }
}
