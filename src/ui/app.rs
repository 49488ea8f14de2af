//! The root component: shared state in context, the shell, and the page for the current route.

use leptos::prelude::*;

use super::data::Data;
use super::demo;
use super::lazy_pages::{lazy_page, load};
use super::pages;
use super::panic;
use super::router::{route_signal, Page, Route};
use super::shell::Shell;
use crate::domain::Lang;
use crate::store::backend::WriteError;
use crate::store::local::LocalStorage;
use crate::store::{self, Settings};
use crate::view::i18n::{messages, Messages};

/// App-wide state, provided as context. Signals are `Copy`, so is this.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub settings: RwSignal<Settings>,
    /// The language alone, so that other settings changing does not rebuild the page.
    lang: Memo<Lang>,
    pub route: ReadSignal<Route>,
    /// Last failure to write settings, shown in the page until the next good write.
    pub save_error: RwSignal<Option<WriteError>>,
    /// The workspace's records.
    pub data: Data,
    /// Filling the demo workspace from the demo bundle.
    pub demo: RwSignal<demo::Fill>,
    /// A new version of the app waits to take over (service worker).
    pub update_ready: RwSignal<bool>,
}

impl Ctx {
    /// A demo province is open instead of the real data.
    pub fn in_demo(&self) -> bool {
        self.sample().is_some()
    }

    /// The demo sample open, if any.
    pub fn sample(&self) -> Option<demo::Sample> {
        self.settings
            .with_untracked(|s| demo::Sample::of(&s.workspace))
    }

    /// The interface language, read once: the shell and the page are rebuilt when it changes
    /// (`App`), so nothing inside needs to track it.
    pub fn lang(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Messages in the current language.
    pub fn m(&self) -> &'static Messages {
        messages(self.lang())
    }

    /// Change settings and persist them; a failed write is reported, the change is kept.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
        let result = self
            .settings
            .with_untracked(|s| store::settings::save(&mut LocalStorage, s));
        self.save_error.set(result.err());
    }
}

impl Ctx {
    /// The unit this browser works for, when it is in the directory (reactive).
    pub fn working_unit(&self) -> Option<String> {
        let id = self.settings.with(|s| s.unit_id.clone());
        if id.is_empty() {
            return None;
        }
        self.data
            .with(|ds| ds.units.iter().any(|u| u.id == id))
            .then_some(id)
    }

    /// Who this browser works for, as text: the directory's unit name, "the whole province",
    /// else the free text an earlier version kept.
    pub fn working_for_name(&self) -> String {
        let id = self.settings.with(|s| s.unit_id.clone());
        if id == store::settings::WHOLE_PROVINCE {
            return self.m().settings_whole_province.to_string();
        }
        let name = self
            .data
            .with(|ds| ds.units.iter().find(|u| u.id == id).map(|u| u.name.clone()));
        name.unwrap_or_else(|| self.settings.with(|s| s.unit_label.trim().to_string()))
    }

    /// The sender a bundle written here names: the unit this browser works for, if any.
    pub fn bundle_source(&self) -> Option<crate::bundle::format::Source> {
        let id = self.working_unit()?;
        self.data.with_untracked(|ds| {
            ds.units
                .iter()
                .find(|u| u.id == id)
                .map(|u| crate::bundle::format::Source {
                    unit_id: Some(u.id.clone()),
                    label: Some(u.name.clone()),
                })
        })
    }

    /// The short name of the unit this browser works for (file names, the header).
    pub fn working_short(&self) -> Option<String> {
        let id = self.working_unit()?;
        self.data.with(|ds| {
            ds.units
                .iter()
                .find(|u| u.id == id)
                .map(|u| u.short_label().to_string())
        })
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// What a page starts with: the context, the messages and the language (read once: the page is
/// rebuilt when it changes), and the data.
pub fn use_page() -> (Ctx, &'static Messages, Lang, Data) {
    let ctx = use_ctx();
    (ctx, ctx.m(), ctx.lang(), ctx.data)
}

/// The page shown instead of the app when the browser lets it keep nothing: in both
/// languages, since not even the language setting can be read.
fn storage_unavailable(why: String) -> impl IntoView {
    let (vi, en) = (messages(Lang::Vi), messages(Lang::En));
    view! {
        <main id="main" tabindex="-1">
            <section class="page" data-testid="page-storage-unavailable">
                <div class="banner banner-error" role="alert" data-testid="storage-unavailable">
                    <h1>{vi.storage_unavailable_title}</h1>
                    <p>{vi.storage_unavailable_body}</p>
                    <h2 lang="en">{en.storage_unavailable_title}</h2>
                    <p lang="en">{en.storage_unavailable_body}</p>
                    <p>{vi.storage_unavailable_detail}" / "{en.storage_unavailable_detail}" "<code>{why}</code></p>
                </div>
            </section>
        </main>
    }
}

#[component]
pub fn App() -> impl IntoView {
    // Without storage the app could keep nothing; gloo's `raw()` would panic. Say so instead.
    if let Err(why) = store::local::available() {
        return storage_unavailable(why).into_any();
    }
    let settings = RwSignal::new(store::settings::load(&LocalStorage));
    let workspace = settings
        .with_untracked(|s| demo::Sample::of(&s.workspace))
        .map_or("data", demo::Sample::workspace);
    let ctx = Ctx {
        settings,
        lang: Memo::new(move |_| settings.with(|s| s.lang)),
        route: route_signal(),
        save_error: RwSignal::new(None),
        data: Data::open(workspace),
        demo: RwSignal::new(demo::Fill::Idle),
        update_ready: RwSignal::new(false),
    };
    provide_context(ctx);
    demo::fill_if_empty(ctx, ctx.demo);
    super::offline::register(ctx.update_ready);
    super::testapi::register(ctx.data);
    super::draft::guard_leaving();

    // Keep the document in step with the language: <html lang>, title, panic banner text.
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        panic::set_lang(lang);
        let doc = document();
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
        doc.set_title(&format!(
            "{} — {}",
            messages(lang).app_name,
            messages(lang).app_tagline
        ));
    });

    // The import pipeline outlives the page, so a language switch keeps a preview.
    provide_context(pages::import::Pipeline::new(ctx));
    // Effects run after the first render: the page is on screen and answers input (`make bench`).
    Effect::new(|_| super::browser::mark("app-interactive"));
    let page = Memo::new(move |_| ctx.route.with(|r| r.page));

    view! {
        {move || {
            // Interface text is static inside: the shell and page are rebuilt when the language
            // changes (rare), which keeps the wasm small (no closure per label).
            ctx.lang.track();
            view! {
                <Shell>
                    {move || match page.get() {
                        Page::Overview => pages::overview::OverviewPage().into_any(),
                        Page::Directory => lazy_page(load::directory),
                        Page::Plans => lazy_page(load::plans),
                        Page::Activities => lazy_page(load::activities),
                        Page::Models => lazy_page(load::models),
                        Page::Reports => lazy_page(load::reports),
                        Page::Import => lazy_page(load::import),
                        Page::Export => lazy_page(load::export),
                        Page::Present => lazy_page(load::present),
                        Page::Settings => lazy_page(load::settings),
                        Page::Panic => pages::panic_test::PanicPage().into_any(),
                        Page::NotFound => pages::not_found::NotFoundPage().into_any(),
                    }}
                </Shell>
            }
        }}
    }
    .into_any()
}
