//! Text into HTML. The page draws its lists and documents as HTML text (`inner_html`), so every
//! text that reaches it passes [`esc`] here — and the list helpers below take plain text and
//! escape it themselves, so no caller can forget.

use std::fmt::Write;

/// Whether XML 1.0 can hold `c` (its `Char` production): Word and Excel refuse a file holding
/// any other, so nothing the app writes or accepts may carry one.
pub fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// `s` without the characters XML 1.0 cannot hold.
pub fn xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(xml_allowed) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|c| xml_allowed(*c)).collect())
    }
}

/// Escape text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A button for a list's one click listener: `data-action` on the record `data-id`.
pub fn button(out: &mut String, testid: &str, action: &str, id: &str, label: &str) {
    let _ = write!(
        out,
        "<button type=\"button\" data-testid=\"{testid}\" data-action=\"{action}\" data-id=\"{}\">{}</button>",
        esc(id),
        esc(label)
    );
}

/// A table row of plain-text cells, each named by its column's label (`data-label`, so a
/// phone can show the row as a card), ending with an edit button for the record `id`.
pub fn edit_row(
    out: &mut String,
    row_testid: &str,
    cells: &[(&str, &str)],
    edit: (&str, &str, &str),
) {
    let _ = write!(out, "<tr data-testid=\"{row_testid}\">");
    for (label, c) in cells {
        let _ = write!(out, "<td data-label=\"{}\">{}</td>", esc(label), esc(c));
    }
    out.push_str("<td class=\"row-actions\">");
    let (testid, id, label) = edit;
    button(out, testid, "edit", id, label);
    out.push_str("</td></tr>");
}

/// `<option>`s: a first one with the empty value when `empty` is given, then the (value,
/// label) pairs; the one whose value is `current` is selected.
pub fn options(empty: Option<&str>, items: &[(String, String)], current: &str) -> String {
    let mut out = String::new();
    let empty = empty.map(|e| (String::new(), e.to_string()));
    for (value, label) in empty.iter().chain(items) {
        let selected = if *value == current { " selected" } else { "" };
        let _ = write!(
            out,
            "<option value=\"{}\"{selected}>{}</option>",
            esc(value),
            esc(label)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_be_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn options_select_the_current_value() {
        let items = [
            ("2023".to_string(), "2023".to_string()),
            ("u\"1".to_string(), "<A>".to_string()),
        ];
        assert_eq!(
            options(Some("Tất cả"), &items, "2023"),
            "<option value=\"\">Tất cả</option><option value=\"2023\" selected>2023</option>\
             <option value=\"u&quot;1\">&lt;A&gt;</option>"
        );
        assert!(options(None, &items, "").starts_with("<option value=\"2023\">"));
    }

    #[test]
    fn rows_escape_cells_ids_and_labels() {
        let mut out = String::new();
        edit_row(
            &mut out,
            "unit-row",
            &[("A", "a"), ("B", "<b>")],
            ("unit-edit", "u-\"1", "Sửa <x>"),
        );
        assert_eq!(
            out,
            "<tr data-testid=\"unit-row\"><td data-label=\"A\">a</td><td data-label=\"B\">&lt;b&gt;</td><td class=\"row-actions\">\
             <button type=\"button\" data-testid=\"unit-edit\" data-action=\"edit\" data-id=\"u-&quot;1\">Sửa &lt;x&gt;</button></td></tr>"
        );
    }
}
