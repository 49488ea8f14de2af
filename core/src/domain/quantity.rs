//! Counts and quantities as officers type them into forms: `1.250` households in Vietnamese is
//! one thousand two hundred fifty; `1,5` km is one and a half.

use super::Lang;

/// A whole, non-negative count; empty is zero. `.` and `,` group thousands in either language.
pub fn parse_count(text: &str) -> Option<i64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != ',')
        .collect();
    if t.is_empty() {
        return Some(0);
    }
    t.parse::<i64>().ok().filter(|n| *n >= 0)
}

/// A non-negative quantity, decimal comma in Vietnamese, decimal point in English; empty is zero.
pub fn parse_qty(text: &str, lang: Lang) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0.0);
    }
    let t = match lang {
        Lang::Vi => t.replace('.', "").replace(',', "."),
        Lang::En => t.replace(',', ""),
    };
    super::format::parse_decimal(&t).filter(|q| q.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_quantities() {
        assert_eq!(parse_count(""), Some(0));
        assert_eq!(parse_count("1.250"), Some(1250));
        assert_eq!(parse_count("-3"), None);
        assert_eq!(parse_count("ba"), None);
        assert_eq!(parse_qty("1,5", Lang::Vi), Some(1.5));
        assert_eq!(parse_qty("1.500", Lang::Vi), Some(1500.0));
        assert_eq!(parse_qty("1.5", Lang::En), Some(1.5));
        assert_eq!(parse_qty("-1", Lang::Vi), None);
    }
}
