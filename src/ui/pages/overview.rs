//! Overview (`#/`, `?year=YYYY`, `?unit=ID`): headline figures, charts by category, year and
//! funding source, the units that have not planned, acted or reported, and the latest
//! activities. Large type: it is read on a projector.

use leptos::prelude::*;

use crate::domain::format::{date, integer, money, money_short};
use crate::domain::query::{place_name, LocationIndex};
use crate::domain::Lang;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::report::aggregate::{aggregate, aggregate_by_year, Figures};
use crate::report::coverage::standing;
use crate::report::html::esc;
use crate::report::scope::Scope;
use crate::report::{series, svg};
use crate::ui::app::use_ctx;
use crate::ui::html_list;
use crate::ui::router::Page;
use std::fmt::Write;

const PHASE: &str = "2021-2025";

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

fn charts(f: &Figures, lang: Lang, m: &crate::ui::i18n::Messages) -> String {
    let by_category = series::by_category(f, lang);
    let by_year = series::by_year(f, lang);
    let funding = series::by_funding(f, lang);
    format!(
        "<figure class=\"chart-box wide\"><figcaption>{}</figcaption>{}</figure>\
         <figure class=\"chart-box\"><figcaption>{}</figcaption>{}</figure>\
         <figure class=\"chart-box\"><figcaption>{}</figcaption>{}</figure>",
        m.chart_by_category,
        svg::bars(m.chart_by_category, &by_category, "chart-category"),
        m.chart_by_year,
        svg::columns(m.chart_by_year, &by_year, "chart-year"),
        m.chart_by_funding,
        svg::shares(m.chart_by_funding, &funding, "chart-funding"),
    )
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let data = ctx.data;

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
        data.with(|ds| {
            let (all, years) = aggregate_by_year(ds, &LocationIndex::new(&ds.locations));
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
            Shared(Arc::new(data.with(|ds| {
                aggregate(ds, &LocationIndex::new(&ds.locations), &scope)
            })))
        }
    });
    let years = Memo::new(move |_| by_year.with(|(_, ys)| ys.keys().copied().collect::<Vec<_>>()));
    let units = Memo::new(move |_| data.with(crate::ui::pages::directory::unit_options));
    let empty = Memo::new(move |_| data.with(|ds| ds.is_empty()));
    // The year whose standing is shown: the chosen one, else the latest with activities.
    let standing_year =
        Memo::new(move |_| year.get().or_else(|| years.with(|y| y.last().copied())));
    let behind = Memo::new(move |_| {
        let Some(y) = standing_year.get() else {
            return Vec::new();
        };
        data.with(|ds| standing(ds, PHASE, y))
            .into_iter()
            .filter(|s| s.behind())
            .collect::<Vec<_>>()
    });
    let latest = Memo::new(move |_| {
        let only = unit.get();
        data.with(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            let mut list: Vec<_> = ds
                .activities
                .iter()
                .filter(|a| only.as_deref().is_none_or(|u| a.unit_id == u))
                .collect();
            crate::domain::order::sort_by(&mut list, |a, b| {
                b.date.cmp(&a.date).then(b.updated_at.cmp(&a.updated_at))
            });
            list.into_iter()
                .take(8)
                .map(|a| {
                    (
                        a.id.clone(),
                        date(&a.date),
                        a.title.clone(),
                        idx.get(&a.location_id).map(place_name).unwrap_or_default(),
                        a.cash_vnd.saturating_add(a.in_kind_vnd),
                    )
                })
                .collect::<Vec<_>>()
        })
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
                            html_list::options(Some(m.overview_all_years), &items, &year.get().map(|y| y.to_string()).unwrap_or_default())
                        }>
                    </select>
                </div>
                <div class="field">
                    <label for="overview-unit">{m.overview_unit}</label>
                    <select id="overview-unit" data-testid="overview-unit"
                        on:change=move |ev| set_query(year.get_untracked().map(|y| y.to_string()), Some(event_target_value(&ev)))
                        inner_html=move || units.with(|us| html_list::options(Some(m.overview_all_units), us, &unit.get().unwrap_or_default()))>
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
                <div class="charts" inner_html=move || figures.with(|f| charts(&f.0, lang, m))></div>
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
                        <ul class="latest" inner_html=move || latest.with(|rows| {
                            let mut out = String::new();
                            for r in rows {
                                let _ = write!(
                                    out,
                                    "<li><span class=\"muted\">{}</span> <strong>{}</strong> — {}<span class=\"num\">{}</span></li>",
                                    esc(&r.1), esc(&r.2), esc(&r.3), esc(&money(r.4, lang))
                                );
                            }
                            out
                        })></ul>
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
