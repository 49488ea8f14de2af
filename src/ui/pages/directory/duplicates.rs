//! "Có thể bị trùng": units and places entered twice (`domain::duplicates`), each with the
//! "Gộp" that moves every record to the entry kept and deletes the other, as tracked edits.
//!
//! Test hooks: `dup-list`, `dup-pair` (with `data-kind`), `dup-merge`, `dup-merged`.

use leptos::prelude::*;

use crate::domain::dataset::Dataset;
use crate::domain::duplicates::{merge, pairs, references, Pair};
use crate::domain::query::place_name_inline;
use crate::domain::record::{Location, Unit};
use crate::domain::Kind;
use crate::ui::app::use_page;
use crate::ui::browser::now_iso;

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
    let merged = RwSignal::new(None::<(usize, String)>);
    let run = move |p: Pair| {
        let keep = data.with_untracked(|ds| name_of(ds, p.kind, &p.keep));
        if let Some(n) = data.edit(|ds| merge(ds, &p, &now_iso())) {
            merged.set(Some((n, keep)));
        }
    };
    let rows = move || {
        found.with(|list| {
            data.with_untracked(|ds| {
                list.iter()
                    .map(|p| {
                        let pair = p.clone();
                        let (dup, keep) = (name_of(ds, p.kind, &p.dup), name_of(ds, p.kind, &p.keep));
                        let (nd, nk) = (references(ds, p.kind, &p.dup), references(ds, p.kind, &p.keep));
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
                                <button type="button" data-testid="dup-merge" on:click=move |_| run(pair.clone())>
                                    {format!("{} “{keep}”", m.dup_merge)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        {move || merged.get().map(|(n, keep)| view! {
            <div class="banner banner-ok" role="status" data-testid="dup-merged">
                {format!("{} {n} → “{keep}”.", m.dup_merged)}
            </div>
        })}
        <Show when=move || found.with(|f| !f.is_empty())>
            <section class="banner banner-warn" data-testid="dup-list" aria-labelledby="dup-title">
                <h2 id="dup-title">{m.dup_title}</h2>
                <p>{m.dup_intro}</p>
                <ul class="dup-pairs">{rows}</ul>
            </section>
        </Show>
    }
}
