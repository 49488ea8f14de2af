//! The records the files of a batch disagree on (`bundle::clash`), one card each: the copy
//! here and each file's copy side by side, field by field, and the choice of whose copy to
//! take. The radios carry `data-clash` (the card's index) and the file's index as their value
//! (`none` for no file's copy), for the page's delegated listener.

use std::fmt::Write;

use crate::bundle::import::Prepared;
use crate::domain::Lang;
use crate::markup::esc;

use super::conflict_text::{field_label, field_value, record_line, Here};
use super::i18n::Messages;

pub fn clash_cards(p: &Prepared, here: Here, m: &Messages, lang: Lang) -> String {
    if p.clashes.is_empty() {
        return String::new();
    }
    let here = Here {
        file: Some(&p.data),
        ..here
    };
    let name = |f: usize| p.parts.get(f).map_or("?", |x| x.name.as_str());
    let mut out = format!(
        "<h3>{} (<span data-testid=\"preview-clashes\">{}</span>)</h3><p>{}</p>",
        esc(m.clashes_title),
        p.clashes.len(),
        esc(m.clashes_intro)
    );
    for (i, c) in p.clashes.iter().enumerate() {
        let first = c.copies.first().map(|v| &v.value);
        let empty = serde_json::Value::Null;
        let line = record_line(
            c.kind,
            c.local.as_ref().unwrap_or(first.unwrap_or(&empty)),
            first.unwrap_or(&empty),
            here,
            lang,
        );
        let _ = write!(
            out,
            "<div class=\"conflict clash\" data-testid=\"clash\" data-id=\"{}\"><h4>{}: {}</h4>\
             <div class=\"table-scroll\"><table class=\"data-table\"><thead><tr><th scope=\"col\">{}</th>",
            esc(&c.id),
            esc(&crate::domain::text::capitalise(c.kind.label(lang))),
            esc(&line),
            esc(m.conflict_field),
        );
        if c.local.is_some() {
            let _ = write!(out, "<th scope=\"col\">{}</th>", esc(m.conflict_local));
        }
        for v in &c.copies {
            let files: Vec<&str> = v.files.iter().map(|&f| name(f)).collect();
            let later = if c.proposed_later && v.files.contains(&c.proposed) {
                format!(" <em>{}</em>", esc(m.conflict_later))
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<th scope=\"col\">{}{later}</th>",
                esc(&files.join(", "))
            );
        }
        out.push_str("</tr></thead><tbody>");
        for f in c.differing_fields() {
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}</th>",
                esc(&field_label(&f, m, lang))
            );
            for value in c.local.iter().chain(c.copies.iter().map(|v| &v.value)) {
                let _ = write!(
                    out,
                    "<td>{}</td>",
                    esc(&field_value(&f, value.get(&f), here, lang))
                );
            }
            out.push_str("</tr>");
        }
        let _ = write!(
            out,
            "</tbody></table></div><div class=\"choice\" role=\"radiogroup\" aria-label=\"{}\">",
            esc(&line)
        );
        let checked = |on: bool| if on { " checked" } else { "" };
        for v in &c.copies {
            let Some(&f) = v.files.first() else { continue };
            let files: Vec<&str> = v.files.iter().map(|&f| name(f)).collect();
            let on = c.pick.is_some_and(|p| v.files.contains(&p));
            let _ = write!(
                out,
                "<label><input type=\"radio\" name=\"clash-{i}\" value=\"{f}\" data-clash=\"{i}\" \
                 data-testid=\"clash-pick\"{}> {} {}</label>",
                checked(on),
                esc(m.clash_take),
                esc(&files.join(", "))
            );
        }
        let _ = write!(
            out,
            "<label><input type=\"radio\" name=\"clash-{i}\" value=\"none\" data-clash=\"{i}\" \
             data-testid=\"clash-none\"{}> {}</label></div></div>",
            checked(c.pick.is_none()),
            esc(m.clash_none)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::batch::prepare_files;
    use crate::domain::query::LocationIndex;
    use crate::domain::record::Record;
    use crate::domain::testkit::small;
    use crate::view::i18n::messages;

    #[test]
    fn each_copy_is_a_column_named_by_its_files_and_the_pick_is_checked() {
        let stored = small();
        let (mut a, mut b) = (stored.clone(), stored.clone());
        a.activities[0].cash_vnd = 1_500_000;
        a.activities[0].touch("2030-01-01T00:00:00Z");
        b.activities[0].cash_vnd = 2_500_000;
        b.activities[0].touch("2030-01-02T00:00:00Z");
        let write = |ds| crate::bundle::format::write(ds, "2030-01-03T00:00:00Z", None);
        let files = vec![
            ("đơn vị A.json".to_string(), write(&a)),
            ("B.json".to_string(), write(&b)),
        ];
        let p = prepare_files(&files, &stored).expect("batch");
        let idx = LocationIndex::new(&stored.locations);
        let clock = crate::view::conflict_text::utc_time;
        let here = Here {
            ds: &stored,
            idx: &idx,
            file: None,
            when: &clock,
        };
        let html = clash_cards(&p, here, messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains("data-testid=\"preview-clashes\">1<"),
            "{html}"
        );
        // The copy here, then each file's, with the amounts as the screens write them.
        let row = html
            .split("<tr>")
            .find(|r| r.contains("bằng tiền"))
            .expect("cash row");
        let cells: Vec<&str> = row
            .split("<td>")
            .skip(1)
            .map(|c| c.split('<').next().unwrap_or(""))
            .collect();
        assert_eq!(cells.len(), 3, "{row}");
        assert!(
            cells[1].contains("1.500.000") && cells[2].contains("2.500.000"),
            "{cells:?}"
        );
        assert!(html.contains("đơn vị A.json</th>"), "{html}");
        assert!(html.contains("B.json <em>(sửa sau)</em>"), "{html}");
        assert!(
            html.contains("value=\"1\" data-clash=\"0\" data-testid=\"clash-pick\" checked"),
            "{html}"
        );
        assert!(!html.contains("value=\"0\" data-clash=\"0\" data-testid=\"clash-pick\" checked"));
        assert!(!html.contains("data-testid=\"clash-none\" checked"));
    }
}
