//! Overview (`#/`): what the app is for and where this browser stands.

use leptos::prelude::*;

use crate::ui::app::use_ctx;
use crate::ui::router::Page;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = move || ctx.m();
    let unit = move || ctx.settings.with(|s| s.unit_label.trim().to_string());

    view! {
        <section class="page" data-testid="page-overview">
            <h1>{move || m().overview_title}</h1>
            <p class="lead">{move || m().overview_intro}</p>
            <p class="working-for">
                {move || m().overview_working_for}" "
                {move || {
                    let u = unit();
                    if u.is_empty() {
                        view! {
                            <a href=Page::Settings.href() class="muted">{m().overview_no_unit}</a>
                        }
                            .into_any()
                    } else {
                        view! { <strong data-testid="working-for">{u}</strong> }.into_any()
                    }
                }}
            </p>
            <h2>{move || m().overview_steps_title}</h2>
            <ol class="steps">
                {move || m().overview_steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}
            </ol>
            <p class="note">{move || m().overview_data_note}</p>
        </section>
    }
}
