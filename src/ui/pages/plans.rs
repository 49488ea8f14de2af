//! Plans (`#/plans`): phase and yearly plans of each unit for a commune or village, with their
//! target items, and each item's progress from the activities linked to it (traffic light with
//! its text label).

use leptos::prelude::*;

use crate::domain::catalog::{CATEGORIES, MEASURES, PLAN_STATUSES};
use crate::domain::money::parse_money;
use crate::domain::quantity::parse_qty;
use crate::domain::record::{Plan, PlanItem, Record};
use crate::domain::validate::check_plan;
use crate::report::period::phase_of_year;
use crate::ui::app::use_page;
use crate::ui::browser::{new_id, now_iso, this_year};
use crate::ui::draft::{DraftNote, EntryDrafts, Fields, Kept};
use crate::ui::form::{Entry, EntryForm, Input, Select};
use crate::ui::html_list;
use crate::view::form::{date_text, money_text, number_text, DATE_PLACEHOLDER};
use crate::view::options::code_options;
use crate::view::plans::{self, cards_html};

const SHOWN: &[&str] = &[
    "unit_id",
    "location_id",
    "phase",
    "year",
    "number",
    "issued_on",
    "status",
    "items",
];

/// One target line being edited.
#[derive(Clone, Debug, PartialEq)]
struct ItemDraft {
    id: String,
    category: RwSignal<String>,
    title: RwSignal<String>,
    measure: RwSignal<String>,
    qty: RwSignal<String>,
    vnd: RwSignal<String>,
    due: RwSignal<String>,
}

impl ItemDraft {
    fn new() -> ItemDraft {
        let s = || RwSignal::new(String::new());
        ItemDraft {
            id: new_id(),
            category: s(),
            title: s(),
            measure: s(),
            qty: s(),
            vnd: s(),
            due: s(),
        }
    }

    /// The typed fields by name, for the draft.
    fn fields(&self) -> [(&'static str, RwSignal<String>); 6] {
        [
            ("category", self.category),
            ("title", self.title),
            ("measure", self.measure),
            ("qty", self.qty),
            ("vnd", self.vnd),
            ("due", self.due),
        ]
    }

    fn of(i: &PlanItem, lang: crate::domain::Lang) -> ItemDraft {
        let d = ItemDraft {
            id: i.id.clone(),
            ..ItemDraft::new()
        };
        d.category.set(i.category.clone());
        d.title.set(i.title.clone());
        d.measure.set(i.measure.clone());
        d.qty.set(number_text(i.target_qty));
        d.vnd.set(money_text(i.target_vnd, lang));
        d.due.set(date_text(i.due.as_deref()));
        d
    }
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let (ctx, m, lang, data) = use_page();
    let entry = Entry::new();
    let errors = entry.errors;
    let s = || RwSignal::new(String::new());
    let (unit, place, year, number, issued) = (s(), s(), s(), s(), s());
    // New plans are for the phase running now.
    let phase = RwSignal::new(phase_of_year(this_year()));
    let status = RwSignal::new(String::from("issued"));
    let items = RwSignal::new(vec![ItemDraft::new()]);
    let filter_unit = RwSignal::new(ctx.working_unit().unwrap_or_default());
    unit.set(ctx.working_unit().unwrap_or_default());

    // What is typed is kept as a draft (a new plan, or an edit), items included.
    let simple = [
        ("unit", unit),
        ("location", place),
        ("phase", phase),
        ("year", year),
        ("number", number),
        ("issued", issued),
        ("status", status),
    ];
    let drafts = EntryDrafts::new(
        "plan",
        Kept::with(
            move |tracked| {
                let get = |s: RwSignal<String>| if tracked { s.get() } else { s.get_untracked() };
                let mut fields: Fields = simple
                    .iter()
                    .map(|(n, s)| (n.to_string(), get(*s)))
                    .collect();
                let list = if tracked {
                    items.get()
                } else {
                    items.get_untracked()
                };
                for (i, d) in list.iter().enumerate() {
                    fields.insert(format!("items.{i:03}.id"), d.id.clone());
                    for (n, s) in d.fields() {
                        fields.insert(format!("items.{i:03}.{n}"), get(s));
                    }
                }
                fields
            },
            move |fields| {
                for (n, s) in simple {
                    if let Some(v) = fields.get(n) {
                        s.set(v.clone());
                    }
                }
                let rebuilt: Vec<ItemDraft> = (0..)
                    .map_while(|i| {
                        let id = fields.get(&format!("items.{i:03}.id"))?;
                        let d = ItemDraft {
                            id: id.clone(),
                            ..ItemDraft::new()
                        };
                        for (n, s) in d.fields() {
                            s.set(
                                fields
                                    .get(&format!("items.{i:03}.{n}"))
                                    .cloned()
                                    .unwrap_or_default(),
                            );
                        }
                        Some(d)
                    })
                    .collect();
                if !rebuilt.is_empty() {
                    items.set(rebuilt);
                }
            },
            true,
        ),
    );
    let reset = move || {
        entry.clear();
        for f in [place, year, number, issued] {
            f.set(String::new());
        }
        phase.set(phase_of_year(this_year()));
        status.set("issued".into());
        items.set(vec![ItemDraft::new()]);
    };
    let load = move |p: &Plan| {
        entry.edit(&p.id);
        unit.set(p.unit_id.clone());
        place.set(p.location_id.clone());
        phase.set(p.phase.clone());
        year.set(p.year.map(|y| y.to_string()).unwrap_or_default());
        number.set(p.number.clone());
        issued.set(date_text(p.issued_on.as_deref()));
        status.set(p.status.clone());
        items.set(p.items.iter().map(|i| ItemDraft::of(i, lang)).collect());
        drafts.start_edit(&p.id, p.rev);
    };
    let new_entry = move || drafts.fresh(reset);
    let cancel = move || drafts.cancel(reset);
    drafts.resume::<Plan>(data, load);
    let submit = move || {
        entry.begin();
        let mut parsed = Vec::new();
        for (i, d) in items.get_untracked().iter().enumerate() {
            let qty = parse_qty(&d.qty.get_untracked(), lang).unwrap_or_else(|| {
                errors.set(&format!("items[{i}].target_qty"), m.not_number);
                0.0
            });
            let vnd_text = d.vnd.get_untracked();
            let vnd = if vnd_text.trim().is_empty() {
                0
            } else {
                parse_money(&vnd_text, lang).unwrap_or_else(|e| {
                    errors.set(&format!("items[{i}].target_vnd"), e.message(lang));
                    0
                })
            };
            parsed.push(PlanItem {
                id: d.id.clone(),
                category: d.category.get_untracked(),
                title: d.title.get_untracked().trim().to_string(),
                measure: d.measure.get_untracked(),
                target_qty: qty,
                target_vnd: vnd,
                due: errors.due(&format!("items[{i}].due"), &d.due.get_untracked(), lang),
                ..Default::default()
            });
        }
        let year_value = match year.get_untracked().trim() {
            "" => None,
            y => match y.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    errors.set("year", crate::domain::Reason::BadYear.message(lang));
                    None
                }
            },
        };
        errors.require(
            &[
                ("unit_id", unit.get_untracked(), m.f_unit),
                ("location_id", place.get_untracked(), m.f_location),
            ],
            lang,
        );
        let issued_on = errors.date("issued_on", &issued.get_untracked(), lang);
        if !errors.is_empty() {
            return;
        }
        let mut p: Plan = data.editing_or_new(entry.editing.get_untracked());
        p.unit_id = unit.get_untracked();
        p.location_id = place.get_untracked();
        p.phase = phase.get_untracked().trim().to_string();
        p.year = year_value;
        p.number = number.get_untracked().trim().to_string();
        p.issued_on = issued_on;
        p.status = status.get_untracked();
        p.items = parsed;
        p.touch(&now_iso());
        if entry.store(data, p, check_plan, (SHOWN, "number")) {
            drafts.kept.saved(String::new());
            new_entry();
        }
    };

    // A yearly plan names what existed that year; a phase plan, during its phase.
    let span = Memo::new(move |_| {
        let bounds =
            |code: &str| crate::report::period::Period::parse(code.trim()).map(|p| p.bounds());
        bounds(&year.get()).or_else(|| bounds(&phase.get()))
    });
    let (units, places) = data.unit_and_place_choices(span);
    let cards = Memo::new(move |_| {
        let only = filter_unit.get();
        data.with_places(|ds, idx| plans::cards(ds, idx, &only))
    });

    let on_card = move |ev: leptos::ev::MouseEvent| {
        if let Some(p) = html_list::clicked::<Plan>(&ev, data) {
            load(&p);
        }
    };

    view! {
        <section class="page" data-testid="page-plans">
            <h1>{m.plan_title}</h1>
            <super::first_steps::FirstSteps />
            <EntryForm testid="plan-form" entry=entry titles=(m.plan_new, m.plan_editing) save_testid="plan-save"
                on_submit=Callback::new(move |_| submit()) on_reset=Callback::new(move |_| cancel())>
                <div class="grid">
                    <Select id="plan-unit" label=m.f_unit value=unit options=units empty=m.choose required=true error=errors.of("unit_id") />
                    <Select id="plan-location" label=m.f_location value=place options=places empty=m.choose required=true error=errors.of("location_id") />
                    <Input id="plan-phase" label=m.f_phase value=phase required=true error=errors.of("phase") />
                    <Input id="plan-year" label=m.f_year value=year inputmode="numeric" error=errors.of("year") />
                    <Input id="plan-number" label=m.f_number value=number placeholder="12/KH-KBNN" error=errors.of("number") />
                    <Input id="plan-issued-on" label=m.f_issued_on value=issued placeholder=DATE_PLACEHOLDER error=errors.of("issued_on") />
                    <Select id="plan-status" label=m.f_status value=status options=Signal::derive(move || code_options(PLAN_STATUSES, lang)) required=true error=errors.of("status") />
                </div>
                <h3>{m.plan_items}</h3>
                <For each={move || items.get().into_iter().enumerate().collect::<Vec<_>>()} key={|(i, d)| (*i, d.id.clone())} let:pair>
                    {
                        let (i, d) = pair;
                        let path = move |f: &str| format!("items[{i}].{f}");
                        let id = move |f: &str| format!("item-{i}-{f}");
                        let remove_id = d.id.clone();
                        view! {
                            <fieldset class="item-row" data-testid="plan-item">
                                <legend>{format!("{} {}", m.plan_items, i + 1)}</legend>
                                <div class="grid">
                                    <Select id=id("category") label=m.f_category value=d.category options=Signal::derive(move || code_options(CATEGORIES, lang)) empty=m.choose required=true error=errors.of_path(path("category")) />
                                    <Input id=id("title") label=m.f_title value=d.title error=errors.of_path(path("title")) />
                                    <Select id=id("measure") label=m.f_measure value=d.measure options=Signal::derive(move || code_options(MEASURES, lang)) empty=m.none_option error=errors.of_path(path("measure")) />
                                    <Input id=id("qty") label=m.f_target_qty value=d.qty inputmode="decimal" error=errors.of_path(path("target_qty")) />
                                    <Input id=id("vnd") label=m.f_target_vnd value=d.vnd hint=m.money_hint error=errors.of_path(path("target_vnd")) />
                                    <Input id=id("due") label=m.f_due value=d.due placeholder="dd/mm/yyyy, mm/yyyy" error=errors.of_path(path("due")) />
                                </div>
                                <button type="button" class="link-button" data-testid="item-remove"
                                    on:click=move |_| items.update(|v| v.retain(|x| x.id != remove_id))>{m.item_remove}</button>
                            </fieldset>
                        }
                    }
                </For>
                <div class="actions">
                    <button type="button" data-testid="item-add" on:click=move |_| items.update(|v| v.push(ItemDraft::new()))>{m.item_add}</button>
                </div>
                <DraftNote kept=drafts.kept stale=m.draft_stale_record on_discard=move |_| cancel() />
            </EntryForm>

            <div class="filters">
                <Select id="plan-filter-unit" label=m.f_unit value=filter_unit options=units empty=m.all_option />
            </div>
            <Show when=move || cards.with(|c| !c.is_empty()) fallback=move || view! { <p class="muted">{m.plan_none}</p> }>
                <div on:click=on_card inner_html=move || cards.with(|cards| cards_html(cards, m, lang))></div>
            </Show>
        </section>
    }
}
