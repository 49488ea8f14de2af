//! Coverage: every especially difficult commune and village with the units assigned to it (a
//! village also counts its commune's units); places with none are marked (`view::coverage`).

use leptos::prelude::*;

use crate::domain::format::integer;
use crate::ui::app::use_ctx;
use crate::view::coverage::{self, rows_html};

#[component]
pub fn CoverageTab() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let rows = Memo::new(move |_| ctx.data.with_places(coverage::rows));
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
