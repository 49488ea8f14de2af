//! Overview (`#/`, `?year=YYYY`, `?unit=ID`): headline figures of the workspace, and what the
//! app is for while it is still empty.

use leptos::prelude::*;

use crate::domain::dates::year_of;
use crate::domain::format::{integer, money_short};
use crate::domain::query::{ActivityFilter, LocationIndex};
use crate::report::totals;
use crate::ui::app::use_ctx;
use crate::ui::router::Page;

/// One headline figure: the formatted text and, for tests and tools, the raw integer.
#[component]
fn Kpi(
    testid: &'static str,
    label: &'static str,
    value: Signal<i64>,
    text: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="kpi">
            <div class="kpi-value" data-testid=testid data-value=move || value.get().to_string()>
                {move || text.get()}
            </div>
            <div class="kpi-label">{label}</div>
        </div>
    }
}

fn set_query(year: Option<String>, unit: Option<String>) {
    let mut q = Vec::new();
    if let Some(y) = year.filter(|y| !y.is_empty()) {
        q.push(format!("year={y}"));
    }
    if let Some(u) = unit.filter(|u| !u.is_empty()) {
        q.push(format!("unit={}", js_sys::encode_uri_component(&u)));
    }
    let hash = if q.is_empty() {
        "#/".to_string()
    } else {
        format!("#/?{}", q.join("&"))
    };
    let _ = window().location().set_hash(&hash);
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let data = ctx.data;
    let unit_label = move || ctx.working_for_name();

    let year = Memo::new(move |_| {
        ctx.route
            .with(|r| r.param("year").and_then(|y| y.parse::<i32>().ok()))
    });
    let unit = Memo::new(move |_| {
        ctx.route.with(|r| {
            r.param("unit")
                .map(str::to_string)
                .filter(|u| !u.is_empty())
        })
    });
    let figures = Memo::new(move |_| {
        let filter = ActivityFilter {
            year: year.get(),
            unit_id: unit.get(),
            ..Default::default()
        };
        data.with(|ds| totals(ds, &LocationIndex::new(&ds.locations), &filter))
    });
    let years = Memo::new(move |_| {
        data.with(|ds| {
            let mut ys: Vec<i32> = ds
                .activities
                .iter()
                .filter_map(|a| year_of(&a.date))
                .collect();
            ys.sort_unstable();
            ys.dedup();
            ys
        })
    });
    let units = Memo::new(move |_| {
        data.with(|ds| {
            let mut us: Vec<(String, String)> = ds
                .units
                .iter()
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect();
            us.sort_by(|a, b| a.1.cmp(&b.1));
            us
        })
    });
    let empty = Memo::new(move |_| data.with(|ds| ds.is_empty()));
    let lang = ctx.lang();

    let kpi = |testid,
               label: fn(&'static crate::ui::i18n::Messages) -> &'static str,
               pick: fn(&crate::report::Totals) -> i64,
               money: bool| {
        let value = Signal::derive(move || figures.with(pick));
        let text = Signal::derive(move || {
            let v = value.get();
            if money {
                money_short(v, lang)
            } else {
                integer(v, lang)
            }
        });
        view! { <Kpi testid=testid label=label(m) value=value text=text /> }
    };

    view! {
        <section class="page" data-testid="page-overview">
            <h1>{m.overview_title}</h1>
            <p class="working-for">
                {m.overview_working_for}" "
                {move || {
                    let u = unit_label();
                    if u.is_empty() {
                        view! { <a href=Page::Settings.href() class="muted">{m.overview_no_unit}</a> }.into_any()
                    } else {
                        view! { <strong data-testid="working-for">{u}</strong> }.into_any()
                    }
                }}
            </p>
            <div class="filters">
                <div class="field">
                    <label for="overview-year">{m.overview_year}</label>
                    <select
                        id="overview-year"
                        data-testid="overview-year"
                        on:change=move |ev| set_query(Some(event_target_value(&ev)), unit.get_untracked())
                    >
                        <option value="" selected=move || year.get().is_none()>{m.overview_all_years}</option>
                        <For each=move || years.get() key=|y| *y let:y>
                            <option value=y.to_string() selected=move || year.get() == Some(y)>{y}</option>
                        </For>
                    </select>
                </div>
                <div class="field">
                    <label for="overview-unit">{m.overview_unit}</label>
                    <select
                        id="overview-unit"
                        data-testid="overview-unit"
                        on:change=move |ev| set_query(year.get_untracked().map(|y| y.to_string()), Some(event_target_value(&ev)))
                    >
                        <option value="" selected=move || unit.get().is_none()>{m.overview_all_units}</option>
                        <For each=move || units.get() key=|u| u.0.clone() let:u>
                            <option value=u.0.clone() selected={let id = u.0.clone(); move || unit.get().as_deref() == Some(id.as_str())}>{u.1}</option>
                        </For>
                    </select>
                </div>
            </div>
            <h2 class="visually-hidden">{m.overview_figures}</h2>
            <div class="kpis">
                {kpi("kpi-cash", |m| m.kpi_cash, |t| t.cash_vnd, true)}
                {kpi("kpi-in-kind", |m| m.kpi_in_kind, |t| t.in_kind_vnd, true)}
                {kpi("kpi-activities", |m| m.kpi_activities, |t| t.activities as i64, false)}
                {kpi("kpi-households", |m| m.kpi_households, |t| t.households, false)}
                {kpi("kpi-units", |m| m.kpi_units, |t| t.units as i64, false)}
                {kpi("kpi-communes", |m| m.kpi_communes, |t| t.communes as i64, false)}
            </div>
            <Show when=move || empty.get()>
                <p class="lead">{m.overview_intro}</p>
                <p class="note">{m.overview_empty}</p>
                <h2>{m.overview_steps_title}</h2>
                <ol class="steps">
                    {move || m.overview_steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}
                </ol>
                <p class="note">{m.overview_data_note}</p>
            </Show>
        </section>
    }
}
