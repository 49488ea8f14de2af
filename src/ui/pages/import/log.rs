//! The import log: when, which file, from which unit, what it did, undone or not.

use leptos::prelude::*;

use crate::ui::app::use_ctx;
use crate::ui::browser::local_datetime;
use crate::view::import::log_rows_html;

#[component]
pub fn ImportLog() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let entries = Memo::new(move |_| ctx.data.import_log());
    view! {
        <section class="import-log" data-testid="import-log">
            <h2>{m.import_log_title}</h2>
            <Show
                when=move || entries.with(|e| !e.is_empty())
                fallback=move || view! { <p class="muted">{m.import_log_empty}</p> }
            >
                <table class="data-table" tabindex="0" aria-label=m.import_log_title>
                    <thead>
                        <tr>
                            <th scope="col">{m.log_when}</th>
                            <th scope="col">{m.log_file}</th>
                            <th scope="col">{m.log_source}</th>
                            <th scope="col">{m.log_counts}</th>
                            <th scope="col">{m.log_state}</th>
                        </tr>
                    </thead>
                    <tbody inner_html=move || entries.with(|e| log_rows_html(e, m, &local_datetime))></tbody>
                </table>
            </Show>
        </section>
    }
}
