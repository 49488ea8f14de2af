//! The activity list: filters (year, unit, commune, category, text without accents), sort, and
//! pages of 50 rows, so 30,000 activities stay smooth. The search text of every activity is
//! folded once per data change; a keystroke only scans it.

use leptos::prelude::*;

use super::LastChange;
use crate::domain::catalog::CATEGORIES;
use crate::domain::format::integer;
use crate::domain::query::{list_activities, search_texts, ActivityFilter, SortKey};
use crate::domain::record::Activity;
use crate::ui::app::use_page;
use crate::ui::browser::now_iso;
use crate::ui::html_list;
use crate::view::activities::{rows_html, PAGE};
use crate::view::options::{activity_years, code_options, level_options, unit_options};

#[component]
pub fn ActivityList(
    editing: RwSignal<Option<String>>,
    on_change: Callback<LastChange>,
) -> impl IntoView {
    let (ctx, m, lang, data) = use_page();

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
        data.with_places_untracked(|ds, idx| {
            if search.with_value(|(v, _)| *v != version) {
                search.set_value((version, search_texts(ds, idx)));
            }
            search.with_value(|(_, texts)| list_activities(ds, idx, texts, &filter, &text, key))
        })
    });
    let rows = Memo::new(move |_| {
        // the same rows can hold edited records
        data.version.track();
        let start = page.get() * PAGE;
        matching.with(|positions| {
            data.with_places_untracked(|ds, idx| {
                crate::view::activities::rows(ds, idx, positions, start)
            })
        })
    });
    let total = Memo::new(move |_| matching.with(Vec::len));
    let pages = Memo::new(move |_| total.get().div_ceil(PAGE).max(1));

    let years = Memo::new(move |_| {
        data.with(|ds| {
            activity_years(ds)
                .into_iter()
                .rev()
                .map(|y| (y.to_string(), y.to_string()))
                .collect::<Vec<_>>()
        })
    });
    let units = Memo::new(move |_| data.with(unit_options));
    let communes = Memo::new(move |_| data.with(|ds| level_options(ds, "commune")));

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
