//! Presentation mode (`#/present`): full-screen slides for a projector. Arrow keys, space or a
//! click advance; A toggles auto-advance; F asks for full screen; Esc goes back to the overview.
//! Like the reports, the slides take a period, a scope and a map (`?period=2021-2025&scope=…&
//! map=today|period`), so a conference shows the phase it reviews on the map of today.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::markup::options;
use crate::report::scope::Scope;
use crate::report::slides::{slides, Titles};
use crate::ui::app::use_ctx;
use crate::ui::browser::{this_year, today};
use crate::ui::router::Page;
use crate::view::reports::{boundaries, has_history, period_options, scope_options};

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
    let data = ctx.data;
    let param = |key: &str| {
        ctx.route
            .with_untracked(|r| r.param(key).map(str::to_string))
    };
    // "" is every year of the data; the choices are the reports' periods.
    let period = RwSignal::new(param("period").unwrap_or_default());
    let area = RwSignal::new(param("scope").unwrap_or_default());
    let map = RwSignal::new(param("map").unwrap_or_else(|| "today".to_string()));
    let periods = Memo::new(move |_| data.with(|ds| period_options(ds, this_year())));
    let areas = Memo::new(move |_| data.with(scope_options));
    let history = Memo::new(move |_| data.with_places(has_history));
    let label_of = |list: &[(String, String)], code: &str| {
        list.iter()
            .find(|(c, _)| c == code)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    let period_label = Memo::new(move |_| periods.with(|p| label_of(p, &period.get())));
    let area_label = Memo::new(move |_| match areas.with(|a| label_of(a, &area.get())) {
        l if l.is_empty() => m.rep_whole.to_string(),
        l => l,
    });
    let scope = Memo::new(move |_| {
        let p = period.get();
        let s = if p.is_empty() {
            Scope::default()
        } else {
            Scope::for_period(&p)
        }
        .place(Some(&area.get()));
        let on = boundaries(&map.get(), &today());
        data.with_places(|ds, idx| s.on_map(on, ds, idx))
    });
    let deck = Memo::new(move |_| {
        let (s, label) = (scope.get(), period_label.get());
        data.with_places(|ds, idx| slides(ds, idx, lang, &titles, (&s, &label)))
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
        // The period and scope choices keep their own keys.
        let in_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.tag_name().eq_ignore_ascii_case("select"));
        if in_control {
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
                                <span class="slide-period" data-testid="present-period-label">
                                    {move || {
                                        let p = period_label.get();
                                        if p.is_empty() { area_label.get() } else { format!("{p} · {}", area_label.get()) }
                                    }}
                                </span>
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
                <span class="present-choices">
                    <select data-testid="present-period" aria-label=m.rep_period
                        on:change=move |ev| { period.set(event_target_value(&ev)); index.set(0); }
                        inner_html=move || periods.with(|p| options(Some(m.overview_all_years), p, &period.get()))>
                    </select>
                    <select data-testid="present-scope" aria-label=m.rep_scope
                        on:change=move |ev| { area.set(event_target_value(&ev)); index.set(0); }
                        inner_html=move || areas.with(|a| options(Some(m.rep_whole), a, &area.get()))>
                    </select>
                    <Show when=move || history.get()>
                        <select data-testid="present-map" aria-label=m.rep_map
                            on:change=move |ev| map.set(event_target_value(&ev))
                            inner_html=move || {
                                let items = vec![
                                    ("today".to_string(), m.rep_map_today.to_string()),
                                    ("period".to_string(), m.rep_map_period.to_string()),
                                ];
                                options(None, &items, &map.get())
                            }>
                        </select>
                    </Show>
                </span>
                <span class="present-hint">{m.present_hint}</span>
            </footer>
        </section>
    }
}
