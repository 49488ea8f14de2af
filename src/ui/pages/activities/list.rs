//! The activity list: filters (year, unit, commune, category, text without accents), sort, and
//! pages of 50 rows, so 30,000 activities stay smooth. The search text of every activity is
//! folded, and every activity sorted, once per data change (and sort); a keystroke only scans.

use leptos::prelude::*;

use super::LastChange;
use crate::domain::catalog::CATEGORIES;
use crate::domain::format::integer;
use crate::domain::query::{
    list_activities, search_texts, sorted_positions, ActivityFilter, SortKey,
};
use crate::domain::record::Activity;
use crate::ui::app::use_page;
use crate::ui::browser::now_iso;
use crate::ui::html_list;
use crate::view::activities::{rows_html, totals, PAGE};
use crate::view::options::{activity_years, code_options, level_options, unit_options};

#[component]
pub fn ActivityList(
    editing: RwSignal<Option<String>>,
    on_change: Callback<LastChange>,
    /// A row to copy into the form as a new activity.
    duplicate: RwSignal<Option<String>>,
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

    // Folded search texts, rebuilt only when the data changes; the sorted order, only when the
    // data or the sort changes.
    let search = StoredValue::new((u64::MAX, Vec::<String>::new()));
    let order = StoredValue::new((u64::MAX, SortKey::Newest, Vec::<usize>::new()));
    let matching = Memo::new(move |_| {
        let version = data.version.get();
        let filter = ActivityFilter {
            year: year.get().parse().ok(),
            unit_id: Some(unit.get()).filter(|u| !u.is_empty()),
            location_id: Some(commune.get()).filter(|c| !c.is_empty()),
            category: Some(category.get()).filter(|c| !c.is_empty()),
        };
        let key = SortKey::parse(&sort.get());
        let text = text.get();
        data.with_places_untracked(|ds, idx| {
            if search.with_value(|(v, _)| *v != version) {
                search.set_value((version, search_texts(ds, idx)));
            }
            if order.with_value(|(v, k, _)| (*v, *k) != (version, key)) {
                order.set_value((version, key, sorted_positions(ds, idx, key)));
            }
            order.with_value(|(_, _, sorted)| {
                search.with_value(|(_, texts)| {
                    list_activities(ds, idx, texts, &filter, &text, sorted)
                })
            })
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
    // The totals row adds up every filtered row, not only the page shown.
    let sums = Memo::new(move |_| {
        data.version.track();
        matching.with(|positions| data.with_untracked(|ds| totals(ds, positions)))
    });
    // A column header sorts by its column; the date's toggles newest and oldest.
    let sort_by = move |column: &'static str| {
        sort.update(|s| {
            *s = match (column, s.as_str()) {
                ("newest", "newest") => "oldest".to_string(),
                (c, _) => c.to_string(),
            }
        })
    };
    let aria_sort = move |column: &'static str| {
        let s = sort.get();
        match (column, s.as_str()) {
            ("newest", "newest") | ("money", "money") => "descending",
            ("newest", "oldest") => "ascending",
            (c, s) if c == s => "ascending",
            _ => "none",
        }
    };
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
        Some((action, id)) if action == "duplicate" => duplicate.set(Some(id)),
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
                        ("place".to_string(), m.sort_place.to_string()),
                        ("unit".to_string(), m.sort_unit.to_string()),
                    ])
                />
            </div>
            <p class="count" role="status">
                <strong data-testid="activity-count" data-value=move || total.get().to_string() data-query=move || text.get()>{move || integer(total.get() as i64, lang)}</strong>
                " "{m.act_found}
            </p>
            <Show when=move || { total.get() > 0 } fallback=move || view! { <p class="muted">{m.act_none}</p> }>
                <table class="data-table card-rows" data-testid="activity-table">
                    <thead>
                        <tr>
                            {[
                                ("newest", m.col_date, "sort-date", ""),
                                ("title", m.col_title, "sort-title", ""),
                                ("place", m.col_place, "sort-place", ""),
                                ("unit", m.col_unit, "sort-unit", ""),
                                ("money", m.col_money, "sort-money", "num"),
                            ]
                                .into_iter()
                                .map(|(column, label, testid, class)| view! {
                                    <th scope="col" class=class aria-sort=move || aria_sort(column)>
                                        <button type="button" class="sort-button" data-testid=testid on:click=move |_| sort_by(column)>{label}</button>
                                    </th>
                                })
                                .collect_view()}
                            <th scope="col"><span class="visually-hidden">{m.actions}</span></th>
                        </tr>
                    </thead>
                    <tbody on:click=on_row inner_html=move || {
                        let current = editing.get();
                        rows.with(|rows| rows_html(rows, current.as_deref(), m, lang))
                    }></tbody>
                    <tfoot>
                        <tr class="totals-row" data-testid="activity-totals">
                            <th scope="row" colspan="4">
                                {m.act_total_row}" ("{move || integer(sums.get().activities as i64, lang)}" "{m.act_found}")"
                            </th>
                            <td class="num" data-testid="activity-totals-vnd" data-value=move || sums.get().vnd.to_string()>
                                {move || crate::domain::format::money(sums.get().vnd, lang)}
                            </td>
                            <td></td>
                        </tr>
                    </tfoot>
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
