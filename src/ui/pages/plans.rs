//! Plans (`#/plans`): phase and yearly plans of each unit for a commune or village, with their
//! target items, and each item's progress from the activities linked to it (traffic light with
//! its text label).

use leptos::prelude::*;

use crate::domain::catalog::{label, CATEGORIES, MEASURES, PLAN_STATUSES};
use crate::domain::format::{date, integer, money};
use crate::domain::money::parse_money;
use crate::domain::query::{place_name, LocationIndex};
use crate::domain::record::{Plan, PlanItem, Record};
use crate::domain::validate::check_plan;
use crate::domain::Lang;
use crate::report::html::esc;
use crate::report::progress::{item_progress, ItemProgress};
use crate::ui::app::use_ctx;
use crate::ui::browser::{new_id, now_iso};
use crate::ui::form::{
    code_options, date_text, money_text, number_text, Errors, Input, Select, DATE_PLACEHOLDER,
};
use crate::ui::html_list;
use crate::ui::i18n::Messages;
use crate::ui::pages::activities::parse_qty;
use crate::ui::pages::directory::{location_options, unit_options};
use std::fmt::Write;

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
const PHASE: &str = "2021-2025";

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

/// A plan as listed, with its items' progress.
#[derive(Clone, Debug, PartialEq)]
struct Card {
    plan: Plan,
    unit: String,
    place: String,
    progress: Vec<ItemProgress>,
}

/// A `<meter>` value: the share done, to the hundredth.
fn share(ratio: f64) -> String {
    match (ratio.clamp(0.0, 1.0) * 100.0).round() as u32 {
        100.. => "1".into(),
        p => format!("0.{p:02}"),
    }
}

/// The plans as HTML text: heading, issuer and status, each item with its light and figures.
fn cards_html(cards: &[Card], m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    for c in cards {
        let number = if c.plan.number.is_empty() {
            String::new()
        } else {
            format!("{} · ", c.plan.number)
        };
        let when = c.plan.year.map_or_else(
            || format!("{} {}", m.plan_phase, c.plan.phase),
            |y| y.to_string(),
        );
        let issued = c
            .plan
            .issued_on
            .as_ref()
            .map(|d| format!(" · {}", date(d)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<article class=\"plan-card\" data-testid=\"plan-card\" data-id=\"{}\"><header><h3>{}</h3>\
             <p class=\"muted\">{}</p>",
            esc(&c.plan.id),
            esc(&format!("{number}{} · {when}", c.place)),
            esc(&format!("{} · {}{issued}", c.unit, label(PLAN_STATUSES, &c.plan.status, lang)))
        );
        html_list::button(&mut out, "plan-edit", "edit", &c.plan.id, m.edit);
        let _ = write!(
            out,
            "</header><table class=\"data-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            esc(m.plan_items),
            esc(m.progress)
        );
        for (item, p) in c.plan.items.iter().zip(c.progress.iter()) {
            let light = p.light(item);
            let measure = label(MEASURES, &item.measure, lang);
            let mut figures = Vec::new();
            if item.target_qty > 0.0 {
                let done = Some(number_text(p.qty))
                    .filter(|t| !t.is_empty())
                    .unwrap_or("0".into());
                figures.push(format!(
                    "{done} / {} {measure}",
                    number_text(item.target_qty)
                ));
            }
            if item.target_vnd > 0 {
                figures.push(format!(
                    "{} / {}",
                    money(p.vnd, lang),
                    money(item.target_vnd, lang)
                ));
            }
            figures.push(format!(
                "{} {}",
                integer(p.activities as i64, lang),
                m.act_found
            ));
            let title = if item.title.is_empty() {
                String::new()
            } else {
                format!(" — {}", item.title)
            };
            let _ = write!(
                out,
                "<tr data-testid=\"plan-item-progress\" data-item=\"{}\" data-light=\"{class}\"><td><strong>{}</strong>{}</td>\
                 <td class=\"progress-cell\"><span class=\"light {class}\">{}</span><meter min=\"0\" max=\"1\" value=\"{}\"></meter>\
                 <span class=\"progress-figures\">{}</span></td></tr>",
                esc(&item.id),
                esc(label(CATEGORIES, &item.category, lang)),
                esc(&title),
                esc(light.label(lang)),
                share(p.ratio(item).unwrap_or(0.0)),
                esc(&figures.join(" · ")),
                class = light.class(),
            );
        }
        out.push_str("</tbody></table></article>");
    }
    out
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let data = ctx.data;
    let errors = Errors::new();
    let editing = RwSignal::new(None::<String>);
    let s = || RwSignal::new(String::new());
    let (unit, place, year, number, issued) = (s(), s(), s(), s(), s());
    let phase = RwSignal::new(PHASE.to_string());
    let status = RwSignal::new(String::from("issued"));
    let items = RwSignal::new(vec![ItemDraft::new()]);
    let saved = RwSignal::new(false);
    let filter_unit = RwSignal::new(ctx.working_unit().unwrap_or_default());
    unit.set(ctx.working_unit().unwrap_or_default());

    let reset = move || {
        editing.set(None);
        errors.clear();
        for f in [place, year, number, issued] {
            f.set(String::new());
        }
        phase.set(PHASE.into());
        status.set("issued".into());
        items.set(vec![ItemDraft::new()]);
    };
    let load = move |p: &Plan| {
        editing.set(Some(p.id.clone()));
        errors.clear();
        unit.set(p.unit_id.clone());
        place.set(p.location_id.clone());
        phase.set(p.phase.clone());
        year.set(p.year.map(|y| y.to_string()).unwrap_or_default());
        number.set(p.number.clone());
        issued.set(date_text(p.issued_on.as_deref()));
        status.set(p.status.clone());
        items.set(p.items.iter().map(|i| ItemDraft::of(i, lang)).collect());
    };
    let submit = move || {
        errors.clear();
        saved.set(false);
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
                due: errors.date(&format!("items[{i}].due"), &d.due.get_untracked(), lang),
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
                ("unit_id", unit.get_untracked()),
                ("location_id", place.get_untracked()),
            ],
            m.choose,
        );
        let issued_on = errors.date("issued_on", &issued.get_untracked(), lang);
        if !errors.is_empty() {
            return;
        }
        let mut p: Plan = data.editing_or_new(editing.get_untracked());
        p.unit_id = unit.get_untracked();
        p.location_id = place.get_untracked();
        p.phase = phase.get_untracked().trim().to_string();
        p.year = year_value;
        p.number = number.get_untracked().trim().to_string();
        p.issued_on = issued_on;
        p.status = status.get_untracked();
        p.items = parsed;
        p.touch(&now_iso());
        match data.save_record(p, check_plan) {
            Err(problems) => errors.show(&problems, lang, SHOWN, "number"),
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
            let progress = item_progress(ds);
            let mut cards: Vec<Card> = ds
                .plans
                .iter()
                .filter(|p| only.is_empty() || p.unit_id == only)
                .map(|p| Card {
                    plan: p.clone(),
                    unit: ds
                        .units
                        .iter()
                        .find(|u| u.id == p.unit_id)
                        .map(|u| u.name.clone())
                        .unwrap_or_default(),
                    place: idx.get(&p.location_id).map(place_name).unwrap_or_default(),
                    progress: p
                        .items
                        .iter()
                        .map(|i| progress.get(&i.id).cloned().unwrap_or_default())
                        .collect(),
                })
                .collect();
            crate::domain::order::sort_by(&mut cards, |a, b| {
                (&a.unit, &a.place, a.plan.year.unwrap_or(0)).cmp(&(
                    &b.unit,
                    &b.place,
                    b.plan.year.unwrap_or(0),
                ))
            });
            cards
        })
    });

    let on_card = move |ev: leptos::ev::MouseEvent| {
        if let Some(p) = html_list::clicked::<Plan>(&ev, data) {
            load(&p);
        }
    };

    view! {
        <section class="page" data-testid="page-plans">
            <h1>{m.plan_title}</h1>
            <form class="entry-form" data-testid="plan-form" novalidate
                on:submit=move |ev| { ev.prevent_default(); submit(); }
                on:keydown=move |ev| if ev.key() == "Escape" { reset() }
            >
                <h2>{move || if editing.get().is_some() { m.plan_editing } else { m.plan_new }}</h2>
                <p class="hint">{m.required_note}</p>
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
                                    <Input id=id("vnd") label=m.f_target_vnd value=d.vnd inputmode="decimal" hint=m.money_hint error=errors.of_path(path("target_vnd")) />
                                    <Input id=id("due") label=m.f_due value=d.due placeholder=DATE_PLACEHOLDER error=errors.of_path(path("due")) />
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
                <div class="actions">
                    <button type="submit" class="primary" data-testid="plan-save">{m.save}</button>
                    <button type="button" on:click=move |_| reset()>{m.cancel}</button>
                    <span class="status" role="status">{move || saved.get().then_some(m.saved)}</span>
                </div>
            </form>

            <div class="filters">
                <Select id="plan-filter-unit" label=m.f_unit value=filter_unit options=units empty=m.all_option />
            </div>
            <Show when=move || cards.with(|c| !c.is_empty()) fallback=move || view! { <p class="muted">{m.plan_none}</p> }>
                <div on:click=on_card inner_html=move || cards.with(|cards| cards_html(cards, m, lang))></div>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{item, plan};
    use crate::ui::i18n::messages;

    #[test]
    fn meter_shares_stay_between_zero_and_one() {
        assert_eq!(share(0.0), "0.00");
        assert_eq!(share(0.5), "0.50");
        assert_eq!(share(0.333), "0.33");
        assert_eq!(share(1.7), "1");
        assert_eq!(share(-1.0), "0.00");
    }

    #[test]
    fn cards_show_each_item_with_its_light() {
        let mut p = plan(
            "p-1",
            "u-1",
            "c-1",
            Some(2023),
            vec![item("i-1", "housing", 2.0, 0)],
        );
        p.items.push(item("i-2", "gifts", 0.0, 100_000_000));
        let card = Card {
            plan: p,
            unit: "Kho bạc <KBNN>".into(),
            place: "Xã Pà Cò".into(),
            progress: vec![
                ItemProgress {
                    activities: 1,
                    qty: 1.0,
                    vnd: 0,
                },
                ItemProgress {
                    activities: 0,
                    qty: 0.0,
                    vnd: 0,
                },
            ],
        };
        let html = cards_html(&[card], messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains("<h3>12/KH-KBNN · Xã Pà Cò · 2023</h3>"),
            "{html}"
        );
        assert!(html.contains("Kho bạc &lt;KBNN&gt; · "));
        assert!(html.contains("data-item=\"i-1\" data-light=\"light-track\""));
        assert!(html.contains("value=\"0.50\""));
        assert!(html.contains("1 / 2 căn · 1 hoạt động"), "{html}");
        assert!(html.contains("0 đ / 100.000.000 đ · 0 hoạt động"));
        assert!(html.contains("data-testid=\"plan-edit\" data-action=\"edit\" data-id=\"p-1\""));
    }
}
