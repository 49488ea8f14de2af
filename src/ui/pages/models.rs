//! Models (`#/models`): livelihood models with their households, capital, status and outcome,
//! and the activities linked to each.

use leptos::prelude::*;

use crate::domain::catalog::{label, MODEL_KINDS, MODEL_STATUSES};
use crate::domain::format::{date, integer, money};
use crate::domain::money::parse_money;
use crate::domain::query::{place_name, LocationIndex};
use crate::domain::record::{Model, Record};
use crate::domain::validate::check_model;
use crate::domain::Lang;
use crate::report::html::esc;
use crate::ui::app::use_ctx;
use crate::ui::browser::now_iso;
use crate::ui::form::{
    code_options, date_text, money_text, number_text, Errors, Input, Select, TextArea,
    DATE_PLACEHOLDER,
};
use crate::ui::html_list;
use crate::ui::i18n::Messages;
use crate::ui::pages::activities::parse_count;
use crate::ui::pages::directory::{location_options, unit_options};
use std::fmt::Write;

const SHOWN: &[&str] = &[
    "unit_id",
    "location_id",
    "name",
    "kind",
    "started_on",
    "households",
    "capital_vnd",
    "status",
    "outcome",
];

#[derive(Clone, Debug, PartialEq)]
struct Card {
    model: Model,
    unit: String,
    place: String,
    /// (date, title, cash + in kind) of linked activities, newest first.
    linked: Vec<(String, String, i64)>,
}

/// The models as HTML text: facts, outcome, and the linked activities (the 50 newest).
fn cards_html(cards: &[Card], m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    for c in cards {
        let x = &c.model;
        let _ = write!(
            out,
            "<article class=\"model-card\" data-testid=\"model-card\" data-id=\"{}\"><h3>{}</h3><p class=\"muted\">{}</p><dl class=\"facts\">",
            esc(&x.id),
            esc(&x.name),
            esc(&format!("{} · {}", c.place, c.unit))
        );
        let mut fact = |term: &str, value: &str| {
            let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(value));
        };
        fact(m.f_model_kind, label(MODEL_KINDS, &x.kind, lang));
        fact(m.f_status, label(MODEL_STATUSES, &x.status, lang));
        fact(m.f_households, &integer(x.households, lang));
        fact(m.f_capital, &money(x.capital_vnd, lang));
        if let Some(d) = &x.started_on {
            fact(m.f_started_on, &date(d));
        }
        out.push_str("</dl>");
        if !x.outcome.is_empty() {
            let _ = write!(out, "<p>{}</p>", esc(&x.outcome));
        }
        let total: i64 = c.linked.iter().map(|l| l.2).sum();
        let _ = write!(
            out,
            "<details><summary data-testid=\"model-linked-count\">{}</summary><ul>",
            esc(&format!(
                "{}: {} · {}",
                m.model_linked,
                integer(c.linked.len() as i64, lang),
                money(total, lang)
            ))
        );
        for (d, t, v) in c.linked.iter().take(50) {
            let _ = write!(
                out,
                "<li>{}</li>",
                esc(&format!("{} — {t} — {}", date(d), money(*v, lang)))
            );
        }
        out.push_str("</ul></details>");
        html_list::button(&mut out, "model-edit", "edit", &x.id, m.edit);
        out.push_str("</article>");
    }
    out
}

#[component]
pub fn ModelsPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let data = ctx.data;
    let errors = Errors::new();
    let editing = RwSignal::new(None::<String>);
    let s = || RwSignal::new(String::new());
    let (unit, place, name, started, households, capital, outcome) =
        (s(), s(), s(), s(), s(), s(), s());
    let kind = RwSignal::new(String::from("duck"));
    let status = RwSignal::new(String::from("running"));
    let saved = RwSignal::new(false);
    let filter_unit = RwSignal::new(ctx.working_unit().unwrap_or_default());
    unit.set(ctx.working_unit().unwrap_or_default());

    let reset = move || {
        editing.set(None);
        errors.clear();
        for f in [place, name, started, households, capital, outcome] {
            f.set(String::new());
        }
        kind.set("duck".into());
        status.set("running".into());
    };
    let load = move |x: &Model| {
        editing.set(Some(x.id.clone()));
        errors.clear();
        unit.set(x.unit_id.clone());
        place.set(x.location_id.clone());
        name.set(x.name.clone());
        kind.set(x.kind.clone());
        started.set(date_text(x.started_on.as_deref()));
        households.set(number_text(x.households as f64));
        capital.set(money_text(x.capital_vnd, lang));
        status.set(x.status.clone());
        outcome.set(x.outcome.clone());
    };
    let submit = move || {
        errors.clear();
        saved.set(false);
        let hh = parse_count(&households.get_untracked()).unwrap_or_else(|| {
            errors.set("households", m.not_whole);
            0
        });
        let cap_text = capital.get_untracked();
        let cap = if cap_text.trim().is_empty() {
            0
        } else {
            parse_money(&cap_text, lang).unwrap_or_else(|e| {
                errors.set("capital_vnd", e.message(lang));
                0
            })
        };
        errors.require(
            &[
                ("unit_id", unit.get_untracked()),
                ("location_id", place.get_untracked()),
            ],
            m.choose,
        );
        let started_on = errors.date("started_on", &started.get_untracked(), lang);
        if !errors.is_empty() {
            return;
        }
        let mut x: Model = data.editing_or_new(editing.get_untracked());
        x.unit_id = unit.get_untracked();
        x.location_id = place.get_untracked();
        x.name = name.get_untracked().trim().to_string();
        x.kind = kind.get_untracked();
        x.started_on = started_on;
        x.households = hh;
        x.capital_vnd = cap;
        x.status = status.get_untracked();
        x.outcome = outcome.get_untracked().trim().to_string();
        x.touch(&now_iso());
        match data.save_record(x, check_model) {
            Err(problems) => errors.show(&problems, lang, SHOWN, "name"),
            Ok(()) => {
                saved.set(true);
                reset();
            }
        }
    };

    let units = Memo::new(move |_| data.with(unit_options));
    let places = Memo::new(move |_| data.with(|ds| location_options(ds, &["commune", "village"])));
    let cards = Memo::new(move |_| {
        let only = filter_unit.get();
        data.with(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            let mut cards: Vec<Card> = ds
                .models
                .iter()
                .filter(|x| only.is_empty() || x.unit_id == only)
                .map(|x| {
                    let mut linked: Vec<(String, String, i64)> = ds
                        .activities
                        .iter()
                        .filter(|a| a.model_id.as_deref() == Some(x.id.as_str()))
                        .map(|a| {
                            (
                                a.date.clone(),
                                a.title.clone(),
                                a.cash_vnd.saturating_add(a.in_kind_vnd),
                            )
                        })
                        .collect();
                    crate::domain::order::sort_by(&mut linked, |a, b| b.0.cmp(&a.0));
                    Card {
                        model: x.clone(),
                        unit: ds
                            .units
                            .iter()
                            .find(|u| u.id == x.unit_id)
                            .map(|u| u.name.clone())
                            .unwrap_or_default(),
                        place: idx.get(&x.location_id).map(place_name).unwrap_or_default(),
                        linked,
                    }
                })
                .collect();
            crate::domain::order::sort_by(&mut cards, |a, b| a.model.name.cmp(&b.model.name));
            cards
        })
    });

    let on_card = move |ev: leptos::ev::MouseEvent| {
        if let Some(x) = html_list::clicked::<Model>(&ev, data) {
            load(&x);
        }
    };

    view! {
        <section class="page" data-testid="page-models">
            <h1>{m.model_title}</h1>
            <form class="entry-form" data-testid="model-form" novalidate
                on:submit=move |ev| { ev.prevent_default(); submit(); }
                on:keydown=move |ev| if ev.key() == "Escape" { reset() }
            >
                <h2>{move || if editing.get().is_some() { m.model_editing } else { m.model_new }}</h2>
                <p class="hint">{m.required_note}</p>
                <div class="grid">
                    <Select id="model-unit" label=m.f_unit value=unit options=units empty=m.choose required=true error=errors.of("unit_id") />
                    <Select id="model-location" label=m.f_location value=place options=places empty=m.choose required=true error=errors.of("location_id") />
                    <Input id="model-name" label=m.f_name value=name required=true error=errors.of("name") />
                    <Select id="model-kind" label=m.f_model_kind value=kind options=Signal::derive(move || code_options(MODEL_KINDS, lang)) required=true error=errors.of("kind") />
                    <Input id="model-started-on" label=m.f_started_on value=started placeholder=DATE_PLACEHOLDER error=errors.of("started_on") />
                    <Input id="model-households" label=m.f_households value=households inputmode="numeric" error=errors.of("households") />
                    <Input id="model-capital" label=m.f_capital value=capital inputmode="decimal" hint=m.money_hint error=errors.of("capital_vnd") />
                    <Select id="model-status" label=m.f_status value=status options=Signal::derive(move || code_options(MODEL_STATUSES, lang)) required=true error=errors.of("status") />
                </div>
                <TextArea id="model-outcome" label=m.f_outcome value=outcome error=errors.of("outcome") />
                <div class="actions">
                    <button type="submit" class="primary" data-testid="model-save">{m.save}</button>
                    <button type="button" on:click=move |_| reset()>{m.cancel}</button>
                    <span class="status" role="status">{move || saved.get().then_some(m.saved)}</span>
                </div>
            </form>
            <div class="filters">
                <Select id="model-filter-unit" label=m.f_unit value=filter_unit options=units empty=m.all_option />
            </div>
            <Show when=move || cards.with(|c| !c.is_empty()) fallback=move || view! { <p class="muted">{m.model_none}</p> }>
                <div class="cards" on:click=on_card inner_html=move || cards.with(|cards| cards_html(cards, m, lang))></div>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::model;
    use crate::ui::i18n::messages;

    #[test]
    fn cards_list_facts_and_linked_activities() {
        let mut x = model("m-1", "u-1", "c-1", "Vịt <Bầu> Bến");
        x.outcome = String::new();
        let card = Card {
            model: x,
            unit: "KBNN".into(),
            place: "Xã Pà Cò".into(),
            linked: vec![("2023-04-02".into(), "Giao vịt giống".into(), 60_000_000)],
        };
        let html = cards_html(&[card], messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains("<h3>Vịt &lt;Bầu&gt; Bến</h3><p class=\"muted\">Xã Pà Cò · KBNN</p>"),
            "{html}"
        );
        assert!(html.contains(": 1 · 60.000.000 đ</summary>"), "{html}");
        assert!(html.contains("<li>02/04/2023 — Giao vịt giống — 60.000.000 đ</li>"));
        assert!(html.contains("data-testid=\"model-edit\" data-action=\"edit\" data-id=\"m-1\""));
    }
}
