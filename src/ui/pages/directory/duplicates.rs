//! "Có thể bị trùng": units and places entered twice (`domain::duplicates`), each with the
//! "Gộp" that, once confirmed, records the other as an alias of the entry kept (no record
//! rewritten), made and undone like an import.
//!
//! Test hooks: `dup-list`, `dup-pair` (with `data-kind`), `dup-merge`, `dup-ask`, `dup-confirm`,
//! `dup-cancel`, `dup-merged`, `dup-undo`, `dup-undone`, `dup-failed`.

use leptos::prelude::*;

use crate::domain::dataset::Dataset;
use crate::domain::duplicates::{pairs, references, Pair};
use crate::domain::query::place_name_inline;
use crate::domain::record::{Location, Unit};
use crate::domain::Kind;
use crate::ui::app::use_page;
use crate::ui::form::focus_drawn;

/// A unit by name, a place by name and the place above it.
fn name_of(ds: &Dataset, kind: Kind, id: &str) -> String {
    match kind {
        Kind::Unit => ds
            .get::<Unit>(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone()),
        _ => ds.get::<Location>(id).map_or_else(
            || id.to_string(),
            |l| {
                let parent = l
                    .parent_id
                    .as_deref()
                    .and_then(|p| ds.get::<Location>(p))
                    .map(place_name_inline);
                match parent {
                    Some(p) => format!("{} ({p})", place_name_inline(l)),
                    None => place_name_inline(l),
                }
            },
        ),
    }
}

#[component]
pub fn Duplicates() -> impl IntoView {
    let (_, m, lang, data) = use_page();
    let found = Memo::new(move |_| data.with(pairs));
    // The pair asked about (merged only once confirmed).
    let asking = RwSignal::new(None::<Pair>);
    // (records counted anew, the kept record's name, the log entry to undo), or a failure.
    let merged = RwSignal::new(None::<Result<(usize, String, String), String>>);
    let undone = RwSignal::new(false);
    let run = move |p: Pair| {
        let (keep, dup, n) = data.with_untracked(|ds| {
            (
                name_of(ds, p.kind, &p.keep),
                name_of(ds, p.kind, &p.dup),
                references(ds, p.kind, &p.dup),
            )
        });
        let label = format!("{} “{dup}” → “{keep}”", m.dup_merge);
        asking.set(None);
        undone.set(false);
        merged.set(Some(
            data.merge_duplicate(&p, label)
                .map(|entry| (n, keep, entry.id))
                .map_err(|e| crate::view::import::save_error_text(&e, m)),
        ));
    };
    let undo = move |_| {
        if data.undo_import().is_ok() {
            merged.set(None);
            undone.set(true);
        }
    };
    // Undo is offered while this merge is still the last change that can be undone.
    let can_undo = move |id: &str| data.undoable().is_some_and(|u| !u.redo && u.label == id);
    let rows = move || {
        found.with(|list| {
            data.with_untracked(|ds| {
                list.iter()
                    .map(|p| {
                        let pair = p.clone();
                        let ask = p.clone();
                        let (dup, keep) = (name_of(ds, p.kind, &p.dup), name_of(ds, p.kind, &p.keep));
                        let (nd, nk) = (references(ds, p.kind, &p.dup), references(ds, p.kind, &p.keep));
                        let this = p.clone();
                        let is_asked = move || asking.with(|a| a.as_ref() == Some(&this));
                        let question = format!(
                            "{} “{dup}” {} “{keep}”. {}",
                            m.dup_ask_before, m.dup_ask_middle, m.dup_ask_after
                        );
                        view! {
                            <li data-testid="dup-pair" data-kind=p.kind.code()>
                                <span>
                                    {format!(
                                        "{}: “{dup}” ({nd} {}) — “{keep}” ({nk} {})",
                                        crate::domain::text::capitalise(p.kind.label(lang)),
                                        m.dup_records,
                                        m.dup_records
                                    )}
                                </span>
                                " "
                                <Show
                                    when=is_asked
                                    fallback=move || {
                                        let ask = ask.clone();
                                        view! {
                                            <button
                                                type="button"
                                                data-testid="dup-merge"
                                                on:click=move |_| {
                                                    asking.set(Some(ask.clone()));
                                                    focus_drawn("[data-testid=\"dup-confirm\"]".into());
                                                }
                                            >
                                                {format!("{} “{keep}”", m.dup_merge)}
                                            </button>
                                        }
                                    }
                                >
                                    <div class="dup-ask" role="group" data-testid="dup-ask">
                                        <p>{question.clone()}</p>
                                        <button
                                            type="button"
                                            class="primary"
                                            data-testid="dup-confirm"
                                            on:click={
                                                let pair = pair.clone();
                                                move |_| run(pair.clone())
                                            }
                                        >
                                            {m.dup_confirm}
                                        </button>
                                        " "
                                        <button type="button" data-testid="dup-cancel" on:click=move |_| asking.set(None)>
                                            {m.dup_cancel}
                                        </button>
                                    </div>
                                </Show>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        {move || merged.get().map(|r| match r {
            Ok((n, keep, id)) => view! {
                <div class="banner banner-ok" role="status" data-testid="dup-merged">
                    {format!("{} {n} → “{keep}”.", m.dup_merged)}
                    " "
                    <Show when=move || can_undo(&id)>
                        <button type="button" data-testid="dup-undo" on:click=undo>{m.dup_undo}</button>
                    </Show>
                </div>
            }.into_any(),
            Err(e) => view! {
                <div class="banner banner-error" role="alert" data-testid="dup-failed">{e}</div>
            }.into_any(),
        })}
        <Show when=move || undone.get()>
            <div class="banner banner-ok" role="status" data-testid="dup-undone">{m.dup_undone}</div>
        </Show>
        <Show when=move || found.with(|f| !f.is_empty())>
            <section class="banner banner-warn" data-testid="dup-list" aria-labelledby="dup-title">
                <h2 id="dup-title">{m.dup_title}</h2>
                <p>{m.dup_intro}</p>
                <ul class="dup-pairs">{rows}</ul>
            </section>
        </Show>
    }
}
