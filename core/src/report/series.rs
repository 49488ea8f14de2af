//! Chart series from figures — (label, value, value as shown) — shared by the overview and the
//! presentation slides, so both draw the same numbers.

use super::aggregate::{Figures, Sums};
use crate::domain::catalog::{Code, CATEGORIES, FUNDING};
use crate::domain::format::money_short;
use crate::domain::Lang;

/// One bar: label, value in đồng, the value as shown.
pub type Item = (String, i64, String);

fn item(label: String, s: &Sums, lang: Lang) -> Item {
    (label, s.total_vnd(), money_short(s.total_vnd(), lang))
}

/// Support by year, oldest first.
pub fn by_year(f: &Figures, lang: Lang) -> Vec<Item> {
    f.by_year
        .iter()
        .map(|(y, s)| item(y.to_string(), s, lang))
        .collect()
}

/// Catalog entries with support, in catalog order.
fn by_code(
    codes: &[Code],
    sums: &std::collections::BTreeMap<String, Sums>,
    lang: Lang,
) -> Vec<Item> {
    codes
        .iter()
        .filter_map(|c| {
            sums.get(c.code)
                .map(|s| item(c.label(lang).to_string(), s, lang))
        })
        .filter(|x| x.1 > 0)
        .collect()
}

pub fn by_category(f: &Figures, lang: Lang) -> Vec<Item> {
    by_code(CATEGORIES, &f.by_category, lang)
}

pub fn by_funding(f: &Figures, lang: Lang) -> Vec<Item> {
    by_code(FUNDING, &f.by_funding, lang)
}
