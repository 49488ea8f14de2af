//! The import log: when, which file, from which unit, what it did, undone or not.

use std::fmt::Write;

use leptos::prelude::*;

use crate::report::html::esc;
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
                    <tbody inner_html=move || entries.with(|entries| {
                        let mut out = String::new();
                        for e in entries {
                            let source = e.source_label.as_ref().or(e.source_unit.as_ref()).map_or("—", String::as_str);
                            let _ = write!(
                                out,
                                "<tr data-testid=\"import-log-entry\" data-undone=\"{}\"><td>{}</td><td>{}</td><td>{}</td>\
                                 <td class=\"num\">{} / {} / {} / {} / {}</td><td>{}</td></tr>",
                                e.undone,
                                esc(&local_datetime(&e.at)),
                                esc(&e.file),
                                esc(source),
                                e.new, e.updated, e.unchanged, e.conflicts, e.invalid,
                                esc(if e.undone { m.log_undone } else { m.log_kept })
                            );
                        }
                        out
                    })></tbody>
                </table>
            </Show>
        </section>
    }
}
