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
    money_in_units(vnd, 1, lang)
}

/// Money in a sentence someone signs: in millions or billions with up to two decimals, so the
/// digits an official reads are not rounded away (`4,95 tỷ đồng`, never `5 tỷ đồng` for it);
/// below a million the exact amount.
pub fn money_words(vnd: i64) -> String {
    money_in_units(vnd, 2, Lang::Vi)
}

/// `vnd` in billions or millions to at most `places` decimals; below a million, exact.
fn money_in_units(vnd: i64, places: u32, lang: Lang) -> String {
    const MILLION: i64 = 1_000_000;
    const BILLION: i64 = 1_000_000_000;
    let (unit, scale) = match (vnd.unsigned_abs(), lang) {
        (v, Lang::Vi) if v >= BILLION as u64 => ("tỷ đồng", BILLION),
        (v, Lang::En) if v >= BILLION as u64 => ("billion VND", BILLION),
        (v, Lang::Vi) if v >= MILLION as u64 => ("triệu đồng", MILLION),
        (v, Lang::En) if v >= MILLION as u64 => ("million VND", MILLION),
        _ => return money(vnd, lang),
    };
    format!("{} {unit}", decimals(vnd, scale, places, lang))
}

/// `value / scale` rounded half away from zero to at most `places` decimals, trailing zeros
/// (and a zero fraction) dropped.
fn decimals(value: i64, scale: i64, places: u32, lang: Lang) -> String {
    // Work in i128 so that i64::MIN and rounding cannot overflow.
    let unit = 10i128.pow(places);
    let scaled = i128::from(value) * unit;
    let scale = i128::from(scale);
    let half = scale / 2;
    let n = if scaled >= 0 {
        (scaled + half) / scale
    } else {
        (scaled - half) / scale
    };
    let whole = i64::try_from(n / unit).unwrap_or(i64::MAX);
    let sign = if n < 0 && whole == 0 { "-" } else { "" };
    let whole = integer(whole, lang);
    let frac = format!(
        "{:0width$}",
        (n % unit).unsigned_abs(),
        width = places as usize
    );
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
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
    if super::dates::is_month(iso) {
        // A month (a plan item's due): `02/2023`.
        return format!("{}/{}", &iso[5..7], &iso[..4]);
    }
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
    fn money_in_words_keeps_the_digits_an_official_reads() {
        assert_eq!(money_words(4_950_000_000), "4,95 tỷ đồng");
        assert_eq!(money_words(4_999_000_000), "5 tỷ đồng");
        assert_eq!(money_words(18_200_000_000), "18,2 tỷ đồng");
        assert_eq!(money_words(504_630_000), "504,63 triệu đồng");
        assert_eq!(money_words(92_000_000), "92 triệu đồng");
        assert_eq!(money_words(1_005_000_000), "1,01 tỷ đồng");
        assert_eq!(money_words(-4_950_000), "-4,95 triệu đồng");
        assert_eq!(money_words(500_000), "500.000 đ");
        assert_eq!(money_words(i64::MAX), "9.223.372.036,85 tỷ đồng");
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

// Fractional numbers (quantities, chart coordinates, shares) are written and read here without
// `core::fmt`'s float code and `str::parse::<f64>` (their tables cost ~45 KB of wasm); serde_json,
// which the app carries anyway, does the shortest round-trip text and the decimal reading.

/// One decimal, point-separated and rounded half away from zero: `2.5`, `-0.3`, `12.0`.
pub struct Tenths(pub f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = (self.0 * 10.0).round() as i64;
        let sign = if t < 0 { "-" } else { "" };
        let a = t.unsigned_abs();
        write!(f, "{sign}{}.{}", a / 10, a % 10)
    }
}

/// One decimal with a decimal comma, the Vietnamese way: `2,5`.
pub fn tenths_vi(v: f64) -> String {
    Tenths(v).to_string().replace('.', ",")
}

/// The shortest text that reads back as `v`: `2`, `2.5`, `0.1`; `1e21` for the huge.
pub fn shortest(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        (v as i64).to_string()
    } else {
        serde_json::to_string(&v).unwrap_or_default()
    }
}

/// A plain decimal `123`, `1.5`, `.5`, `007.50` (digits and at most one point) as a number.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) {
        return None;
    }
    // serde_json reads JSON numbers: no leading zeros, digits on both sides of the point.
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let json = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    serde_json::from_str::<f64>(&json).ok()
}

#[cfg(test)]
mod fraction_tests {
    use super::*;

    #[test]
    fn tenths_round_and_keep_the_sign() {
        assert_eq!(Tenths(2.25).to_string(), "2.3");
        assert_eq!(Tenths(2.0).to_string(), "2.0");
        assert_eq!(Tenths(-0.26).to_string(), "-0.3");
        assert_eq!(Tenths(0.04).to_string(), "0.0");
        assert_eq!(Tenths(306.0 + 379.96).to_string(), "686.0");
        assert_eq!(tenths_vi(47.45), "47,5");
    }

    #[test]
    fn shortest_matches_display() {
        for v in [0.0, 2.0, 2.5, 0.1, 1234.5678, 1e-7, 123456789.125, 0.3] {
            assert_eq!(shortest(v).parse::<f64>(), Ok(v), "{v}");
        }
        assert_eq!(shortest(2.0), "2");
        assert_eq!(shortest(2.5), "2.5");
        assert_eq!(shortest(0.1), "0.1");
    }

    #[test]
    fn decimals_read_like_the_standard_parser() {
        for t in [
            "0",
            "7",
            "007",
            "1.5",
            ".5",
            "5.",
            "0.1",
            "12345.678",
            "00.010",
        ] {
            assert_eq!(parse_decimal(t), t.parse::<f64>().ok(), "{t}");
        }
        for t in [
            "", ".", "1.2.3", "-1", "+1", "1e3", "1,5", " 1", "inf", "NaN", "１",
        ] {
            assert_eq!(parse_decimal(t), None, "{t}");
        }
    }
}
