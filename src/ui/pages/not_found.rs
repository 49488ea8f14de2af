//! Shown for any hash route the app does not know, with the way back.

use leptos::prelude::*;

use crate::ui::app::use_ctx;
use crate::ui::router::Page;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    view! {
        <section class="page" data-testid="page-not-found">
            <h1>{m.not_found_title}</h1>
            <p class="lead">{m.not_found_body}</p>
            <p>
                {m.not_found_requested}" "
                <code data-testid="not-found-path">{move || ctx.route.with(|r| r.path.clone())}</code>
            </p>
            <p>{m.not_found_go}</p>
            <ul class="link-list">
                {Page::NAV
                    .into_iter()
                    .map(|page| view! { <li><a href=page.href()>{page.label(m)}</a></li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
