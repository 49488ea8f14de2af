//! What entry forms show and read back: field texts for a record's values, typed dates, and
//! validation problems placed under the fields a form shows.

use std::collections::BTreeMap;

use crate::domain::{Lang, Problem};

/// Placeholder of date fields.
pub const DATE_PLACEHOLDER: &str = "dd/mm/yyyy";

/// An amount for a form field (`1.250.000`), empty for zero.
pub fn money_text(v: i64, lang: Lang) -> String {
    if v == 0 {
        String::new()
    } else {
        crate::domain::format::integer(v, lang)
    }
}

/// A number for a form field, without a trailing `.0`, empty for zero.
pub fn number_text(v: f64) -> String {
    if v == 0.0 {
        String::new()
    } else {
        crate::domain::format::shortest(v)
    }
}

/// A date field's text that is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotADate;

/// A date field's text as ISO: `Ok(None)` when empty, `Err` when not a date.
pub fn typed_date(text: &str) -> Result<Option<String>, NotADate> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::dates::parse_typed_date(text)
        .map(Some)
        .ok_or(NotADate)
}

/// An ISO date as the form shows it (`15/03/2023`), empty when absent.
pub fn date_text(iso: Option<&str>) -> String {
    iso.map(crate::domain::format::date).unwrap_or_default()
}

/// Where each problem is shown: under its field when the form shows it (`items[1].title` when
/// the form shows `items`), else under `fallback` with the field named in the message. The
/// first problem of a field wins.
pub fn field_errors(
    problems: &[Problem],
    lang: Lang,
    shown: &[&str],
    fallback: &str,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for p in problems {
        let shows = shown.contains(&p.field.as_ref())
            || (p.field.starts_with("items[") && shown.contains(&"items"));
        let field = if shows { p.field.as_ref() } else { fallback };
        let text = if field == fallback && field != p.field.as_ref() {
            p.message(lang)
        } else {
            p.reason.message(lang)
        };
        out.entry(field.to_string()).or_insert(text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Kind, Reason};

    fn problem(field: &str, reason: Reason) -> Problem {
        Problem::new(Kind::Activity, Some("a-1"), field.to_string(), reason)
    }

    #[test]
    fn problems_land_under_shown_fields_or_the_fallback() {
        let problems = [
            problem("date", Reason::BadDate),
            problem("date", Reason::Empty),
            problem("rev", Reason::Empty),
            problem("items[2].due", Reason::BadDate),
        ];
        let errors = field_errors(&problems, Lang::En, &["date", "title", "items"], "title");
        assert_eq!(errors["date"], Reason::BadDate.message(Lang::En));
        assert!(errors["title"].contains("rev"), "{errors:?}");
        assert!(errors.contains_key("items[2].due"));
        assert_eq!(errors.len(), 3);
    }

    #[test]
    fn field_texts() {
        assert_eq!(money_text(0, Lang::Vi), "");
        assert_eq!(money_text(1_250_000, Lang::Vi), "1.250.000");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(0.0), "");
        assert_eq!(typed_date(" "), Ok(None));
        assert_eq!(typed_date("15/03/2023"), Ok(Some("2023-03-15".into())));
        assert_eq!(typed_date("31/02/2023"), Err(NotADate));
        assert_eq!(date_text(Some("2023-03-15")), "15/03/2023");
    }
}
