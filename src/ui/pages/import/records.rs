//! The spreadsheet step for a sheet of the directory (places, units, assignments) or of plans:
//! its rows read into those records (`sheet::records`), the counts, each problem by sheet, row
//! and column, the rows as read, and "Xem trước" into the same preview as a bundle. Its hooks
//! are the activities step's: `sheet-summary`, `sheet-problem`, `sheet-preview`, `sheet-cancel`,
//! `sheet-grid` and `sheet-row` (`data-state` ready, problem, skipped).

use leptos::prelude::*;

use super::sheet::SheetActions;
use super::Pipeline;
use crate::domain::format::integer;
use crate::sheet::records::{read, Against, Outcome, SheetKind};
use crate::ui::app::use_ctx;
use crate::ui::browser::now_iso;

/// Rows drawn at most; the rest are read and counted.
const SHOWN: usize = 300;

#[component]
pub fn RecordsStep(
    rows: Memo<Vec<Vec<String>>>,
    marks: Memo<crate::sheet::xlsx::Marks>,
    kind: RwSignal<SheetKind>,
    first: RwSignal<usize>,
    sheet_name: Memo<String>,
    file: String,
    pipeline: Pipeline,
) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let now = StoredValue::new(now_iso());
    let read_rows = Memo::new(move |_| {
        let kind = kind.get();
        let first = first.get();
        rows.with(|r| {
            ctx.data.with_places(|ds, idx| {
                marks.with(|marks| {
                    let cx = Against {
                        ds,
                        idx,
                        now: &now.get_value(),
                        lang,
                        marks,
                    };
                    read(kind, r, first, &cx)
                })
            })
        })
    });
    let counts = move || {
        read_rows.with(|(o, _)| {
            let ready = o
                .iter()
                .filter(|(_, x)| matches!(x, Outcome::Ready(_)))
                .count();
            let bad = o
                .iter()
                .filter(|(_, x)| matches!(x, Outcome::Problems(_)))
                .count();
            (ready, bad, o.len() - ready - bad)
        })
    };
    let summary = move || {
        let (ready, bad, skipped) = counts();
        let n = |v: usize| integer(v as i64, lang);
        let text = match lang {
            crate::domain::Lang::Vi => format!(
                "{} dòng sẵn sàng · {} dòng có lỗi · {} dòng bỏ qua",
                n(ready),
                n(bad),
                n(skipped)
            ),
            crate::domain::Lang::En => format!(
                "{} rows ready · {} with problems · {} skipped",
                n(ready),
                n(bad),
                n(skipped)
            ),
        };
        view! {
            <p class="sheet-summary" data-testid="sheet-summary" data-ready=ready data-problems=bad data-skipped=skipped data-cash=0 data-in-kind=0>
                <strong>{text}</strong>" — "{move || kind.get().label(lang)}
            </p>
        }
    };
    let problems = move || {
        let sheet = sheet_name.get();
        read_rows.with(|(o, _)| {
            let items: Vec<_> = o
                .iter()
                .filter_map(|(line, x)| match x {
                    Outcome::Problems(ps) => Some(format!(
                        "{} “{sheet}”, {} {line}: {}",
                        m.sheet_sheet,
                        crate::domain::text::lower(m.sheet_row),
                        ps.join(" ")
                    )),
                    _ => None,
                })
                .take(100)
                .map(|t| view! { <li data-testid="sheet-problem">{t}</li> })
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <section class="sheet-problems">
                        <h3>{m.sheet_problems}</h3>
                        <ul>{items}</ul>
                    </section>
                }
            })
        })
    };
    let grid = move || {
        rows.with(|cells| {
            read_rows.with(|(o, _)| {
                let width = cells.iter().map(Vec::len).max().unwrap_or(0);
                let header = cells.get(first.get()).cloned().unwrap_or_default();
                let heads = (0..width)
                    .map(|i| view! { <th scope="col">{header.get(i).cloned().unwrap_or_default()}</th> })
                    .collect_view();
                let body = o
                    .iter()
                    .take(SHOWN)
                    .map(|(line, x)| {
                        let (state, said) = match x {
                            Outcome::Ready(t) => ("ready", format!("✓ {t}")),
                            Outcome::Skipped(t) => ("skipped", format!("{}: {t}", m.paste_skipped)),
                            Outcome::Problems(ps) => ("problem", ps.join(" ")),
                        };
                        let row = cells.get(line - 1).cloned().unwrap_or_default();
                        let tds = (0..width)
                            .map(|i| view! { <td>{row.get(i).cloned().unwrap_or_default()}</td> })
                            .collect_view();
                        view! {
                            <tr data-testid="sheet-row" data-state=state>
                                <td class="num">{*line}</td>
                                <td class="as-read">{said}</td>
                                {tds}
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="data-table paste-grid" data-testid="sheet-grid">
                            <thead><tr><th scope="col">{m.paste_line}</th><th scope="col">{m.paste_result}</th>{heads}</tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                }
            })
        })
    };
    let file = StoredValue::new(file);
    let preview = move |()| {
        let data = read_rows.with_untracked(|(_, data)| data.clone());
        pipeline.check_sheet(file.get_value(), &sheet_name.get_untracked(), data);
    };
    let ready = move || counts().0;
    view! {
        {summary}
        {problems}
        <SheetActions ready=Signal::derive(ready) preview=Callback::new(preview) pipeline=pipeline />
        {grid}
    }
}
