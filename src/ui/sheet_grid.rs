//! A sheet's rows as a grid: a select above each column for what it holds (the mapping), then
//! each row with its number in the sheet and how it was read (✓ date · unit · place · kind ·
//! value) or what is wrong. Shared by "Dán từ Excel" and the Import page's spreadsheet step.
//!
//! Test hooks, under the caller's `prefix`: `<prefix>-grid`, `<prefix>-col-<i>` (the column
//! selects), `<prefix>-row` with `data-state` ready, problem, skipped or header.

use std::fmt::Write;

use leptos::prelude::*;

use crate::domain::catalog;
use crate::domain::format::{date, money};
use crate::domain::query::place_name_inline;
use crate::markup::esc;
use crate::sheet::activities::{read, Context, Row};
use crate::sheet::columns::{Column, Mapping};
use crate::sheet::names::Names;
use crate::sheet::xlsx::Marks;
use crate::ui::app::use_ctx;
use crate::ui::browser::now_iso;

/// The rows read as activities, against the stored data, for the unit this browser works for;
/// read again when the rows, what the workbook marked in them, the mapping, the data or that unit
/// change.
pub fn read_rows(
    rows: Memo<Vec<Vec<String>>>,
    marks: Memo<Marks>,
    mapping: RwSignal<Mapping>,
) -> Memo<Vec<(usize, Row)>> {
    let ctx = use_ctx();
    let lang = ctx.lang();
    let now = StoredValue::new(now_iso());
    Memo::new(move |_| {
        let unit = ctx.working_unit();
        rows.with(|r| {
            marks.with(|marks| {
                mapping.with(|mp| {
                    ctx.data.with_places(|ds, idx| {
                        let cx = Context {
                            ds,
                            idx,
                            names: Names::new(ds, idx).choosing(ds, &mp.chosen),
                            unit: unit.as_deref(),
                            now: &now.get_value(),
                            lang,
                            marks,
                        };
                        read(r, mp, &cx)
                    })
                })
            })
        })
    })
}

/// Rows drawn in the grid at most; the rest are read and counted.
const SHOWN: usize = 300;

#[component]
pub fn SheetGrid(
    rows: Memo<Vec<Vec<String>>>,
    mapping: RwSignal<Mapping>,
    read_rows: Memo<Vec<(usize, Row)>>,
    prefix: &'static str,
) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let set_column = move |i: usize, code: String| {
        mapping.update(|mp| {
            if let Some(c) = mp.columns.get_mut(i) {
                *c = Column::from_code(&code);
            }
        });
    };
    let heads = move || {
        mapping.with(|mp| {
            mp.columns
                .iter()
                .enumerate()
                .map(|(i, current)| {
                    let current = *current;
                    let options = Column::ALL
                        .iter()
                        .map(|c| {
                            view! { <option value=c.code() selected=*c == current>{c.label(lang)}</option> }
                        })
                        .collect_view();
                    view! {
                        <th scope="col">
                            <select
                                data-testid=format!("{prefix}-col-{i}")
                                aria-label=format!("{} {}", m.paste_column, i + 1)
                                on:change=move |ev| set_column(i, event_target_value(&ev))
                            >
                                {options}
                            </select>
                        </th>
                    }
                })
                .collect_view()
        })
    };
    let body = move || {
        let header = mapping.with(|mp| mp.header);
        let first_row = mapping.with(|mp| mp.first);
        let width = mapping.with(|mp| mp.columns.len());
        rows.with(|cells| {
            read_rows.with(|rs| {
                ctx.data.with_places(|ds, idx| {
                    let mut out = String::new();
                    if header {
                        if let Some(first) = cells.get(first_row) {
                            let _ = write!(out, "<tr data-testid=\"{prefix}-row\" data-state=\"header\"><td class=\"num\">{}</td><td>{}</td>", first_row + 1, esc(m.paste_header_row));
                            for i in 0..width {
                                let _ = write!(out, "<td>{}</td>", esc(first.get(i).map_or("", String::as_str)));
                            }
                            out.push_str("</tr>");
                        }
                    }
                    for (line, row) in rs.iter().take(SHOWN) {
                        let (state, status) = match row {
                            Row::Ready(a) => {
                                let place = idx.get(&a.location_id).map(place_name_inline).unwrap_or_default();
                                let unit = ds.unit_name(&a.unit_id).unwrap_or_default();
                                let value = a.cash_vnd + a.in_kind_vnd;
                                (
                                    "ready",
                                    format!(
                                        "✓ {} · {} · {} · {} · {}",
                                        esc(&date(&a.date)),
                                        esc(unit),
                                        esc(&place),
                                        esc(catalog::label(catalog::CATEGORIES, &a.category, lang)),
                                        esc(&money(value, lang))
                                    ),
                                )
                            }
                            Row::Skipped(why) => ("skipped", format!("{}: {}", esc(m.paste_skipped), esc(why))),
                            Row::Problems(ps) => (
                                "problem",
                                ps.iter().map(|p| format!("<span class=\"error\">{}</span>", esc(p))).collect::<Vec<_>>().join("<br>"),
                            ),
                        };
                        let _ = write!(out, "<tr data-testid=\"{prefix}-row\" data-state=\"{state}\"><td class=\"num\">{line}</td><td class=\"as-read\">{status}</td>");
                        let cells = cells.get(line - 1);
                        for i in 0..width {
                            let v = cells.and_then(|c| c.get(i)).map_or("", String::as_str);
                            let _ = write!(out, "<td>{}</td>", esc(v));
                        }
                        out.push_str("</tr>");
                    }
                    if rs.len() > SHOWN {
                        let _ = write!(out, "<tr><td colspan=\"{}\" class=\"muted\">… {} {}</td></tr>", width + 2, rs.len() - SHOWN, m.paste_more);
                    }
                    out
                })
            })
        })
    };
    view! {
        <div class="table-wrap">
            <table class="data-table paste-grid" data-testid=format!("{prefix}-grid")>
                <thead><tr><th scope="col">{m.paste_line}</th><th scope="col">{m.paste_result}</th>{heads}</tr></thead>
                <tbody inner_html=body></tbody>
            </table>
        </div>
    }
}
