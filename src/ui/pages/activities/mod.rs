//! Activities (`#/activities`): a fast entry form that remembers the last unit, place and date,
//! and a filterable, sortable, paged list of every activity, with edit, delete and undo.

mod form;
mod list;
mod paste;

use leptos::prelude::*;

use crate::bundle::undo::restore_one;
use crate::domain::record::Activity;
use crate::ui::app::use_ctx;
use crate::ui::browser::now_iso;

/// The last change, to undo: the activity's id and what it was before (None: it was new).
#[derive(Clone, Debug, PartialEq)]
pub struct LastChange {
    pub id: String,
    pub before: Option<Activity>,
    /// What the flash says: saved or deleted.
    pub deleted: bool,
}

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let editing = RwSignal::new(None::<String>);
    let last = RwSignal::new(None::<LastChange>);
    let duplicate = RwSignal::new(None::<String>);
    // The list comes first; the form opens on "Thêm hoạt động" or Alt+N (and stays open for
    // the next entry), by itself on a first use, a kept draft, an edit or a copy.
    let open = RwSignal::new(ctx.data.with_untracked(|ds| ds.activities.is_empty()));
    let add = move || {
        open.set(true);
        // Once the form is drawn (its `hidden` goes with the next render), not before.
        request_animation_frame(|| {
            set_timeout(
                || {
                    // The first field still to fill, in the form's order: the place when the
                    // unit is kept from the last entry, the title when all of those are.
                    use wasm_bindgen::JsCast;
                    let first = [
                        "act-unit",
                        "act-location",
                        "act-date",
                        "act-category",
                        "act-title",
                    ]
                    .into_iter()
                    .filter_map(|id| document().get_element_by_id(id))
                    .find(|el| {
                        js_sys::Reflect::get(el, &"value".into())
                            .ok()
                            .and_then(|v| v.as_string())
                            .is_none_or(|v| v.trim().is_empty())
                    })
                    .or_else(|| document().get_element_by_id("act-title"));
                    if let Some(el) = first {
                        el.scroll_into_view_with_bool(false);
                        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                },
                std::time::Duration::from_millis(0),
            )
        });
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() && (ev.key() == "n" || ev.key() == "N" || ev.code() == "KeyN") {
            ev.prevent_default();
            add();
        }
    });
    on_cleanup(move || keys.remove());
    // Rows copied from Excel go to the paste grid, not into one field of the form.
    let pasting = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let paste_keys = window_event_listener(leptos::ev::paste, move |ev| {
        let in_form = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.id().starts_with("act-"));
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if in_form && text.contains('\t') {
            ev.prevent_default();
            pasted.set(text);
            pasting.set(true);
        }
    });
    on_cleanup(move || paste_keys.remove());
    let undone = RwSignal::new(false);
    let undo = move |_| {
        if let Some(change) = last.get_untracked() {
            ctx.data
                .edit(|ds| restore_one(ds, &change.id, change.before, &now_iso()));
            last.set(None);
            undone.set(true);
        }
    };
    let flash = move || {
        if let Some(c) = last.get() {
            let text = if c.deleted { m.deleted } else { m.saved };
            view! {
                <div class="flash" role="status" data-testid="act-flash">
                    {text}" "
                    <button type="button" class="link-button" data-testid="act-undo" on:click=undo>{m.undo}</button>
                </div>
            }
            .into_any()
        } else if undone.get() {
            view! { <div class="flash" role="status" data-testid="act-flash">{m.undone}</div> }
                .into_any()
        } else {
            ().into_any()
        }
    };
    let on_change = Callback::new(move |c: LastChange| {
        undone.set(false);
        last.set(Some(c));
    });
    let on_refused = Callback::new(move |_| {
        undone.set(false);
        last.set(None);
    });
    let has_directory = Memo::new(move |_| {
        ctx.data
            .with(|ds| !ds.units.is_empty() && !ds.locations.is_empty())
    });

    view! {
        <section class="page" data-testid="page-activities">
            <div class="page-head">
                <h1>{m.act_title}</h1>
                <Show when=move || has_directory.get()>
                    <div class="actions">
                        <button type="button" data-testid="act-paste" aria-expanded=move || pasting.get().to_string() on:click=move |_| pasting.update(|p| *p = !*p)>
                            {m.act_paste}
                        </button>
                        <button type="button" class="primary" data-testid="act-add" aria-keyshortcuts="Alt+N" title="Alt+N" on:click=move |_| add()>
                            {m.act_add}" "<kbd>"Alt+N"</kbd>
                        </button>
                    </div>
                </Show>
            </div>
            <crate::ui::pages::first_steps::FirstSteps />
            <Show
                when=move || has_directory.get()
                fallback=move || view! {
                    <p class="note">{m.need_directory}" "<a href="#/directory">{m.nav_directory}</a></p>
                }
            >
                <paste::PastePanel open=pasting text=pasted />
                <form::ActivityForm editing=editing on_change=on_change on_refused=on_refused duplicate=duplicate open=open />
            </Show>
            {flash}
            <list::ActivityList editing=editing on_change=on_change duplicate=duplicate />
        </section>
    }
}
