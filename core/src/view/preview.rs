//! The import preview as HTML text: where the bundle is from, what it would change per kind,
//! the conflicts side by side with their choice, and what is left out and why. It is read-only
//! apart from the conflict choices (one delegated `change` listener in the page).

use std::fmt::Write;

use crate::bundle::authority::Owner;
use crate::bundle::digest::Integrity;
use crate::bundle::import::Prepared;
use crate::bundle::merge::{Choices, Conflict, Outcome};
use crate::domain::format::{date, integer};
use crate::domain::{Kind, Lang, Problem};
use crate::markup::esc;

use super::conflict_text::{field_label, field_value, record_line, Here};
use super::i18n::Messages;

/// Problems listed at most; the rest are counted.
const MAX_LISTED: usize = 200;

/// Where the file is from, notices, and what it would change per kind (`preview-*` hold
/// plain integers).
pub fn summary(p: &Prepared, file: &str, m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    // The sender by name: its label, and the unit it names when that says more (never an id).
    let source = match &p.source {
        Some(s) => {
            let label = s.label.clone().unwrap_or_default();
            let unit = s
                .unit_id
                .as_ref()
                .and_then(|u| p.authority.names.get(u))
                .filter(|name| !label.contains(name.as_str()));
            match (label.is_empty(), unit) {
                (false, Some(name)) => format!("{label} — {}: {name}", m.f_unit),
                (false, None) => label,
                (true, Some(name)) => name.clone(),
                (true, None) => m.preview_unnamed.to_string(),
            }
        }
        None => m.preview_whole.to_string(),
    };
    let _ = write!(
        out,
        "<dl class=\"bundle-meta\"><dt>{}</dt><dd data-testid=\"preview-file\">{}</dd>\
         <dt>{}</dt><dd data-testid=\"preview-source\">{}</dd>",
        esc(m.preview_file),
        esc(file),
        esc(m.preview_from),
        esc(&source)
    );
    if let Some(at) = &p.exported_at {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            esc(m.preview_exported),
            esc(&date(at))
        );
    }
    out.push_str("</dl>");
    parts(&mut out, p, m, lang);
    out.push_str("<ul class=\"notices\">");
    for n in &p.notices {
        let _ = write!(out, "<li>{}</li>", esc(&n.message(lang)));
    }
    out.push_str("</ul>");
    integrity(&mut out, p, m);
    duplicates(&mut out, p, m, lang);
    out.push_str("<div class=\"preview-totals\">");
    let t = p.preview.total();
    let invalid = p.invalid_total();
    for (class, testid, n, label) in [
        ("tot tot-new", "preview-new", t.new, m.preview_new),
        (
            "tot tot-updated",
            "preview-updated",
            t.updated,
            m.preview_updated,
        ),
        (
            "tot tot-deleted",
            "preview-deleted",
            t.deleted,
            m.preview_deleted,
        ),
        ("tot", "preview-unchanged", t.unchanged, m.preview_unchanged),
        ("tot tot-older", "preview-older", t.older, m.preview_older),
        (
            "tot tot-conflicts",
            "preview-conflicts",
            t.conflicts,
            m.preview_conflicts,
        ),
        (
            "tot tot-invalid",
            "preview-invalid",
            invalid,
            m.preview_invalid,
        ),
    ] {
        let _ = write!(
            out,
            "<div class=\"{class}\"><span data-testid=\"{testid}\">{n}</span><small>{}</small></div>",
            esc(label)
        );
    }
    out.push_str("</div>");
    if t.older > 0 {
        // Only older copies: nothing happens unless they are asked for, and the page says so.
        let only = if only_older(p) {
            format!(
                "<p data-testid=\"preview-older-only\"><strong>{}</strong></p>",
                esc(m.preview_older_only)
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<div class=\"note\" data-testid=\"preview-older-note\"><p>{} {}</p>{only}{}</div>",
            t.older,
            esc(m.preview_older_note),
            tick("import-reapply", "older", m.preview_reapply)
        );
    } else if p.preview.is_noop() && invalid == 0 {
        let _ = write!(
            out,
            "<p class=\"note\" data-testid=\"preview-nothing\">{}</p>",
            esc(m.preview_nothing)
        );
    }
    out.push_str("<table class=\"data-table preview-table\"><thead><tr>");
    let _ = write!(out, "<th scope=\"col\">{}</th>", esc(m.preview_kind));
    for h in [
        m.preview_new,
        m.preview_updated,
        m.preview_deleted,
        m.preview_unchanged,
        m.preview_older,
        m.preview_conflicts,
        m.preview_invalid,
    ] {
        let _ = write!(out, "<th scope=\"col\" class=\"num\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for k in Kind::ALL {
        let c = p.preview.counts.get(&k).copied().unwrap_or_default();
        let i = p.invalid.get(&k).copied().unwrap_or(0);
        if c.changes() + c.unchanged + c.older + i == 0 {
            continue;
        }
        let _ = write!(
            out,
            "<tr data-kind=\"{}\"><th scope=\"row\">{}</th>",
            k.code(),
            esc(k.label(lang))
        );
        for n in [
            c.new,
            c.updated,
            c.deleted,
            c.unchanged,
            c.older,
            c.conflicts,
            i,
        ] {
            let _ = write!(out, "<td class=\"num\">{}</td>", integer(n as i64, lang));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    by_owner(&mut out, p, m, lang);
    foreign(&mut out, p, m, lang);
    out
}

/// Several files previewed together: each with its sender, export date, records and checksum.
fn parts(out: &mut String, p: &Prepared, m: &Messages, lang: Lang) {
    if p.parts.len() < 2 {
        return;
    }
    let _ = write!(
        out,
        "<h3>{}</h3><table class=\"data-table card-rows\" data-testid=\"preview-files\"><thead><tr>",
        esc(m.preview_files)
    );
    let heads = [
        m.preview_file,
        m.preview_from,
        m.preview_exported,
        m.preview_records,
        m.preview_check,
    ];
    for h in heads {
        let num = if h == m.preview_records {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{num}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for part in &p.parts {
        let from = part
            .source
            .as_ref()
            .and_then(|s| {
                s.label.clone().or_else(|| {
                    s.unit_id.as_ref().map(|u| {
                        p.authority
                            .names
                            .get(u)
                            .cloned()
                            .unwrap_or_else(|| m.preview_unnamed.to_string())
                    })
                })
            })
            .unwrap_or_else(|| m.preview_whole.to_string());
        let check = match part.integrity {
            Integrity::Matches => m.check_ok,
            Integrity::Absent => m.check_none,
            Integrity::Differs => m.check_changed,
        };
        let cells = [
            esc(&part.name),
            esc(&from),
            part.exported_at
                .as_deref()
                .map_or_else(String::new, |d| esc(&date(d))),
            integer(part.records as i64, lang),
            esc(check),
        ];
        out.push_str("<tr data-testid=\"preview-file-row\">");
        for (i, (h, c)) in heads.iter().zip(cells).enumerate() {
            let num = if i == 3 { " class=\"num\"" } else { "" };
            let _ = write!(out, "<td{num} data-label=\"{}\">{c}</td>", esc(h));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// Units and places the file would add a second time under another id, and the advice to bring
/// the province's directory first when there is none here.
fn duplicates(out: &mut String, p: &Prepared, m: &Messages, lang: Lang) {
    if p.directory_missing {
        let _ = write!(
            out,
            "<div class=\"banner banner-warn\" role=\"note\" data-testid=\"preview-directory-hint\">{}</div>",
            esc(m.preview_directory_hint)
        );
    }
    if p.duplicates.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section class=\"banner banner-warn\" data-testid=\"preview-duplicates\" data-value=\"{}\"><strong>{}</strong><ul>",
        p.duplicates.len(),
        esc(m.preview_duplicates)
    );
    for (kind, theirs, ours) in p.duplicates.iter().take(MAX_LISTED) {
        let _ = write!(
            out,
            "<li>{}: “{}” {} “{}”</li>",
            esc(&crate::domain::text::capitalise(kind.label(lang))),
            esc(theirs),
            esc(m.preview_duplicate_of),
            esc(ours)
        );
    }
    let _ = write!(
        out,
        "</ul><p>{}</p></section>",
        esc(m.preview_duplicates_hint)
    );
}

/// A box the person ticks (`data-tick` names it for the page's listener).
fn tick(testid: &str, what: &str, label: &str) -> String {
    format!(
        "<label class=\"tick\"><input type=\"checkbox\" data-tick=\"{what}\" data-testid=\"{testid}\"> {}</label>",
        esc(label)
    )
}

/// What the file's digest says: intact, changed (prominent, with the box to go on), or none.
fn integrity(out: &mut String, p: &Prepared, m: &Messages) {
    match p.integrity {
        Integrity::Matches => {
            let _ = write!(
                out,
                "<p class=\"digest digest-ok\" data-testid=\"import-digest-ok\">✓ {}</p>",
                esc(m.digest_ok)
            );
        }
        Integrity::Absent => {
            let _ = write!(
                out,
                "<p class=\"digest muted\" data-testid=\"import-digest-none\">{}</p>",
                esc(m.digest_none)
            );
        }
        Integrity::Differs => {
            let _ = write!(
                out,
                "<div class=\"banner banner-error\" role=\"alert\" data-testid=\"import-digest-warning\">\
                 <strong>{}</strong>{}</div>",
                esc(m.digest_warning),
                tick("import-digest-accept", "digest", m.digest_accept)
            );
        }
    }
}

fn owner_name<'a>(owner: &'a Owner, p: &'a Prepared, m: &'a Messages) -> &'a str {
    match owner {
        Owner::Directory => m.preview_directory,
        Owner::Unknown => m.preview_unknown_owner,
        Owner::Unit(u) => p.authority.names.get(u).map_or(u.as_str(), String::as_str),
    }
}

/// Per unit (and the shared directory): what the file adds, changes and deletes there.
fn by_owner(out: &mut String, p: &Prepared, m: &Messages, lang: Lang) {
    let rows: Vec<_> = p
        .authority
        .by_owner
        .iter()
        .filter(|(_, c)| c.changes() > 0)
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h3>{}</h3><table class=\"data-table\" data-testid=\"preview-by-unit\"><thead><tr><th scope=\"col\">{}</th>",
        esc(m.preview_by_unit),
        esc(m.preview_owner)
    );
    for h in [
        m.preview_new,
        m.preview_updated,
        m.preview_deleted,
        m.preview_conflicts,
    ] {
        let _ = write!(out, "<th scope=\"col\" class=\"num\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for (owner, c) in rows {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th>",
            esc(owner_name(owner, p, m))
        );
        for n in [c.new, c.updated, c.deleted, c.conflicts] {
            let _ = write!(out, "<td class=\"num\">{}</td>", integer(n as i64, lang));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// Changes outside the sending unit's scope: counted, listed, and the box that applies them.
fn foreign(out: &mut String, p: &Prepared, m: &Messages, lang: Lang) {
    let a = &p.authority;
    // Shown for a unit's file, and for files from several units when one reaches further.
    if a.sender.is_none() && a.foreign.is_empty() {
        return;
    }
    let n = a.foreign.len();
    let _ = write!(
        out,
        "<section class=\"foreign{}\" data-testid=\"preview-foreign-block\"><h3>{}: \
         <span data-testid=\"preview-foreign\" data-value=\"{n}\">{}</span></h3>",
        if n > 0 { " banner banner-warn" } else { "" },
        esc(m.preview_foreign_title),
        integer(n as i64, lang)
    );
    if n > 0 {
        let _ = write!(
            out,
            "<p>{}</p><ul class=\"problems\">",
            esc(m.preview_foreign_intro)
        );
        for f in a.foreign.iter().take(MAX_LISTED) {
            let what = match f.outcome {
                Outcome::New => m.preview_new,
                Outcome::Deleted => m.preview_deleted,
                Outcome::Conflict => m.preview_conflicts,
                _ => m.preview_updated,
            };
            let _ = write!(
                out,
                "<li>{} — {} <code>{}</code> — {}</li>",
                esc(what),
                esc(f.kind.label(lang)),
                esc(&f.id),
                esc(owner_name(&f.owner, p, m))
            );
        }
        out.push_str("</ul>");
        if n > MAX_LISTED {
            let _ = write!(
                out,
                "<p class=\"muted\">… {} {}</p>",
                n - MAX_LISTED,
                esc(m.preview_foreign_more)
            );
        }
        out.push_str(&tick(
            "import-accept-foreign",
            "foreign",
            m.preview_foreign_accept,
        ));
    }
    out.push_str("</section>");
}

/// Whether the file holds nothing but copies older than here (and unchanged ones): confirming
/// would change nothing unless they are asked for.
pub fn only_older(p: &Prepared) -> bool {
    let t = p.preview.total();
    t.older > 0 && t.new == 0 && t.updated == 0 && t.deleted == 0 && t.conflicts == 0
}

/// One card per conflict: the differing fields side by side and the choice, checked as
/// `choices` says. The radios carry `data-conflict` (the conflict's index) for the listener.
pub fn conflict_cards(
    p: &Prepared,
    choices: &Choices,
    here: Here,
    m: &Messages,
    lang: Lang,
) -> String {
    // Units and places arriving with the file are named from it.
    let here = Here {
        file: Some(&p.data),
        ..here
    };
    let mut out = String::new();
    for (i, c) in p.preview.conflicts.iter().enumerate() {
        card(&mut out, (i, c), choices, here, (m, lang));
    }
    out
}

/// One conflict: which record (in words), its differing fields by their labels, both values
/// as the screens show them, and the choice.
fn card(
    out: &mut String,
    (i, c): (usize, &Conflict),
    choices: &Choices,
    here: Here,
    (m, lang): (&Messages, Lang),
) {
    let later = |incoming: bool| {
        if incoming == c.incoming_proposed {
            format!(" <em>{}</em>", esc(m.conflict_later))
        } else {
            String::new()
        }
    };
    let _ = write!(
        out,
        "<div class=\"conflict\" data-testid=\"conflict\" data-id=\"{id}\"><h4>{}: {}</h4>\
         <table class=\"data-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}{}</th>\
         <th scope=\"col\">{}{}</th></tr></thead><tbody>",
        esc(&crate::domain::text::capitalise(c.kind.label(lang))),
        esc(&record_line(c.kind, &c.local, &c.incoming, here, lang)),
        esc(m.conflict_field),
        esc(m.conflict_local),
        later(false),
        esc(m.conflict_incoming),
        later(true),
        id = esc(&c.id),
    );
    for f in c.differing_fields() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            esc(&field_label(&f, m, lang)),
            esc(&field_value(&f, c.local.get(&f), here, lang)),
            esc(&field_value(&f, c.incoming.get(&f), here, lang))
        );
    }
    let incoming = choices.take_incoming.contains(&(c.kind, c.id.clone()));
    let checked = |on: bool| if on { " checked" } else { "" };
    let _ = write!(
        out,
        "</tbody></table><div class=\"choice\" role=\"radiogroup\">\
         <label><input type=\"radio\" name=\"conflict-{i}\" value=\"local\" data-conflict=\"{i}\" data-testid=\"conflict-local\"{}> {}</label>\
         <label><input type=\"radio\" name=\"conflict-{i}\" value=\"incoming\" data-conflict=\"{i}\" data-testid=\"conflict-incoming\"{}> {}</label>\
         </div></div>",
        checked(!incoming),
        esc(m.conflict_keep_local),
        checked(incoming),
        esc(m.conflict_take_incoming)
    );
}

/// Why records are left out, and which are taken with a link that does not hold: the first
/// `MAX_LISTED` of each.
pub fn problems(p: &Prepared, m: &Messages, lang: Lang) -> String {
    let mut out = String::new();
    if !p.problems.is_empty() {
        let _ = write!(out, "<h3>{}</h3>", esc(m.preview_invalid_title));
        list(&mut out, "preview-problems", &p.problems, m, lang);
    }
    if !p.broken_links.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3><p>{}</p>",
            esc(m.preview_links_title),
            esc(m.preview_links_intro)
        );
        list(&mut out, "preview-broken-links", &p.broken_links, m, lang);
    }
    out
}

fn list(out: &mut String, testid: &str, problems: &[Problem], m: &Messages, lang: Lang) {
    let _ = write!(out, "<ul class=\"problems\" data-testid=\"{testid}\">");
    for problem in problems.iter().take(MAX_LISTED) {
        let _ = write!(out, "<li>{}</li>", esc(&problem.message(lang)));
    }
    out.push_str("</ul>");
    let more = problems.len().saturating_sub(MAX_LISTED);
    if more > 0 {
        let _ = write!(
            out,
            "<p class=\"muted\">… {more} {}</p>",
            esc(m.preview_more_problems)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::import::prepare;
    use crate::domain::query::LocationIndex;
    use crate::domain::testkit::small;
    use crate::view::i18n::messages;

    #[test]
    fn summary_escapes_what_the_file_says() {
        let text = r#"{"format":"donghanh-bundle","schema":1,"exported_at":"2024-03-05T08:00:00Z",
            "source":{"unit_id":"u-1","label":"<script>x</script>"},"records":{"activities":[{"id":"a-1"}]}}"#;
        let p = prepare(text, &small()).expect("bundle");
        let html = summary(&p, "<b>.json", messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains("data-testid=\"preview-source\">&lt;script&gt;x&lt;/script&gt;</dd>"),
            "the label, no raw id: {html}"
        );
        assert!(!html.contains("u-1"));
        assert!(html.contains("&lt;b&gt;.json"));
        assert!(!html.contains("<script>"));
        assert!(
            html.contains("<span data-testid=\"preview-invalid\">1</span>"),
            "{html}"
        );
        assert!(html.contains("05/03/2024"));
        let listed = problems(&p, messages(Lang::En), Lang::En);
        assert!(listed.contains("data-testid=\"preview-problems\""));
        assert!(
            listed.contains("activity &quot;a-1&quot;, field rev"),
            "{listed}"
        );
    }

    #[test]
    fn cards_check_the_chosen_side() {
        let mut stored = small();
        let mut theirs = stored.clone();
        theirs.activities[0].cash_vnd += 1;
        theirs.activities[0].updated_at = "2030-01-01T00:00:00Z".into();
        stored.activities[0].title = "<i>local</i>".into();
        let text = crate::bundle::format::write(&theirs, "2030-01-01T00:00:00Z", None);
        let p = prepare(&text, &stored).expect("bundle");
        assert_eq!(p.preview.conflicts.len(), 1, "{:?}", p.preview.total());
        let m = messages(Lang::Vi);
        let idx = LocationIndex::new(&stored.locations);
        let clock = crate::view::conflict_text::utc_time;
        let here = Here {
            ds: &stored,
            idx: &idx,
            file: None,
            when: &clock,
        };
        let proposed = conflict_cards(&p, &Choices::proposed(&p.preview), here, m, Lang::Vi);
        assert!(
            proposed.contains(
                "value=\"incoming\" data-conflict=\"0\" data-testid=\"conflict-incoming\" checked"
            ),
            "{proposed}"
        );
        assert!(proposed.contains("&lt;i&gt;local&lt;/i&gt;"));
        // Plain words: labels and formatted values, the record named by what it is.
        assert!(proposed.contains(m.f_cash), "{proposed}");
        assert!(!proposed.contains("cash_vnd") && !proposed.contains("updated_at"));
        assert!(!proposed.contains("2030-01-01T"), "no ISO timestamp");
        assert!(proposed.contains("01/01/2030 00:00"));
        assert!(proposed.contains(" đ"));
        let local = conflict_cards(&p, &Choices::default(), here, m, Lang::Vi);
        assert!(local.contains("data-testid=\"conflict-local\" checked"));
        assert!(!local.contains("data-testid=\"conflict-incoming\" checked"));
    }
}
