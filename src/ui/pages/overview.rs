//! Overview (`#/`, `?year=YYYY`, `?unit=ID`): headline figures, charts by category, year and
//! funding source, the units that have not planned, acted or reported, and the latest
//! activities. Large type: it is read on a projector.

use leptos::prelude::*;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::domain::format::{integer, money_short};
use crate::markup::options;
use crate::report::aggregate::{aggregate, aggregate_by_year, Figures};
use crate::report::coverage::standing;
use crate::report::period::phase_of_year;
use crate::report::scope::Scope;
use crate::ui::app::use_page;
use crate::ui::router::Page;
use crate::view::options::unit_options;
use crate::view::overview::{charts_html, latest_html};

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

/// Figures passed around without copying; equal only when they are the same computation.
#[derive(Clone)]
struct Shared(Arc<Figures>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
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
    let (ctx, m, lang, data) = use_page();

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
    // Every year's figures in one pass per change of the data; choosing a year is a lookup.
    let by_year = Memo::new(move |_| {
        data.with_places(|ds, idx| {
            let (all, years) = aggregate_by_year(ds, idx);
            let years: BTreeMap<i32, Shared> = crate::domain::order::tree(
                years.into_iter().map(|(y, f)| (y, Shared(Arc::new(f)))),
            );
            (Shared(Arc::new(all)), years)
        })
    });
    let figures = Memo::new(move |_| match unit.get() {
        None => by_year.with(|(all, years)| match year.get() {
            None => all.clone(),
            Some(y) => years
                .get(&y)
                .cloned()
                .unwrap_or_else(|| Shared(Arc::default())),
        }),
        Some(u) => {
            let scope = year
                .get()
                .map_or_else(Scope::default, |y| Scope::for_period(&y.to_string()))
                .unit(Some(&u));
            Shared(Arc::new(
                data.with_places(|ds, idx| aggregate(ds, idx, &scope)),
            ))
        }
    });
    let years = Memo::new(move |_| by_year.with(|(_, ys)| ys.keys().copied().collect::<Vec<_>>()));
    let units = Memo::new(move |_| data.with(unit_options));
    let empty = Memo::new(move |_| data.with(|ds| ds.is_empty()));
    // The year whose standing is shown: the chosen one, else the latest with activities.
    let standing_year =
        Memo::new(move |_| year.get().or_else(|| years.with(|y| y.last().copied())));
    let behind = Memo::new(move |_| {
        let Some(y) = standing_year.get() else {
            return Vec::new();
        };
        data.with(|ds| standing(ds, &phase_of_year(y), y))
            .into_iter()
            .filter(|s| s.behind())
            .collect::<Vec<_>>()
    });
    let latest = Memo::new(move |_| {
        let only = unit.get();
        data.with_places(|ds, idx| latest_html(ds, idx, only.as_deref(), lang))
    });

    // For `make bench`: the figures of a change are computed and on the page.
    Effect::new(move |_| {
        figures.track();
        crate::ui::browser::mark("overview-updated");
    });

    let kpi = |testid, label: &'static str, pick: fn(&Figures) -> i64, is_money: bool| {
        let value = Signal::derive(move || figures.with(|f| pick(&f.0)));
        let text = Signal::derive(move || {
            let v = value.get();
            if is_money {
                money_short(v, lang)
            } else {
                integer(v, lang)
            }
        });
        view! { <Kpi testid=testid label=label value=value text=text /> }
    };

    view! {
        <section class="page overview" data-testid="page-overview">
            <h1>{m.overview_title}</h1>
            <super::welcome::Welcome />
            <super::first_steps::FirstSteps />
            <p class="working-for">
                {m.overview_working_for}" "
                {move || {
                    let u = ctx.working_for_name();
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
                    <select id="overview-year" data-testid="overview-year"
                        on:change=move |ev| set_query(Some(event_target_value(&ev)), unit.get_untracked())
                        inner_html=move || {
                            let items: Vec<(String, String)> = years.get().iter().map(|y| (y.to_string(), y.to_string())).collect();
                            options(Some(m.overview_all_years), &items, &year.get().map(|y| y.to_string()).unwrap_or_default())
                        }>
                    </select>
                </div>
                <div class="field">
                    <label for="overview-unit">{m.overview_unit}</label>
                    <select id="overview-unit" data-testid="overview-unit"
                        on:change=move |ev| set_query(year.get_untracked().map(|y| y.to_string()), Some(event_target_value(&ev)))
                        inner_html=move || units.with(|us| options(Some(m.overview_all_units), us, &unit.get().unwrap_or_default()))>
                    </select>
                </div>
            </div>
            <h2 class="visually-hidden">{m.overview_figures}</h2>
            <div class="kpis">
                {kpi("kpi-cash", m.kpi_cash, |f| f.total.cash_vnd, true)}
                {kpi("kpi-in-kind", m.kpi_in_kind, |f| f.total.in_kind_vnd, true)}
                {kpi("kpi-activities", m.kpi_activities, |f| f.total.activities as i64, false)}
                {kpi("kpi-households", m.kpi_households, |f| f.total.households, false)}
                {kpi("kpi-units", m.kpi_units, |f| f.by_unit.len() as i64, false)}
                {kpi("kpi-communes", m.kpi_communes, |f| f.by_commune.len() as i64, false)}
            </div>
            <Show when=move || !empty.get()>
                <div class="charts" inner_html=move || figures.with(|f| charts_html(&f.0, lang, m))></div>
                <div class="two-col">
                    <section data-testid="standing">
                        <h2>{m.standing_title}" "{move || standing_year.get().map(|y| y.to_string()).unwrap_or_default()}</h2>
                        {move || {
                            let list = behind.get();
                            if list.is_empty() {
                                return view! { <p class="ok-note">{m.standing_all_good}</p> }.into_any();
                            }
                            let more = list.len().saturating_sub(12);
                            view! {
                                <ul class="standing-list">
                                    {list.into_iter().take(12).map(|s| {
                                        let mut why = Vec::new();
                                        if !s.has_plan { why.push(m.standing_no_plan) }
                                        if s.activities == 0 { why.push(m.standing_no_activity) }
                                        if !s.reported { why.push(m.standing_no_report) }
                                        view! { <li data-testid="standing-unit"><strong>{s.name}</strong>": "{why.join(", ")}</li> }
                                    }).collect_view()}
                                </ul>
                                {(more > 0).then(|| view! { <p class="muted">{m.standing_more}" "{more}" "{m.standing_units}</p> })}
                            }
                                .into_any()
                        }}
                    </section>
                    <section>
                        <h2>{m.latest_title}</h2>
                        <ul class="latest" inner_html=move || latest.get()></ul>
                    </section>
                </div>
            </Show>
            <Show when=move || empty.get()>
                <p class="lead">{m.overview_intro}</p>
                <p class="note">{m.overview_empty}</p>
                <h2>{m.overview_steps_title}</h2>
                <ol class="steps">{m.overview_steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
                <p class="note">{m.overview_data_note}</p>
            </Show>
        </section>
    }
}
