//! Import (`#/import`, `#/import?url=demo.json`): pick, drop or fetch one bundle or several → read → check →
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
//! the records files of a batch disagree on: `preview-clashes` (their count), one `clash` card
//! each with the radios `clash-pick` (value: the file's index) and `clash-none`;
//! `import-error` is the refusal banner (`view::import::status_html`).

mod log;
mod preview;
mod records;
mod sheet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::bundle::batch::prepare_summed;
use crate::bundle::digest;
use crate::bundle::format::{Bundle, Source};
use crate::bundle::import::prepare_bundle;
use crate::domain::dataset::Dataset;
use crate::sheet::book;
use crate::store::workspace::SaveError;
use crate::ui::app::{use_ctx, Ctx};
use crate::ui::browser::{
    download_bytes, fetch_text, file_bytes, file_text, mark, sha256_hex, yield_to_paint,
};
use crate::view::import::{self, status_html, Event, Import, Stage};
use log::ImportLog;
use preview::PreviewView;
use sheet::SheetStep;

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
    /// `files` are the picked files, for the effect that reads them.
    fn send(self, event: Event, files: Vec<web_sys::File>) {
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
                if matches!(
                    effect,
                    import::Effect::ReadFiles
                        | import::Effect::ReadSheet
                        | import::Effect::Fetch(_)
                ) {
                    mark("import-start");
                }
                if let Some(name) = after {
                    mark(name);
                }
                next = self.run(effect, &files).await;
            }
        });
    }

    /// Run one effect; its result is the next event.
    async fn run(self, effect: import::Effect, files: &[web_sys::File]) -> Option<Event> {
        match effect {
            import::Effect::None => None,
            import::Effect::ReadFiles => {
                // Reading is asynchronous: the page paints "reading…" meanwhile.
                let mut texts = Vec::with_capacity(files.len());
                for file in files {
                    let name = file.name();
                    match file_text(file).await {
                        Ok(text) => texts.push((name, text)),
                        Err(why) => return Some(Event::ReadFailed { name, why }),
                    }
                }
                Some(Event::FilesRead { files: texts })
            }
            import::Effect::ReadSheet => {
                let file = files.first()?;
                let name = file.name();
                match file_bytes(file).await {
                    Ok(bytes) => {
                        mark("import-read");
                        yield_to_paint().await;
                        let result = book::read(&name, &bytes);
                        drop(bytes);
                        mark("sheet-read");
                        Some(Event::SheetRead { name, result })
                    }
                    Err(why) => Some(Event::ReadFailed { name, why }),
                }
            }
            import::Effect::Fetch(url) => {
                yield_to_paint().await;
                Some(match fetch_text(&url).await {
                    Ok(text) => Event::TextRead { name: url, text },
                    Err(why) => Event::FetchFailed { url, why },
                })
            }
            import::Effect::Check { files, picks } => {
                mark("import-read");
                yield_to_paint().await;
                mark("import-checking");
                let name = files
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                // Each file's digest by the browser's SHA-256, all started before any is
                // awaited; where there is none, the reading hashes in wasm.
                let pending: Vec<_> = files
                    .iter()
                    .map(|(_, text)| digest::claim(text).map(|bytes| sha256_hex(&bytes)))
                    .collect();
                let mut sums = Vec::with_capacity(pending.len());
                for sum in pending {
                    sums.push(match sum {
                        Some(sum) => sum.await,
                        None => None,
                    });
                }
                mark("import-summed");
                let result = self.ctx.data.with_untracked(|stored| {
                    prepare_summed(&files, stored, &picks, &sums).map(Box::new)
                });
                drop(files);
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

    fn pick(self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        let event = Event::FilesPicked {
            files: files.iter().map(|f| (f.name(), f.size() as u64)).collect(),
        };
        self.send(event, files);
    }

    pub fn event(self, event: Event) {
        self.send(event, Vec::new());
    }

    /// The records read from sheet `sheet` of spreadsheet `file`, checked as a bundle from it:
    /// on to the same preview.
    fn check_sheet(self, file: String, sheet: &str, data: Dataset) {
        let prepared = self.ctx.data.with_untracked(|stored| {
            let bundle = Bundle {
                data,
                source: Some(Source {
                    unit_id: None,
                    label: Some(format!("{file} — {sheet}")),
                }),
                ..Bundle::default()
            };
            prepare_bundle(bundle, stored)
        });
        self.event(Event::Checked {
            name: file,
            result: Ok(Box::new(prepared)),
        });
    }
}

/// Every file of a picker's or a drop's list, in its order.
fn all_files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map_or_else(Vec::new, |l| {
        (0..l.length()).filter_map(|i| l.get(i)).collect()
    })
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
        pipeline.pick(all_files(ev.data_transfer().and_then(|d| d.files())));
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
        pipeline.pick(all_files(input.files()));
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
    let template = move |_| {
        let bytes = crate::sheet::template::xlsx();
        let _ = download_bytes(
            "mau-nhap-hoat-dong.xlsx",
            &bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        );
    };

    view! {
        <section class="page" data-testid="page-import">
            <h1>{m.import_title}</h1>
            <p class="lead">{m.import_intro}</p>
            <label class="dropzone" class:dragging=move || dragging.get()>
                <span class="dropzone-button">{m.import_choose}</span>
                <input
                    type="file"
                    accept=".json,application/json,.xlsx,.xlsm,.xls,.csv,.tsv"
                    multiple
                    data-testid="import-input"
                    disabled=busy
                    on:change=on_pick
                />
                <span class="dropzone-hint">{m.import_drop}</span>
            </label>
            <div inner_html=move || stage.with(|st| status_html(st, m, ctx.lang()))></div>
            {move || match stage.get() {
                Stage::Preview { file } => view! { <PreviewView file=file pipeline=pipeline /> }.into_any(),
                Stage::Sheet { file } => view! { <SheetStep file=file pipeline=pipeline /> }.into_any(),
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
            <p class="note template-offer">
                <button type="button" class="link" data-testid="import-template" on:click=template>{m.import_template}</button>
                " "{m.import_template_hint}
            </p>
            <ImportLog />
        </section>
    }
}
