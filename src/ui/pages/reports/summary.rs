//! The provincial (or district) summary: figures of every unit, an auto-drafted narrative that
//! the officer can edit before printing, the units behind, and the spreadsheets.

use leptos::prelude::*;

use super::{period_options, period_phrase, province_name, DocActions, HeadDraft, HeadFields};
use crate::domain::format::integer;
use crate::domain::query::{place_name, place_name_inline, LocationIndex};
use crate::domain::Lang;
use crate::report::aggregate::aggregate;
use crate::report::coverage::standing;
use crate::report::html::{document, esc, Part};
use crate::report::narrative::{draft, Subject};
use crate::report::scope::Scope;
use crate::report::tables::{
    activities, by_category, by_commune, by_unit, plan_progress, plan_rollup,
};
use crate::ui::app::use_ctx;
use crate::ui::form::{Select, TextArea};

#[component]
pub fn SummaryReport() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let data = ctx.data;
    let periods = Memo::new(move |_| data.with(period_options));
    let period = RwSignal::new(super::PHASE.to_string());
    let area = RwSignal::new(String::new());
    let areas = Memo::new(move |_| {
        data.with(|ds| {
            let mut v: Vec<(String, String)> = ds
                .locations
                .iter()
                .filter(|l| l.level == "district")
                .map(|l| (l.id.clone(), place_name(l)))
                .collect();
            crate::domain::order::sort_by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    });
    let narrative = RwSignal::new(String::new());
    let province = data.with_untracked(province_name);
    let head = HeadDraft::new(
        format!("UBND tỉnh {province}"),
        "Ban Dân tộc".into(),
        "…/BC-BDT",
        province.clone(),
        "Trưởng ban",
        "Tỉnh ủy, HĐND, UBND tỉnh\nBan Tổ chức Tỉnh ủy\nCác cơ quan, đơn vị được phân công",
    );

    let scope = Memo::new(move |_| Scope::for_period(&period.get()).place(Some(&area.get())));
    let drafted = Memo::new(move |_| {
        let (s, p, a) = (scope.get(), period.get(), area.get());
        data.with(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            let f = aggregate(ds, &idx, &s);
            let area_name = idx
                .get(&a)
                .map(place_name_inline)
                .unwrap_or_else(|| format!("tỉnh {}", province_name(ds)));
            draft(
                ds,
                &idx,
                &s,
                &Subject {
                    period: &p,
                    area: area_name,
                    phase: super::PHASE,
                },
                &f,
            )
            .join("\n\n")
        })
    });
    // A new scope or period drafts the text again; edits last until then.
    Effect::new(move |_| narrative.set(drafted.get()));

    let tables = Memo::new(move |_| {
        let s = scope.get();
        data.with(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            let f = aggregate(ds, &idx, &s);
            vec![
                activities(ds, &idx, &s),
                by_category(&f),
                by_unit(ds, &f),
                by_commune(&idx, &f),
                plan_progress(ds, &idx, &s),
                plan_rollup(ds, &idx, &s),
            ]
        })
    });
    let behind = Memo::new(move |_| {
        let p = period.get();
        let year = p
            .get(..4)
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|_| !p.contains("-2"));
        year.map(|y| {
            data.with(|ds| standing(ds, super::PHASE, y))
                .into_iter()
                .filter(|s| s.behind())
                .collect::<Vec<_>>()
        })
    });
    let doc = Memo::new(move |_| {
        let (p, a) = (period.get(), area.get());
        let area_name = data.with(|ds| {
            LocationIndex::new(&ds.locations)
                .get(&a)
                .map(place_name_inline)
                .unwrap_or_else(|| format!("tỉnh {}", province_name(ds)))
        });
        let paragraphs: Vec<String> = narrative
            .get()
            .split("\n\n")
            .map(|s| s.replace('\n', " "))
            .collect();
        let behind_html = behind.get().map(|list| {
            if list.is_empty() {
                "<p class=\"doc-p\">Tất cả các cơ quan, đơn vị được phân công đã có kế hoạch, hoạt động và gửi báo cáo.</p>".to_string()
            } else {
                let items: String = list
                    .iter()
                    .map(|s| {
                        let mut why = Vec::new();
                        if !s.has_plan {
                            why.push("chưa có kế hoạch");
                        }
                        if s.activities == 0 {
                            why.push("chưa có hoạt động");
                        }
                        if !s.reported {
                            why.push("chưa gửi báo cáo");
                        }
                        format!("<li>{}: {}</li>", esc(&s.name), why.join(", "))
                    })
                    .collect();
                format!(
                    "<p class=\"doc-p\">Có {} cơ quan, đơn vị chưa hoàn thành:</p><ul class=\"doc-list\" data-testid=\"doc-behind\">{items}</ul>",
                    integer(list.len() as i64, Lang::Vi)
                )
            }
        });
        tables.with(|t| {
            let mut parts = vec![
                Part::Heading("I. KẾT QUẢ THỰC HIỆN".into()),
                Part::Paragraphs(paragraphs),
                Part::Heading("II. SỐ LIỆU TỔNG HỢP".into()),
                Part::Heading("1. Theo lĩnh vực".into()),
                Part::Html(super::table_at(t, 1, "table-category")),
                Part::Heading("2. Theo cơ quan, đơn vị".into()),
                Part::Html(super::table_at(t, 2, "table-unit")),
                Part::Heading("3. Theo xã".into()),
                Part::Html(super::table_at(t, 3, "table-commune")),
                Part::Heading("4. Kinh phí kế hoạch và kết quả thực hiện".into()),
                Part::Html(super::table_at(t, 5, "table-plan-rollup")),
            ];
            if let Some(html) = behind_html {
                parts.push(Part::Heading("III. CÁC ĐƠN VỊ CHƯA HOÀN THÀNH".into()));
                parts.push(Part::Html(html));
            }
            document(
                &head.letterhead(
                    "BÁO CÁO",
                    format!("Kết quả công tác giúp đỡ các xã, thôn, bản đặc biệt khó khăn {} trên địa bàn {area_name}", period_phrase(&p)),
                ),
                &parts,
            )
        })
    });
    let stem = Signal::derive(move || format!("tong-hop-{}", period.get()));

    view! {
        <div class="report-controls no-print">
            <div class="grid">
                <Select id="summary-scope" label=m.rep_scope value=area options=areas empty=m.rep_whole />
                <Select id="summary-period" label=m.rep_period value=period options=periods />
            </div>
            <TextArea id="summary-narrative" label=m.rep_narrative value=narrative rows=10 />
            <div class="actions">
                <button type="button" data-testid="summary-redraft" on:click=move |_| narrative.set(drafted.get_untracked())>{m.rep_redraft}</button>
            </div>
            <HeadFields head=head />
            <DocActions tables=tables file_stem=stem />
        </div>
        <p class="muted no-print">{m.rep_preview}</p>
        <div class="doc-frame" inner_html=move || doc.get()></div>
    }
}
