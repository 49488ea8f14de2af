//! Models (`#/models`): livelihood models with their households, capital, status and outcome,
//! and the activities linked to each.

use leptos::prelude::*;

use crate::domain::catalog::{MODEL_KINDS, MODEL_STATUSES};
use crate::domain::money::parse_money;
use crate::domain::quantity::parse_count;
use crate::domain::record::{Model, Record};
use crate::domain::validate::check_model;
use crate::ui::app::use_page;
use crate::ui::browser::now_iso;
use crate::ui::draft::{DraftNote, EntryDrafts, Kept};
use crate::ui::form::{Entry, EntryForm, Input, Select, TextArea};
use crate::ui::html_list;
use crate::view::form::{date_text, money_text, number_text, DATE_PLACEHOLDER};
use crate::view::models::{self, cards_html};
use crate::view::options::code_options;

const SHOWN: &[&str] = &[
    "unit_id",
    "location_id",
    "name",
    "kind",
    "started_on",
    "households",
    "escaped_poverty",
    "capital_vnd",
    "status",
    "outcome",
];

#[component]
pub fn ModelsPage() -> impl IntoView {
    let (ctx, m, lang, data) = use_page();
    let entry = Entry::new();
    let errors = entry.errors;
    let s = || RwSignal::new(String::new());
    let (unit, place, name, started, households, capital, outcome) =
        (s(), s(), s(), s(), s(), s(), s());
    let escaped = s();
    let kind = RwSignal::new(String::from("duck"));
    let status = RwSignal::new(String::from("running"));
    let filter_unit = RwSignal::new(ctx.working_unit().unwrap_or_default());
    unit.set(ctx.working_unit().unwrap_or_default());

    let drafts = EntryDrafts::new(
        "model",
        Kept::new(
            vec![
                ("unit", unit),
                ("location", place),
                ("name", name),
                ("kind", kind),
                ("started", started),
                ("households", households),
                ("escaped", escaped),
                ("capital", capital),
                ("status", status),
                ("outcome", outcome),
            ],
            true,
        ),
    );
    let reset = move || {
        entry.clear();
        for f in [place, name, started, households, escaped, capital, outcome] {
            f.set(String::new());
        }
        kind.set("duck".into());
        status.set("running".into());
    };
    let load = move |x: &Model| {
        entry.edit(&x.id);
        unit.set(x.unit_id.clone());
        place.set(x.location_id.clone());
        name.set(x.name.clone());
        kind.set(x.kind.clone());
        started.set(date_text(x.started_on.as_deref()));
        households.set(number_text(x.households as f64));
        escaped.set(number_text(x.escaped_poverty.unwrap_or(0) as f64));
        capital.set(money_text(x.capital_vnd, lang));
        status.set(x.status.clone());
        outcome.set(x.outcome.clone());
        drafts.start_edit(&x.id, x.rev);
    };
    // What is typed is kept as a draft (a new model, or an edit), so a reload gives it back.
    let new_entry = move || drafts.fresh(reset);
    let cancel = move || drafts.cancel(reset);
    drafts.resume::<Model>(data, load);
    let submit = move || {
        entry.begin();
        let hh = parse_count(&households.get_untracked()).unwrap_or_else(|| {
            errors.set("households", m.not_whole);
            0
        });
        let out_of_poverty = parse_count(&escaped.get_untracked()).unwrap_or_else(|| {
            errors.set("escaped_poverty", m.not_whole);
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
                ("unit_id", unit.get_untracked(), m.f_unit),
                ("location_id", place.get_untracked(), m.f_location),
            ],
            lang,
        );
        let started_on = errors.date("started_on", &started.get_untracked(), lang);
        if !errors.is_empty() {
            return;
        }
        let mut x: Model = data.editing_or_new(entry.editing.get_untracked());
        x.unit_id = unit.get_untracked();
        x.location_id = place.get_untracked();
        x.name = name.get_untracked().trim().to_string();
        x.kind = kind.get_untracked();
        x.started_on = started_on;
        x.households = hh;
        x.escaped_poverty = Some(out_of_poverty).filter(|n| *n > 0);
        x.capital_vnd = cap;
        x.status = status.get_untracked();
        x.outcome = outcome.get_untracked().trim().to_string();
        x.touch(&now_iso());
        if entry.store(data, x, check_model, (SHOWN, "name")) {
            drafts.kept.saved(String::new());
            new_entry();
        }
    };

    // A model names the unit and place of the day it started (today's when not given).
    let span = Memo::new(move |_| {
        crate::view::form::typed_date(&started.get())
            .ok()
            .flatten()
            .map(|d| (d.clone(), d))
    });
    let (units, places) = data.unit_and_place_choices(span);
    let cards = Memo::new(move |_| {
        let only = filter_unit.get();
        data.with_places(|ds, idx| models::cards(ds, idx, &only))
    });

    let on_card = move |ev: leptos::ev::MouseEvent| {
        if let Some(x) = html_list::clicked::<Model>(&ev, data) {
            load(&x);
        }
    };

    view! {
        <section class="page" data-testid="page-models">
            <h1>{m.model_title}</h1>
            <EntryForm testid="model-form" entry=entry titles=(m.model_new, m.model_editing) save_testid="model-save"
                on_submit=Callback::new(move |_| submit()) on_reset=Callback::new(move |_| cancel())>
                <div class="grid">
                    <Select id="model-unit" label=m.f_unit value=unit options=units empty=m.choose required=true error=errors.of("unit_id") />
                    <Select id="model-location" label=m.f_location value=place options=places empty=m.choose required=true error=errors.of("location_id") />
                    <Input id="model-name" label=m.f_name value=name required=true error=errors.of("name") />
                    <Select id="model-kind" label=m.f_model_kind value=kind options=Signal::derive(move || code_options(MODEL_KINDS, lang)) required=true error=errors.of("kind") />
                    <Input id="model-started-on" label=m.f_started_on value=started placeholder=DATE_PLACEHOLDER error=errors.of("started_on") />
                    <Input id="model-households" label=m.f_households value=households inputmode="numeric" error=errors.of("households") />
                    <Input id="model-escaped" label=m.f_escaped_poverty value=escaped inputmode="numeric" error=errors.of("escaped_poverty") />
                    <Input id="model-capital" label=m.f_capital value=capital hint=m.money_hint error=errors.of("capital_vnd") />
                    <Select id="model-status" label=m.f_status value=status options=Signal::derive(move || code_options(MODEL_STATUSES, lang)) required=true error=errors.of("status") />
                </div>
                <TextArea id="model-outcome" label=m.f_outcome value=outcome error=errors.of("outcome") />
                <DraftNote kept=drafts.kept stale=m.draft_stale_record on_discard=move |_| cancel() />
            </EntryForm>
            <div class="filters">
                <Select id="model-filter-unit" label=m.f_unit value=filter_unit options=units empty=m.all_option />
            </div>
            <Show when=move || cards.with(|c| !c.is_empty()) fallback=move || view! { <p class="muted">{m.model_none}</p> }>
                <div class="cards" on:click=on_card inner_html=move || cards.with(|cards| cards_html(cards, m, lang))></div>
            </Show>
        </section>
    }
}
