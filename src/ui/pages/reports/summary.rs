//! The provincial (or district) summary: figures of every unit, an auto-drafted narrative that
//! the officer can edit before printing, the units behind, and the spreadsheets.

use leptos::prelude::*;

use crate::report::html::Doc;

use super::{chosen_map, DocActions, HeadDraft, HeadFields, MapPicker, PeriodPicker};
use crate::report::coverage::standing;
use crate::report::period::{default_phase, phase_of_year};
use crate::report::review;
use crate::report::scope::Scope;
use crate::store::drafts::fingerprint;
use crate::ui::app::use_ctx;
use crate::ui::browser::this_year;
use crate::ui::draft::{DraftNote, Kept};
use crate::ui::form::{Select, TextArea};
use crate::view::options::location_options;
use crate::view::reports::{
    area_name, basis_paragraph, head_defaults, narrative, period_options, province_name,
    scope_options, single_year, summary_document, summary_sections, summary_tables, superior_on,
};

/// The scope choice that opens the list of communes to group.
const GROUP: &str = "group";

#[component]
pub fn SummaryReport() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let data = ctx.data;
    let periods = Memo::new(move |_| data.with(|ds| period_options(ds, this_year())));
    let period = RwSignal::new(data.with_untracked(|ds| default_phase(ds, this_year())));
    let area = RwSignal::new(String::new());
    // Districts as they were, communes, and a group of communes chosen together.
    let areas = Memo::new(move |_| {
        let mut list = data.with(scope_options);
        list.push((GROUP.to_string(), m.rep_group.to_string()));
        list
    });
    let group = RwSignal::new(Vec::<String>::new());
    let communes =
        Memo::new(move |_| data.with_places(|ds, idx| location_options(ds, idx, &["commune"])));
    let map = RwSignal::new("today".to_string());
    let narrative_text = RwSignal::new(String::new());
    let sections_text = RwSignal::new(String::new());
    let province = data.with_untracked(province_name);
    let head = HeadDraft::new(
        format!("UBND tỉnh {province}"),
        // Since 1 March 2025 the province's ethnic affairs body is a department (Sở).
        "Sở Dân tộc và Tôn giáo".into(),
        "…/BC-SDTTG",
        province.clone(),
        "Giám đốc",
        "Thường trực Tỉnh ủy\nThường trực HĐND tỉnh\nUBND tỉnh\nBan Tổ chức Tỉnh ủy\nCác cơ quan, đơn vị được phân công",
    );

    let scope = Memo::new(move |_| {
        let s = if area.get() == GROUP {
            Scope::for_period(&period.get()).group(group.get())
        } else {
            Scope::for_period(&period.get()).place(Some(&area.get()))
        }
        .drawn_on(&crate::ui::browser::today());
        let map = chosen_map(&map.get());
        data.with_places(|ds, idx| s.on_map(map, ds, idx))
    });
    let behind = Memo::new(move |_| {
        single_year(&period.get()).map(|y| {
            data.with(|ds| standing(ds, &phase_of_year(y), y))
                .into_iter()
                .filter(|s| s.behind())
                .collect::<Vec<_>>()
        })
    });
    let sections = Memo::new(move |_| {
        let (s, p) = (scope.get(), period.get());
        behind.with(|b| data.with_places(|ds, idx| summary_sections(ds, idx, &s, &p, b.as_deref())))
    });
    // Section I (the narrative) and sections II–V, both drafted from the data and editable.
    let drafted = Memo::new(move |_| {
        let (s, p, a) = (scope.get(), period.get(), area.get());
        data.with_places(|ds, idx| {
            narrative(ds, idx, &s, &p, area_name(ds, idx, &a, &s)).join("\n\n")
        })
    });
    let drafted_sections = Memo::new(move |_| sections.with(|s| review::to_text(s)));
    // Headed as the unit this browser works for (Settings), when the directory holds it.
    let own = ctx.working_unit().map(|u| {
        data.with_untracked(|ds| head_defaults(ds, &u, Some(&crate::ui::browser::today())))
    });
    head.open("letterhead.summary".into(), own);
    // The narrative as edited is kept per period and scope; a new scope or period shows its own
    // (drafted, or as edited there before). New figures redraft text that was not edited, and
    // mark edited text as written over older figures.
    let kept = Kept::new(
        vec![("text", narrative_text), ("sections", sections_text)],
        false,
    );
    Effect::new(move |_| {
        let text = drafted.get();
        let more = drafted_sections.get();
        let place = if area.get() == GROUP {
            group.get().join("+")
        } else {
            area.get()
        };
        let form = format!("summary.{}.{place}.{}", period.get(), map.get());
        let basis = fingerprint(&format!("{text}\n\n{more}"));
        if kept.form_name() == form {
            if !kept.dirty.get_untracked() {
                narrative_text.set(text);
                sections_text.set(more);
            }
            kept.rebase(basis);
        } else {
            narrative_text.set(text);
            sections_text.set(more);
            kept.open(form, basis);
        }
    });
    let redraft = move || {
        narrative_text.set(drafted.get_untracked());
        sections_text.set(drafted_sections.get_untracked());
        kept.discard();
    };

    let tables = Memo::new(move |_| {
        let s = scope.get();
        data.with_places(|ds, idx| summary_tables(ds, idx, &s))
    });
    let doc = Memo::new(move |_| {
        let (p, a) = (period.get(), area.get());
        let s = scope.get();
        let mut letterhead = head.letterhead();
        let (area, basis) = data.with_places(|ds, idx| {
            letterhead.parent_body =
                superior_on(ds, &letterhead.parent_body, Some(&letterhead.date));
            (
                area_name(ds, idx, &a, &s),
                basis_paragraph(ds, idx, &s, &p, &letterhead.issuer),
            )
        });
        let text = narrative_text.get();
        let s = review::from_text(&sections_text.get());
        behind.with(|behind| {
            tables.with(|t| {
                summary_document(
                    letterhead.clone(),
                    (&area, &p, &basis),
                    (&text, &s),
                    t,
                    behind.as_deref(),
                )
            })
        })
    });
    let stem = Signal::derive(move || format!("tong-hop-{}", period.get()));

    view! {
        <div class="report-controls no-print">
            <div class="grid">
                <Select id="summary-scope" label=m.rep_scope value=area options=areas empty=m.rep_whole />
                <PeriodPicker id="summary-period" period=period options=periods spans=true />
                <MapPicker id="summary-map" choice=map />
            </div>
            <Show when=move || area.get() == GROUP>
                <fieldset class="check-group" data-testid="summary-group">
                    <legend>{m.rep_group_pick}</legend>
                    {move || communes.get().into_iter().map(|(id, name)| {
                        let key = id.clone();
                        let checked = group.with_untracked(|g| g.contains(&id));
                        view! {
                            <label class="check">
                                <input type="checkbox" value=id.clone() checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let key = key.clone();
                                        group.update(|g| {
                                            g.retain(|x| *x != key);
                                            if on { g.push(key); }
                                        });
                                    } />
                                " "{name}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </Show>
            <TextArea id="summary-narrative" label=m.rep_narrative value=narrative_text rows=10 />
            <TextArea id="summary-sections" label=m.rep_sections value=sections_text rows=8 />
            <DraftNote kept=kept stale=m.draft_stale_summary on_discard=move |_| redraft() />
            <div class="actions">
                <button type="button" data-testid="summary-redraft" on:click=move |_| redraft()>{m.rep_redraft}</button>
            </div>
            <HeadFields head=head />
            <DocActions tables=tables file_stem=stem doc=doc />
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
