//! Assignments: which unit helps which commune or village, for which phase, by which decision.

use leptos::prelude::*;

use crate::domain::catalog::ROLES;
use crate::domain::record::{Assignment, Record};
use crate::domain::validate::check_assignment;
use crate::report::period::phase_of_year;
use crate::ui::app::use_page;
use crate::ui::browser::now_iso;
use crate::ui::browser::this_year;
use crate::ui::form::{Entry, EntryForm, Input, Select};
use crate::ui::html_list;
use crate::view::directory::assignments_html;
use crate::view::options::code_options;

const SHOWN: &[&str] = &[
    "unit_id",
    "location_id",
    "phase",
    "role",
    "decision",
    "officer",
];

#[component]
pub fn AssignmentsTab() -> impl IntoView {
    let (ctx, m, lang, data) = use_page();
    let entry = Entry::new();
    let errors = entry.errors;
    let s = || RwSignal::new(String::new());
    let (unit, place, decision, officer) = (s(), s(), s(), s());
    // New assignments are for the phase running now.
    let phase = RwSignal::new(phase_of_year(this_year()));
    let role = RwSignal::new(String::from("lead"));

    // A new assignment starts with this browser's unit.
    let reset = move || {
        entry.clear();
        for f in [place, decision, officer] {
            f.set(String::new());
        }
        unit.set(untrack(|| ctx.working_unit()).unwrap_or_default());
        phase.set(phase_of_year(this_year()));
        role.set("lead".into());
    };
    reset();
    let submit = move || {
        entry.begin();
        let mut a: Assignment = data.editing_or_new(entry.editing.get_untracked());
        a.unit_id = unit.get_untracked();
        a.location_id = place.get_untracked();
        a.phase = phase.get_untracked().trim().to_string();
        a.role = role.get_untracked();
        a.decision = decision.get_untracked().trim().to_string();
        a.officer = Some(officer.get_untracked().trim().to_string()).filter(|o| !o.is_empty());
        a.touch(&now_iso());
        errors.require(
            &[
                ("unit_id", a.unit_id.clone(), m.f_unit),
                ("location_id", a.location_id.clone(), m.f_location),
            ],
            lang,
        );
        if !errors.is_empty() {
            return;
        }
        if entry.store(data, a, check_assignment, (SHOWN, "decision")) {
            reset();
        }
    };
    // Assigned for a phase: what existed during it (2021–2025 still names the old communes).
    let span = Memo::new(move |_| {
        crate::report::period::Period::parse(phase.get().trim()).map(|p| p.bounds())
    });
    let (units, places) = data.unit_and_place_choices(span);
    let rows = Memo::new(move |_| data.with_places(|ds, idx| assignments_html(ds, idx, m, lang)));

    let on_row = move |ev: leptos::ev::MouseEvent| {
        let Some(a) = html_list::clicked::<Assignment>(&ev, data) else {
            return;
        };
        entry.edit(&a.id);
        unit.set(a.unit_id);
        place.set(a.location_id);
        phase.set(a.phase);
        role.set(a.role);
        decision.set(a.decision);
        officer.set(a.officer.unwrap_or_default());
    };

    view! {
        <div class="split">
            <EntryForm testid="assignment-form" entry=entry titles=(m.asg_new, m.asg_editing) save_testid="asg-save"
                on_submit=Callback::new(move |_| submit()) on_reset=Callback::new(move |_| reset())>
                <div class="grid">
                    <Select id="asg-unit" label=m.f_unit value=unit options=units empty=m.choose required=true error=errors.of("unit_id") />
                    <Select id="asg-location" label=m.f_location value=place options=places empty=m.choose required=true error=errors.of("location_id") />
                    <Input id="asg-phase" label=m.f_phase value=phase required=true error=errors.of("phase") />
                    <Select id="asg-role" label=m.f_role value=role options=Signal::derive(move || code_options(ROLES, lang)) required=true error=errors.of("role") />
                    <Input id="asg-decision" label=m.f_decision value=decision placeholder="718-QĐ/TU ngày 14/12/2022" error=errors.of("decision") />
                    <Input id="asg-officer" label=m.f_officer value=officer error=errors.of("officer") />
                </div>
            </EntryForm>
            <table class="data-table card-rows" data-testid="assignment-table" on:click=on_row>
                <thead>
                    <tr><th scope="col">{m.f_location}</th><th scope="col">{m.f_unit}</th><th scope="col">{m.f_phase}</th><th scope="col">{m.f_role}</th><th scope="col">{m.f_decision}</th><th scope="col"><span class="visually-hidden">{m.actions}</span></th></tr>
                </thead>
                <tbody inner_html=move || rows.get()></tbody>
            </table>
        </div>
    }
}
