//! Settings › storage: whether the browser promised to keep the data (and a button to ask),
//! how much of localStorage the app uses, the whole site's quota, and the last export.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::format::{integer, tenths_vi, Tenths};
use crate::domain::Lang;
use crate::store::backend::Backend;
use crate::store::local::LocalStorage;
use crate::store::persist;
use crate::ui::app::use_ctx;
use crate::ui::browser::{local_datetime, now_iso};

/// The limit browsers usually set for localStorage, in UTF-16 units (5 Mi).
const USUAL_LIMIT: f64 = 5.0 * 1024.0 * 1024.0;

/// One decimal, written the reader's way (`2,5` or `2.5`).
fn tenths(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Vi => tenths_vi(v),
        Lang::En => Tenths(v).to_string(),
    }
}

#[component]
pub fn StorageInfo() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let persisted = RwSignal::new(None::<bool>);
    let site = RwSignal::new(None::<(f64, f64)>);
    let refresh = move || {
        spawn_local(async move {
            persisted.set(persist::granted().await);
            site.set(persist::estimate().await);
        })
    };
    refresh();
    let ask = move |_| {
        spawn_local(async move {
            persisted.set(persist::request().await);
        })
    };
    // Characters of every key and value: what the browser counts against the limit.
    let used = move || {
        ctx.data.version.track();
        LocalStorage.used() as f64
    };
    let share = move || (used() / USUAL_LIMIT * 100.0).min(100.0);
    // Small amounts in KB, so a fresh workspace does not read "0,0 MB".
    let mb = move |bytes: f64| {
        if bytes < 1_000_000.0 {
            format!(
                "{} KB",
                integer((bytes / 1000.0).round() as i64, ctx.lang())
            )
        } else {
            format!("{} MB", tenths(bytes / 1_000_000.0, ctx.lang()))
        }
    };
    let last_export = move || {
        ctx.data.backup.with(
            |b| match (&b.last_export, b.days_since_export(&now_iso())) {
                (Some(at), Some(days)) => {
                    format!("{} ({days} {})", local_datetime(at), m.settings_days_ago)
                }
                _ => m.settings_never_exported.to_string(),
            },
        )
    };

    view! {
        <section class="settings-storage" data-testid="settings-storage">
            <h2>{m.settings_storage}</h2>
            <p
                data-testid="settings-persisted"
                data-value=move || match persisted.get() { Some(true) => "yes", Some(false) => "no", None => "unknown" }
            >
                {move || match persisted.get() {
                    Some(true) => m.settings_persist_yes,
                    Some(false) => m.settings_persist_no,
                    None => m.settings_persist_unknown,
                }}
            </p>
            <Show when=move || persisted.get() == Some(false)>
                <button type="button" data-testid="settings-persist-ask" on:click=ask>{m.settings_persist_ask}</button>
            </Show>
            <dl class="bundle-meta">
                <dt>{m.settings_used}</dt>
                <dd data-testid="settings-used" data-value=move || used().to_string()>
                    {move || format!("{} {} ({} %)", mb(used() * 2.0), m.settings_used_of, tenths(share(), ctx.lang()))}
                    <progress max="100" value=share></progress>
                </dd>
                {move || site.get().map(|(usage, quota)| view! {
                    <dt>{m.settings_site}</dt>
                    <dd data-testid="settings-quota">{format!("{} / {}", mb(usage), mb(quota))}</dd>
                })}
                <dt>{m.settings_last_export}</dt>
                <dd data-testid="settings-last-export">{last_export}</dd>
            </dl>
        </section>
    }
}
