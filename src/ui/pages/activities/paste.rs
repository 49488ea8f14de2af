//! "Dán từ Excel": rows copied from a spreadsheet, shown as a grid whose columns are mapped to
//! the activity's fields (guessed from the header or the cells, each changeable), each row with
//! how it was read or what is wrong; the ready rows go in as one import (preview counts, the
//! import log, undo on the Import page). The reading is the core's (`sheet`).
//!
//! Test hooks: `act-paste` opens it (in `mod.rs`); `paste-panel`, `paste-text`, `paste-header`,
//! `paste-col-<i>` (the column selects), `paste-grid`, `paste-row` (`data-state` ready, problem,
//! skipped or header), `paste-summary`, `paste-confirm`, `paste-close`, `paste-done`,
//! `paste-failed`.

use leptos::prelude::*;

use crate::bundle::format::{Bundle, Source};
use crate::bundle::import::prepare_bundle;
use crate::bundle::merge::Choices;
use crate::domain::format::integer;
use crate::sheet::activities::{tally, to_dataset, Row};
use crate::sheet::columns::{guess, Mapping};
use crate::sheet::tsv;
use crate::ui::app::use_ctx;
use crate::ui::sheet_grid::{read_rows, SheetGrid};
use crate::view::import::save_error_text;

#[component]
pub fn PastePanel(open: RwSignal<bool>, text: RwSignal<String>) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let rows = Memo::new(move |_| text.with(|t| tsv::parse(t)));
    // The mapping guessed for the text, until the person changes it.
    let mapping = RwSignal::new(Mapping::default());
    Effect::new(move |_| {
        let guessed = rows.with(|r| ctx.data.with_places_untracked(|ds, idx| guess(r, ds, idx)));
        mapping.set(guessed);
    });
    let done = RwSignal::new(None::<Result<String, String>>);
    let read_rows = read_rows(rows, Memo::new(|_| Default::default()), mapping);
    let summary = move || {
        read_rows.with(|rs| {
            let (ready, _, _, text) = tally(rs, lang);
            if ready == 0 {
                return text;
            }
            let p = ctx.data.with_untracked(|stored| {
                let t = crate::bundle::merge::preview(stored, &to_dataset(rs, stored)).total();
                (t.new, t.updated, t.unchanged)
            });
            format!(
                "{text}. {}: {} {} · {} {} · {} {}.",
                m.paste_will,
                p.0,
                crate::domain::text::lower(m.preview_new),
                p.1,
                crate::domain::text::lower(m.preview_updated),
                p.2,
                m.paste_already
            )
        })
    };
    let ready = move || {
        read_rows.with(|rs| {
            rs.iter()
                .filter(|(_, r)| matches!(r, Row::Ready(_)))
                .count()
        })
    };
    let confirm = move |_| {
        let n = read_rows.with_untracked(|rs| {
            let p = ctx.data.with_untracked(|stored| {
                let bundle = Bundle {
                    data: to_dataset(rs, stored),
                    source: Some(Source {
                        unit_id: None,
                        label: Some(m.paste_source.to_string()),
                    }),
                    ..Bundle::default()
                };
                prepare_bundle(bundle, stored)
            });
            if p.preview.is_noop() {
                return Ok(None);
            }
            let file = format!(
                "{} ({} {})",
                m.act_paste,
                integer(rs.len() as i64, lang),
                m.paste_rows
            );
            ctx.data
                .import(&p, &Choices::proposed(&p.preview), &file)
                .map(|e| Some((e.new, e.updated)))
        });
        done.set(Some(match n {
            Ok(None) => Ok(m.paste_nothing.to_string()),
            Ok(Some((new, updated))) => {
                text.set(String::new());
                Ok(format!(
                    "{} {new} {} · {updated} {}. {}",
                    m.paste_done,
                    crate::domain::text::lower(m.preview_new),
                    crate::domain::text::lower(m.preview_updated),
                    m.paste_undo_hint
                ))
            }
            Err(e) => Err(save_error_text(&e, m)),
        }));
    };
    let has_rows = move || rows.with(|r| !r.is_empty());
    let message = move || {
        done.get().map(|r| match r {
            Ok(t) => view! { <div class="banner banner-ok" role="status" data-testid="paste-done">{t}</div> }.into_any(),
            Err(t) => view! { <div class="banner banner-error" role="alert" data-testid="paste-failed">{t}</div> }.into_any(),
        })
    };

    view! {
        <section class="paste card" data-testid="paste-panel" hidden=move || !open.get() aria-labelledby="paste-title">
            <h2 id="paste-title">{m.act_paste}</h2>
            <p class="note">{m.paste_intro}</p>
            {message}
            <textarea
                data-testid="paste-text"
                rows="4"
                placeholder=m.paste_placeholder
                prop:value=move || text.get()
                on:input=move |ev| {
                    done.set(None);
                    text.set(event_target_value(&ev));
                }
            ></textarea>
            <Show when=has_rows>
                <label class="tick">
                    <input
                        type="checkbox"
                        data-testid="paste-header"
                        prop:checked=move || mapping.with(|mp| mp.header)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            mapping.update(|mp| mp.header = on);
                        }
                    />
                    " "{m.paste_header}
                </label>
                <p data-testid="paste-summary">{summary}</p>
                <SheetGrid rows=rows mapping=mapping read_rows=read_rows prefix="paste" />
            </Show>
            <div class="actions">
                <button type="button" class="primary" data-testid="paste-confirm" disabled=move || ready() == 0 on:click=confirm>
                    {move || format!("{} ({})", m.paste_confirm, ready())}
                </button>
                <button type="button" data-testid="paste-close" on:click=move |_| open.set(false)>{m.paste_close}</button>
            </div>
        </section>
    }
}
