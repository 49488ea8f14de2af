//! A unit's report for a period: its figures computed from activities, its narrative fields
//! (assessment, difficulties, proposals) saved as a `report` record, and submitting it.

use leptos::prelude::*;

use super::{period_options, period_phrase, province_name, DocActions, HeadDraft, HeadFields};
use crate::domain::query::LocationIndex;
use crate::domain::record::{Record, Report};
use crate::domain::validate::check_report;
use crate::report::aggregate::aggregate;
use crate::report::html::{document, Part};
use crate::report::narrative::{draft, Subject};
use crate::report::scope::Scope;
use crate::report::tables::{activities, by_category, by_commune, plan_progress};
use crate::ui::app::use_ctx;
use crate::ui::browser::{new_id, now_iso};
use crate::ui::form::{Errors, Select, TextArea};
use crate::ui::pages::directory::unit_options;

#[component]
pub fn UnitReport() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let data = ctx.data;
    let unit = RwSignal::new(ctx.working_unit().unwrap_or_default());
    let periods = Memo::new(move |_| data.with(period_options));
    let period = RwSignal::new(periods.with_untracked(|p| {
        p.get(1)
            .or(p.first())
            .map(|x| x.0.clone())
            .unwrap_or_else(|| super::PHASE.into())
    }));
    let units = Memo::new(move |_| data.with(unit_options));
    let (assessment, difficulties, proposals) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let errors = Errors::new();
    let saved = RwSignal::new(None::<&'static str>);
    let province = data.with_untracked(province_name);
    let head = HeadDraft::new(
        format!("UBND tỉnh {province}"),
        String::new(),
        "…/BC-",
        province.clone(),
        "Thủ trưởng đơn vị",
        "Ban Dân tộc tỉnh\nBan Tổ chức Tỉnh ủy",
    );

    let existing = Memo::new(move |_| {
        let (u, p) = (unit.get(), period.get());
        data.with(|ds| {
            ds.reports
                .iter()
                .find(|r| r.unit_id == u && r.period == p)
                .cloned()
        })
    });
    // Load the saved narrative (or nothing) when the unit or period changes; name the issuer.
    Effect::new(move |_| {
        let _ = (unit.get(), period.get());
        let r = existing.get_untracked();
        assessment.set(r.as_ref().map(|r| r.assessment.clone()).unwrap_or_default());
        difficulties.set(
            r.as_ref()
                .map(|r| r.difficulties.clone())
                .unwrap_or_default(),
        );
        proposals.set(r.as_ref().map(|r| r.proposals.clone()).unwrap_or_default());
        let name = data.with_untracked(|ds| {
            ds.units
                .iter()
                .find(|x| x.id == unit.get_untracked())
                .map(|x| x.name.clone())
        });
        head.issuer.set(name.unwrap_or_default());
        saved.set(None);
    });

    let save = move |submit: bool| {
        errors.clear();
        let mut r = existing.get_untracked().unwrap_or_else(|| Report {
            id: new_id(),
            rev: 0,
            unit_id: unit.get_untracked(),
            period: period.get_untracked(),
            status: "draft".into(),
            ..Default::default()
        });
        r.assessment = assessment.get_untracked().trim().to_string();
        r.difficulties = difficulties.get_untracked().trim().to_string();
        r.proposals = proposals.get_untracked().trim().to_string();
        let now = now_iso();
        if submit {
            r.status = "submitted".into();
            r.submitted_at = Some(now.clone());
        }
        r.touch(&now);
        match data.save_record(r, check_report) {
            Ok(()) => saved.set(Some(if submit { m.rep_submitted } else { m.saved })),
            Err(problems) => errors.show(
                &problems,
                lang,
                &["assessment", "difficulties", "proposals"],
                "assessment",
            ),
        }
    };

    let scope = Memo::new(move |_| Scope::for_period(&period.get()).unit(Some(&unit.get())));
    let tables = Memo::new(move |_| {
        let s = scope.get();
        data.with(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            let f = aggregate(ds, &idx, &s);
            vec![
                activities(ds, &idx, &s),
                by_category(&f),
                by_commune(&idx, &f),
                plan_progress(ds, &idx, &s),
            ]
        })
    });
    let doc = Memo::new(move |_| {
        if unit.get().is_empty() {
            return String::new();
        }
        let (s, p) = (scope.get(), period.get());
        let (narrative, unit_name) = data.with(|ds| {
            let idx = LocationIndex::new(&ds.locations);
            let f = aggregate(ds, &idx, &s);
            let subject = Subject {
                period: &p,
                area: format!("tỉnh {}", province_name(ds)),
                phase: super::PHASE,
            };
            let name = ds
                .units
                .iter()
                .find(|x| x.id == unit.get())
                .map(|x| x.name.clone())
                .unwrap_or_default();
            (draft(ds, &idx, &s, &subject, &f), name)
        });
        let paras = |s: String| s.lines().map(str::to_string).collect::<Vec<_>>();
        tables.with(|t| {
            document(
                &head.letterhead(
                    "BÁO CÁO",
                    format!("Kết quả công tác giúp đỡ xã, thôn, bản đặc biệt khó khăn {} của {unit_name}", period_phrase(&p)),
                ),
                &[
                    Part::Heading("I. KẾT QUẢ THỰC HIỆN".into()),
                    Part::Paragraphs(narrative),
                    Part::Heading("1. Kết quả theo lĩnh vực".into()),
                    Part::Html(super::table_at(t, 1, "table-category")),
                    Part::Heading("2. Kết quả theo địa bàn".into()),
                    Part::Html(super::table_at(t, 2, "table-commune")),
                    Part::Heading("3. Tiến độ thực hiện kế hoạch".into()),
                    Part::Html(super::table_at(t, 3, "table-plan")),
                    Part::Heading("II. ĐÁNH GIÁ CHUNG".into()),
                    Part::Paragraphs(paras(assessment.get())),
                    Part::Heading("III. KHÓ KHĂN, VƯỚNG MẮC".into()),
                    Part::Paragraphs(paras(difficulties.get())),
                    Part::Heading("IV. ĐỀ XUẤT, KIẾN NGHỊ".into()),
                    Part::Paragraphs(paras(proposals.get())),
                ],
            )
        })
    });
    let stem = Signal::derive(move || {
        let short = data.with(|ds| {
            ds.units.iter().find(|x| x.id == unit.get()).map(|x| {
                if x.short_name.is_empty() {
                    x.name.clone()
                } else {
                    x.short_name.clone()
                }
            })
        });
        format!(
            "bao-cao-{}-{}",
            crate::domain::text::slug(&short.unwrap_or_default()),
            period.get()
        )
    });

    view! {
        <div class="report-controls no-print">
            <div class="grid">
                <Select id="report-unit" label=m.f_unit value=unit options=units empty=m.choose />
                <Select id="report-period" label=m.rep_period value=period options=periods />
            </div>
            <Show when=move || !unit.get().is_empty() fallback=move || view! { <p class="note">{m.rep_choose_unit}</p> }>
                <TextArea id="report-assessment" label=m.rep_assessment value=assessment error=errors.of("assessment") rows=4 />
                <TextArea id="report-difficulties" label=m.rep_difficulties value=difficulties error=errors.of("difficulties") rows=3 />
                <TextArea id="report-proposals" label=m.rep_proposals value=proposals error=errors.of("proposals") rows=3 />
                <div class="actions">
                    <button type="button" data-testid="report-save" on:click=move |_| save(false)>{m.rep_save}</button>
                    <button type="button" class="primary" data-testid="report-submit" on:click=move |_| save(true)>{m.rep_submit}</button>
                    <span class="status" role="status" data-testid="report-status">
                        {m.rep_status}": "
                        {move || if existing.with(|r| r.as_ref().is_some_and(|r| r.status == "submitted")) { m.rep_submitted } else { m.rep_draft }}
                        {move || saved.get().map(|s| format!(" — {s}"))}
                    </span>
                </div>
                <HeadFields head=head />
                <DocActions tables=tables file_stem=stem />
            </Show>
        </div>
        <p class="muted no-print">{m.rep_preview}</p>
        <div class="doc-frame" inner_html=move || doc.get()></div>
    }
}
