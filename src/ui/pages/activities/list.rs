//! The activity list: filters (year, unit, commune, category, text without accents), sort, and
//! pages of 50 rows, so 30,000 activities stay smooth. The search text of every activity is
//! folded once per data change; a keystroke only scans it.

use leptos::prelude::*;

use super::LastChange;
use crate::domain::catalog::CATEGORIES;
use crate::domain::dates::year_of;
use crate::domain::format::{date, integer, money};
use crate::domain::query::{
    list_activities, place_name, search_texts, ActivityFilter, LocationIndex, SortKey,
};
use crate::domain::record::Activity;
use crate::domain::Lang;
use crate::report::html::esc;
use crate::ui::app::use_ctx;
use crate::ui::browser::now_iso;
use crate::ui::form::code_options;
use crate::ui::html_list;
use crate::ui::i18n::Messages;
use std::fmt::Write;

const PAGE: usize = 50;

/// One row as shown.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    rev: i64,
    date: String,
    title: String,
    place: String,
    unit: String,
    vnd: i64,
}

/// The page of rows as HTML text; the row being edited is marked.
fn rows_html(rows: &[Row], editing: Option<&str>, m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    for r in rows {
        let class = if editing == Some(r.id.as_str()) {
            " class=\"editing\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<tr data-testid=\"activity-row\" data-id=\"{}\"{class}><td class=\"nowrap\">{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"row-actions\">",
            esc(&r.id),
            esc(&date(&r.date)),
            esc(&r.title),
            esc(&r.place),
            esc(&r.unit),
            esc(&money(r.vnd, lang))
        );
        html_list::button(&mut out, "act-edit", "edit", &r.id, m.edit);
        html_list::button(&mut out, "act-delete", "delete", &r.id, m.delete);
        out.push_str("</td></tr>");
    }
    out
}

#[component]
pub fn ActivityList(
    editing: RwSignal<Option<String>>,
    on_change: Callback<LastChange>,
) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let data = ctx.data;

    let year = RwSignal::new(String::new());
    let unit = RwSignal::new(ctx.working_unit().unwrap_or_default());
    let commune = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let sort = RwSignal::new(String::from("newest"));
    let page = RwSignal::new(0usize);
    Effect::new(move |_| {
        // any filter change goes back to the first page
        let _ = (
            year.get(),
            unit.get(),
            commune.get(),
            category.get(),
            text.get(),
            sort.get(),
        );
        page.set(0);
    });

    // Folded search texts, rebuilt only when the data changes.
    let search = StoredValue::new((u64::MAX, Vec::<String>::new()));
    let matching = Memo::new(move |_| {
        let version = data.version.get();
        let filter = ActivityFilter {
            year: year.get().parse().ok(),
            unit_id: Some(unit.get()).filter(|u| !u.is_empty()),
            location_id: Some(commune.get()).filter(|c| !c.is_empty()),
            category: Some(category.get()).filter(|c| !c.is_empty()),
        };
        let key = match sort.get().as_str() {
            "oldest" => SortKey::Oldest,
            "money" => SortKey::MostMoney,
            "title" => SortKey::Title,
            _ => SortKey::Newest,
        };
        let text = text.get();
        data.with_untracked(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            if search.with_value(|(v, _)| *v != version) {
                search.set_value((version, search_texts(ds, &idx)));
            }
            search.with_value(|(_, texts)| list_activities(ds, &idx, texts, &filter, &text, key))
        })
    });
    let rows = Memo::new(move |_| {
        // the same rows can hold edited records
        data.version.track();
        let start = page.get() * PAGE;
        matching.with(|ids| {
            data.with_untracked(|ds| {
                let idx = LocationIndex::new(&ds.locations);
                ids.iter()
                    .skip(start)
                    .take(PAGE)
                    .map(|i| {
                        let a = &ds.activities[*i];
                        Row {
                            id: a.id.clone(),
                            rev: a.rev,
                            date: a.date.clone(),
                            title: a.title.clone(),
                            place: idx.get(&a.location_id).map(place_name).unwrap_or_default(),
                            unit: ds
                                .units
                                .iter()
                                .find(|u| u.id == a.unit_id)
                                .map(|u| {
                                    if u.short_name.is_empty() {
                                        u.name.clone()
                                    } else {
                                        u.short_name.clone()
                                    }
                                })
                                .unwrap_or_default(),
                            vnd: a.cash_vnd.saturating_add(a.in_kind_vnd),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = Memo::new(move |_| matching.with(Vec::len));
    let pages = Memo::new(move |_| total.get().div_ceil(PAGE).max(1));

    let years = Memo::new(move |_| {
        data.with(|ds| {
            let mut ys: Vec<i32> = ds
                .activities
                .iter()
                .filter_map(|a| year_of(&a.date))
                .collect();
            crate::domain::order::sort(&mut ys);
            ys.dedup();
            ys.into_iter()
                .rev()
                .map(|y| (y.to_string(), y.to_string()))
                .collect::<Vec<_>>()
        })
    });
    let units = Memo::new(move |_| data.with(crate::ui::pages::directory::unit_options));
    let communes = Memo::new(move |_| {
        data.with(|ds| {
            let mut cs: Vec<(String, String)> = ds
                .locations
                .iter()
                .filter(|l| l.level == "commune")
                .map(|l| (l.id.clone(), place_name(l)))
                .collect();
            crate::domain::order::sort_by(&mut cs, |a, b| a.1.cmp(&b.1));
            cs
        })
    });

    let delete = move |id: String| {
        let before = data.with_untracked(|ds| ds.get::<Activity>(&id).cloned());
        if before.is_none() {
            return;
        }
        data.edit(|ds| ds.delete::<Activity>(&id, &now_iso()));
        if editing.get_untracked().as_deref() == Some(id.as_str()) {
            editing.set(None);
        }
        on_change.run(LastChange {
            id,
            before,
            deleted: true,
        });
    };

    let on_row = move |ev: leptos::ev::MouseEvent| match html_list::action(&ev) {
        Some((action, id)) if action == "edit" => editing.set(Some(id)),
        Some((action, id)) if action == "delete" => delete(id),
        _ => {}
    };

    let working = ctx.working_unit();
    view! {
        <section class="list-section" aria-labelledby="act-list-title">
            <h2 id="act-list-title">{m.act_list}</h2>
            {working.map(|_| view! {
                <p class="hint">{m.working_for_filter}" "<strong>{ctx.working_for_name()}</strong>" · "
                    <button type="button" class="link-button" data-testid="act-all-units" on:click=move |_| unit.set(String::new())>{m.show_all_units}</button>
                </p>
            })}
            <div class="filters">
                <crate::ui::form::Input id="activity-search" label=m.act_search value=text hint=m.act_search_hint />
                <crate::ui::form::Select id="act-filter-year" label=m.f_date value=year options=years empty=m.all_option />
                <crate::ui::form::Select id="act-filter-unit" label=m.f_unit value=unit options=units empty=m.all_option />
                <crate::ui::form::Select id="act-filter-commune" label=m.act_commune value=commune options=communes empty=m.all_option />
                <crate::ui::form::Select id="act-filter-category" label=m.f_category value=category options=Signal::derive(move || code_options(CATEGORIES, lang)) empty=m.all_option />
                <crate::ui::form::Select
                    id="act-sort"
                    label=m.act_sort
                    value=sort
                    options=Signal::derive(move || vec![
                        ("newest".to_string(), m.sort_newest.to_string()),
                        ("oldest".to_string(), m.sort_oldest.to_string()),
                        ("money".to_string(), m.sort_money.to_string()),
                        ("title".to_string(), m.sort_title.to_string()),
                    ])
                />
            </div>
            <p class="count" role="status">
                <strong data-testid="activity-count" data-value=move || total.get().to_string() data-query=move || text.get()>{move || integer(total.get() as i64, lang)}</strong>
                " "{m.act_found}
            </p>
            <Show when=move || { total.get() > 0 } fallback=move || view! { <p class="muted">{m.act_none}</p> }>
                <table class="data-table" data-testid="activity-table">
                    <thead>
                        <tr>
                            <th scope="col">{m.col_date}</th>
                            <th scope="col">{m.col_title}</th>
                            <th scope="col">{m.col_place}</th>
                            <th scope="col">{m.col_unit}</th>
                            <th scope="col" class="num">{m.col_money}</th>
                            <th scope="col"><span class="visually-hidden">{m.actions}</span></th>
                        </tr>
                    </thead>
                    <tbody on:click=on_row inner_html=move || {
                        let current = editing.get();
                        rows.with(|rows| rows_html(rows, current.as_deref(), m, lang))
                    }></tbody>
                </table>
                <nav class="pager" aria-label=m.page_of>
                    <button type="button" data-testid="page-prev" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{m.page_prev}</button>
                    <span>{m.page_of}" "{move || page.get() + 1}" / "{move || pages.get()}</span>
                    <button type="button" data-testid="page-next" disabled={move || page.get() + 1 >= pages.get()} on:click=move |_| page.update(|p| *p += 1)>{m.page_next}</button>
                </nav>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::messages;

    #[test]
    fn rows_mark_the_one_being_edited() {
        let row = |id: &str, title: &str| Row {
            id: id.into(),
            rev: 1,
            date: "2023-01-15".into(),
            title: title.into(),
            place: "Xã Pà Cò".into(),
            unit: "KBNN".into(),
            vnd: 1_250_000,
        };
        let rows = [row("a-1", "Tặng quà <Tết>"), row("a-2", "Khám bệnh")];
        let html = rows_html(&rows, Some("a-2"), messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains(
                "data-id=\"a-1\"><td class=\"nowrap\">15/01/2023</td><td>Tặng quà &lt;Tết&gt;</td>"
            ),
            "{html}"
        );
        assert!(html.contains("data-id=\"a-2\" class=\"editing\">"));
        assert!(html.contains("1.250.000 đ"));
        assert_eq!(html.matches("data-action=\"delete\"").count(), 2);
    }
}
