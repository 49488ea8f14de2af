//! The activity entry form. Money is typed as officers write it (`1.250.000`, `1,5 triệu`);
//! the form remembers the last unit, place and date; Enter saves, Esc cancels.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::LastChange;
use crate::domain::catalog::{CATEGORIES, FUNDING, MEASURES};
use crate::domain::dates::year_of;
use crate::domain::money::parse_money;
use crate::domain::quantity::{parse_count, parse_qty};
use crate::domain::record::{Activity, Record};
use crate::domain::validate::check_activity;
use crate::domain::Lang;
use crate::ui::app::use_page;
use crate::ui::browser::{new_id, now_iso, today};
use crate::ui::draft::{DraftNote, EntryDrafts, Kept};
use crate::ui::form::{focus_drawn, focus_first_error, Errors, Input, Select, TextArea};
use crate::view::form::{
    date_message, date_text, money_text, number_text, typed_date, DATE_PLACEHOLDER,
};
use crate::view::options::{
    code_options, lapsed, model_options, places_for_unit, plan_item_options, suggested_plan_item,
    units_on,
};
use crate::view::slips::{contradictions, unusual as unusual_figures, Figures};

/// Fields the form shows, by the record's field names (problems elsewhere go under the title).
const SHOWN: &[&str] = &[
    "unit_id",
    "location_id",
    "date",
    "category",
    "title",
    "description",
    "cash_vnd",
    "in_kind_vnd",
    "loan_vnd",
    "funding",
    "qty",
    "measure",
    "households",
    "poor_households",
    "people",
    "plan_item_id",
    "model_id",
];

#[derive(Clone, Copy)]
struct Draft {
    unit: RwSignal<String>,
    location: RwSignal<String>,
    date: RwSignal<String>,
    category: RwSignal<String>,
    title: RwSignal<String>,
    description: RwSignal<String>,
    cash: RwSignal<String>,
    in_kind: RwSignal<String>,
    loan: RwSignal<String>,
    funding: RwSignal<String>,
    qty: RwSignal<String>,
    measure: RwSignal<String>,
    households: RwSignal<String>,
    poor: RwSignal<String>,
    people: RwSignal<String>,
    plan_item: RwSignal<String>,
    model: RwSignal<String>,
}

impl Draft {
    fn new() -> Draft {
        let s = || RwSignal::new(String::new());
        Draft {
            unit: s(),
            location: s(),
            date: s(),
            category: s(),
            title: s(),
            description: s(),
            cash: s(),
            in_kind: s(),
            loan: s(),
            funding: RwSignal::new("unit".into()),
            qty: s(),
            measure: s(),
            households: s(),
            poor: s(),
            people: s(),
            plan_item: s(),
            model: s(),
        }
    }

    /// Clear what describes one activity; keep unit, place, date and category for the next.
    fn clear_entry(&self) {
        for f in [
            self.title,
            self.description,
            self.cash,
            self.in_kind,
            self.loan,
            self.qty,
            self.households,
            self.poor,
            self.people,
            self.plan_item,
            self.model,
            self.measure,
        ] {
            f.set(String::new());
        }
    }

    /// Every field by name, for keeping them as a draft.
    fn fields(&self) -> Vec<(&'static str, RwSignal<String>)> {
        vec![
            ("unit", self.unit),
            ("location", self.location),
            ("date", self.date),
            ("category", self.category),
            ("title", self.title),
            ("description", self.description),
            ("cash", self.cash),
            ("in_kind", self.in_kind),
            ("loan", self.loan),
            ("funding", self.funding),
            ("qty", self.qty),
            ("measure", self.measure),
            ("households", self.households),
            ("poor", self.poor),
            ("people", self.people),
            ("plan_item", self.plan_item),
            ("model", self.model),
        ]
    }

    fn fill(&self, a: &Activity, lang: Lang) {
        self.unit.set(a.unit_id.clone());
        self.location.set(a.location_id.clone());
        self.date.set(date_text(Some(&a.date)));
        self.category.set(a.category.clone());
        self.title.set(a.title.clone());
        self.description.set(a.description.clone());
        self.cash.set(money_text(a.cash_vnd, lang));
        self.in_kind.set(money_text(a.in_kind_vnd, lang));
        self.loan.set(money_text(a.loan_vnd.unwrap_or(0), lang));
        self.funding.set(a.funding.clone());
        self.qty.set(number_text(a.qty));
        self.measure.set(a.measure.clone());
        self.households.set(number_text(a.households as f64));
        self.poor.set(number_text(a.poor_households as f64));
        self.people.set(number_text(a.people as f64));
        self.plan_item
            .set(a.plan_item_id.clone().unwrap_or_default());
        self.model.set(a.model_id.clone().unwrap_or_default());
    }
}

#[component]
pub fn ActivityForm(
    editing: RwSignal<Option<String>>,
    on_change: Callback<LastChange>,
    /// A save was refused: what said "saved" before no longer holds.
    on_refused: Callback<()>,
    /// A row of the list to copy in as a new activity ("Nhân bản").
    duplicate: RwSignal<Option<String>>,
    /// Whether the form is shown: the page opens it; it opens itself for what it was left
    /// holding (a draft, an edit) and for an edit or a copy chosen in the list.
    open: RwSignal<bool>,
) -> impl IntoView {
    let (ctx, m, lang, data) = use_page();
    let d = Draft::new();
    let errors = Errors::new();
    // The form holds a copy of a listed activity, not yet saved.
    let copied = RwSignal::new(false);

    // Start where the last entry was made (or this browser's unit, and today).
    let start = move || {
        let (last_unit, last_loc, last_date) = ctx.settings.with_untracked(|s| {
            (
                s.last_unit.clone(),
                s.last_location.clone(),
                s.last_date.clone(),
            )
        });
        let unit = if last_unit.is_empty() {
            ctx.working_unit().unwrap_or_default()
        } else {
            last_unit
        };
        // A unit that helps one commune starts there.
        let place = if last_loc.is_empty() {
            data.with_untracked(|ds| {
                crate::domain::query::only_place_of(ds, &unit).map(str::to_string)
            })
            .unwrap_or_default()
        } else {
            last_loc
        };
        d.unit.set(unit);
        d.location.set(place);
        d.date.set(date_text(Some(
            if last_date.is_empty() {
                today()
            } else {
                last_date
            }
            .as_str(),
        )));
    };
    // What is typed is kept as a draft: a new entry under one name, an edit under its record's
    // (over its revision), so a reload or another screen gives it back.
    let drafts = EntryDrafts::new("activity", Kept::new(d.fields(), true));
    let kept = drafts.kept;
    let open_new = move || {
        d.clear_entry();
        start();
        drafts.start_new();
    };
    // An edit left unsaved when the page was left: back to that record.
    let left_editing = drafts
        .left_editing()
        .into_iter()
        .find(|id| data.with_untracked(|ds| ds.get::<Activity>(id).is_some()));
    match left_editing {
        Some(id) if editing.get_untracked().is_none() => editing.set(Some(id)),
        _ => open_new(),
    }
    // What was typed and kept is shown, never hidden behind a closed form.
    if editing.get_untracked().is_some() {
        open.set(true);
    }
    Effect::new(move |_| {
        if kept.dirty.get() {
            open.set(true);
        }
    });

    // Load the activity chosen for editing, then its draft.
    Effect::new(move |_| {
        if let Some(id) = editing.get() {
            if let Some(a) = data.with_untracked(|ds| ds.get::<Activity>(&id).cloned()) {
                open.set(true);
                errors.clear();
                copied.set(false);
                d.fill(&a, lang);
                drafts.start_edit(&id, a.rev);
                // The form shows with the next render: focus then, not on a hidden field.
                focus_drawn("#act-title".into());
            }
        }
    });

    // "Nhân bản": the row's values as a new entry, to change its date or figures and save.
    Effect::new(move |_| {
        let Some(id) = duplicate.get() else {
            return;
        };
        duplicate.set(None);
        if let Some(a) = data.with_untracked(|ds| ds.get::<Activity>(&id).cloned()) {
            open.set(true);
            editing.set(None);
            errors.clear();
            d.clear_entry();
            drafts.start_new();
            d.fill(&a, lang);
            copied.set(true);
            if let Some(form) = document().get_element_by_id("act-date") {
                form.scroll_into_view_with_bool(false);
            }
            focus("act-date");
        }
    });

    // Places and units as they were on the activity's day (a merged commune for 2023).
    // While a date is half typed, the lists stay as they were for the last whole one.
    let day = Memo::new(
        move |prev: Option<&Option<String>>| match typed_date(&d.date.get()) {
            Ok(Some(iso)) => Some(iso),
            _ => prev.cloned().flatten(),
        },
    );
    let units = Memo::new(move |_| {
        let on = day.get();
        data.with(|ds| units_on(ds, on.as_deref()))
    });
    let places = Memo::new(move |_| {
        let (unit, on) = (d.unit.get(), day.get());
        data.with_places(|ds, idx| places_for_unit(ds, idx, &unit, on.as_deref()))
    });
    let plan_items = Memo::new(move |_| {
        let (unit, place) = (d.unit.get(), d.location.get());
        let year = day.get().and_then(|iso| year_of(&iso));
        data.with_places(|ds, idx| plan_item_options(ds, idx, &unit, &place, year))
    });
    // The plan item this entry most likely counts towards, offered while none is chosen.
    let suggestion = Memo::new(move |_| {
        if !d.plan_item.get().is_empty() {
            return None;
        }
        let (unit, place, category) = (d.unit.get(), d.location.get(), d.category.get());
        let year = day.get().and_then(|iso| year_of(&iso));
        let id = data.with_places(|ds, idx| {
            suggested_plan_item(ds, idx, (&unit, &place), &category, year)
        })?;
        let label =
            plan_items.with(|o| o.iter().find(|(i, _)| *i == id).map(|(_, l)| l.clone()))?;
        Some((id, label))
    });
    // Unusual figures the officer confirmed ("Đúng, vẫn lưu"), as they were confirmed.
    let unusual = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(None::<Figures>);
    let confirmed = RwSignal::new(None::<Figures>);
    let models = Memo::new(move |_| {
        let (unit, place) = (d.unit.get(), d.location.get());
        data.with_places(|ds, idx| model_options(ds, idx, &unit, &place))
    });

    // Esc or "Hủy": what was typed here is thrown away on purpose.
    // Thrown away: nothing of the entry stays chosen (a category left selected would catch the
    // next keystroke on it and count the entry against a plan item).
    let cancel = move || {
        copied.set(false);
        kept.discard();
        editing.set(None);
        errors.clear();
        // Before the new entry's starting point is taken (else they would read as typing).
        d.category.set(String::new());
        d.funding.set("unit".into());
        open_new();
    };

    let submit = move || {
        errors.clear();
        let money = |field: &str, text: String| -> i64 {
            if text.trim().is_empty() {
                return 0;
            }
            parse_money(&text, lang).unwrap_or_else(|e| {
                errors.set(field, e.message(lang));
                0
            })
        };
        let cash = money("cash_vnd", d.cash.get_untracked());
        let in_kind = money("in_kind_vnd", d.in_kind.get_untracked());
        let loan = money("loan_vnd", d.loan.get_untracked());
        let count = |field: &str, text: String| -> i64 {
            parse_count(&text).unwrap_or_else(|| {
                errors.set(field, m.not_whole);
                0
            })
        };
        let households = count("households", d.households.get_untracked());
        let poor = count("poor_households", d.poor.get_untracked());
        let people = count("people", d.people.get_untracked());
        let figures = Figures {
            households,
            poor,
            people,
            cash,
            in_kind,
            loan,
        };
        for (field, why) in contradictions(&figures, lang) {
            errors.set(field, why);
        }
        let qty = parse_qty(&d.qty.get_untracked(), lang).unwrap_or_else(|| {
            errors.set("qty", m.not_number);
            0.0
        });
        let date = match typed_date(&d.date.get_untracked()) {
            Ok(Some(iso)) => iso,
            Ok(None) => {
                errors.set("date", crate::domain::Reason::Empty.message(lang));
                String::new()
            }
            Err(_) => {
                errors.set("date", date_message(&d.date.get_untracked(), lang));
                String::new()
            }
        };
        // A commune merged in 2025 takes activities up to its last day, its successor after.
        if !date.is_empty() {
            let (unit, place) = (d.unit.get_untracked(), d.location.get_untracked());
            data.with_places(|ds, idx| {
                for (field, kind, id) in [
                    ("unit_id", "unit", &unit),
                    ("location_id", "location", &place),
                ] {
                    if let Some(why) = lapsed(ds, idx, (kind, id), &date, lang) {
                        errors.set(field, why);
                    }
                }
            });
        }
        if !errors.is_empty() {
            unusual.set(Vec::new());
            return;
        }
        // A stray zero is the commonest slip: beyond the usual, ask once for these figures.
        let odd = unusual_figures(&figures, lang);
        if !odd.is_empty() && confirmed.get_untracked() != Some(figures) {
            unusual.set(odd.into_iter().map(|(_, why)| why).collect());
            pending.set(Some(figures));
            request_animation_frame(|| focus("act-confirm-unusual"));
            return;
        }
        unusual.set(Vec::new());
        confirmed.set(None);
        let now = now_iso();
        let before = editing
            .get_untracked()
            .and_then(|id| data.with_untracked(|ds| ds.get::<Activity>(&id).cloned()));
        let mut a = before.clone().unwrap_or_else(|| Activity {
            id: new_id(),
            rev: 0,
            ..Default::default()
        });
        let opt = |s: String| (!s.is_empty()).then_some(s);
        a.unit_id = d.unit.get_untracked();
        a.location_id = d.location.get_untracked();
        a.date = date;
        a.category = d.category.get_untracked();
        a.title = d.title.get_untracked().trim().to_string();
        a.description = d.description.get_untracked().trim().to_string();
        a.cash_vnd = cash;
        a.in_kind_vnd = in_kind;
        a.loan_vnd = Some(loan).filter(|l| *l > 0);
        a.funding = d.funding.get_untracked();
        a.qty = qty;
        a.measure = d.measure.get_untracked();
        a.households = households;
        a.poor_households = poor;
        a.people = people;
        a.plan_item_id = opt(d.plan_item.get_untracked());
        a.model_id = opt(d.model.get_untracked());
        a.touch(&now);
        let id = a.id.clone();
        let (unit, place, date) = (a.unit_id.clone(), a.location_id.clone(), a.date.clone());
        errors.require(
            &[
                ("unit_id", unit.clone(), m.f_unit),
                ("location_id", place.clone(), m.f_location),
                ("category", a.category.clone(), m.f_category),
            ],
            lang,
        );
        if !errors.is_empty() {
            // The title's own check still runs, so every missing field shows at once.
            if a.title.is_empty() {
                errors.set("title", crate::domain::Reason::Empty.message(lang));
            }
            return;
        }
        match data.save_record(a, check_activity) {
            Err(problems) => errors.show(&problems, lang, SHOWN, "title"),
            Ok(()) => {
                ctx.update_settings(|s| {
                    s.last_unit = unit;
                    s.last_location = place;
                    s.last_date = date;
                });
                on_change.run(LastChange {
                    id,
                    before,
                    deleted: false,
                });
                kept.saved(String::new());
                copied.set(false);
                editing.set(None);
                open_new();
                focus("act-title");
            }
        }
    };

    let heading = move || {
        if editing.get().is_some() {
            m.act_editing
        } else {
            m.act_new
        }
    };
    view! {
        <form
            class="entry-form"
            data-testid="activity-form"
            hidden=move || !open.get()
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
                if !errors.is_empty() {
                    on_refused.run(());
                    focus_first_error("activity-form");
                }
            }
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    cancel();
                }
                // "Enter để lưu" holds on a list too (a select takes no Enter by itself).
                if ev.key() == "Enter" && on_select(&ev) {
                    ev.prevent_default();
                    if let Some(save) = document().get_element_by_id("act-save") {
                        save.unchecked_into::<web_sys::HtmlElement>().click();
                    }
                }
            }
        >
            <h2>{heading}</h2>
            <p class="hint">{m.required_note}</p>
            {move || copied.get().then(|| view! { <p class="note" role="status" data-testid="act-copied">{m.act_duplicated}</p> })}
            <div class="grid">
                <Select id="act-unit" label=m.f_unit value=d.unit options=units empty=m.choose required=true error=errors.of("unit_id") />
                <Select id="act-location" label=m.f_location value=d.location options=places empty=m.choose required=true error=errors.of("location_id") />
                <Input id="act-date" label=m.f_date value=d.date placeholder=DATE_PLACEHOLDER required=true error=errors.of("date") />
                <Select id="act-category" label=m.f_category value=d.category options=Signal::derive(move || code_options(CATEGORIES, lang)) empty=m.choose required=true error=errors.of("category") />
                <Input id="act-title" label=m.f_title value=d.title required=true error=errors.of("title") />
                <Input id="act-cash" label=m.f_cash value=d.cash hint=m.money_hint error=errors.of("cash_vnd") />
                <Input id="act-in-kind" label=m.f_in_kind value=d.in_kind error=errors.of("in_kind_vnd") />
                <Show when=move || d.category.get() == "credit" || !d.loan.get().is_empty()>
                    <Input id="act-loan" label=m.f_loan value=d.loan hint=m.f_loan_hint error=errors.of("loan_vnd") />
                </Show>
                <Select id="act-funding" label=m.f_funding value=d.funding options=Signal::derive(move || code_options(FUNDING, lang)) error=errors.of("funding") />
                <Input id="act-qty" label=m.f_qty value=d.qty inputmode="decimal" error=errors.of("qty") />
                <Select id="act-measure" label=m.f_measure value=d.measure options=Signal::derive(move || code_options(MEASURES, lang)) empty=m.none_option error=errors.of("measure") />
                <Input id="act-households" label=m.f_households value=d.households inputmode="numeric" error=errors.of("households") />
                <Input id="act-poor" label=m.f_poor value=d.poor inputmode="numeric" error=errors.of("poor_households") />
                <Input id="act-people" label=m.f_people value=d.people inputmode="numeric" error=errors.of("people") />
                <div class="field-with-suggestion">
                    <Select id="act-plan-item" label=m.f_plan_item value=d.plan_item options=plan_items empty=m.none_option error=errors.of("plan_item_id") />
                    {move || suggestion.get().map(|(id, label)| view! {
                        <p class="suggestion" data-testid="act-plan-suggestion">
                            {m.act_plan_suggest}" "<strong>{label}</strong>" "
                            <button type="button" class="link-button" data-testid="act-plan-suggest" on:click=move |_| d.plan_item.set(id.clone())>{m.act_plan_suggest_use}</button>
                        </p>
                    })}
                </div>
                <Select id="act-model" label=m.f_model value=d.model options=models empty=m.none_option error=errors.of("model_id") />
            </div>
            <TextArea id="act-description" label=m.f_description value=d.description error=errors.of("description") />
            {move || (!unusual.with(Vec::is_empty)).then(|| view! {
                <div class="banner banner-warn" role="alert" data-testid="act-unusual">
                    <p><strong>{m.act_unusual_title}</strong></p>
                    <ul>{unusual.get().into_iter().map(|why| view! { <li>{why}</li> }).collect_view()}</ul>
                    <p>{m.act_unusual_hint}</p>
                    <button type="button" id="act-confirm-unusual" data-testid="act-confirm-unusual" on:click=move |_| {
                        confirmed.set(pending.get_untracked());
                        submit();
                    }>{m.act_unusual_confirm}</button>
                </div>
            })}
            <div class="actions">
                <button type="submit" class="primary" id="act-save" data-testid="act-save">{m.save}</button>
                <button type="button" data-testid="act-cancel" on:click=move |_| cancel()>{m.cancel}</button>
                <button type="button" data-testid="act-close" on:click=move |_| { cancel(); open.set(false); }>{m.act_close}</button>
            </div>
            // After "Lưu" in the Tab order: throwing the draft away is never the next key.
            <DraftNote kept=kept stale=m.draft_stale_activity on_discard=move |_| cancel() />
        </form>
    }
}

/// Whether a key event comes from a select.
fn on_select(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.tag_name() == "SELECT")
}

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
