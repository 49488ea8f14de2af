//! Import (`#/import`, `#/import?url=demo.json`): pick, drop or fetch a bundle → read → check →
//! preview → confirm or cancel → snapshot → merge → save; undo the last import; the log. The
//! logic is the core's state machine (`view::import`): this page sends it events, runs the
//! effects it asks for and draws it.
//!
//! Test hooks (a contract, keep them stable): `import-input` and `import-undo` here,
//! `import-confirm` and `import-cancel` in `preview.rs`; `import-preview` holds the counts
//! `preview-new`, `preview-updated`, `preview-deleted`, `preview-unchanged`, `preview-older`,
//! `preview-conflicts` and `preview-invalid`, the digest's word (`import-digest-ok`,
//! `import-digest-none`, `import-digest-warning` with its box `import-digest-accept`), the
//! per-unit table `preview-by-unit`, `preview-foreign` (count in `data-value`) with its box
//! `import-accept-foreign`, and `import-reapply` (all drawn by `view::preview::summary`);
//! `import-error` is the refusal banner (`view::import::status_html`).

mod log;
mod preview;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::bundle::import::prepare;
use crate::store::workspace::SaveError;
use crate::ui::app::{use_ctx, Ctx};
use crate::ui::browser::{fetch_text, file_text, mark, yield_to_paint};
use crate::view::import::{self, status_html, Event, Import, Stage};
use log::ImportLog;
use preview::PreviewView;

/// The import in progress; lives in the app's context so the page can be rebuilt (a language
/// switch) without losing a preview.
#[derive(Clone, Copy)]
pub struct Pipeline {
    ctx: Ctx,
    pub model: RwSignal<Import>,
}

impl Pipeline {
    pub fn new(ctx: Ctx) -> Pipeline {
        Pipeline {
            ctx,
            model: RwSignal::new(Import::default()),
        }
    }

    /// Send `event` and run the effects it leads to, one after another, until the model rests.
    /// `file` is the picked file, for the effect that reads it.
    fn send(self, event: Event, file: Option<web_sys::File>) {
        spawn_local(async move {
            let mut next = Some(event);
            while let Some(event) = next.take() {
                // Marks for `make bench`: from a file picked to its preview, and to its save.
                let after = match &event {
                    Event::Checked { .. } => Some("import-preview"),
                    Event::Saved(_) => Some("import-saved"),
                    _ => None,
                };
                let Some(effect) = self.model.try_update(|m| m.update(event)) else {
                    return;
                };
                if matches!(effect, import::Effect::ReadFile | import::Effect::Fetch(_)) {
                    mark("import-start");
                }
                if let Some(name) = after {
                    mark(name);
                }
                next = self.run(effect, file.as_ref()).await;
            }
        });
    }

    /// Run one effect; its result is the next event.
    async fn run(self, effect: import::Effect, file: Option<&web_sys::File>) -> Option<Event> {
        match effect {
            import::Effect::None => None,
            import::Effect::ReadFile => {
                let file = file?;
                let name = file.name();
                // Reading is asynchronous: the page paints "reading…" meanwhile.
                Some(match file_text(file).await {
                    Ok(text) => Event::TextRead { name, text },
                    Err(why) => Event::ReadFailed { name, why },
                })
            }
            import::Effect::Fetch(url) => {
                yield_to_paint().await;
                Some(match fetch_text(&url).await {
                    Ok(text) => Event::TextRead { name: url, text },
                    Err(why) => Event::FetchFailed { url, why },
                })
            }
            import::Effect::Check { name, text } => {
                mark("import-read");
                yield_to_paint().await;
                mark("import-checking");
                let result = self
                    .ctx
                    .data
                    .with_untracked(|stored| prepare(&text, stored).map(Box::new));
                drop(text);
                mark("import-checked");
                Some(Event::Checked { name, result })
            }
            import::Effect::Save { file } => {
                yield_to_paint().await;
                let result = self.model.with_untracked(|m| match &m.prepared {
                    Some(p) => self.ctx.data.import(p, &m.to_apply(), &file),
                    // Not reachable (Confirm needs a preview), but the page must not stay busy.
                    None => Err(SaveError::Refused("no preview to save".into())),
                });
                Some(Event::Saved(result))
            }
        }
    }

    fn pick(self, file: web_sys::File) {
        let event = Event::FilePicked {
            name: file.name(),
            bytes: file.size() as u64,
        };
        self.send(event, Some(file));
    }

    pub fn event(self, event: Event) {
        self.send(event, None);
    }
}

fn first_file(list: Option<web_sys::FileList>) -> Option<web_sys::File> {
    list.and_then(|l| l.get(0))
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let pipeline = expect_context::<Pipeline>();
    let model = pipeline.model;
    let stage = Memo::new(move |_| model.with(|x| x.stage.clone()));
    let dragging = RwSignal::new(false);

    // `#/import?url=…`: fetch a bundle hosted beside the app straight into the preview.
    Effect::new(move |_| {
        let opened = ctx
            .route
            .with(|r| r.param("url").map(|u| (u.to_string(), r.visit)));
        if let Some((url, visit)) = opened {
            pipeline.event(Event::UrlOpened { url, visit });
        }
    });

    // A file dropped anywhere on the page is imported, not opened by the browser.
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |_| dragging.set(false));
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = first_file(ev.data_transfer().and_then(|d| d.files())) {
            pipeline.pick(file);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });

    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = first_file(input.files()) {
            pipeline.pick(file);
        }
        // Picking the same file again must start again.
        input.set_value("");
    };

    let busy = move || stage.with(Stage::busy);
    let undo = move |_| {
        let redo = ctx.data.undoable().is_some_and(|s| s.redo);
        let result = ctx.data.undo_import();
        pipeline.event(Event::Undone { result, redo });
    };
    let redo_offered = move || ctx.data.undoable().is_some_and(|s| s.redo);

    view! {
        <section class="page" data-testid="page-import">
            <h1>{m.import_title}</h1>
            <p class="lead">{m.import_intro}</p>
            <label class="dropzone" class:dragging=move || dragging.get()>
                <span class="dropzone-button">{m.import_choose}</span>
                <input
                    type="file"
                    accept=".json,application/json"
                    data-testid="import-input"
                    disabled=busy
                    on:change=on_pick
                />
                <span class="dropzone-hint">{m.import_drop}</span>
            </label>
            <div inner_html=move || stage.with(|st| status_html(st, m, ctx.lang()))></div>
            {move || match stage.get() {
                Stage::Preview { file } => view! { <PreviewView file=file pipeline=pipeline /> }.into_any(),
                _ => ().into_any(),
            }}
            <Show when=move || ctx.data.undoable().is_some() && !busy()>
                <div class="actions undo">
                    {move || if redo_offered() {
                        view! { <button type="button" data-testid="import-redo" on:click=undo>{m.import_redo}</button> }.into_any()
                    } else {
                        view! { <button type="button" data-testid="import-undo" on:click=undo>{m.import_undo}</button> }.into_any()
                    }}
                </div>
            </Show>
            <ImportLog />
        </section>
    }
}
