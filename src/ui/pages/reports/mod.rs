//! Reports (`#/reports?tab=unit|summary`): a unit's report for a period with its narrative
//! fields saved as a `report` record, and the summary for the province or a district with a
//! drafted, editable narrative. Both show the document as it prints (A4, administrative layout)
//! and export spreadsheets.

mod summary;
mod unit;

use leptos::prelude::*;

use crate::report::html::Letterhead;
use crate::report::sheets::{csv, xlsx};
use crate::report::tables::Table;
use crate::ui::app::use_ctx;
use crate::ui::browser::{download, download_bytes, today};
use crate::ui::draft::{DraftNote, Kept};
use crate::ui::form::{Input, Select, TextArea};
use crate::view::form::{date_text, typed_date, DATE_PLACEHOLDER};
use crate::view::reports::HeadDefaults;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let tab = Memo::new(move |_| ctx.route.with(|r| r.param("tab") == Some("summary")));
    view! {
        <section class="page reports" data-testid="page-reports">
            <h1 class="no-print">{m.rep_title}</h1>
            <nav class="tabs no-print" aria-label=m.rep_title>
                <a href="#/reports?tab=unit" data-testid="tab-unit" aria-current=move || (!tab.get()).then_some("page")>{m.rep_unit_tab}</a>
                <a href="#/reports?tab=summary" data-testid="tab-summary" aria-current=move || tab.get().then_some("page")>{m.rep_summary_tab}</a>
            </nav>
            {move || if tab.get() { summary::SummaryReport().into_any() } else { unit::UnitReport().into_any() }}
        </section>
    }
}

/// The letterhead being edited, with what it starts from, kept as typed (`Kept`): a
/// letterhead rarely changes, so what was typed once stays for every later report.
#[derive(Clone, Copy)]
pub struct HeadDraft {
    pub parent: RwSignal<String>,
    pub issuer: RwSignal<String>,
    pub number: RwSignal<String>,
    pub place: RwSignal<String>,
    pub date: RwSignal<String>,
    pub signer_title: RwSignal<String>,
    pub signer_name: RwSignal<String>,
    pub recipients: RwSignal<String>,
    defaults: StoredValue<[String; 7]>,
    /// Written as a Party body (from the directory, not typed).
    party: RwSignal<bool>,
    kept: Kept,
}

impl HeadDraft {
    pub fn new(
        parent: String,
        issuer: String,
        number: &str,
        place: String,
        signer_title: &str,
        recipients: &str,
    ) -> HeadDraft {
        let s = || RwSignal::new(String::new());
        let (parent_s, issuer_s, number_s, place_s, date, title_s, name_s, recipients_s) =
            (s(), s(), s(), s(), s(), s(), s(), s());
        let kept = Kept::new(
            vec![
                ("parent", parent_s),
                ("issuer", issuer_s),
                ("number", number_s),
                ("place", place_s),
                ("date", date),
                ("signer_title", title_s),
                ("signer_name", name_s),
                ("recipients", recipients_s),
            ],
            false,
        );
        HeadDraft {
            parent: parent_s,
            issuer: issuer_s,
            number: number_s,
            place: place_s,
            date,
            signer_title: title_s,
            signer_name: name_s,
            recipients: recipients_s,
            defaults: StoredValue::new([
                parent,
                issuer,
                number.into(),
                place,
                signer_title.into(),
                String::new(),
                recipients.into(),
            ]),
            party: RwSignal::new(false),
            kept,
        }
    }

    /// Start on the letterhead `form` (one per issuer): the defaults — the issuer's, from the
    /// directory, when given — then what was typed for it before.
    pub fn open(&self, form: String, issuer: Option<HeadDefaults>) {
        if let Some(h) = issuer {
            self.defaults.update_value(|d| {
                d[0] = h.parent;
                d[1] = h.issuer;
                d[2] = h.number;
                if !h.signer_title.is_empty() {
                    d[4] = h.signer_title;
                }
            });
            self.party.set(h.party);
        }
        let [parent, issuer, number, place, title, name, recipients] = self.defaults.get_value();
        self.parent.set(parent);
        self.issuer.set(issuer);
        self.number.set(number);
        self.place.set(place);
        self.date.set(date_text(Some(&today())));
        self.signer_title.set(title);
        self.signer_name.set(name);
        self.recipients.set(recipients);
        self.kept.open(form, String::new());
    }

    /// Back to the defaults (the draft goes).
    fn reset(&self) {
        self.kept.discard();
        self.open(self.kept.form_name(), None);
    }

    /// The letterhead as typed (the document sets its title).
    pub fn letterhead(&self) -> Letterhead {
        Letterhead {
            parent_body: self.parent.get(),
            issuer: self.issuer.get(),
            number: self.number.get(),
            place: self.place.get(),
            date: typed_date(&self.date.get())
                .ok()
                .flatten()
                .unwrap_or_else(today),
            title: String::new(),
            subtitle: String::new(),
            signer_title: self.signer_title.get(),
            signer_name: self.signer_name.get(),
            party: self.party.get(),
            recipients: self
                .recipients
                .get()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

/// The select's value for a span typed as dates.
const CUSTOM: &str = "custom";

/// The report period: a listed one (phases, years, halves, quarters), or any span typed as two
/// dates ("Khoảng thời gian khác…", the seed's 2021–2023 review). Sets `period` to its code.
#[component]
pub fn PeriodPicker(
    id: &'static str,
    period: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    /// Offer a span typed as dates (the summary; a unit's saved report names a year, a
    /// half-year or a phase, as the bundle format allows).
    #[prop(optional)]
    spans: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let (m, lang) = (ctx.m(), ctx.lang());
    let listed = options.with_untracked(|o| o.iter().any(|(c, _)| *c == period.get_untracked()));
    let choice = RwSignal::new(if listed {
        period.get_untracked()
    } else {
        CUSTOM.to_string()
    });
    let (from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let with_custom = Signal::derive(move || {
        let mut o = options.get();
        if spans {
            o.push((CUSTOM.into(), m.rep_period_custom.into()));
        }
        o
    });
    Effect::new(move |_| {
        let c = choice.get();
        if c != CUSTOM {
            error.set(None);
            period.set(c);
            return;
        }
        let (a, b) = (from.get(), to.get());
        if a.trim().is_empty() || b.trim().is_empty() {
            error.set(None);
            return;
        }
        match (typed_date(&a), typed_date(&b)) {
            (Ok(Some(a)), Ok(Some(b))) if a <= b => {
                error.set(None);
                period.set(format!("{a}..{b}"));
            }
            (Ok(Some(_)), Ok(Some(_))) => error.set(Some(m.rep_period_order.into())),
            (Err(_), _) => error.set(Some(crate::view::form::date_message(&a, lang))),
            _ => error.set(Some(crate::view::form::date_message(&b, lang))),
        }
    });
    view! {
        <Select id=id label=m.rep_period value=choice options=with_custom />
        <Show when=move || choice.get() == CUSTOM>
            <div class="grid period-span">
                <Input id=format!("{id}-from") label=m.rep_period_from value=from placeholder=DATE_PLACEHOLDER error=Signal::derive(move || error.get()) />
                <Input id=format!("{id}-to") label=m.rep_period_to value=to placeholder=DATE_PLACEHOLDER />
            </div>
        </Show>
    }
}

/// Which map a report is drawn on, offered only once the directory holds merged places or
/// renamed units; today's boundaries unless the officer asks for the period's.
#[component]
pub fn MapPicker(#[prop(into)] id: String, choice: RwSignal<String>) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let data = ctx.data;
    let shown = Memo::new(move |_| data.with_places(crate::view::reports::has_history));
    let options = Signal::derive(move || {
        vec![
            ("today".to_string(), m.rep_map_today.to_string()),
            ("period".to_string(), m.rep_map_period.to_string()),
        ]
    });
    view! {
        <Show when=move || shown.get()>
            <Select id=id.clone() label=m.rep_map value=choice options=options />
        </Show>
    }
}

/// The boundaries chosen with `MapPicker`, as of today.
pub fn chosen_map(choice: &str) -> crate::report::scope::Boundaries {
    crate::view::reports::boundaries(choice, &crate::ui::browser::today())
}

/// The letterhead fields, folded away (they rarely change).
#[component]
pub fn HeadFields(head: HeadDraft) -> impl IntoView {
    let m = use_ctx().m();
    view! {
        <details class="head-fields no-print" data-testid="head-fields">
            <summary>{m.rep_head}</summary>
            <DraftNote kept=head.kept stale="" on_discard=move |_| head.reset() />
            <div class="grid">
                <Input id="head-parent" label=m.rep_parent value=head.parent />
                <Input id="head-issuer" label=m.rep_issuer value=head.issuer />
                <Input id="head-number" label=m.rep_number value=head.number />
                <Input id="head-place" label=m.rep_place value=head.place />
                <Input id="head-date" label=m.rep_date value=head.date placeholder=DATE_PLACEHOLDER />
                <TextArea id="head-signer-title" label=m.rep_signer_title value=head.signer_title rows=2 />
                <Input id="head-signer-name" label=m.rep_signer_name value=head.signer_name />
            </div>
            <TextArea id="head-recipients" label=m.rep_recipients value=head.recipients rows=3 />
        </details>
    }
}

/// Print, XLSX and CSV buttons for a document and its tables.
#[component]
pub fn DocActions(
    #[prop(into)] tables: Signal<Vec<Table>>,
    #[prop(into)] file_stem: Signal<String>,
    #[prop(into)] doc: Signal<crate::report::html::Doc>,
) -> impl IntoView {
    let m = use_ctx().m();
    let message = RwSignal::new(None::<String>);
    let docx_click = move |_| {
        let name = format!("{}.docx", file_stem.get_untracked());
        let bytes = doc.with_untracked(crate::report::docx::docx);
        message.set(
            download_bytes(
                &name,
                &bytes,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            .err(),
        );
    };
    let xlsx_click = move |_| {
        let name = format!("{}.xlsx", file_stem.get_untracked());
        let bytes = tables.with_untracked(|t| xlsx(t));
        message.set(
            download_bytes(
                &name,
                &bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            .err(),
        );
    };
    let csv_click = move |_| {
        let name = format!("{}.csv", file_stem.get_untracked());
        // The activity list: the first table.
        let text = tables.with_untracked(|t| t.first().map(csv).unwrap_or_default());
        message.set(download(&name, &text, "text/csv;charset=utf-8").err());
    };
    view! {
        <div class="actions no-print">
            <button type="button" class="primary" data-testid="report-print" on:click=move |_| { let _ = window().print(); }>{m.rep_print}</button>
            <button type="button" data-testid="report-docx" on:click=docx_click>{m.rep_docx}</button>
            <button type="button" data-testid="report-xlsx" on:click=xlsx_click>{m.rep_xlsx}</button>
            <button type="button" data-testid="report-csv" on:click=csv_click>{m.rep_csv}</button>
            {move || message.get().map(|e| view! { <span class="field-error">{m.download_failed}" "{e}</span> })}
        </div>
    }
}
