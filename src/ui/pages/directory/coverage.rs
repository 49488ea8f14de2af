//! Coverage: every especially difficult commune and village with the units assigned to it (a
//! village also counts its commune's units); places with none are marked.

use std::fmt::Write;

use leptos::prelude::*;

use crate::domain::format::integer;
use crate::domain::query::{place_name, LocationIndex};
use crate::report::html::esc;
use crate::ui::app::use_ctx;
use crate::ui::i18n::Messages;

#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    name: String,
    village: bool,
    units: Vec<String>,
}

fn rows_html(rows: &[Row], m: &Messages) -> String {
    let mut out = String::new();
    for r in rows {
        let class = match (r.units.is_empty(), r.village) {
            (true, true) => " class=\"uncovered village\"",
            (true, false) => " class=\"uncovered\"",
            (false, true) => " class=\"village\"",
            (false, false) => "",
        };
        let units = if r.units.is_empty() {
            format!("<span class=\"tag tag-missing\">{}</span>", esc(m.cov_none))
        } else {
            esc(&r.units.join(", "))
        };
        let _ = write!(
            out,
            "<tr data-testid=\"coverage-row\"{class}><td>{}</td><td>{units}</td></tr>",
            esc(&r.name)
        );
    }
    out
}

#[component]
pub fn CoverageTab() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let rows = Memo::new(move |_| {
        ctx.data.with(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            let unit_name = |id: &str| {
                ds.units
                    .iter()
                    .find(|u| u.id == id)
                    .map_or(id.to_string(), |u| u.name.clone())
            };
            let mut rows: Vec<(String, Row)> = ds
                .locations
                .iter()
                .filter(|l| {
                    l.difficult
                        && l.valid_to.is_none()
                        && matches!(l.level.as_str(), "commune" | "village")
                })
                .map(|l| {
                    let mut units: Vec<String> = ds
                        .assignments
                        .iter()
                        .filter(|a| idx.within(&l.id, &a.location_id))
                        .map(|a| unit_name(&a.unit_id))
                        .collect();
                    crate::domain::order::sort(&mut units);
                    units.dedup();
                    let commune = idx
                        .commune_of(&l.id)
                        .map_or_else(|| l.name.clone(), |c| c.name.clone());
                    let key = format!(
                        "{commune}\u{1}{}\u{1}{}",
                        (l.level == "village") as u8,
                        l.name
                    );
                    (
                        key,
                        Row {
                            id: l.id.clone(),
                            name: place_name(l),
                            village: l.level == "village",
                            units,
                        },
                    )
                })
                .collect();
            crate::domain::order::sort_by(&mut rows, |a, b| a.0.cmp(&b.0));
            rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>()
        })
    });
    let missing =
        Memo::new(move |_| rows.with(|r| r.iter().filter(|r| r.units.is_empty()).count()));
    view! {
        <p class="lead">{m.cov_intro}</p>
        <p><strong data-testid="coverage-missing">{move || integer(missing.get() as i64, lang)}</strong>" "{m.cov_missing}</p>
        <table class="data-table coverage" data-testid="coverage-table">
            <thead><tr><th scope="col">{m.f_location}</th><th scope="col">{m.dir_units}</th></tr></thead>
            <tbody inner_html=move || rows.with(|rows| rows_html(rows, m))></tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::ui::i18n::messages;

    #[test]
    fn uncovered_places_are_marked() {
        let rows = [
            Row {
                id: "c".into(),
                name: "Xã <A>".into(),
                village: false,
                units: vec![],
            },
            Row {
                id: "v".into(),
                name: "Bản B".into(),
                village: true,
                units: vec!["KBNN".into(), "Sở Y tế".into()],
            },
        ];
        let html = rows_html(&rows, messages(Lang::Vi));
        assert!(
            html.contains(
                "class=\"uncovered\"><td>Xã &lt;A&gt;</td><td><span class=\"tag tag-missing\">"
            ),
            "{html}"
        );
        assert!(html.contains("class=\"village\"><td>Bản B</td><td>KBNN, Sở Y tế</td>"));
    }
}
