//! Storage banners: the backup offer, full quota, refused writes, unreadable data kept aside,
//! an interrupted save recovered, an undo lost, edits superseded by another tab. Each says what happened and what to do, in the page.

use leptos::prelude::*;

use super::app::use_ctx;
use super::browser::{download, local_datetime, now_iso, today};
use crate::bundle::format;
use crate::store::chunks::group_label;
use crate::view::conflict_text::{kept, record_line, Here};

#[component]
pub fn StorageBanners() -> impl IntoView {
    let ctx = use_ctx();
    let m = ctx.m();
    let data = ctx.data;
    let status = data.status;
    let download_error = RwSignal::new(None::<String>);

    let export_now = move |_| {
        let source = ctx.bundle_source();
        let text = data.with_untracked(|ds| format::write(ds, &now_iso(), source.as_ref()));
        let short = ctx.working_short();
        let name = format::file_name(short.as_deref(), None, &today());
        let result = download(&name, &text, "application/json");
        if result.is_ok() {
            data.note_export();
        }
        download_error.set(result.err());
    };
    let backup_due = move || data.backup.with(|b| b.due(&now_iso()));
    let backup_text = move || {
        data.backup.with(|b| match b.days_since_export(&now_iso()) {
            Some(days) => format!("{} {days} {}", m.backup_days_before, m.backup_days_after),
            None => m.backup_never.to_string(),
        })
    };

    view! {
        <div class="banners" aria-live="polite">
            <Show when=backup_due>
                <div class="banner banner-info" role="status" data-testid="backup-reminder">
                    <strong>{m.backup_title}</strong>
                    <p>{backup_text}" "{m.backup_why}</p>
                    <div class="actions">
                        <button type="button" class="primary" data-testid="backup-now" on:click=export_now>
                            {m.backup_now}
                        </button>
                        <button type="button" data-testid="backup-dismiss" on:click=move |_| data.snooze_backup()>
                            {m.backup_later}
                        </button>
                    </div>
                </div>
            </Show>
            <Show when=move || status.with(|s| s.full)>
                <div class="banner banner-error" role="alert" data-testid="storage-full">
                    <strong>{m.storage_full_title}</strong>
                    <p>{m.storage_full_body}</p>
                    <div class="actions">
                        <button type="button" class="primary" data-testid="export-now" on:click=export_now>
                            {m.export_now}
                        </button>
                        <button type="button" data-testid="retry-save" on:click=move |_| data.save()>
                            {m.retry_save}
                        </button>
                    </div>
                </div>
            </Show>
            {move || {
                status
                    .with(|s| s.refused.clone())
                    .map(|why| {
                        view! {
                            <div class="banner banner-error" role="alert" data-testid="storage-refused">
                                {m.store_refused}" "{why}
                            </div>
                        }
                    })
            }}
            <Show when=move || status.with(|s| !s.unreadable.is_empty())>
                <div class="banner banner-warn" role="alert" data-testid="storage-unreadable">
                    <strong>{m.unreadable_title}</strong>
                    <p>{m.unreadable_body}</p>
                    <Show when=move || status.with(|s| s.blocked)>
                        <p>{m.blocked_body}</p>
                    </Show>
                    <ul class="unreadable-list">
                        <For
                            each=move || status.with(|s| s.unreadable.clone())
                            key=|k| k.clone()
                            children=move |key| {
                                let k1 = key.clone();
                                let k2 = key.clone();
                                let downloaded = RwSignal::new(false);
                                view! {
                                    <li>
                                        <code>{key.clone()}</code>
                                        <button
                                            type="button"
                                            data-testid="unreadable-download"
                                            on:click=move |_| {
                                                let text = data.unreadable_text(&k1).unwrap_or_default();
                                                let name = format!("{}.txt", k1.replace('.', "-"));
                                                match download(&name, &text, "text/plain") {
                                                    Ok(()) => downloaded.set(true),
                                                    Err(e) => download_error.set(Some(e)),
                                                }
                                            }
                                        >
                                            {m.download}
                                        </button>
                                        <button
                                            type="button"
                                            data-testid="unreadable-delete"
                                            disabled=move || !downloaded.get()
                                            on:click=move |_| data.discard_unreadable(&k2)
                                        >
                                            {m.delete}
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </div>
            </Show>
            <Show when=move || status.with(|s| s.recovered > 0)>
                <div class="banner banner-info" role="status" data-testid="storage-recovered">
                    <p>{m.recovered}" "{move || status.with(|s| s.recovered)}"."</p>
                </div>
            </Show>
            {move || {
                status
                    .with(|s| s.undo_lost.clone())
                    .map(|label| {
                        view! {
                            <div class="banner banner-warn" role="alert" data-testid="storage-undo-lost">
                                <p>{m.undo_lost}" “"{label}"”."</p>
                            </div>
                        }
                    })
            }}
            <Show when=move || status.with(|s| !s.missing.is_empty())>
                <div class="banner banner-warn" role="alert" data-testid="storage-missing">
                    <strong>{m.missing_title}</strong>
                    <p>{m.missing_body}</p>
                    <ul>
                        {move || {
                            let groups = status.with(|s| s.missing.clone());
                            data.with(|ds| {
                                groups
                                    .iter()
                                    .map(|g| group_label(g, ds, m))
                                    .collect::<Vec<_>>()
                            })
                            .into_iter()
                            .map(|label| view! { <li>{label}</li> })
                            .collect_view()
                        }}
                    </ul>
                    <div class="actions">
                        <a class="button-link" href="#/import" data-testid="missing-import">{m.nav_import}</a>
                    </div>
                </div>
            </Show>
            <Show when=move || status.with(|s| !s.conflicts.is_empty())>
                <div class="banner banner-info" role="status" data-testid="storage-conflicts">
                    <strong>{m.conflicts_title}</strong>
                    <p>{m.conflicts_body}</p>
                    <ul>
                        {move || {
                            let lang = ctx.lang();
                            status
                                .with(|s| s.conflicts.clone())
                                .into_iter()
                                .map(|c| {
                                    // The line shows the copy kept (its amount, its date).
                                    let (kept_copy, other) = if c.incoming_proposed {
                                        (&c.incoming, &c.local)
                                    } else {
                                        (&c.local, &c.incoming)
                                    };
                                    let line = data.with_places(|ds, idx| {
                                        record_line(
                                            c.kind,
                                            kept_copy,
                                            other,
                                            Here { ds, idx, file: None, when: &local_datetime },
                                            lang,
                                        )
                                    });
                                    let kept = kept(&c, m);
                                    view! {
                                        <li data-testid="storage-conflict">
                                            {c.kind.label(lang)}" "{line}" — "<strong>{kept}</strong>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                    <button type="button" on:click=move |_| status.update(|s| s.conflicts.clear())>
                        {m.dismiss}
                    </button>
                </div>
            </Show>
            {move || {
                download_error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="banner banner-error" role="alert">{m.download_failed}" "{e}</div>
                        }
                    })
            }}
        </div>
    }
}
