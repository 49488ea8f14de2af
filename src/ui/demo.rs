//! The demo province: a workspace of its own (`donghanh.demo…`), filled from a demo bundle
//! shipped with the app, so that it never mixes with real data and can be left in one click.
//! Two samples: today's province (Phú Thọ after the 2025 reform, with the history of the old
//! communes and agencies) and the province of 2023 as the news item saw it (Hòa Bình, districts).

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use crate::bundle::import::prepare;
use crate::bundle::merge::Choices;
use crate::domain::{Dataset, Lang};
use crate::store::local::LocalStorage;
use crate::store::settings::{self, Settings};
use crate::store::workspace::discard_workspace;

use super::app::Ctx;
use super::browser::fetch_text;

/// The samples a person can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sample {
    /// Today's province, with the reform and its history.
    Today,
    /// The province of 2021–2023, before the reform.
    Of2023,
}

impl Sample {
    pub const ALL: [Sample; 2] = [Sample::Today, Sample::Of2023];

    /// The workspace the sample lives under.
    pub fn workspace(self) -> &'static str {
        match self {
            Sample::Today => "demo",
            Sample::Of2023 => "demo-2023",
        }
    }

    /// The sample open in `workspace`, if any.
    pub fn of(workspace: &str) -> Option<Sample> {
        Sample::ALL.into_iter().find(|s| s.workspace() == workspace)
    }

    /// The bundle next to the page (served app).
    fn url(self) -> String {
        format!("{}.json", self.workspace())
    }

    /// The block holding the bundle in the one-file edition.
    fn embedded_id(self) -> String {
        format!("donghanh-{}", self.workspace())
    }
}

/// Loading the demo bundle into its workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Fill {
    Idle,
    Loading,
    Failed(String),
}

/// Open a sample on the next load of the page.
pub fn enter(ctx: &Ctx, sample: Sample) {
    match ctx.sample() {
        // From one sample to the other: the real settings are already aside; the sample left
        // is dropped, as leaving it would.
        Some(open) => discard_workspace(&mut LocalStorage, open.workspace()),
        None => {
            let real = ctx.settings.with_untracked(|s| Settings {
                welcomed: true,
                ..s.clone()
            });
            // Without the real settings kept aside, the demo would not open: better not at all
            // than mixed.
            if let Err(e) = settings::stash(&mut LocalStorage, &real) {
                ctx.save_error.set(Some(e));
                return;
            }
        }
    }
    ctx.update_settings(|s| {
        s.workspace = sample.workspace().to_string();
        s.welcomed = true;
    });
    reload_at_overview();
}

/// Delete the demo workspace and go back to the real data.
pub fn leave(ctx: &Ctx) {
    if let Some(open) = ctx.sample() {
        discard_workspace(&mut LocalStorage, open.workspace());
    }
    let lang = ctx.lang();
    let real = settings::unstash(&mut LocalStorage);
    ctx.update_settings(|s| {
        if let Some(real) = real {
            *s = real;
        }
        // The language is the person's choice, wherever it was made.
        s.lang = lang;
        s.workspace.clear();
        s.welcomed = true;
    });
    reload_at_overview();
}

fn reload_at_overview() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash("#/");
        let _ = w.location().reload();
    }
}

/// When a demo workspace is open and empty, fill it from its sample's bundle.
pub fn fill_if_empty(ctx: Ctx, state: RwSignal<Fill>) {
    let Some(sample) = ctx.sample() else {
        return;
    };
    if ctx.data.with_untracked(|d| !d.is_empty()) {
        return;
    }
    state.set(Fill::Loading);
    let lang = ctx.lang();
    leptos::task::spawn_local(async move {
        let url = sample.url();
        let text = match embedded(sample) {
            Some(text) => Ok(text),
            None => fetch_text(&url).await,
        };
        let result = match text {
            Ok(text) => fill_from(ctx, text, url, lang)
                .await
                .map_err(|Unfilled(why)| {
                    why.unwrap_or_else(|| ctx.m().page_load_failed.to_string())
                }),
            Err(e) => Err(e),
        };
        state.set(match result {
            Ok(()) => Fill::Idle,
            Err(why) => Fill::Failed(why),
        });
    });
}

/// The sample's records read and saved as an import. Split off with the import screen's code:
/// the first load does not carry the import pipeline for a sample opened once.
#[wasm_split(import, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fill_from(ctx: Ctx, text: String, url: String, lang: Lang) -> Result<(), Unfilled> {
    let prepared =
        prepare(&text, &Dataset::default()).map_err(|e| Unfilled(Some(e.message(lang))))?;
    ctx.data
        .import(&prepared, &Choices::default(), &url)
        .map(|_| ())
        .map_err(|e| Unfilled(Some(crate::view::import::save_error_text(&e, ctx.m()))))
}

/// Why a sample was not filled: what went wrong, or `None` when its code could not be fetched.
struct Unfilled(Option<String>);

impl From<leptos::wasm_split::SplitLoaderError> for Unfilled {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unfilled(None)
    }
}

/// The sample's bundle embedded in the one-file edition.
fn embedded(sample: Sample) -> Option<String> {
    document()
        .get_element_by_id(&sample.embedded_id())
        .and_then(|el| el.text_content())
        .filter(|t| !t.trim().is_empty())
}

/// What the open sample shows, for the banner.
pub fn sample_name(sample: Sample, m: &'static crate::view::i18n::Messages) -> &'static str {
    match sample {
        Sample::Today => m.demo_today,
        Sample::Of2023 => m.demo_2023,
    }
}

/// A button opening the other sample.
#[component]
pub fn SwitchSample(open: Sample) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let m = ctx.m();
    let (other, label) = match open {
        Sample::Today => (Sample::Of2023, m.demo_switch_2023),
        Sample::Of2023 => (Sample::Today, m.demo_switch_today),
    };
    view! {
        <button type="button" data-testid="demo-switch" on:click=move |_| enter(&ctx, other)>{label}</button>
    }
}
