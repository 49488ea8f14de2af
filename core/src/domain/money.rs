//! Reading amounts of money as officers type them: `1.250.000`, `1250000`, `1 250 000`,
//! `1,25 tỷ`, `500 triệu`, `1,5 tr`, `200 nghìn` (and in English `1,250,000`, `1.5 million`).
//! The result is whole đồng; anything that would need a fraction of a đồng is refused.

use super::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    NotANumber,
    Negative,
    /// A fraction of a đồng (`1250000,5`).
    NotWhole,
    TooLarge,
}

impl MoneyError {
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MoneyError::Empty, Lang::Vi) => "Hãy nhập số tiền.",
            (MoneyError::NotANumber, Lang::Vi) => {
                "Không hiểu số tiền; ví dụ: 1.250.000 hoặc 1,5 triệu hoặc 2 tỷ."
            }
            (MoneyError::Negative, Lang::Vi) => "Số tiền không được âm.",
            (MoneyError::NotWhole, Lang::Vi) => "Số tiền tính bằng đồng, không có phần lẻ.",
            (MoneyError::TooLarge, Lang::Vi) => "Số tiền quá lớn.",
            (MoneyError::Empty, Lang::En) => "Enter an amount.",
            (MoneyError::NotANumber, Lang::En) => {
                "Cannot read the amount; e.g. 1,250,000 or 1.5 million or 2 billion."
            }
            (MoneyError::Negative, Lang::En) => "The amount must not be negative.",
            (MoneyError::NotWhole, Lang::En) => "Amounts are in whole đồng.",
            (MoneyError::TooLarge, Lang::En) => "The amount is too large.",
        }
    }
}

/// Multiplier words, lower-case and without diacritics.
const SCALES: &[(&str, i64)] = &[
    ("ty", 1_000_000_000),
    ("billion", 1_000_000_000),
    ("bn", 1_000_000_000),
    ("b", 1_000_000_000),
    ("trieu", 1_000_000),
    ("tr", 1_000_000),
    ("million", 1_000_000),
    ("m", 1_000_000),
    ("nghin", 1_000),
    ("ngan", 1_000),
    ("thousand", 1_000),
    ("k", 1_000),
    ("dong", 1),
    ("d", 1),
    ("vnd", 1),
];

/// Parse money typed in `lang`'s conventions. An empty optional field is `Ok(0)` for the
/// caller to decide; here empty is an error.
pub fn parse_money(text: &str, lang: Lang) -> Result<i64, MoneyError> {
    let folded = super::text::fold(text.trim());
    if folded.is_empty() {
        return Err(MoneyError::Empty);
    }
    if folded.starts_with('-') || folded.starts_with('−') {
        return Err(MoneyError::Negative);
    }
    // Split the number from a trailing scale word.
    let split = folded
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(folded.len());
    let (number, word) = folded.split_at(split);
    let word: String = word.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let scale = if word.is_empty() {
        1
    } else {
        SCALES
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, s)| *s)
            .ok_or(MoneyError::NotANumber)?
    };
    let number: String = number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(MoneyError::NotANumber);
    }
    let (thousands, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let (int_part, frac_part) = split_number(&number, thousands, decimal, scale > 1)?;
    let int: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| MoneyError::TooLarge)?
    };
    let mut value = int.checked_mul(scale).ok_or(MoneyError::TooLarge)?;
    if !frac_part.is_empty() {
        let digits = frac_part.len() as u32;
        let frac: i64 = frac_part.parse().map_err(|_| MoneyError::NotANumber)?;
        let denom = 10i64.checked_pow(digits).ok_or(MoneyError::NotWhole)?;
        let scaled = frac.checked_mul(scale).ok_or(MoneyError::TooLarge)?;
        if scaled % denom != 0 {
            return Err(MoneyError::NotWhole);
        }
        value = value
            .checked_add(scaled / denom)
            .ok_or(MoneyError::TooLarge)?;
    }
    Ok(value)
}

/// Integer and fraction digits. With a scale word, a single separator followed by one or two
/// digits is read as a decimal point whichever it is (`1.5 triệu`, `1,5 triệu`), since nobody
/// groups thousands that way.
fn split_number(
    n: &str,
    thousands: char,
    decimal: char,
    scaled: bool,
) -> Result<(String, String), MoneyError> {
    let seps: Vec<(usize, char)> = n
        .char_indices()
        .filter(|(_, c)| *c == '.' || *c == ',')
        .collect();
    if scaled && seps.len() == 1 {
        let (i, _) = seps[0];
        let after = &n[i + 1..];
        if (1..=2).contains(&after.len()) {
            return Ok((n[..i].to_string(), after.to_string()));
        }
    }
    let (int, frac) = match n.rfind(decimal) {
        Some(i) => (&n[..i], &n[i + 1..]),
        None => (n, ""),
    };
    if frac.contains(thousands) || int.contains(decimal) {
        return Err(MoneyError::NotANumber);
    }
    // Thousands groups must be of three digits.
    let groups: Vec<&str> = int.split(thousands).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(MoneyError::NotANumber);
    }
    Ok((groups.concat(), frac.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi(s: &str) -> Result<i64, MoneyError> {
        parse_money(s, Lang::Vi)
    }

    #[test]
    fn vietnamese_forms() {
        assert_eq!(vi("1.250.000"), Ok(1_250_000));
        assert_eq!(vi("1250000"), Ok(1_250_000));
        assert_eq!(vi("1 250 000"), Ok(1_250_000));
        assert_eq!(vi("1.250.000 đ"), Ok(1_250_000));
        assert_eq!(vi("1.250.000đ"), Ok(1_250_000));
        assert_eq!(vi("1,25 tỷ"), Ok(1_250_000_000));
        assert_eq!(vi("1,25 TỶ"), Ok(1_250_000_000));
        assert_eq!(vi("500 triệu"), Ok(500_000_000));
        assert_eq!(vi("1,5 triệu"), Ok(1_500_000));
        assert_eq!(vi("1.5 triệu"), Ok(1_500_000));
        assert_eq!(vi("1,5tr"), Ok(1_500_000));
        assert_eq!(vi("1.500 triệu"), Ok(1_500_000_000));
        assert_eq!(vi("200 nghìn"), Ok(200_000));
        assert_eq!(vi("0"), Ok(0));
        assert_eq!(vi("47,5 tỷ đồng"), Err(MoneyError::NotANumber));
    }

    #[test]
    fn english_forms() {
        let en = |s| parse_money(s, Lang::En);
        assert_eq!(en("1,250,000"), Ok(1_250_000));
        assert_eq!(en("1.5 million"), Ok(1_500_000));
        assert_eq!(en("2 billion"), Ok(2_000_000_000));
        assert_eq!(en("2bn"), Ok(2_000_000_000));
        assert_eq!(en("1,250,000.5"), Err(MoneyError::NotWhole));
    }

    #[test]
    fn refusals() {
        assert_eq!(vi(""), Err(MoneyError::Empty));
        assert_eq!(vi("   "), Err(MoneyError::Empty));
        assert_eq!(vi("-500000"), Err(MoneyError::Negative));
        assert_eq!(vi("1250000,5"), Err(MoneyError::NotWhole));
        assert_eq!(vi("1,2345678 triệu"), Err(MoneyError::NotWhole));
        assert_eq!(vi("abc"), Err(MoneyError::NotANumber));
        assert_eq!(vi("12.34.56"), Err(MoneyError::NotANumber));
        assert_eq!(vi("1.25"), Err(MoneyError::NotANumber));
        assert_eq!(vi("5 quả"), Err(MoneyError::NotANumber));
        assert_eq!(vi("99999999999 tỷ"), Err(MoneyError::TooLarge));
        assert_eq!(vi("9223372036854775808"), Err(MoneyError::TooLarge));
    }
}
