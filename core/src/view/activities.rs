//! The activity list's rows: a page of activities as HTML text, with edit and delete buttons
//! for the list's one click listener.

use std::collections::HashSet;
use std::fmt::Write;

use crate::domain::format::{date, money};
use crate::domain::query::LocationIndex;
use crate::domain::record::Unit;
use crate::domain::{Dataset, Lang};
use crate::markup::{button, esc};

use super::i18n::Messages;

/// Rows shown per page.
pub const PAGE: usize = 50;

/// One row as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub rev: i64,
    pub date: String,
    pub title: String,
    pub place: String,
    pub unit: String,
    pub vnd: i64,
    /// Its plan item or model is set but not here (kept as imported, see `Prepared`).
    pub link_broken: bool,
}

/// What the filtered rows add up to (every page of them), for the list's totals row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub activities: usize,
    pub vnd: i64,
    pub households: i64,
}

pub fn totals(ds: &Dataset, positions: &[usize]) -> Totals {
    positions
        .iter()
        .filter_map(|i| ds.activities.get(*i))
        .fold(Totals::default(), |t, a| Totals {
            activities: t.activities + 1,
            vnd: t
                .vnd
                .saturating_add(a.cash_vnd.saturating_add(a.in_kind_vnd)),
            households: t.households.saturating_add(a.households),
        })
}

/// The page of rows as HTML text; the row being edited is marked. Each cell names its column
/// (`data-label`), so a phone shows a row as a card.
pub fn rows_html(rows: &[Row], editing: Option<&str>, m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    for r in rows {
        let class = if editing == Some(r.id.as_str()) {
            " class=\"editing\""
        } else {
            ""
        };
        let flag = if r.link_broken {
            format!(
                " <span class=\"tag tag-missing\" data-testid=\"act-link-broken\">{}</span>",
                esc(m.act_link_broken)
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tr data-testid=\"activity-row\" data-id=\"{}\"{class}><td class=\"nowrap\" data-label=\"{}\">{}</td>\
             <td class=\"cell-title\" data-label=\"{}\">{}{flag}</td><td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td>\
             <td class=\"num\" data-label=\"{}\">{}</td><td class=\"row-actions\">",
            esc(&r.id),
            esc(m.col_date),
            esc(&date(&r.date)),
            esc(m.col_title),
            esc(&r.title),
            esc(m.col_place),
            esc(&r.place),
            esc(m.col_unit),
            esc(&r.unit),
            esc(m.col_money),
            esc(&money(r.vnd, lang))
        );
        button(&mut out, "act-edit", "edit", &r.id, m.edit);
        button(&mut out, "act-duplicate", "duplicate", &r.id, m.duplicate);
        button(&mut out, "act-delete", "delete", &r.id, m.delete);
        out.push_str("</td></tr>");
    }
    out
}

/// The rows of `positions` (indices into `ds.activities`) from `start`, one page of them.
pub fn rows(ds: &Dataset, idx: &LocationIndex, positions: &[usize], start: usize) -> Vec<Row> {
    let items: HashSet<&str> = ds
        .plans
        .iter()
        .flat_map(|p| p.items.iter().map(|i| i.id.as_str()))
        .collect();
    let models: HashSet<&str> = ds.models.iter().map(|m| m.id.as_str()).collect();
    positions
        .iter()
        .skip(start)
        .take(PAGE)
        .map(|i| {
            let a = &ds.activities[*i];
            Row {
                id: a.id.clone(),
                rev: a.rev,
                date: a.date.clone(),
                title: a.title.clone(),
                place: idx.name(&a.location_id),
                unit: ds
                    .get::<Unit>(&a.unit_id)
                    .map(|u| u.short_label().to_string())
                    .unwrap_or_default(),
                vnd: a.cash_vnd.saturating_add(a.in_kind_vnd),
                link_broken: a
                    .plan_item_id
                    .as_deref()
                    .is_some_and(|i| !items.contains(i))
                    || a.model_id.as_deref().is_some_and(|x| !models.contains(x)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::i18n::messages;

    #[test]
    fn totals_add_up_every_filtered_row() {
        let ds = crate::domain::testkit::small();
        let all: Vec<usize> = (0..ds.activities.len()).collect();
        let t = totals(&ds, &all);
        assert_eq!(t.activities, ds.activities.len());
        let vnd: i64 = ds
            .activities
            .iter()
            .map(|a| a.cash_vnd + a.in_kind_vnd)
            .sum();
        assert_eq!(t.vnd, vnd);
        assert_eq!(
            totals(&ds, &[1]).vnd,
            ds.activities[1].cash_vnd + ds.activities[1].in_kind_vnd
        );
        assert_eq!(totals(&ds, &[]), Totals::default());
    }

    #[test]
    fn rows_mark_the_one_being_edited() {
        let row = |id: &str, title: &str| Row {
            id: id.into(),
            rev: 1,
            date: "2023-01-15".into(),
            title: title.into(),
            place: "Xã Pà Cò".into(),
            unit: "KBNN".into(),
            vnd: 1_250_000,
            link_broken: id == "a-2",
        };
        let rows = [row("a-1", "Tặng quà <Tết>"), row("a-2", "Khám bệnh")];
        let html = rows_html(&rows, Some("a-2"), messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains(
                "data-id=\"a-1\"><td class=\"nowrap\" data-label=\"Ngày\">15/01/2023</td><td class=\"cell-title\" data-label=\"Nội dung\">Tặng quà &lt;Tết&gt;</td>"
            ),
            "{html}"
        );
        assert!(html.contains("data-id=\"a-2\" class=\"editing\">"));
        assert!(html.contains("1.250.000 đ"));
        assert_eq!(html.matches("data-action=\"delete\"").count(), 2);
        assert_eq!(html.matches("data-action=\"duplicate\"").count(), 2);
        assert_eq!(html.matches("data-testid=\"act-link-broken\"").count(), 1);
        assert!(html.contains(
            "Khám bệnh <span class=\"tag tag-missing\" data-testid=\"act-link-broken\">"
        ));
    }
}
