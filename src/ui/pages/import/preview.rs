//! The import preview: where the bundle is from, what it would change per kind, the conflicts
//! to decide and what is skipped and why. The read-only parts are HTML text (`view::preview`);
//! the conflict radios report through one delegated `change` listener.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Pipeline;
use crate::ui::app::use_ctx;
use crate::ui::browser::local_datetime;
use crate::view::clash_cards::clash_cards;
use crate::view::conflict_text::Here;
use crate::view::import::{Event, Tick};
use crate::view::preview;

thread_local! {
    /// A pick among files that disagree checks the batch again and draws the preview anew:
    /// where the page was scrolled and which card was picked, to come back to.
    static BACK_TO: std::cell::Cell<Option<(f64, usize)>> = const { std::cell::Cell::new(None) };
}

/// The input a delegated `change` event came from.
fn input_of(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target().and_then(|t| t.dyn_into().ok())
}

#[component]
pub fn PreviewView(file: String, pipeline: Pipeline) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let model = pipeline.model;
    let (summary, problems, conflicts) = model
        .with_untracked(|x| {
            x.prepared.as_ref().map(|p| {
                (
                    preview::summary(p, &file, m, lang),
                    preview::problems(p, m, lang),
                    !p.preview.conflicts.is_empty(),
                )
            })
        })
        .unwrap_or_default();
    let clashes = model.with_untracked(|x| {
        x.prepared
            .as_ref()
            .map(|p| {
                ctx.data.with_places_untracked(|ds, idx| {
                    let here = Here {
                        ds,
                        idx,
                        file: None,
                        when: &local_datetime,
                    };
                    clash_cards(p, here, m, lang)
                })
            })
            .unwrap_or_default()
    });
    if let Some((y, i)) = BACK_TO.take() {
        request_animation_frame(move || {
            window().scroll_to_with_x_and_y(0.0, y);
            if let Ok(Some(el)) =
                document().query_selector(&format!("[data-clash=\"{i}\"]:checked"))
            {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    }
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = input_of(&ev) else {
            return;
        };
        let Some(clash) = input
            .get_attribute("data-clash")
            .and_then(|i| i.parse::<usize>().ok())
        else {
            return;
        };
        let file = input.value().parse::<usize>().ok();
        BACK_TO.set(Some((window().scroll_y().unwrap_or(0.0), clash)));
        pipeline.event(Event::Pick { clash, file });
    };
    // The cards are drawn again only when every choice changes at once; a radio the person
    // clicks is already in the state its choice takes.
    let drawn = Memo::new(move |_| model.with(|x| x.choices_drawn));
    let cards = move || {
        // Read, not only tracked: a memo computes (and follows the model) when it is read.
        let _ = drawn.get();
        model.with_untracked(|x| {
            x.prepared
                .as_ref()
                .map(|p| {
                    ctx.data.with_places_untracked(|ds, idx| {
                        preview::conflict_cards(
                            p,
                            &x.choices,
                            Here {
                                ds,
                                idx,
                                file: None,
                                when: &local_datetime,
                            },
                            m,
                            lang,
                        )
                    })
                })
                .unwrap_or_default()
        })
    };
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = input_of(&ev) else {
            return;
        };
        if let Some(conflict) = input
            .get_attribute("data-conflict")
            .and_then(|i| i.parse::<usize>().ok())
        {
            let incoming = input.value() == "incoming";
            pipeline.event(Event::Choose { conflict, incoming });
        }
    };
    let all = move |incoming: bool| pipeline.event(Event::ChooseAll { incoming });
    // The boxes drawn in the summary (a changed file, out-of-scope changes, older copies).
    let tick = move |ev: leptos::ev::Event| {
        let Some(input) = input_of(&ev) else {
            return;
        };
        if let Some(what) = input
            .get_attribute("data-tick")
            .and_then(|t| Tick::from_code(&t))
        {
            pipeline.event(Event::Tick {
                what,
                on: input.checked(),
            });
        }
    };
    let blocked = move || model.with(|x| !x.can_confirm());

    view! {
        <section class="preview" data-testid="import-preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{m.preview_title}</h2>
            <div inner_html=summary on:change=tick></div>
            <div class="conflicts clashes" inner_html=clashes on:change=pick></div>
            {conflicts.then(|| view! {
                <h3>{m.preview_conflicts}</h3>
                <p>{m.conflicts_intro}</p>
                <div class="actions">
                    <button type="button" data-testid="conflicts-all-local" on:click=move |_| all(false)>
                        {m.conflict_all_local}
                    </button>
                    <button type="button" data-testid="conflicts-all-incoming" on:click=move |_| all(true)>
                        {m.conflict_all_incoming}
                    </button>
                </div>
                <div class="conflicts" inner_html=cards on:change=choose></div>
            })}
            <div inner_html=problems></div>
            <div class="actions sticky-actions">
                <button type="button" class="primary" data-testid="import-confirm" disabled=blocked on:click=move |_| pipeline.event(Event::Confirm)>
                    {m.import_confirm}
                </button>
                <button type="button" data-testid="import-cancel" on:click=move |_| pipeline.event(Event::Cancel)>
                    {m.import_cancel}
                </button>
            </div>
        </section>
    }
}
