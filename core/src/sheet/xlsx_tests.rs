use super::*;
use crate::report::tables::{Cell, Table};
use crate::report::zip::zip;

#[test]
fn reads_back_the_workbooks_the_app_writes() {
    let t = Table {
        name: "Hoạt động".into(),
        headers: vec!["Ngày".into(), "Xã".into(), "Tiền mặt".into()],
        rows: vec![
            vec![
                Cell::Date("2024-08-15".into()),
                Cell::text("Pà Cò & <Hang Kia>"),
                Cell::Int(1_500_000),
            ],
            vec![
                Cell::Date("2023-01-02".into()),
                Cell::text("Tân Lạc"),
                Cell::Num(2.5),
            ],
        ],
        total: None,
    };
    let sheets = read(&crate::report::sheets::xlsx(&[t])).expect("read");
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].name, "Hoạt động");
    assert_eq!(
        sheets[0].rows,
        vec![
            vec!["Ngày", "Xã", "Tiền mặt"],
            vec!["15/08/2024", "Pà Cò & <Hang Kia>", "1500000"],
            vec!["02/01/2023", "Tân Lạc", "2,5"],
        ]
    );
}

/// A workbook as Excel writes it: prefixed tags, relationships, rich shared strings with a
/// phonetic guide, inline strings, formulas, a custom date format, merged cells, a hidden sheet.
fn excel_like() -> Vec<u8> {
    let ct = r#"<?xml version="1.0"?><Types/>"#;
    let root = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let book = r#"<x:workbook xmlns:x="m" xmlns:r="r"><x:sheets><x:sheet name="Lists" sheetId="2" state="hidden" r:id="rId2"/><x:sheet name="Năm 2023" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>"#;
    let rels = r#"<Relationships><Relationship Id="rId1" Type="…/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="…/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://…/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://…/styles" Target="styles.xml"/></Relationships>"#;
    let shared = r#"<sst><si><t>BÁO CÁO HOẠT ĐỘNG</t></si><si><r><t>Xã </t></r><r><rPr><b/></rPr><t>Pà Cò</t></r><rPh><t>x</t></rPh></si><si><t xml:space="preserve"> Ngày </t></si></sst>"#;
    let styles = r##"<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="#,##0&quot; đ&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>"##;
    let sheet = r#"<worksheet><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c></row>
<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><t>Xã</t></is></c><c r="D3" t="str"><f>"Tiền"</f><v>Tiền</v></c></row>
<row r="4"><c r="A4" s="1"><v>45519</v></c><c r="B4" t="s"><v>1</v></c><c r="D4" s="2"><f>A1*2</f><v>1.5E+6</v></c></row>
<row r="5"><c r="A5" s="3"><v>45520.75</v></c><c r="D5"><v>1234567.8900000001</v></c></row>
<row r="7"><c r="A7" t="b"><v>1</v></c><c r="C7" t="e"><v>#N/A</v></c></row>
</sheetData><mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="B4:B5"/></mergeCells></worksheet>"#;
    zip(&[
        ("[Content_Types].xml", ct.into()),
        ("_rels/.rels", root.into()),
        ("xl/workbook.xml", book.into()),
        ("xl/_rels/workbook.xml.rels", rels.into()),
        ("xl/sharedStrings.xml", shared.into()),
        ("xl/styles.xml", styles.into()),
        ("xl/worksheets/sheet1.xml", sheet.into()),
        ("xl/worksheets/sheet2.xml", "<worksheet/>".into()),
    ])
}

fn strs(r: &[String]) -> Vec<&str> {
    r.iter().map(String::as_str).collect()
}

#[test]
fn reads_a_workbook_as_excel_writes_it() {
    let sheets = read(&excel_like()).expect("read");
    assert_eq!(sheets.len(), 1, "the hidden sheet is left out");
    assert_eq!(sheets[0].name, "Năm 2023");
    let rows = &sheets[0].rows;
    // The title merged across the page stays in its first column.
    assert_eq!(strs(&rows[0]), ["BÁO CÁO HOẠT ĐỘNG"]);
    assert!(rows[1].is_empty());
    assert_eq!(strs(&rows[2]), ["Ngày", "Xã", "", "Tiền"]);
    assert_eq!(strs(&rows[3]), ["15/08/2024", "Xã Pà Cò", "", "1500000"]);
    // Merged down: the commune belongs to the next row too; a time of day is dropped.
    assert_eq!(strs(&rows[4]), ["16/08/2024", "Xã Pà Cò", "", "1234567,89"]);
    assert!(rows[5].is_empty());
    assert_eq!(strs(&rows[6]), ["TRUE", "", "#N/A"]);
    assert_eq!(rows.len(), 7);
}

#[test]
fn a_damaged_workbook_names_its_part_and_never_panics() {
    let good = excel_like();
    assert_eq!(read(b"PK"), Err(XlsxError::NotZip));
    for cut in (0..good.len()).step_by(7) {
        let _ = read(&good[..cut]);
    }
    let mut bad = good.clone();
    // Flip bytes inside the deflated data of the first entries.
    for b in bad.iter_mut().skip(60).take(40) {
        *b ^= 0x5a;
    }
    assert!(read(&bad).is_err());
}

#[test]
fn numbers_as_officials_write_them() {
    for (v, want) in [
        ("1500000", "1500000"),
        ("1.5E+6", "1500000"),
        ("1.5e6", "1500000"),
        ("-2.5", "-2,5"),
        ("0.30000000000000004", "0,3"),
        ("2.9999999999999996", "3"),
        ("9.9999999999", "10"),
        ("1E-3", "0,001"),
        ("0", "0"),
        ("007", "7"),
        ("abc", "abc"),
    ] {
        assert_eq!(number_text(v), want, "{v}");
    }
}

#[test]
fn date_formats_are_told_from_number_formats() {
    for (code, is_date) in [
        ("dd/mm/yyyy", true),
        ("[$-42A]d mmmm yyyy", true),
        ("#,##0", false),
        ("#,##0\" đ\"", false),
        ("[Red]0.00", false),
        ("0\\d", false),
        ("General", false),
    ] {
        assert_eq!(is_date_format(code), is_date, "{code}");
    }
}
