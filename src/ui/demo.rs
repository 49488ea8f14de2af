//! The demo province: a workspace of its own (`donghanh.demo…`), filled from the demo bundle
//! shipped with the app, so that it never mixes with real data and can be left in one click.

use leptos::prelude::*;

use crate::bundle::import::prepare;
use crate::bundle::merge::Choices;
use crate::domain::Dataset;
use crate::store::local::LocalStorage;
use crate::store::settings::{self, Settings};
use crate::store::workspace::discard_workspace;

use super::app::Ctx;
use super::browser::fetch_text;

/// The workspace name the demo lives under.
pub const WORKSPACE: &str = "demo";
/// Where the demo bundle is: embedded in the page (one-file edition) or next to it.
const EMBEDDED_ID: &str = "donghanh-demo";
const URL: &str = "demo.json";

/// Loading the demo bundle into its workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Fill {
    Idle,
    Loading,
    Failed(String),
}

/// Open the demo on the next load of the page.
pub fn enter(ctx: &Ctx) {
    let real = ctx.settings.with_untracked(|s| Settings {
        welcomed: true,
        ..s.clone()
    });
    // Without the real settings kept aside, the demo would not open: better not at all than mixed.
    if let Err(e) = settings::stash(&mut LocalStorage, &real) {
        ctx.save_error.set(Some(e));
        return;
    }
    ctx.update_settings(|s| {
        s.workspace = WORKSPACE.to_string();
        s.welcomed = true;
    });
    reload_at_overview();
}

/// Delete the demo workspace and go back to the real data.
pub fn leave(ctx: &Ctx) {
    discard_workspace(&mut LocalStorage, WORKSPACE);
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

/// When the demo workspace is open and empty, fill it from the demo bundle.
pub fn fill_if_empty(ctx: Ctx, state: RwSignal<Fill>) {
    if ctx.settings.with_untracked(|s| s.workspace != WORKSPACE)
        || ctx.data.with_untracked(|d| !d.is_empty())
    {
        return;
    }
    state.set(Fill::Loading);
    let lang = ctx.lang();
    leptos::task::spawn_local(async move {
        let text = match embedded() {
            Some(text) => Ok(text),
            None => fetch_text(URL).await,
        };
        let result = text.and_then(|text| {
            let prepared = prepare(&text, &Dataset::default()).map_err(|e| e.message(lang))?;
            ctx.data
                .import(&prepared, &Choices::default(), URL)
                .map(|_| ())
                .map_err(|e| crate::view::import::save_error_text(&e, ctx.m()))
        });
        state.set(match result {
            Ok(()) => Fill::Idle,
            Err(why) => Fill::Failed(why),
        });
    });
}

/// The demo bundle embedded in the one-file edition.
fn embedded() -> Option<String> {
    document()
        .get_element_by_id(EMBEDDED_ID)
        .and_then(|el| el.text_content())
        .filter(|t| !t.trim().is_empty())
}
