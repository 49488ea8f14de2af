//! The spreadsheet step of an import: the sheet, the header row and each column's meaning
//! (guessed, or as chosen last time for the same layout), the rows as read with every problem
//! named by sheet, row and column, the names the directory lacks with a button to add each, and
//! "Xem trước", which sends the ready rows through the same preview as a bundle.
//!
//! Test hooks: `sheet-step`, `sheet-choose`, `sheet-header-row`, `sheet-remembered`,
//! `sheet-summary` (`data-ready`, `data-problems`, `data-skipped`, `data-cash`, `data-in-kind`),
//! `sheet-problem`, `sheet-merged` (figures merged down, counted once), `sheet-missing-item` with its `sheet-use` (one per close name) and `sheet-add`, `sheet-added`, `sheet-preview`,
//! `sheet-cancel`, and the grid's `sheet-grid`, `sheet-col-<i>`, `sheet-row`.

use leptos::prelude::*;

use super::records::RecordsStep;
use super::Pipeline;
use crate::domain::format::{integer, money};
use crate::sheet::activities::{merged_figures, tally, to_dataset, Context, Row};
use crate::sheet::columns::{at_header, guess, guess_sheet, layout_key, Column, Mapping};
use crate::sheet::missing::{missing, to_add, NewRecord};
use crate::sheet::names::Names;
use crate::sheet::records::{header_row, SheetKind};
use crate::store;
use crate::store::local::LocalStorage;
use crate::ui::app::use_ctx;
use crate::ui::browser::{new_id, now_iso};
use crate::ui::sheet_grid::{read_rows, SheetGrid};
use crate::view::import::Event;

/// Problems listed at most (the grid shows every row's).
const LISTED: usize = 100;
/// Rows offered as the header row.
const HEADER_CHOICES: usize = 30;

#[component]
pub fn SheetStep(file: String, pipeline: Pipeline) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let model = pipeline.model;
    let names: Vec<(String, usize)> = model.with_untracked(|x| {
        x.sheets
            .iter()
            .flatten()
            .map(|s| (s.name.clone(), s.rows.len()))
            .collect()
    });
    // The sheet whose header names the most columns; the first one when none does.
    let best = model.with_untracked(|x| {
        let sheets = x.sheets.as_deref().unwrap_or(&[]);
        ctx.data.with_places_untracked(|ds, idx| {
            let score = |i: usize| {
                let mp = guess_sheet(&sheets[i].rows, ds, idx);
                if mp.header {
                    mp.columns
                        .iter()
                        .filter(|c| !matches!(c, Column::Note | Column::Skip))
                        .count()
                } else {
                    0
                }
            };
            (0..sheets.len())
                .max_by_key(|&i| (score(i), usize::MAX - i))
                .unwrap_or(0)
        })
    });
    let sheet_ix = RwSignal::new(best);
    let rows = Memo::new(move |_| {
        let i = sheet_ix.get();
        model.with_untracked(|x| {
            x.sheets
                .as_ref()
                .and_then(|s| s.get(i))
                .map(|s| s.rows.clone())
                .unwrap_or_default()
        })
    });
    let marks = Memo::new(move |_| {
        let i = sheet_ix.get();
        model.with_untracked(|x| {
            x.sheets
                .as_ref()
                .and_then(|s| s.get(i))
                .map(|s| s.marks.clone())
                .unwrap_or_default()
        })
    });
    let listed = names.clone();
    let sheet_name = Memo::new(move |_| {
        listed
            .get(sheet_ix.get())
            .map(|(n, _)| n.clone())
            .unwrap_or_default()
    });

    // What the rows are: from the sheet's name ("Kế hoạch", "Danh mục đơn vị"), changeable.
    let kind = RwSignal::new(SheetKind::from_sheet_name(&sheet_name.get_untracked()));
    let rec_first = RwSignal::new(0usize);
    let set_kind = move |k: SheetKind| {
        if k != SheetKind::Activities {
            rec_first.set(rows.with_untracked(|r| header_row(k, r)));
        }
        kind.set(k);
    };
    set_kind(kind.get_untracked());
    Effect::new(move |drawn: Option<()>| {
        let name = sheet_name.get();
        if drawn.is_some() {
            set_kind(SheetKind::from_sheet_name(&name));
        }
    });
    let is_activities = move || kind.get() == SheetKind::Activities;
    let layouts = StoredValue::new(store::layouts::load(&LocalStorage));
    // A mapping as guessed, then as remembered for the same layout (and whether it was).
    let recall = move |mut mp: Mapping| -> (Mapping, bool) {
        let known = rows.with_untracked(|r| {
            let key = layout_key(r.get(mp.first).map_or(&[][..], Vec::as_slice));
            layouts.with_value(|l| l.get(&key).map(<[String]>::to_vec))
        });
        let applied = match (mp.header, known) {
            (true, Some(codes)) => {
                for (c, code) in mp.columns.iter_mut().zip(&codes) {
                    *c = Column::from_code(code);
                }
                true
            }
            _ => false,
        };
        (mp, applied)
    };
    let guessed = move || {
        rows.with(|r| {
            ctx.data
                .with_places_untracked(|ds, idx| guess_sheet(r, ds, idx))
        })
    };
    // The first mapping before the rows are read: 20,000 rows are read once, not first with
    // no mapping at all.
    let (first, known) = recall(guessed());
    let mapping = RwSignal::new(first);
    let remembered = RwSignal::new(known);
    let settle = move |mp: Mapping| {
        let (mp, known) = recall(mp);
        remembered.set(known);
        mapping.set(mp);
    };
    // Another sheet chosen: its own mapping.
    Effect::new(move |drawn: Option<()>| {
        let mp = guessed();
        if drawn.is_some() {
            settle(mp);
        }
    });
    let set_header = move |value: String| {
        if kind.get_untracked() != SheetKind::Activities {
            rec_first.set(value.parse().unwrap_or(0));
            return;
        }
        let mp = rows.with_untracked(|r| {
            ctx.data
                .with_places_untracked(|ds, idx| match value.parse::<usize>() {
                    Ok(first) => at_header(r, first, ds, idx),
                    Err(_) => {
                        let mut mp = guess(r, ds, idx);
                        mp.header = false;
                        mp
                    }
                })
        });
        settle(mp);
    };
    let read_rows = read_rows(rows, marks, mapping);
    let lacking = Memo::new(move |_| {
        rows.with(|r| {
            mapping.with(|mp| {
                ctx.data.with_places(|ds, idx| {
                    let cx = Context {
                        ds,
                        idx,
                        names: Names::new(ds, idx).choosing(ds, &mp.chosen),
                        unit: None,
                        now: "",
                        lang,
                        marks: &crate::sheet::activities::NO_MARKS,
                    };
                    missing(r, mp, &cx)
                })
            })
        })
    });
    let summary = move || {
        read_rows.with(|rs| {
            let (ready, bad, skipped, text) = tally(rs, lang);
            let (cash, kind) = rs.iter().fold((0i64, 0i64), |(c, k), (_, r)| match r {
                Row::Ready(a) => (c + a.cash_vnd, k + a.in_kind_vnd),
                _ => (c, k),
            });
            view! {
                <p
                    class="sheet-summary"
                    data-testid="sheet-summary"
                    data-ready=ready
                    data-problems=bad
                    data-skipped=skipped
                    data-cash=cash
                    data-in-kind=kind
                >
                    <strong>{text}</strong>
                    {format!(
                        ". {}: {} {} + {} {}.",
                        m.sheet_total,
                        money(cash, lang),
                        crate::domain::text::lower(crate::sheet::columns::Column::Cash.label(lang)),
                        money(kind, lang),
                        crate::domain::text::lower(crate::sheet::columns::Column::InKind.label(lang)),
                    )}
                </p>
            }
        })
    };
    let problems = move || {
        let sheet = sheet_name.get();
        read_rows.with(|rs| {
            let bad: Vec<(usize, String)> = rs
                .iter()
                .filter_map(|(line, r)| match r {
                    Row::Problems(ps) => Some((*line, ps.join(" "))),
                    _ => None,
                })
                .collect();
            if bad.is_empty() {
                return ().into_any();
            }
            let more = bad.len().saturating_sub(LISTED);
            let items = bad
                .into_iter()
                .take(LISTED)
                .map(|(line, text)| {
                    view! {
                        <li data-testid="sheet-problem">
                            {format!("{} “{sheet}”, {} {line}: {text}", m.sheet_sheet, crate::domain::text::lower(m.sheet_row))}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="sheet-problems">
                    <h3>{m.sheet_problems}</h3>
                    <ul>{items}</ul>
                    {(more > 0).then(|| view! { <p class="muted">{format!("… {} {}", integer(more as i64, lang), m.paste_more)}</p> })}
                </section>
            }
            .into_any()
        })
    };
    let added = RwSignal::new(Vec::<String>::new());
    let add = move |i: usize| {
        let Some(item) = lacking.with_untracked(|l| l.get(i).cloned()) else {
            return;
        };
        let record = ctx
            .data
            .with_untracked(|ds| to_add(&item, ds, new_id(), &now_iso()));
        let name = match &record {
            NewRecord::Place(p) => format!("{} {}", p.label, p.name),
            NewRecord::Unit(u) => u.name.clone(),
        };
        ctx.data.edit(|ds| match record {
            NewRecord::Place(p) => ds.put(p),
            NewRecord::Unit(u) => ds.put(u),
        });
        added.update(|a| a.push(name));
    };
    let lacking_view = move || {
        lacking.with(|l| {
            if l.is_empty() {
                return ().into_any();
            }
            let items = l
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let what = format!(
                        "{}: “{}” ({} {})",
                        item.column.label(lang),
                        item.name,
                        integer(item.rows as i64, lang),
                        m.sheet_rows
                    );
                    // A close name in the directory is offered first: the same place, written
                    // otherwise, is used, not added twice.
                    let uses = item
                        .near
                        .iter()
                        .map(|(id, shown)| {
                            let (column, text, id) = (item.column, item.name.clone(), id.clone());
                            let choose = move |_| {
                                mapping.update(|mp| mp.chosen.push((column, text.clone(), id.clone())))
                            };
                            view! {
                                <button type="button" data-testid="sheet-use" on:click=choose>
                                    {format!("{} {shown}", m.sheet_use)}
                                </button>
                            }
                        })
                        .collect_view();
                    view! {
                        <li data-testid="sheet-missing-item">
                            <span>{what}</span>" "
                            {uses}
                            <button type="button" data-testid="sheet-add" on:click=move |_| add(i)>{m.sheet_add}</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="sheet-missing">
                    <h3>{m.sheet_missing}</h3>
                    <p class="note">{m.sheet_missing_hint}</p>
                    <ul>{items}</ul>
                </section>
            }
            .into_any()
        })
    };
    let ready = move || {
        read_rows.with(|rs| {
            rs.iter()
                .filter(|(_, r)| matches!(r, Row::Ready(_)))
                .count()
        })
    };
    let file_name = StoredValue::new(file);
    let preview = move |()| {
        // Remember the columns for the next file laid out the same way.
        let (key, codes) = rows.with_untracked(|r| {
            mapping.with_untracked(|mp| {
                (
                    layout_key(r.get(mp.first).map_or(&[][..], Vec::as_slice)),
                    mp.columns
                        .iter()
                        .map(|c| c.code().to_string())
                        .collect::<Vec<_>>(),
                )
            })
        });
        if mapping.with_untracked(|mp| mp.header) && !key.is_empty() {
            layouts.update_value(|l| l.remember(key, codes));
            // Only a convenience: a full storage must not stop the import.
            let _ = layouts.with_value(|l| store::layouts::save(&mut LocalStorage, l));
        }
        let data =
            read_rows.with_untracked(|rs| ctx.data.with_untracked(|stored| to_dataset(rs, stored)));
        pipeline.check_sheet(file_name.get_value(), &sheet_name.get_untracked(), data);
    };
    let sheet_options = names
        .iter()
        .enumerate()
        .map(|(i, (n, len))| {
            view! { <option value=i selected=i == best>{format!("{n} ({} {})", integer(*len as i64, lang), m.sheet_rows)}</option> }
        })
        .collect_view();
    let header_options = move || {
        let first = if is_activities() {
            mapping.with(|mp| mp.header.then_some(mp.first))
        } else {
            Some(rec_first.get())
        };
        rows.with(|r| {
            let mut out = vec![view! { <option value="none" selected=first.is_none()>{m.sheet_no_header}</option> }.into_any()];
            for (i, row) in r.iter().enumerate().take(HEADER_CHOICES) {
                let cells: Vec<&str> = row.iter().map(String::as_str).filter(|c| !c.is_empty()).take(4).collect();
                if cells.is_empty() {
                    continue;
                }
                let label = format!("{} {}: {}", m.sheet_row, i + 1, cells.join(" | "));
                out.push(view! { <option value=i selected=first == Some(i)>{label}</option> }.into_any());
            }
            out
        })
    };

    view! {
        <section class="card sheet-step" data-testid="sheet-step" aria-labelledby="sheet-title">
            <h2 id="sheet-title">{m.sheet_title}" — "{file_name.get_value()}</h2>
            <p class="note">{m.sheet_intro}</p>
            <div class="sheet-choices">
                <label>
                    <span>{m.sheet_choose}</span>
                    <select data-testid="sheet-choose" on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse() {
                            sheet_ix.set(i);
                        }
                    }>{sheet_options}</select>
                </label>
                <label>
                    <span>{m.sheet_kind}</span>
                    <select data-testid="sheet-kind" on:change=move |ev| set_kind(SheetKind::from_code(&event_target_value(&ev)))>
                        {move || {
                            let current = kind.get();
                            SheetKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.code() selected=k == current>{k.label(lang)}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label>
                    <span>{m.sheet_header_row}</span>
                    <select data-testid="sheet-header-row" on:change=move |ev| set_header(event_target_value(&ev))>
                        {header_options}
                    </select>
                </label>
            </div>
            <Show
                when=is_activities
                fallback=move || view! { <RecordsStep rows=rows marks=marks kind=kind first=rec_first sheet_name=sheet_name file=file_name.get_value() pipeline=pipeline /> }
            >
            <Show when=move || remembered.get()>
                <p class="note" data-testid="sheet-remembered">{m.sheet_remembered}</p>
            </Show>
            {summary}
            {move || {
                let lines = marks.with(|mk| mapping.with(|mp| merged_figures(mp, mk, lang)));
                (!lines.is_empty()).then(|| view! {
                    <ul class="note" data-testid="sheet-merged">
                        {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ul>
                })
            }}
            {move || {
                let a = added.get();
                (!a.is_empty()).then(|| view! {
                    <div class="banner banner-ok" role="status" data-testid="sheet-added">{format!("{} {}.", m.sheet_added, a.join(", "))}</div>
                })
            }}
            {lacking_view}
            {problems}
            <SheetActions ready=Signal::derive(ready) preview=Callback::new(preview) pipeline=pipeline />
            <SheetGrid rows=rows mapping=mapping read_rows=read_rows prefix="sheet" />
            </Show>
        </section>
    }
}

/// "Xem trước (N dòng)", disabled while no row is ready, and "Huỷ": the end of either step.
#[component]
pub(super) fn SheetActions(
    ready: Signal<usize>,
    preview: Callback<()>,
    pipeline: Pipeline,
) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    view! {
        <div class="actions">
            <button type="button" class="primary" data-testid="sheet-preview" disabled=move || ready.get() == 0 on:click=move |_| preview.run(())>
                {move || format!("{} ({} {})", m.sheet_preview, integer(ready.get() as i64, lang), m.sheet_rows)}
            </button>
            <button type="button" data-testid="sheet-cancel" on:click=move |_| pipeline.event(Event::Cancel)>{m.sheet_cancel}</button>
        </div>
    }
}
