//! The overview's charts and its list of the latest activities, as HTML text.

use std::fmt::Write;

use crate::domain::format::{date, money};
use crate::domain::query::LocationIndex;
use crate::domain::{Dataset, Lang};
use crate::markup::esc;
use crate::report::aggregate::Figures;
use crate::report::{series, svg};

use super::i18n::Messages;

/// Support by category, by year and by source of funding.
pub fn charts_html(f: &Figures, lang: Lang, m: &Messages) -> String {
    let by_category = series::by_category(f, lang);
    let by_year = series::by_year(f, lang);
    let funding = series::by_funding(f, lang);
    format!(
        "<figure class=\"chart-box wide\"><figcaption>{}</figcaption>{}</figure>\
         <figure class=\"chart-box\"><figcaption>{}</figcaption>{}</figure>\
         <figure class=\"chart-box\"><figcaption>{}</figcaption>{}</figure>",
        esc(m.chart_by_category),
        svg::bars_with(
            m.chart_by_category,
            &by_category,
            "chart-category",
            svg::SMALL_TYPE
        ),
        esc(m.chart_by_year),
        svg::columns(m.chart_by_year, &by_year, "chart-year"),
        esc(m.chart_by_funding),
        svg::shares(m.chart_by_funding, &funding, "chart-funding"),
    )
}

/// The eight latest activities (of one unit when `only` is given): date, title, place, money.
pub fn latest_html(ds: &Dataset, idx: &LocationIndex, only: Option<&str>, lang: Lang) -> String {
    let mut list: Vec<_> = ds
        .activities
        .iter()
        .filter(|a| only.is_none_or(|u| a.unit_id == u))
        .collect();
    crate::domain::order::sort_by(&mut list, |a, b| {
        b.date.cmp(&a.date).then(b.updated_at.cmp(&a.updated_at))
    });
    let mut out = String::new();
    for a in list.into_iter().take(8) {
        let _ = write!(
            out,
            "<li><span class=\"muted\">{}</span> <strong>{}</strong> — {}<span class=\"num\">{}</span></li>",
            esc(&date(&a.date)),
            esc(&a.title),
            esc(&idx.name(&a.location_id)),
            esc(&money(a.cash_vnd.saturating_add(a.in_kind_vnd), lang))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn latest_are_newest_first_and_escaped() {
        let mut ds = small();
        ds.activities[0].title = "<Tết>".into();
        ds.activities[0].date = "2030-01-01".into();
        let idx = LocationIndex::new(&ds.locations);
        let html = latest_html(&ds, &idx, None, Lang::Vi);
        assert!(
            html.starts_with(
                "<li><span class=\"muted\">01/01/2030</span> <strong>&lt;Tết&gt;</strong>"
            ),
            "{html}"
        );
        assert_eq!(html.matches("<li>").count(), ds.activities.len().min(8));
        assert_eq!(
            latest_html(&ds, &idx, Some("u-police"), Lang::Vi)
                .matches("<li>")
                .count(),
            1
        );
    }
}
