//! Spreadsheets: CSV (UTF-8 with a byte-order mark so Excel shows Vietnamese) and XLSX
//! (Office Open XML, numbers stored as numbers, money with a thousands format).
//!
//! Text comes from other units' files, so it is made harmless on the way out: text a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) is kept as text — a leading `'` in CSV (the OWASP rule), Excel's quote prefix in
//! XLSX — and characters XML cannot hold are dropped, so one odd title cannot break a workbook.

use std::fmt::Write;

use super::tables::{Cell, Table};
use super::zip::zip;
use crate::markup::esc;

/// Text a spreadsheet would read as a formula (or as the start of one).
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text without the characters XML 1.0 cannot hold (control characters but tab, line feed and
/// carriage return; U+FFFE and U+FFFF).
fn xml_text(s: &str) -> String {
    crate::markup::xml_chars(s).into_owned()
}

/// CSV of one table: BOM, CRLF lines, fields quoted when needed, formula-like text prefixed
/// with `'`.
pub fn csv(t: &Table) -> String {
    let mut out = String::from("\u{feff}");
    let field = |s: &str| {
        let s = if formula_like(s) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        if s.contains([',', '"', '\n', '\r', ';']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    out.push_str(
        &t.headers
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for row in t.rows.iter().chain(t.total.iter()) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => field(s),
                Cell::Int(v) => v.to_string(),
                Cell::Num(v) => crate::domain::format::shortest(*v),
                Cell::Date(d) => crate::domain::format::date(d),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Column letters: 0 → A, 26 → AA.
fn column(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Sheet names: at most 31 characters, none of `[]:*?/\` nor what XML cannot hold.
fn sheet_name(s: &str) -> String {
    xml_text(s)
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}

/// Excel's day number of an ISO day (1900 date system: 25569 is 01/01/1970).
fn serial(iso: &str) -> Option<i64> {
    let secs = crate::domain::dates::epoch_seconds(&format!("{iso}T00:00:00Z"))?;
    Some(secs.div_euclid(86_400) + 25_569)
}

fn sheet_xml(t: &Table) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><cols>",
    );
    for (i, h) in t.headers.iter().enumerate() {
        // As wide as the header or the longest value (money with its dots), within reason.
        let longest = t
            .rows
            .iter()
            .chain(t.total.iter())
            .filter_map(|r| r.get(i))
            .map(|c| c.paper().chars().count())
            .max()
            .unwrap_or(0);
        let width = (h.chars().count().max(longest).max(10) + 2).min(48);
        let _ = write!(
            out,
            "<col min=\"{}\" max=\"{}\" width=\"{width}\" customWidth=\"1\"/>",
            i + 1,
            i + 1
        );
    }
    out.push_str("</cols><sheetData>");
    let rows = std::iter::once(
        t.headers
            .iter()
            .map(|h| Cell::Text(h.clone()))
            .collect::<Vec<_>>(),
    )
    .chain(t.rows.iter().cloned())
    .chain(t.total.iter().cloned());
    for (r, row) in rows.enumerate() {
        let bold = r == 0 || (t.total.is_some() && r == t.rows.len() + 1);
        let _ = write!(out, "<row r=\"{}\">", r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    let style = match (bold, formula_like(s)) {
                        (false, false) => "",
                        (true, false) => " s=\"1\"",
                        (false, true) => " s=\"4\"",
                        (true, true) => " s=\"5\"",
                    };
                    let _ = write!(out, "<c r=\"{at}\" t=\"inlineStr\"{style}><is><t xml:space=\"preserve\">{}</t></is></c>", esc(&xml_text(s)));
                }
                Cell::Int(v) => {
                    let style = if bold { 3 } else { 2 };
                    let _ = write!(out, "<c r=\"{at}\" s=\"{style}\"><v>{v}</v></c>");
                }
                Cell::Num(v) => {
                    let v = crate::domain::format::shortest(*v);
                    let _ = write!(out, "<c r=\"{at}\"><v>{v}</v></c>");
                }
                Cell::Date(d) => match serial(d) {
                    Some(n) => {
                        let _ = write!(out, "<c r=\"{at}\" s=\"6\"><v>{n}</v></c>");
                    }
                    None => {
                        let _ = write!(
                            out,
                            "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                            esc(&xml_text(d))
                        );
                    }
                },
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

/// An XLSX workbook of the given tables, one sheet each.
pub fn xlsx(tables: &[Table]) -> Vec<u8> {
    let mut workbook = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (i, t) in tables.iter().enumerate() {
        let n = i + 1;
        // Excel holds two names differing only by case to be one sheet.
        let mut name = sheet_name(&t.name);
        let mut k = n;
        while name.is_empty() || !used.insert(crate::domain::text::lower(&name)) {
            name = format!("Sheet{k}");
            k += 1;
        }
        let _ = write!(
            workbook,
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            esc(&name)
        );
        let _ = write!(
            rels,
            "<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
        let _ = write!(
            types,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
        files.push((
            format!("xl/worksheets/sheet{n}.xml"),
            sheet_xml(t).into_bytes(),
        ));
    }
    let styles_id = tables.len() + 1;
    workbook.push_str("</sheets></workbook>");
    let _ = write!(
        rels,
        "<Relationship Id=\"rId{styles_id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
    );
    types.push_str("</Types>");
    // Styles: 0 plain, 1 bold text, 2 number #,##0, 3 bold number #,##0, 4 text kept as text
    // (quote prefix: Excel shows it as typed and never runs it), 5 the same, bold, 6 a date
    // shown dd/mm/yyyy. (Excel writes #,##0 with the reader's own grouping: dots in Vietnamese.)
    let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
        <numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>\
        <fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>\
        <fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
        <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
        <cellXfs count=\"7\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
        <xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
        <xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>\
        <xf numFmtId=\"3\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>\
        <xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" quotePrefix=\"1\"/>\
        <xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" quotePrefix=\"1\"/>\
        <xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>\
        <cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";
    let root_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    let mut all: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", types.into_bytes()),
        ("_rels/.rels", root_rels.as_bytes().to_vec()),
        ("xl/workbook.xml", workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.into_bytes()),
        ("xl/styles.xml", styles.as_bytes().to_vec()),
    ];
    for (name, data) in &files {
        all.push((name.as_str(), data.clone()));
    }
    zip(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            name: "Theo đơn vị".into(),
            headers: vec!["Đơn vị".into(), "Tiền (đồng)".into()],
            rows: vec![
                vec![Cell::text("Kho bạc, \"tỉnh\""), Cell::Int(1_250_000)],
                vec![Cell::text("<Công an>"), Cell::Num(2.5)],
            ],
            total: Some(vec![Cell::text("Tổng cộng"), Cell::Int(1_250_002)]),
        }
    }

    #[test]
    fn csv_has_bom_quotes_and_totals() {
        let c = csv(&table());
        assert!(c.starts_with("\u{feff}Đơn vị,Tiền (đồng)\r\n"));
        assert!(c.contains("\"Kho bạc, \"\"tỉnh\"\"\",1250000\r\n"));
        assert!(c.ends_with("Tổng cộng,1250002\r\n"));
    }

    #[test]
    fn sheet_stores_numbers_as_numbers_and_escapes_text() {
        let x = sheet_xml(&table());
        assert!(x.contains("<c r=\"B2\" s=\"2\"><v>1250000</v></c>"));
        assert!(x.contains("<c r=\"B3\"><v>2.5</v></c>"));
        assert!(x.contains("&lt;Công an&gt;"));
        assert!(x.contains("<c r=\"B4\" s=\"3\"><v>1250002</v></c>"));
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(sheet_name("a/b:c?d*[e]"), "abcde");
    }

    #[test]
    fn sheet_names_differing_only_by_case_are_one_name_to_excel() {
        let t = |name: &str| Table {
            name: name.into(),
            headers: vec!["a".into()],
            rows: vec![],
            total: None,
        };
        let book = xlsx(&[t("Xã Pà Cò"), t("XÃ PÀ CÒ"), t("Sheet2"), t("xã pà cò")]);
        let names: Vec<String> = crate::sheet::xlsx::read(&book)
            .expect("read")
            .into_iter()
            .map(|s| s.name)
            .collect();
        let folded: std::collections::HashSet<String> =
            names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(folded.len(), 4, "{names:?}");
        assert_eq!(names[0], "Xã Pà Cò");
    }

    fn hostile() -> Table {
        Table {
            name: "Bảng\u{7} [x]".into(),
            headers: vec!["=Tiêu đề".into(), "Số".into()],
            rows: vec![
                vec![
                    Cell::text("=HYPERLINK(\"http://x\",\"bấm\")"),
                    Cell::Int(-5),
                ],
                vec![Cell::text("+1-2"), Cell::Int(1)],
                vec![Cell::text("@SUM(A1)"), Cell::Int(2)],
                vec![Cell::text("-3"), Cell::Int(3)],
                vec![Cell::text("\tTab"), Cell::Int(4)],
                vec![
                    Cell::text("Chuông\u{7}\u{0}\u{1b}\u{fffe} Tết"),
                    Cell::Int(5),
                ],
                vec![Cell::text("a=b"), Cell::Int(6)],
            ],
            total: None,
        }
    }

    #[test]
    fn csv_keeps_formula_like_text_as_text() {
        let c = csv(&hostile());
        assert!(c.starts_with("\u{feff}'=Tiêu đề,Số\r\n"), "{c}");
        assert!(
            c.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\",-5\r\n"),
            "{c}"
        );
        assert!(c.contains("'+1-2,1\r\n"));
        assert!(c.contains("'@SUM(A1),2\r\n"));
        assert!(c.contains("'-3,3\r\n"));
        assert!(c.contains("'\tTab,4\r\n"));
        assert!(
            c.contains("\r\na=b,6\r\n"),
            "text with = inside is left alone"
        );
        assert!(c.contains(",-5\r\n"), "numbers are numbers");
    }

    #[test]
    fn sheets_hold_no_character_xml_forbids_and_mark_formula_like_text() {
        let x = sheet_xml(&hostile());
        assert!(!x.contains(['\u{7}', '\u{0}', '\u{1b}', '\u{fffe}']));
        assert!(x.contains(">Chuông Tết<"), "{x}");
        assert!(
            x.contains("<c r=\"A1\" t=\"inlineStr\" s=\"5\">"),
            "bold header, quote prefix"
        );
        assert!(x.contains("<c r=\"A2\" t=\"inlineStr\" s=\"4\">"));
        assert!(
            x.contains("<c r=\"A8\" t=\"inlineStr\">"),
            "ordinary text unstyled"
        );
        assert_eq!(sheet_name("Bảng\u{7} [x]"), "Bảng x");
    }

    #[test]
    fn a_workbook_is_a_zip_with_every_part() {
        let z = xlsx(&[table(), table()]);
        assert_eq!(&z[..2], b"PK");
        let text = String::from_utf8_lossy(&z);
        for part in [
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
            "xl/styles.xml",
        ] {
            assert!(text.contains(part), "{part}");
        }
    }
}
