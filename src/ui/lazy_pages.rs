//! Screens whose code is fetched on their first visit. Each function below is a split point:
//! the release build cuts the wasm there (`tools/bin/wasm-bindgen`, wasm-split-cli), so the
//! first load carries the shell, the store and the overview, and a screen's own code comes in
//! the wasm part of its group when it is opened (the service worker keeps them all for offline).
//! On native targets (tests) the functions are plain calls.
//!
//! Screens used together share a part (`entry`: the directory, plans, activities and models a
//! district officer fills in; `reporting`: reports, the projector slides and export): code they
//! share then travels once, in 12 files instead of 55 (500 KB for every screen instead of 532).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use send_wrapper::SendWrapper;

use super::app::use_ctx;
use super::pages;

/// A screen's code could not be fetched (offline before the app was kept, or the server went).
pub struct Unloaded;

impl From<SplitLoaderError> for Unloaded {
    fn from(_: SplitLoaderError) -> Self {
        Unloaded
    }
}

type Loading = Pin<Box<dyn Future<Output = Result<AnyView, Unloaded>>>>;

/// The screen that `load` fetches and draws; "loading" until then, and a message with a retry
/// button if it cannot be fetched.
pub fn lazy_page(load: fn() -> Loading) -> AnyView {
    let m = use_ctx().m();
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || {
            view! { <p class="page-loading" data-testid="screen-loading">{m.page_loading}</p> }
        }>
            {move || {
                attempt.track();
                Suspend::new(SendWrapper::new(async move {
                    match load().await {
                        Ok(page) => page,
                        Err(Unloaded) => {
                            view! {
                                <section class="page" data-testid="screen-load-failed">
                                    <p class="error" role="alert">{m.page_load_failed}</p>
                                    <button
                                        type="button"
                                        class="primary"
                                        data-testid="screen-load-retry"
                                        on:click=move |_| attempt.update(|n| *n += 1)
                                    >
                                        {m.page_load_retry}
                                    </button>
                                </section>
                            }
                                .into_any()
                        }
                    }
                }))
            }}
        </Suspense>
    }
    .into_any()
}

macro_rules! split_pages {
    ($($group:ident: $name:ident => $page:expr;)*) => {
        $(
            #[wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $name() -> Result<AnyView, Unloaded> {
                Ok($page.into_any())
            }
        )*

        /// The screens' loaders, boxed so the page switch has one type of future.
        pub mod load {
            use super::*;
            $(
                pub fn $name() -> Loading {
                    Box::pin(super::$name())
                }
            )*
        }
    };
}

split_pages! {
    entry: directory => pages::directory::DirectoryPage();
    entry: plans => pages::plans::PlansPage();
    entry: activities => pages::activities::ActivitiesPage();
    entry: models => pages::models::ModelsPage();
    reporting: reports => pages::reports::ReportsPage();
    reporting: present => pages::present::PresentPage();
    reporting: export => pages::export::ExportPage();
    import: import => pages::import::ImportPage();
    settings: settings => pages::settings::SettingsPage();
}
