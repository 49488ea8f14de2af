//! Assignments: which unit helps which commune or village, for which phase, by which decision.

use leptos::prelude::*;

use super::{location_options, unit_options};
use crate::domain::catalog::{label, ROLES};
use crate::domain::query::{place_name, LocationIndex};
use crate::domain::record::{Assignment, Record};
use crate::domain::validate::check_assignment;
use crate::report::html::esc;
use crate::ui::app::use_ctx;
use crate::ui::browser::now_iso;
use crate::ui::form::{code_options, Errors, Input, Select};
use crate::ui::html_list;

const SHOWN: &[&str] = &[
    "unit_id",
    "location_id",
    "phase",
    "role",
    "decision",
    "officer",
];
const PHASE: &str = "2021-2025";

#[derive(Clone, Debug, PartialEq)]
struct Row {
    a: Assignment,
    unit: String,
    place: String,
}

#[component]
pub fn AssignmentsTab() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let data = ctx.data;
    let errors = Errors::new();
    let editing = RwSignal::new(None::<String>);
    let s = || RwSignal::new(String::new());
    let (unit, place, decision, officer) = (s(), s(), s(), s());
    let phase = RwSignal::new(PHASE.to_string());
    let role = RwSignal::new(String::from("lead"));
    let saved = RwSignal::new(false);

    let reset = move || {
        editing.set(None);
        errors.clear();
        for f in [unit, place, decision, officer] {
            f.set(String::new());
        }
        phase.set(PHASE.into());
        role.set("lead".into());
    };
    let submit = move || {
        errors.clear();
        saved.set(false);
        let mut a: Assignment = data.editing_or_new(editing.get_untracked());
        a.unit_id = unit.get_untracked();
        a.location_id = place.get_untracked();
        a.phase = phase.get_untracked().trim().to_string();
        a.role = role.get_untracked();
        a.decision = decision.get_untracked().trim().to_string();
        a.officer = Some(officer.get_untracked().trim().to_string()).filter(|o| !o.is_empty());
        a.touch(&now_iso());
        if a.unit_id.is_empty() {
            errors.set("unit_id", m.choose);
        }
        if a.location_id.is_empty() {
            errors.set("location_id", m.choose);
        }
        if !errors.is_empty() {
            return;
        }
        match data.save_record(a, check_assignment) {
            Err(problems) => errors.show(&problems, lang, SHOWN, "decision"),
            Ok(()) => {
                saved.set(true);
                reset();
            }
        }
    };
    let units = Memo::new(move |_| data.with(unit_options));
    let places = Memo::new(move |_| data.with(|ds| location_options(ds, &["commune", "village"])));
    let rows = Memo::new(move |_| {
        data.with(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            let mut rows: Vec<Row> = ds
                .assignments
                .iter()
                .map(|a| Row {
                    a: a.clone(),
                    unit: ds
                        .units
                        .iter()
                        .find(|u| u.id == a.unit_id)
                        .map(|u| u.name.clone())
                        .unwrap_or_default(),
                    place: idx.get(&a.location_id).map(place_name).unwrap_or_default(),
                })
                .collect();
            crate::domain::order::sort_by(&mut rows, |x, y| {
                (&x.place, &x.unit).cmp(&(&y.place, &y.unit))
            });
            rows
        })
    });

    let on_row = move |ev: leptos::ev::MouseEvent| {
        let Some(a) = html_list::clicked::<Assignment>(&ev, data) else {
            return;
        };
        editing.set(Some(a.id.clone()));
        unit.set(a.unit_id);
        place.set(a.location_id);
        phase.set(a.phase);
        role.set(a.role);
        decision.set(a.decision);
        officer.set(a.officer.unwrap_or_default());
    };

    view! {
        <div class="split">
            <form class="entry-form" data-testid="assignment-form" novalidate
                on:submit=move |ev| { ev.prevent_default(); submit(); }
                on:keydown=move |ev| if ev.key() == "Escape" { reset() }
            >
                <h2>{move || if editing.get().is_some() { m.asg_editing } else { m.asg_new }}</h2>
                <p class="hint">{m.required_note}</p>
                <div class="grid">
                    <Select id="asg-unit" label=m.f_unit value=unit options=units empty=m.choose required=true error=errors.of("unit_id") />
                    <Select id="asg-location" label=m.f_location value=place options=places empty=m.choose required=true error=errors.of("location_id") />
                    <Input id="asg-phase" label=m.f_phase value=phase required=true error=errors.of("phase") />
                    <Select id="asg-role" label=m.f_role value=role options=Signal::derive(move || code_options(ROLES, lang)) required=true error=errors.of("role") />
                    <Input id="asg-decision" label=m.f_decision value=decision placeholder="718-QĐ/TU ngày 14/12/2022" error=errors.of("decision") />
                    <Input id="asg-officer" label=m.f_officer value=officer error=errors.of("officer") />
                </div>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="asg-save">{m.save}</button>
                    <button type="button" on:click=move |_| reset()>{m.cancel}</button>
                    <span class="status" role="status">{move || saved.get().then_some(m.saved)}</span>
                </div>
            </form>
            <table class="data-table" data-testid="assignment-table" on:click=on_row>
                <thead>
                    <tr><th scope="col">{m.f_location}</th><th scope="col">{m.f_unit}</th><th scope="col">{m.f_phase}</th><th scope="col">{m.f_role}</th><th scope="col">{m.f_decision}</th><th scope="col"><span class="visually-hidden">{m.actions}</span></th></tr>
                </thead>
                <tbody inner_html=move || rows.with(|rows| {
                    let mut out = String::new();
                    for r in rows {
                        let cells = [
                            esc(&r.place),
                            esc(&r.unit),
                            esc(&r.a.phase),
                            esc(label(ROLES, &r.a.role, lang)),
                            esc(&r.a.decision),
                        ];
                        html_list::edit_row(&mut out, "assignment-row", &cells, ("asg-edit", &r.a.id, m.edit));
                    }
                    out
                })></tbody>
            </table>
        </div>
    }
}
