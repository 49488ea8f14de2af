//! A unit's report for a period: its figures computed from activities, its narrative fields
//! (assessment, difficulties, proposals) saved as a `report` record, and submitting it.

use leptos::prelude::*;

use crate::report::html::Doc;

use super::{chosen_map, DocActions, HeadDraft, HeadFields, MapPicker, PeriodPicker};
use crate::bundle::export::{select, Period};
use crate::bundle::format::{file_name, write, Source};
use crate::domain::format::integer;
use crate::domain::record::{Record, Report, Unit};
use crate::domain::validate::check_report;
use crate::domain::Kind;
use crate::report::scope::Scope;
use crate::ui::app::use_page;
use crate::ui::browser::{download, new_id, now_iso, this_year, today};
use crate::ui::draft::{DraftNote, Kept};
use crate::ui::form::{Errors, Select, TextArea};
use crate::view::options::unit_options;
use crate::view::reports::{
    head_defaults, period_options, province_name, unit_document, unit_tables, UnitText,
};

#[component]
pub fn UnitReport() -> impl IntoView {
    let (ctx, m, lang, data) = use_page();
    let unit = RwSignal::new(ctx.working_unit().unwrap_or_default());
    // The periods a unit's report record may name (the bundle format's `period`).
    let periods = Memo::new(move |_| {
        let mut all = data.with(|ds| period_options(ds, this_year()));
        all.retain(|(code, _)| crate::domain::validate::valid_period(code));
        all
    });
    // A unit reports a year: the latest with activities, else this one.
    let period = RwSignal::new(data.with_untracked(|ds| {
        crate::view::options::activity_years(ds)
            .last()
            .map_or_else(|| this_year().to_string(), i32::to_string)
    }));
    let units = Memo::new(move |_| data.with(unit_options));
    let (assessment, difficulties, proposals) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let errors = Errors::new();
    let saved = RwSignal::new(None::<&'static str>);
    // After "Gửi báo cáo": the file produced (name and what it holds), or why it was not.
    let sent = RwSignal::new(None::<Result<(String, String), String>>);
    let province = data.with_untracked(province_name);
    let head = HeadDraft::new(
        format!("UBND tỉnh {province}"),
        String::new(),
        "…/BC-",
        province.clone(),
        "Thủ trưởng đơn vị",
        "Sở Dân tộc và Tôn giáo tỉnh\nBan Tổ chức Tỉnh ủy",
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
    // The narrative being typed is kept as a draft per unit and period, over the saved
    // report's revision; the letterhead is kept per unit.
    let kept = Kept::new(
        vec![
            ("assessment", assessment),
            ("difficulties", difficulties),
            ("proposals", proposals),
        ],
        true,
    );
    let fill = move |r: Option<&Report>| {
        let text = |f: fn(&Report) -> &String| r.map(|r| f(r).clone()).unwrap_or_default();
        assessment.set(text(|r| &r.assessment));
        difficulties.set(text(|r| &r.difficulties));
        proposals.set(text(|r| &r.proposals));
    };
    let rev_of = |r: Option<&Report>| r.map_or(String::new(), |r| r.rev.to_string());
    // Another unit or period: its saved narrative (or nothing), then its draft; name the
    // issuer. The same report saved again elsewhere: shown when nothing is typed over it.
    Effect::new(move |_| {
        let (u, p) = (unit.get(), period.get());
        let r = existing.get();
        let form = format!("report.{u}.{p}");
        if kept.form_name() == form {
            if !kept.dirty.get_untracked() {
                fill(r.as_ref());
            }
            kept.rebase(rev_of(r.as_ref()));
            return;
        }
        fill(r.as_ref());
        kept.open(form, rev_of(r.as_ref()));
        let defaults = data.with_untracked(|ds| head_defaults(ds, &u, Some(&today())));
        head.open(format!("letterhead.unit.{u}"), Some(defaults));
        saved.set(None);
        sent.set(None);
    });

    // A report is sent as the unit's file: no server, so the officer carries it to the province.
    let send_file = move || {
        let (u, p) = (unit.get_untracked(), period.get_untracked());
        let (text, short, holds) = data.with_untracked(|ds| {
            let out = select(ds, Some(&u), &Period::for_report(&p));
            let unit = ds.get::<Unit>(&u);
            let source = unit.map(|x| Source {
                unit_id: Some(x.id.clone()),
                label: Some(x.name.clone()),
            });
            let holds: Vec<String> = Kind::ALL
                .into_iter()
                .map(|k| (k, out.count(k)))
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| format!("{} {}", integer(n as i64, lang), k.label(lang)))
                .collect();
            (
                write(&out, &now_iso(), source.as_ref()),
                unit.map(|x| x.short_label().to_string()),
                holds.join(", "),
            )
        });
        let name = file_name(short.as_deref(), Some(&p), &today());
        sent.set(Some(
            download(&name, &text, "application/json").map(|_| (name, holds)),
        ));
        if sent.with_untracked(|s| matches!(s, Some(Ok(_)))) {
            data.note_export();
        }
    };

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
        let rev = r.rev.to_string();
        match data.save_record(r, check_report) {
            Ok(()) if submit => {
                kept.saved(rev);
                saved.set(None);
                send_file();
            }
            Ok(()) => {
                kept.saved(rev);
                sent.set(None);
                saved.set(Some(m.saved));
            }
            Err(problems) => errors.show(
                &problems,
                lang,
                &["assessment", "difficulties", "proposals"],
                "assessment",
            ),
        }
    };

    let map = RwSignal::new("today".to_string());
    let scope = Memo::new(move |_| {
        let s = Scope::for_period(&period.get())
            .unit(Some(&unit.get()))
            .drawn_on(&today());
        let map = chosen_map(&map.get());
        data.with_places(|ds, idx| s.on_map(map, ds, idx))
    });
    let tables = Memo::new(move |_| {
        let s = scope.get();
        data.with_places(|ds, idx| unit_tables(ds, idx, &s))
    });
    let doc = Memo::new(move |_| {
        let u = unit.get();
        if u.is_empty() {
            return Doc::default();
        }
        let (s, p) = (scope.get(), period.get());
        let (assessment, difficulties, proposals) =
            (assessment.get(), difficulties.get(), proposals.get());
        let text = UnitText {
            assessment: &assessment,
            difficulties: &difficulties,
            proposals: &proposals,
        };
        tables.with(|t| {
            data.with_places(|ds, idx| {
                unit_document(head.letterhead(), ds, idx, &s, (&u, &p), t, text)
            })
        })
    });
    let stem = Signal::derive(move || {
        let short = data.with(|ds| {
            ds.get::<Unit>(&unit.get())
                .map(|x| x.short_label().to_string())
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
                <PeriodPicker id="report-period" period=period options=periods />
                <MapPicker id="report-map" choice=map />
            </div>
            <Show when=move || !unit.get().is_empty() fallback=move || view! { <p class="note">{m.rep_choose_unit}</p> }>
                <TextArea id="report-assessment" label=m.rep_assessment value=assessment error=errors.of("assessment") rows=4 />
                <TextArea id="report-difficulties" label=m.rep_difficulties value=difficulties error=errors.of("difficulties") rows=3 />
                <TextArea id="report-proposals" label=m.rep_proposals value=proposals error=errors.of("proposals") rows=3 />
                <DraftNote kept=kept stale=m.draft_stale_report on_discard=move |_| {
                    fill(existing.get_untracked().as_ref());
                    kept.discard();
                } />
                <div class="actions">
                    <button type="button" data-testid="report-save" on:click=move |_| save(false)>{m.rep_save}</button>
                    <button type="button" class="primary" data-testid="report-submit" on:click=move |_| save(true)>{m.rep_submit}</button>
                    <span class="status" role="status" data-testid="report-status">
                        {m.rep_status}": "
                        {move || existing.with(|r| match r.as_ref().filter(|r| r.status == "submitted") {
                            Some(r) => match r.submitted_at.as_deref() {
                                Some(at) => format!("{} {} {}", m.rep_submitted, m.rep_submitted_on, crate::domain::format::date(&at[..at.len().min(10)])),
                                None => m.rep_submitted.to_string(),
                            },
                            None => m.rep_draft.to_string(),
                        })}
                        {move || saved.get().map(|s| format!(" — {s}"))}
                    </span>
                </div>
                <p class="hint">{m.rep_submit_hint}</p>
                {move || sent.get().map(|r| match r {
                    Ok((name, holds)) => view! {
                        <div class="banner banner-ok report-sent" role="status" data-testid="report-sent">
                            <p>{m.rep_sent_file}" "<code data-testid="report-sent-file">{name}</code></p>
                            <p>{m.rep_sent_holds}": "{holds}"."</p>
                            <p>{m.rep_sent_how}</p>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p class="banner banner-error" role="alert">{m.download_failed}" "{e}</p> }.into_any(),
                })}
                <HeadFields head=head />
                <DocActions tables=tables file_stem=stem doc=doc />
            </Show>
        </div>
        <p class="muted no-print">{m.rep_preview}</p>
        // Wider than a phone: it scrolls, so it takes focus for the keyboard to scroll it.
        <div
            class="doc-frame"
            role="region"
            tabindex="0"
            aria-label=m.rep_preview
            inner_html=move || doc.with(Doc::html)
        ></div>
    }
}
