//! Presentation mode (`#/present`): full-screen slides for a projector. Arrow keys, space or a
//! click advance; A toggles auto-advance; F asks for full screen; Esc goes back to the overview.

use std::time::Duration;

use leptos::prelude::*;

use crate::report::slides::{slides, Titles};
use crate::ui::app::use_ctx;
use crate::ui::router::Page;

/// Seconds a slide stays up when advancing on its own (`#/present?every=N` changes it).
const AUTO_SECONDS: u64 = 8;

fn exit() {
    let _ = window().location().set_hash(&Page::Overview.href());
}

fn toggle_fullscreen() {
    let doc = document();
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    } else if let Some(root) = doc.document_element() {
        let _ = root.request_fullscreen();
    }
}

#[component]
pub fn PresentPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let demo = ctx.in_demo();
    let titles = Titles {
        headline: m.present_title,
        by_year: m.present_by_year,
        by_category: m.present_by_category,
        models: m.present_models,
        map: m.present_map,
        units: m.present_units,
    };
    let deck = Memo::new(move |_| {
        ctx.data
            .with_places(|ds, idx| slides(ds, idx, lang, &titles))
            .into_iter()
            .map(|s| (s.key, s.title, s.html))
            .collect::<Vec<_>>()
    });
    let count = move || deck.with(Vec::len);
    let index = RwSignal::new(0usize);
    let every = ctx.route.with_untracked(|r| {
        r.param("every")
            .and_then(|s| s.parse::<u64>().ok())
            .map_or(AUTO_SECONDS, |s| s.clamp(2, 600))
    });
    // `?every=` alone asks for auto-advance from the start.
    let auto = RwSignal::new(ctx.route.with_untracked(|r| r.param("every").is_some()));

    // Manual moves stop at the ends; auto-advance loops.
    let step = move |delta: isize, wrap: bool| {
        let n = count();
        if n == 0 {
            return;
        }
        index.update(|i| {
            let next = *i as isize + delta;
            *i = if wrap {
                next.rem_euclid(n as isize) as usize
            } else {
                next.clamp(0, n as isize - 1) as usize
            };
        });
    };

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" | "PageDown" | " " | "Enter" => step(1, false),
            "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" => step(-1, false),
            "Home" => index.set(0),
            "End" => index.set(count().saturating_sub(1)),
            "a" | "A" => auto.update(|a| *a = !*a),
            "f" | "F" => toggle_fullscreen(),
            "Escape" => exit(),
            _ => return,
        }
        ev.prevent_default();
    });
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        let handle = auto
            .get()
            .then(|| {
                set_interval_with_handle(move || step(1, true), Duration::from_secs(every)).ok()
            })
            .flatten();
        timer.set_value(handle);
    });
    on_cleanup(move || {
        keys.remove();
        if let Some(h) = timer.get_value() {
            h.clear();
        }
    });

    view! {
        <section class="present" data-testid="page-present" aria-roledescription="slides">
            <Show
                when=move || { count() > 0 }
                fallback=move || view! {
                    <div class="present-empty">
                        <p data-testid="present-empty">{m.present_empty}</p>
                        <p>
                            <a class="button" href=Page::Import.href()>{m.nav_import}</a>" "
                            <a class="button" href=Page::Overview.href()>{m.present_exit}</a>
                        </p>
                    </div>
                }
            >
                {move || {
                    let i = index.get().min(count().saturating_sub(1));
                    let (key, title, html) = deck.with(|d| d[i].clone());
                    view! {
                        <div
                            class="present-slide"
                            data-testid="present-slide"
                            data-index=i
                            data-slide=key
                            aria-live="polite"
                            on:click=move |_| step(1, false)
                        >
                            <header class="slide-head">
                                <span class="slide-brand">{m.app_name}</span>
                                {demo.then(|| view! { <span class="slide-demo">{m.demo_badge}</span> })}
                                <h1>{title}</h1>
                            </header>
                            <div class={format!("slide-body slide-{key}")} inner_html=html></div>
                        </div>
                    }
                }}
            </Show>
            <footer class="present-bar">
                <button type="button" data-testid="present-prev" aria-label="‹" on:click=move |_| step(-1, false)>"‹"</button>
                <span class="present-counter" data-testid="present-counter">
                    {move || format!("{} / {}", (index.get() + 1).min(count()), count())}
                </span>
                <button type="button" data-testid="present-next" aria-label="›" on:click=move |_| step(1, false)>"›"</button>
                <button
                    type="button"
                    data-testid="present-auto"
                    aria-pressed=move || auto.get().to_string()
                    on:click=move |_| auto.update(|a| *a = !*a)
                >
                    {m.present_auto}
                </button>
                <button type="button" data-testid="present-fullscreen" on:click=move |_| toggle_fullscreen()>
                    {m.present_fullscreen}
                </button>
                <button type="button" data-testid="present-exit" on:click=move |_| exit()>{m.present_exit}</button>
                <span class="present-hint">{m.present_hint}</span>
            </footer>
        </section>
    }
}
