//! Import (`#/import`, `#/import?url=demo.json`): pick, drop or fetch a bundle → read → check →
//! preview → confirm or cancel → snapshot → merge → save; undo the last import; the log.

mod log;
mod preview;
mod preview_html;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::bundle::format::{FileError, MAX_BYTES};
use crate::bundle::import::{prepare, Prepared};
use crate::bundle::merge::Choices;
use crate::domain::Lang;
use crate::report::html::esc;
use crate::store::importlog::LogEntry;
use crate::store::workspace::SaveError;
use crate::ui::app::{use_ctx, Ctx};
use crate::ui::browser::{fetch_text, file_text, mark, yield_to_paint};
use crate::ui::i18n::Messages;
use log::ImportLog;
use preview::PreviewView;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Fetching,
    Reading,
    Checking,
    Saving,
}

/// Why a whole file was not taken.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    File(FileError),
    BadUrl,
    Fetch { url: String, why: String },
    Read(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Idle,
    Working(Step),
    Refused { file: String, why: Refusal },
    Preview { file: String },
    Done(LogEntry),
    Failed(SaveError),
    Undone(usize),
}

/// What the page says about the import in progress or just ended, as HTML text (the
/// preview is its own view).
fn status_html(stage: &Stage, m: &Messages, lang: Lang) -> String {
    let banner = |class: &str, role: &str, testid: &str, body: String| {
        format!(
            "<div class=\"banner {class}\" role=\"{role}\" data-testid=\"{testid}\">{body}</div>"
        )
    };
    match stage {
        Stage::Idle | Stage::Preview { .. } => String::new(),
        Stage::Working(step) => {
            let (text, pct) = match step {
                Step::Fetching => (m.import_fetching, 15),
                Step::Reading => (m.import_reading, 25),
                Step::Checking => (m.import_checking, 60),
                Step::Saving => (m.import_saving, 90),
            };
            format!(
                "<div class=\"progress\" role=\"status\" data-testid=\"import-progress\"><span>{}</span>\
                 <progress max=\"100\" value=\"{pct}\"></progress></div>",
                esc(text)
            )
        }
        Stage::Refused { file, why } => {
            let text = match why {
                Refusal::File(e) => e.message(lang),
                Refusal::BadUrl => m.import_bad_url.to_string(),
                Refusal::Fetch { url, why } => format!("{} {url} ({why}).", m.import_fetch_failed),
                Refusal::Read(why) => format!("{} {why}", m.import_file_read_failed),
            };
            let body = format!(
                "<strong>{}</strong><p>{}</p><p>{}</p>",
                esc(&format!("{} — {file}", m.import_refused)),
                esc(&text),
                esc(m.import_refused_hint)
            );
            banner("banner-error", "alert", "import-error", body)
        }
        Stage::Done(e) => {
            let lower = crate::domain::text::lower;
            let body = format!(
                "<strong>{}</strong> {}",
                esc(m.import_done),
                esc(&format!(
                    "{}: {} {}, {} {}, {} {}, {} {}.",
                    e.file,
                    e.new,
                    lower(m.preview_new),
                    e.updated,
                    lower(m.preview_updated),
                    e.unchanged,
                    lower(m.preview_unchanged),
                    e.invalid,
                    lower(m.preview_invalid)
                ))
            );
            banner("banner-ok", "status", "import-done", body)
        }
        Stage::Failed(e) => {
            let text = match e {
                SaveError::Full => m.import_failed_full.to_string(),
                SaveError::Refused(why) => format!("{} {why}", m.import_failed),
                SaveError::Blocked => m.blocked_body.to_string(),
            };
            banner("banner-error", "alert", "import-failed", esc(&text))
        }
        Stage::Undone(n) => banner(
            "banner-ok",
            "status",
            "import-undone",
            esc(&format!("{} {n}", m.import_undone)),
        ),
    }
}

/// Where the bundle comes from.
enum Source {
    File(web_sys::File),
    Url(String),
}

/// A relative URL beside the app (no scheme, not protocol-relative).
fn is_relative(url: &str) -> bool {
    let before_slash = url.split('/').next().unwrap_or("");
    !url.is_empty() && !url.starts_with("//") && !before_slash.contains(':') && !url.contains('\\')
}

/// The import in progress; lives in the app's context so the page can be rebuilt (a language
/// switch) without losing a preview.
#[derive(Clone, Copy)]
pub struct Pipeline {
    ctx: Ctx,
    stage: RwSignal<Stage>,
    prepared: StoredValue<Option<Prepared>>,
    choices: RwSignal<Choices>,
    /// The `?url=` last fetched, so a rebuilt page does not fetch it again.
    started_url: StoredValue<Option<String>>,
}

impl Pipeline {
    pub fn new(ctx: Ctx) -> Pipeline {
        Pipeline {
            ctx,
            stage: RwSignal::new(Stage::Idle),
            prepared: StoredValue::new(None),
            choices: RwSignal::new(Choices::default()),
            started_url: StoredValue::new(None),
        }
    }

    fn start(self, source: Source) {
        spawn_local(async move {
            mark("import-start");
            self.prepared.set_value(None);
            let (name, text) = match source {
                Source::File(file) => {
                    let name = file.name();
                    if file.size() > MAX_BYTES as f64 {
                        let why = Refusal::File(FileError::TooLarge {
                            bytes: file.size() as usize,
                        });
                        self.stage.set(Stage::Refused { file: name, why });
                        return;
                    }
                    // Reading is asynchronous: the page paints "reading…" meanwhile.
                    self.stage.set(Stage::Working(Step::Reading));
                    match file_text(&file).await {
                        Ok(text) => (name, text),
                        Err(e) => {
                            self.stage.set(Stage::Refused {
                                file: name,
                                why: Refusal::Read(e),
                            });
                            return;
                        }
                    }
                }
                Source::Url(url) => {
                    if !is_relative(&url) {
                        self.stage.set(Stage::Refused {
                            file: url,
                            why: Refusal::BadUrl,
                        });
                        return;
                    }
                    self.stage.set(Stage::Working(Step::Fetching));
                    yield_to_paint().await;
                    match fetch_text(&url).await {
                        Ok(text) => (url, text),
                        Err(why) => {
                            self.stage.set(Stage::Refused {
                                file: url.clone(),
                                why: Refusal::Fetch { url, why },
                            });
                            return;
                        }
                    }
                }
            };
            mark("import-read");
            self.stage.set(Stage::Working(Step::Checking));
            yield_to_paint().await;
            mark("import-checking");
            let result = self
                .ctx
                .data
                .with_untracked(|stored| prepare(&text, stored));
            drop(text);
            mark("import-checked");
            match result {
                Err(e) => self.stage.set(Stage::Refused {
                    file: name,
                    why: Refusal::File(e),
                }),
                Ok(p) => {
                    self.choices.set(Choices::proposed(&p.preview));
                    self.prepared.set_value(Some(p));
                    self.stage.set(Stage::Preview { file: name });
                }
            }
            mark("import-preview");
        });
    }

    fn confirm(self) {
        let Stage::Preview { file } = self.stage.get_untracked() else {
            return;
        };
        self.stage.set(Stage::Working(Step::Saving));
        spawn_local(async move {
            yield_to_paint().await;
            let choices = self.choices.get_untracked();
            let result = self
                .prepared
                .with_value(|p| p.as_ref().map(|p| self.ctx.data.import(p, &choices, &file)));
            self.prepared.set_value(None);
            self.stage.set(match result {
                Some(Ok(entry)) => Stage::Done(entry),
                Some(Err(e)) => Stage::Failed(e),
                None => Stage::Idle,
            });
            mark("import-saved");
        });
    }

    fn cancel(self) {
        self.prepared.set_value(None);
        self.stage.set(Stage::Idle);
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
    let stage = pipeline.stage;
    let dragging = RwSignal::new(false);

    // `#/import?url=…`: fetch a bundle hosted beside the app straight into the preview.
    let started_url = pipeline.started_url;
    Effect::new(move |_| {
        let url = ctx.route.with(|r| r.param("url").map(str::to_string));
        if let Some(url) = url.filter(|u| !u.is_empty()) {
            if started_url.get_value().as_deref() != Some(url.as_str()) {
                started_url.set_value(Some(url.clone()));
                pipeline.start(Source::Url(url));
            }
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
            pipeline.start(Source::File(file));
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
            pipeline.start(Source::File(file));
        }
        // Picking the same file again must start again.
        input.set_value("");
    };

    let busy = move || matches!(stage.get(), Stage::Working(_));
    let undo = move |_| {
        let r = ctx.data.undo_import();
        stage.set(match r {
            Ok(n) => Stage::Undone(n),
            Err(e) => Stage::Failed(e),
        });
    };

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
                Stage::Preview { file } => view! {
                    <PreviewView
                        file=file
                        prepared=pipeline.prepared
                        choices=pipeline.choices
                        on_confirm=Callback::new(move |_| pipeline.confirm())
                        on_cancel=Callback::new(move |_| pipeline.cancel())
                    />
                }
                .into_any(),
                _ => ().into_any(),
            }}
            <Show when=move || ctx.data.undoable().is_some() && !busy()>
                <div class="actions undo">
                    <button type="button" data-testid="import-undo" on:click=undo>
                        {m.import_undo}
                    </button>
                </div>
            </Show>
            <ImportLog />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::messages;

    #[test]
    fn status_names_the_file_and_escapes_it() {
        let refused = Stage::Refused {
            file: "<b>.json".into(),
            why: Refusal::BadUrl,
        };
        let html = status_html(&refused, messages(Lang::En), Lang::En);
        assert!(html.starts_with(
            "<div class=\"banner banner-error\" role=\"alert\" data-testid=\"import-error\">"
        ));
        assert!(html.contains("&lt;b&gt;.json"), "{html}");
        assert_eq!(status_html(&Stage::Idle, messages(Lang::Vi), Lang::Vi), "");
        let working = status_html(
            &Stage::Working(Step::Checking),
            messages(Lang::Vi),
            Lang::Vi,
        );
        assert!(working.contains("value=\"60\""));
    }

    #[test]
    fn only_relative_urls() {
        for ok in [
            "demo.json",
            "data/demo.json",
            "./demo.json",
            "../x.json",
            "demo.json?v=2",
        ] {
            assert!(is_relative(ok), "{ok}");
        }
        for bad in [
            "",
            "https://evil.example/x.json",
            "//evil.example/x.json",
            "javascript:alert(1)",
            "data:text/plain,{}",
            "a\\b",
        ] {
            assert!(!is_relative(bad), "{bad}");
        }
    }
}
