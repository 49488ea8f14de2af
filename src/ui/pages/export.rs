//! Export (`#/export`): the whole workspace as one bundle (`export-all`), or one unit and/or a
//! year or phase, with the directory records they need.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bundle::export::{select, Period};
use crate::bundle::format::{file_name, write_unsigned, Source};
use crate::domain::format::integer;
use crate::domain::Kind;
use crate::markup::options;
use crate::report::period::phases;
use crate::ui::app::use_page;
use crate::ui::browser::this_year;
use crate::ui::browser::{download, mark, now_iso, today};
use crate::ui::signing::signed;
use crate::view::options::{activity_years, unit_options};

fn period_of(code: &str) -> Period {
    match code {
        "" => Period::All,
        c if c.contains('-') => Period::Phase(c.to_string()),
        c => c.parse().map(Period::Year).unwrap_or(Period::All),
    }
}

#[component]
pub fn ExportPage() -> impl IntoView {
    let (ctx, m, lang, data) = use_page();
    // Start with the unit this browser works for: its own file is what it sends.
    let unit = RwSignal::new(ctx.working_unit().unwrap_or_default());
    let period = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);

    let units = Memo::new(move |_| data.with(unit_options));
    let years = Memo::new(move |_| data.with(activity_years));
    let phases = Memo::new(move |_| data.with(|ds| phases(ds, this_year())));
    let counts = Memo::new(move |_| {
        let u = unit.get();
        let p = period_of(&period.get());
        data.with(|ds| {
            let out = select(ds, (!u.is_empty()).then_some(u.as_str()), &p);
            Kind::ALL
                .into_iter()
                .map(|k| (k, out.count(k)))
                .filter(|(_, n)| *n > 0)
                .collect::<Vec<_>>()
        })
    });

    // `unit_id`: the unit chosen (None: all); "Xuất toàn bộ" from a unit's browser is still
    // that unit's file, named and sent as such.
    let save = move |unit_id: Option<String>, code: String| {
        mark("export-start");
        let p = period_of(&code);
        let sender = unit_id.clone().or_else(|| ctx.working_unit());
        let (unsigned, short) = data.with_untracked(|ds| {
            let u = sender
                .as_deref()
                .and_then(|id| ds.units.iter().find(|u| u.id == id));
            let source = u.map(|u| Source {
                unit_id: Some(u.id.clone()),
                label: Some(u.name.clone()),
            });
            let short = u.map(|u| u.short_label().to_string());
            (
                write_unsigned(
                    &select(ds, unit_id.as_deref(), &p),
                    &now_iso(),
                    source.as_ref(),
                ),
                short,
            )
        });
        let name = file_name(short.as_deref(), Some(code.as_str()), &today());
        spawn_local(async move {
            let text = signed(unsigned).await;
            let result = download(&name, &text, "application/json").map(|_| name);
            if result.is_ok() {
                data.note_export();
            }
            message.set(Some(result));
            mark("export-done");
        });
    };

    view! {
        <section class="page" data-testid="page-export">
            <h1>{m.export_title}</h1>
            <p class="lead">{m.export_intro}</p>
            <div class="actions">
                <button type="button" class="primary" data-testid="export-all" on:click=move |_| save(None, String::new())>
                    {m.export_all}
                </button>
            </div>
            <p class="hint">{m.export_all_hint}</p>

            <h2>{m.export_some_title}</h2>
            <div class="filters">
                <div class="field">
                    <label for="export-unit">{m.export_unit}</label>
                    <select id="export-unit" data-testid="export-unit" on:change=move |ev| unit.set(event_target_value(&ev))
                        inner_html=move || units.with(|us| options(Some(m.overview_all_units), us, &unit.get()))>
                    </select>
                </div>
                <div class="field">
                    <label for="export-period">{m.export_period}</label>
                    <select id="export-period" data-testid="export-period" on:change=move |ev| period.set(event_target_value(&ev))
                        inner_html=move || {
                            let mut items: Vec<(String, String)> = phases.get().into_iter().map(|p| {
                                let label = format!("{} {p}", m.export_phase);
                                (p, label)
                            }).collect();
                            items.extend(years.get().iter().map(|y| (y.to_string(), format!("{} {y}", m.export_year))));
                            options(Some(m.export_period_all), &items, &period.get())
                        }>
                    </select>
                </div>
            </div>
            <p>
                {m.export_contains}" "
                <span data-testid="export-counts">
                    {move || {
                        let parts: Vec<String> = counts
                            .get()
                            .into_iter()
                            .map(|(k, n)| format!("{} {}", integer(n as i64, lang), k.label(lang)))
                            .collect();
                        if parts.is_empty() { "—".to_string() } else { parts.join(", ") }
                    }}
                </span>
            </p>
            <div class="actions">
                <button
                    type="button"
                    data-testid="export-selected"
                    on:click=move |_| {
                        let u = unit.get_untracked();
                        save((!u.is_empty()).then_some(u), period.get_untracked())
                    }
                >
                    {m.export_selected}
                </button>
            </div>
            {move || {
                message
                    .get()
                    .map(|r| match r {
                        Ok(name) => view! { <p class="status" role="status" data-testid="export-done">{m.export_done}" "<code>{name}</code></p> }.into_any(),
                        Err(e) => view! { <p class="banner banner-error" role="alert">{m.download_failed}" "{e}</p> }.into_any(),
                    })
            }}
        </section>
    }
}
