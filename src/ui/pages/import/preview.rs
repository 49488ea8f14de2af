//! The import preview: where the bundle is from, what it would change per kind (the
//! `preview-*` hooks hold plain integers), what is skipped and why, and the conflicts to decide.

use leptos::prelude::*;
use serde_json::Value;

use crate::bundle::import::Prepared;
use crate::bundle::merge::{Choices, Conflict, Counts};
use crate::domain::format::{date, integer};
use crate::domain::Kind;
use crate::ui::app::use_ctx;

/// Problems listed at most; the rest are counted.
const MAX_LISTED: usize = 200;

fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(s)) => crate::domain::problem::shorten(s, 200).into_owned(),
        Some(other) => crate::domain::problem::shorten(&other.to_string(), 200).into_owned(),
    }
}

#[component]
pub fn PreviewView(
    file: String,
    prepared: StoredValue<Option<Prepared>>,
    choices: RwSignal<Choices>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let lang = ctx.lang();
    let with = move |f: &dyn Fn(&Prepared) -> AnyView| prepared.with_value(|p| p.as_ref().map(f));

    let meta = with(&|p: &Prepared| {
        let source = p.source.clone();
        let exported = p.exported_at.clone();
        let file = file.clone();
        view! {
            <dl class="bundle-meta">
                <dt>{m.preview_file}</dt>
                <dd data-testid="preview-file">{file.clone()}</dd>
                <dt>{m.preview_from}</dt>
                <dd data-testid="preview-source">
                    {match source.clone() {
                        Some(s) => {
                            let label = s.label.clone().unwrap_or_default();
                            let unit = s.unit_id.clone().map(|u| format!(" ({u})")).unwrap_or_default();
                            format!("{label}{unit}").into_any()
                        }
                        None => (move || m.preview_whole).into_any(),
                    }}
                </dd>
                {exported.clone().map(|at| view! {
                    <dt>{m.preview_exported}</dt>
                    <dd>{date(&at)}</dd>
                })}
            </dl>
        }
        .into_any()
    });

    let notices = with(&|p: &Prepared| {
        let notices = p.notices.clone();
        view! {
            <ul class="notices">
                {move || notices.iter().map(|n| view! { <li>{n.message(lang)}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    });

    let counts = with(&|p: &Prepared| {
        let t = p.preview.total();
        let invalid = p.invalid_total();
        let rows: Vec<(Kind, Counts, usize)> = Kind::ALL
            .into_iter()
            .map(|k| {
                (
                    k,
                    p.preview.counts.get(&k).copied().unwrap_or_default(),
                    p.invalid.get(&k).copied().unwrap_or(0),
                )
            })
            .filter(|(_, c, i)| c.new + c.updated + c.unchanged + c.conflicts + i > 0)
            .collect();
        let nothing = p.preview.is_noop() && invalid == 0;
        view! {
            <div class="preview-totals">
                <div class="tot tot-new"><span data-testid="preview-new">{t.new}</span><small>{m.preview_new}</small></div>
                <div class="tot tot-updated"><span data-testid="preview-updated">{t.updated}</span><small>{m.preview_updated}</small></div>
                <div class="tot"><span data-testid="preview-unchanged">{t.unchanged}</span><small>{m.preview_unchanged}</small></div>
                <div class="tot tot-conflicts"><span data-testid="preview-conflicts">{t.conflicts}</span><small>{m.preview_conflicts}</small></div>
                <div class="tot tot-invalid"><span data-testid="preview-invalid">{invalid}</span><small>{m.preview_invalid}</small></div>
            </div>
            {nothing.then(|| view! { <p class="note" data-testid="preview-nothing">{m.preview_nothing}</p> })}
            <table class="data-table preview-table">
                <thead>
                    <tr>
                        <th scope="col">{m.preview_kind}</th>
                        <th scope="col" class="num">{m.preview_new}</th>
                        <th scope="col" class="num">{m.preview_updated}</th>
                        <th scope="col" class="num">{m.preview_unchanged}</th>
                        <th scope="col" class="num">{m.preview_conflicts}</th>
                        <th scope="col" class="num">{m.preview_invalid}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(k, c, i)| {
                            view! {
                                <tr data-kind=k.code()>
                                    <th scope="row">{k.label(lang)}</th>
                                    <td class="num">{integer(c.new as i64, lang)}</td>
                                    <td class="num">{integer(c.updated as i64, lang)}</td>
                                    <td class="num">{integer(c.unchanged as i64, lang)}</td>
                                    <td class="num">{integer(c.conflicts as i64, lang)}</td>
                                    <td class="num">{integer(i as i64, lang)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    });

    let problems = with(&|p: &Prepared| {
        if p.problems.is_empty() {
            return ().into_any();
        }
        let listed: Vec<_> = p.problems.iter().take(MAX_LISTED).cloned().collect();
        let more = p.problems.len().saturating_sub(MAX_LISTED);
        view! {
            <h3>{m.preview_invalid_title}</h3>
            <ul class="problems" data-testid="preview-problems">
                {move || listed.iter().map(|p| view! { <li>{p.message(lang)}</li> }).collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p class="muted">"… "{more}" "{m.preview_more_problems}</p> })}
        }
        .into_any()
    });

    let conflicts = with(&|p: &Prepared| {
        if p.preview.conflicts.is_empty() {
            return ().into_any();
        }
        let list = p.preview.conflicts.clone();
        view! {
            <h3>{m.preview_conflicts}</h3>
            <p>{m.conflicts_intro}</p>
            <div class="actions">
                <button type="button" data-testid="conflicts-all-local"
                    on:click=move |_| choices.set(Choices::default())>
                    {m.conflict_all_local}
                </button>
                <button type="button" data-testid="conflicts-all-incoming"
                    on:click=move |_| prepared.with_value(|p| if let Some(p) = p { choices.set(Choices::all_incoming(&p.preview)) })>
                    {m.conflict_all_incoming}
                </button>
            </div>
            {list.into_iter().enumerate().map(|(i, c)| view! { <ConflictCard index=i conflict=c choices=choices /> }).collect_view()}
        }
        .into_any()
    });

    view! {
        <section class="preview" data-testid="import-preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{m.preview_title}</h2>
            {meta}
            {notices}
            {counts}
            {conflicts}
            {problems}
            <div class="actions sticky-actions">
                <button type="button" class="primary" data-testid="import-confirm" on:click=move |_| on_confirm.run(())>
                    {m.import_confirm}
                </button>
                <button type="button" data-testid="import-cancel" on:click=move |_| on_cancel.run(())>
                    {m.import_cancel}
                </button>
            </div>
        </section>
    }
}

#[component]
fn ConflictCard(index: usize, conflict: Conflict, choices: RwSignal<Choices>) -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let key = (conflict.kind, conflict.id.clone());
    let key2 = key.clone();
    let incoming = Memo::new(move |_| choices.with(|c| c.take_incoming.contains(&key)));
    let set = move |take: bool| {
        let key = key2.clone();
        choices.update(|c| {
            if take {
                c.take_incoming.insert(key);
            } else {
                c.take_incoming.remove(&key);
            }
        })
    };
    let set2 = set.clone();
    let fields = conflict.differing_fields();
    let name = format!("conflict-{index}");
    let later_incoming = conflict.incoming_proposed;
    view! {
        <div class="conflict" data-testid="conflict" data-id=conflict.id.clone()>
            <h4>{move || conflict.kind.label(ctx.lang())}" "<code>{conflict.id.clone()}</code></h4>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{m.conflict_field}</th>
                        <th scope="col">{m.conflict_local}{(!later_incoming).then(|| view! { " "<em>{m.conflict_later}</em> })}</th>
                        <th scope="col">{m.conflict_incoming}{later_incoming.then(|| view! { " "<em>{m.conflict_later}</em> })}</th>
                    </tr>
                </thead>
                <tbody>
                    {fields
                        .into_iter()
                        .map(|f| {
                            let local = cell(conflict.local.get(&f));
                            let theirs = cell(conflict.incoming.get(&f));
                            view! { <tr><th scope="row"><code>{f}</code></th><td>{local}</td><td>{theirs}</td></tr> }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <div class="choice" role="radiogroup">
                <label>
                    <input type="radio" name=name.clone() data-testid="conflict-local"
                        prop:checked=move || !incoming.get() on:change=move |_| set(false) />
                    {m.conflict_keep_local}
                </label>
                <label>
                    <input type="radio" name=name data-testid="conflict-incoming"
                        prop:checked=move || incoming.get() on:change=move |_| set2(true) />
                    {m.conflict_take_incoming}
                </label>
            </div>
        </div>
    }
}
