//! The import preview: where the bundle is from, what it would change per kind, the conflicts
//! to decide and what is skipped and why. The read-only parts are HTML text
//! (`preview_html`); the conflict radios report through one delegated `change` listener.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::preview_html;
use crate::bundle::import::Prepared;
use crate::bundle::merge::Choices;
use crate::ui::app::use_ctx;

#[component]
pub fn PreviewView(
    file: String,
    prepared: StoredValue<Option<Prepared>>,
    choices: RwSignal<Choices>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let (summary, problems, conflicts) = prepared
        .with_value(|p| {
            p.as_ref().map(|p| {
                (
                    preview_html::summary(p, &file, m, lang),
                    preview_html::problems(p, m, lang),
                    !p.preview.conflicts.is_empty(),
                )
            })
        })
        .unwrap_or_default();
    // The cards are drawn again only when a button sets every choice at once; a radio the user
    // clicks is already in the state the choices take.
    let drawn = RwSignal::new(0u32);
    let cards = move || {
        drawn.track();
        prepared.with_value(|p| {
            p.as_ref()
                .map(|p| preview_html::conflict_cards(p, &choices.get_untracked(), m, lang))
                .unwrap_or_default()
        })
    };
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(index) = input
            .get_attribute("data-conflict")
            .and_then(|i| i.parse::<usize>().ok())
        else {
            return;
        };
        let take = input.value() == "incoming";
        let key = prepared.with_value(|p| {
            p.as_ref()
                .and_then(|p| p.preview.conflicts.get(index))
                .map(|c| (c.kind, c.id.clone()))
        });
        if let Some(key) = key {
            choices.update(|c| {
                if take {
                    c.take_incoming.insert(key);
                } else {
                    c.take_incoming.remove(&key);
                }
            });
        }
    };
    let set_all = move |incoming: bool| {
        let all = prepared.with_value(|p| match (p, incoming) {
            (Some(p), true) => Choices::all_incoming(&p.preview),
            _ => Choices::default(),
        });
        choices.set(all);
        drawn.update(|n| *n += 1);
    };

    view! {
        <section class="preview" data-testid="import-preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{m.preview_title}</h2>
            <div inner_html=summary></div>
            {conflicts.then(|| view! {
                <h3>{m.preview_conflicts}</h3>
                <p>{m.conflicts_intro}</p>
                <div class="actions">
                    <button type="button" data-testid="conflicts-all-local" on:click=move |_| set_all(false)>
                        {m.conflict_all_local}
                    </button>
                    <button type="button" data-testid="conflicts-all-incoming" on:click=move |_| set_all(true)>
                        {m.conflict_all_incoming}
                    </button>
                </div>
                <div class="conflicts" inner_html=cards on:change=choose></div>
            })}
            <div inner_html=problems></div>
            <div class="actions sticky-actions">
                <button type="button" class="primary" data-testid="import-confirm" on:click=move |_| on_confirm.run(())>
                    {m.import_confirm}
                </button>
                <button type="button" data-testid="import-cancel" on:click=move |_| on_cancel.run(())>
                    {m.import_cancel}
                </button>
            </div>
        </section>
    }
}
