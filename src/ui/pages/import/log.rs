//! The import log: when, which file, from which unit, what it did, undone or not.

use leptos::prelude::*;

use crate::ui::app::use_ctx;
use crate::ui::browser::local_datetime;

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
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{m.log_when}</th>
                            <th scope="col">{m.log_file}</th>
                            <th scope="col">{m.log_source}</th>
                            <th scope="col">{m.log_counts}</th>
                            <th scope="col">{m.log_state}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || entries.get() key=|e| (e.id.clone(), e.undone) let:e>
                            <tr data-testid="import-log-entry" data-undone=e.undone.to_string()>
                                <td>{local_datetime(&e.at)}</td>
                                <td>{e.file.clone()}</td>
                                <td>{e.source_label.clone().or(e.source_unit.clone()).unwrap_or_else(|| "—".into())}</td>
                                <td class="num">{format!("{} / {} / {} / {} / {}", e.new, e.updated, e.unchanged, e.conflicts, e.invalid)}</td>
                                <td>{move || if e.undone { m.log_undone } else { m.log_kept }}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
