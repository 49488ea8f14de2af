//! The frame around every page: header with the app's name, navigation, language switch.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::use_ctx;
use super::banners::StorageBanners;
use super::demo::{self, Fill};
use super::offline;
use super::router::Page;
use crate::domain::Lang;
use crate::store::backend::WriteError;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let current = move || ctx.route.with(|r| r.page);

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            // A plain #main would be read as a route; focus the content instead.
            ev.prevent_default();
            if let Some(el) = document().get_element_by_id("main") {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }>{m.skip_to_content}</a>
        <header class="app-header">
            <a class="brand" href=Page::Overview.href()>
                <span class="brand-mark" aria-hidden="true">"ĐH"</span>
                <span class="brand-text">
                    <span class="brand-name">{m.app_name}</span>
                    {move || {
                        let short = if ctx.settings.with(|s| s.unit_id == crate::store::settings::WHOLE_PROVINCE) {
                            Some(m.settings_whole_province.split(" (").next().unwrap_or_default().to_string())
                        } else {
                            ctx.working_short()
                        };
                        match short {
                            Some(short) => view! {
                                <span class="brand-unit" data-testid="shell-working-for" title=ctx.working_for_name()>
                                    {m.shell_working_for}" "<strong>{short}</strong>
                                </span>
                            }.into_any(),
                            None => view! { <span class="brand-tagline">{m.app_tagline}</span> }.into_any(),
                        }
                    }}
                </span>
            </a>
            <nav class="app-nav" aria-label=m.nav_label data-testid="nav">
                {Page::NAV
                    .into_iter()
                    .map(|page| {
                        view! {
                            <a
                                href=page.href()
                                data-testid=format!("nav-{}", page.slug())
                                aria-current=move || (current() == page).then_some("page")
                            >
                                {page.label(m)}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <div class="lang-switch" role="group" aria-label=m.lang_switch_label>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <button
                                type="button"
                                data-testid=format!("lang-{}", lang.tag())
                                aria-pressed=move || (ctx.lang() == lang).to_string()
                                on:click=move |_| ctx.update_settings(|s| s.lang = lang)
                            >
                                {lang.tag().to_ascii_uppercase()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </header>
        {move || {
            ctx.save_error
                .get()
                .map(|err| {
                    let why = match err {
                        WriteError::Full => m.storage_full_title.to_string(),
                        WriteError::Refused(why) => why,
                    };
                    view! {
                        <div class="banner banner-error" role="alert" data-testid="save-error">
                            {m.settings_save_failed}" "{why}
                        </div>
                    }
                })
        }}
        {ctx.sample().map(|open| view! {
            <div class="banner banner-demo" role="status" data-testid="demo-banner">
                <span class="demo-text">
                    <strong>{m.demo_badge}</strong>" — "{demo::sample_name(open, m)}" "{m.demo_banner}
                    {move || match ctx.demo.get() {
                        Fill::Loading => Some(view! { <span data-testid="demo-loading">" "{m.demo_loading}</span> }.into_any()),
                        Fill::Failed(why) => Some(view! { <span class="error" data-testid="demo-failed">" "{m.demo_failed}" "{why}</span> }.into_any()),
                        Fill::Idle => None,
                    }}
                </span>
                <demo::SwitchSample open />
                <button type="button" data-testid="demo-exit" on:click=move |_| demo::leave(&ctx)>{m.demo_exit}</button>
            </div>
        })}
        {move || ctx.update_ready.get().then(|| view! {
            <div class="banner banner-update" role="status" data-testid="update-ready">
                {m.update_ready}" "
                <button type="button" class="primary" data-testid="update-reload" on:click=|_| offline::apply_update()>{m.update_reload}</button>
            </div>
        })}
        <StorageBanners />
        <main id="main" tabindex="-1">{children()}</main>
    }
}
