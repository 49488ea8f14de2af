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

/// Why a typed date was refused, in the form's words: always `dd/mm/yyyy` with an example,
/// and for a day the calendar lacks (`31/02/2024`), how many days that month has.
pub fn date_message(text: &str, lang: Lang) -> String {
    let text = text.trim();
    match (crate::domain::dates::impossible_day(text), lang) {
        (Some((d, m, y, last)), Lang::Vi) => format!(
            "Tháng {m:02}/{y} không có ngày {d} (chỉ có {last} ngày). Hãy gõ ngày dạng dd/mm/yyyy, ví dụ 15/08/2024."
        ),
        (Some((d, m, y, last)), Lang::En) => format!(
            "{m:02}/{y} has no day {d} (it has {last} days). Type the date as dd/mm/yyyy, e.g. 15/08/2024."
        ),
        (None, Lang::Vi) => format!(
            "Không đọc được ngày “{text}”. Hãy gõ ngày dạng dd/mm/yyyy, ví dụ 15/08/2024 (gõ 15/8/24 cũng được)."
        ),
        (None, Lang::En) => format!(
            "“{text}” is not a date. Type it as dd/mm/yyyy, e.g. 15/08/2024 (15/8/24 works too)."
        ),
    }
}

/// The message under a choice left empty, naming the field (`Chưa chọn đơn vị.`).
pub fn choose_message(label: &str, lang: Lang) -> String {
    let mut chars = label.chars();
    let lower: String = chars
        .next()
        .map(|c| {
            std::iter::once(crate::domain::text::lower_char(c))
                .chain(chars)
                .collect()
        })
        .unwrap_or_default();
    match lang {
        Lang::Vi => format!("Chưa chọn {lower}: hãy chọn một mục trong danh sách."),
        Lang::En => format!("No {lower} chosen: pick one from the list."),
    }
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

    #[test]
    fn refusals_say_dd_mm_yyyy_and_name_the_field() {
        let m = date_message("31/02/2024", Lang::Vi);
        assert!(
            m.contains("không có ngày 31") && m.contains("29 ngày"),
            "{m}"
        );
        assert!(m.contains("dd/mm/yyyy") && m.contains("15/08/2024"), "{m}");
        let m = date_message(" hôm qua ", Lang::Vi);
        assert!(m.contains("“hôm qua”") && m.contains("dd/mm/yyyy"), "{m}");
        assert!(!m.contains("YYYY-MM-DD"));
        assert!(date_message("x", Lang::En).contains("dd/mm/yyyy"));
        assert_eq!(
            choose_message("Địa bàn (xã, thôn, bản)", Lang::Vi),
            "Chưa chọn địa bàn (xã, thôn, bản): hãy chọn một mục trong danh sách."
        );
        assert_eq!(
            choose_message("Unit", Lang::En),
            "No unit chosen: pick one from the list."
        );
    }
}
