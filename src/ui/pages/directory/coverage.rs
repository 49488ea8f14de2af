//! Coverage: every especially difficult commune and village with the units assigned to it (a
//! village also counts its commune's units); places with none are marked.

use leptos::prelude::*;

use crate::domain::format::integer;
use crate::domain::query::{place_name, LocationIndex};
use crate::ui::app::use_ctx;

#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    name: String,
    village: bool,
    units: Vec<String>,
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
            <tbody>
                <For each=move || rows.get() key=|r| (r.id.clone(), r.units.clone()) let:r>
                    <tr data-testid="coverage-row" class:uncovered=r.units.is_empty() class:village=r.village>
                        <td>{r.name.clone()}</td>
                        <td>
                            {if r.units.is_empty() {
                                view! { <span class="tag tag-missing">{m.cov_none}</span> }.into_any()
                            } else {
                                r.units.join(", ").into_any()
                            }}
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}
