//! The hostile-spreadsheet corpus: workbooks and CSV files built here, each case named for what
//! it tries, read through `book::read` as the Import page reads a picked file. Every case is held
//! to a time bound (its own thread, abandoned past `TIME`) and a memory bound (the test
//! allocator's peak for that thread), and to what the person must see: the file refused in plain
//! words, or read with nothing silently changed.

use std::sync::mpsc;
use std::time::Duration;

use super::book::{read, SheetError};
use super::xlsx::{Limit, Sheet};
use crate::domain::Lang;
use crate::report::zip::zip;
use crate::testalloc::peak_during;

/// Most a case may take before it counts as a hang (a guard, not a performance measure).
const TIME: Duration = Duration::from_secs(30);
/// Most bytes a case may hold at once, beyond the file itself.
const MEMORY: usize = 48 << 20;
/// The few cases that inflate as much as the archive allows.
const MEMORY_LARGE: usize = 200 << 20;

type Outcome = Result<Vec<Sheet>, SheetError>;

struct Case {
    name: &'static str,
    file: (&'static str, Vec<u8>),
    memory: usize,
    check: fn(&Outcome) -> Result<(), String>,
}

/// A workbook of the given sheets (name, sheetData inner XML, extra XML after sheetData),
/// shared strings, a style sheet whose cell style 1 shows dates, and `pr` inside
/// `<workbookPr/>`.
pub(super) fn workbook(sheets: &[(&str, &str, &str)], shared: &str, pr: &str) -> Vec<u8> {
    let mut book = format!(r#"<workbook xmlns:r="r"><workbookPr {pr}/><sheets>"#);
    let mut rels = String::from("<Relationships>");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, data, extra)) in sheets.iter().enumerate() {
        let n = i + 1;
        book.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="…/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!("<worksheet><sheetData>{data}</sheetData>{extra}</worksheet>").into_bytes(),
        ));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str(r#"<Relationship Id="rS" Type="…/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="…/styles" Target="styles.xml"/></Relationships>"#);
    let styles =
        r#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("xl/workbook.xml", book.into_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.into_bytes()),
        (
            "xl/sharedStrings.xml",
            format!("<sst>{shared}</sst>").into_bytes(),
        ),
        ("xl/styles.xml", styles.as_bytes().to_vec()),
    ];
    files.extend(parts.iter().map(|(n, b)| (n.as_str(), b.clone())));
    zip(&files)
}

fn one(data: &str) -> Vec<u8> {
    workbook(&[("Sheet1", data, "")], "", "")
}

fn refused(o: &Outcome, want: &SheetError, words: &str) -> Result<(), String> {
    match o {
        Err(e) if e == want => {
            let m = e.message(Lang::Vi);
            m.contains(words)
                .then_some(())
                .ok_or_else(|| format!("message «{m}» lacks «{words}»"))
        }
        other => Err(format!("expected {want:?}, got {other:?}")),
    }
}

fn rows(o: &Outcome) -> Result<&[Vec<String>], String> {
    match o {
        Ok(s) => Ok(&s[0].rows),
        Err(e) => Err(format!("refused: {e:?}")),
    }
}

fn cases() -> Vec<Case> {
    let big = |name, file, check| Case {
        name,
        file,
        memory: MEMORY_LARGE,
        check,
    };
    let case = |name, file, check| Case {
        name,
        file,
        memory: MEMORY,
        check,
    };
    vec![
        case("row-number-usize-max", ("a.xlsx", one(r#"<row r="18446744073709551615"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#)),
            |o| refused(o, &SheetError::TooLarge(Limit::Rows, "Sheet1".into()), "100.000 dòng")),
        case("row-number-u32-max", ("a.xlsx", one(r#"<row r="4294967295"/>"#)),
            |o| refused(o, &SheetError::TooLarge(Limit::Rows, "Sheet1".into()), "Sheet1")),
        case("one-far-cell", ("a.xlsx", one(r#"<row r="1"><c r="A10000000"><v>1</v></c></row>"#)),
            |o| refused(o, &SheetError::TooLarge(Limit::Rows, "Sheet1".into()), "quá lớn")),
        case("cell-past-column-256", ("a.xlsx", one(r#"<row r="1"><c r="IW1" t="inlineStr"><is><t>x</t></is></c></row>"#)),
            |o| refused(o, &SheetError::TooLarge(Limit::Columns, "Sheet1".into()), "256 cột")),
        case("empty-styled-cells-far-right-are-nothing", ("a.xlsx", one(r#"<row r="1"><c r="A1"><v>7</v></c><c r="XFD1" s="1"/></row>"#)),
            |o| (rows(o)? == [vec!["7".to_string()]]).then_some(()).ok_or_else(|| format!("{o:?}"))),
        case("merge-the-whole-sheet", ("a.xlsx", workbook(&[("S", r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Pà Cò</t></is></c></row><row r="3"><c r="B3"><v>1</v></c></row>"#, r#"<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>"#)], "", "")),
            |o| {
                let r = rows(o)?;
                (r.len() == 3 && r[2][0] == "Pà Cò").then_some(()).ok_or_else(|| format!("{r:?}"))
            }),
        big("merges-filling-past-a-million-cells", ("a.xlsx", {
            let merges: String = (0..12).map(|c| format!(r#"<mergeCell ref="{}1:{}99999"/>"#, char::from(b'A' + c), char::from(b'A' + c))).collect();
            let first: String = (0..12).map(|c| format!(r#"<c r="{}1"><v>1</v></c>"#, char::from(b'A' + c))).collect();
            workbook(&[("S", &format!(r#"<row r="1">{first}</row><row r="99999"><c r="A99999"><v>2</v></c></row>"#), &format!("<mergeCells>{merges}</mergeCells>"))], "", "")
        }),
            |o| refused(o, &SheetError::TooLarge(Limit::Merges, "S".into()), "ô gộp")),
        big("a-hundred-sheets-naming-one-16-mib-part", ("a.xlsx", {
            let data = format!("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>{}</sheetData></worksheet>", " ".repeat(16 << 20));
            let sheets: String = (0..100).map(|i| format!(r#"<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>"#)).collect();
            zip(&[
                ("xl/workbook.xml", format!(r#"<workbook xmlns:r="r"><sheets>{sheets}</sheets></workbook>"#).into_bytes()),
                ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="rId1" Type="/worksheet" Target="worksheets/s.xml"/></Relationships>"#.to_vec()),
                ("xl/worksheets/s.xml", data.into_bytes()),
            ])
        }),
            |o| refused(o, &SheetError::TooLarge(Limit::Bytes, String::new()), "160 MB")),
        big("one-part-inflating-past-64-mib", ("a.xlsx", zip(&[
                ("xl/workbook.xml", br#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec()),
                ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="rId1" Type="/worksheet" Target="s.xml"/></Relationships>"#.to_vec()),
                ("xl/s.xml", vec![b' '; 65 << 20]),
            ])),
            |o| refused(o, &SheetError::TooLarge(Limit::Bytes, String::new()), "quá lớn")),
        case("empty-shared-string-written-si-slash", ("a.xlsx", workbook(&[("S", r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#, "")], "<si><t>a</t></si><si/><si><t>c</t></si>", "")),
            |o| (rows(o)?[0] == ["a", "", "c"]).then_some(()).ok_or_else(|| format!("{o:?}"))),
        case("formula-without-a-saved-value", ("a.xlsx", one(r#"<row r="1"><c r="A1"><v>5</v></c><c r="B1"><f>A1*2</f></c><c r="C1"><f>A1</f><v></v></c></row>"#)),
            |o| match o {
                Ok(s) if s[0].marks.unset.iter().copied().collect::<Vec<_>>() == [(0, 1), (0, 2)] => Ok(()),
                other => Err(format!("{other:?}")),
            }),
        case("date-1904-workbook", ("a.xlsx", workbook(&[("S", r#"<row r="1"><c r="A1" s="1"><v>44057</v></c></row>"#, "")], "", r#"date1904="1""#)),
            |o| (rows(o)?[0][0] == "15/08/2024").then_some(()).ok_or_else(|| format!("{o:?}"))),
        case("small-number-in-a-date-cell", ("a.xlsx", one(r#"<row r="1"><c r="A1" s="1"><v>5</v></c><c r="B1" s="1"><v>59</v></c><c r="C1" s="1"><v>45519</v></c></row>"#)),
            |o| (rows(o)?[0] == ["5", "59", "15/08/2024"]).then_some(()).ok_or_else(|| format!("{o:?}"))),
        case("huge-serial-in-a-date-cell", ("a.xlsx", one(r#"<row r="1"><c r="A1" s="1"><v>9223372036854775807</v></c><c r="B1" s="1"><v>-9223372036854775808</v></c></row>"#)),
            |o| rows(o).map(|_| ())),
        case("numbers-past-float-range", ("a.xlsx", one(r#"<row r="1"><c r="A1"><v>1E+2147483647</v></c><c r="B1"><v>1e309</v></c><c r="C1"><v>-0</v></c><c r="D1"><v>123456789012345678901234567890</v></c></row>"#)),
            |o| (rows(o)?[0][2] == "0").then_some(()).ok_or_else(|| format!("{o:?}"))),
        case("cell-references-out-of-shape", ("a.xlsx", one(r#"<row r="1"><c r="A0"><v>1</v></c><c r="ABCD1"><v>2</v></c><c r="1A"><v>3</v></c><c r=""><v>4</v></c></row>"#)),
            |o| rows(o).map(|_| ())),
        case("sheet-xml-cut-short", ("a.xlsx", one(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Pà Cò</t></is></c></row><row r="2"><c r="A2"><v>12"#)),
            |o| (rows(o)?[0][0] == "Pà Cò").then_some(()).ok_or_else(|| format!("{o:?}"))),
        case("character-references-out-of-range", ("a.xlsx", one(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>&#xFFFFFFFF;&#55296;&#0;ok</t></is></c></row>"#)),
            |o| rows(o).map(|_| ())),
        case("relationship-climbing-out-of-the-archive", ("a.xlsx", zip(&[
                ("xl/workbook.xml", br#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec()),
                ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="rId1" Type="/worksheet" Target="../../../../etc/passwd"/></Relationships>"#.to_vec()),
            ])),
            |o| refused(o, &SheetError::Damaged(Some("etc/passwd".into())), "etc/passwd")),
        case("zip-cut-in-half", ("a.xlsx", { let z = one(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#); z[..z.len() / 2].to_vec() }),
            |o| refused(o, &SheetError::Damaged(None), "hỏng")),
        case("old-excel-97", ("a.xls", vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
            |o| refused(o, &SheetError::OldExcel, ".xlsx")),
        case("no-sheet-holds-a-cell", ("a.xlsx", one("")),
            |o| refused(o, &SheetError::Empty, "không có ô")),
        case("csv-unterminated-quote", ("a.csv", "Ngày,Xã,Nội dung,Tiền mặt\n15/08/2024,Pà Cò,\"Tặng quà,1.000.000\n16/08/2024,Pà Cò,Khám bệnh,5.000.000\n".as_bytes().to_vec()),
            |o| refused(o, &SheetError::Quote { line: 2 }, "dòng 2")),
        case("csv-quote-closed-across-lines", ("a.csv", "Nội dung,Tiền mặt\n\"Tặng quà\ndòng 2\",1.000.000\n".as_bytes().to_vec()),
            |o| (rows(o)?[1] == ["Tặng quà\ndòng 2", "1.000.000"]).then_some(()).ok_or_else(|| format!("{o:?}"))),
        case("csv-utf16-odd-length", ("a.csv", {
            let mut b: Vec<u8> = [0xff, 0xfe].into_iter().chain("Ngày,Xã\n15/08/2024,Pà Cò\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
            b.push(b'x');
            b
        }),
            |o| refused(o, &SheetError::Encoding { line: 3 }, "dòng 3")),
        case("csv-utf16-lone-surrogate", ("a.csv", [0xff, 0xfe, b'a', 0, b'\n', 0, 0x00, 0xd8, b'b', 0].to_vec()),
            |o| refused(o, &SheetError::Encoding { line: 2 }, "dòng 2")),
        case("csv-past-100000-rows", ("a.csv", "1\n".repeat(100_001).into_bytes()),
            |o| refused(o, &SheetError::TooLarge(Limit::Rows, "a".into()), "“a”")),
    ]
}

#[test]
fn every_hostile_spreadsheet_is_refused_by_name_or_read_faithfully_within_bounds() {
    let mut failures = Vec::new();
    for case in cases() {
        let Case {
            name,
            file: (file, bytes),
            memory,
            check,
        } = case;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let (out, peak) = peak_during(|| read(file, &bytes));
            let _ = tx.send((check(&out), peak));
        });
        match rx.recv_timeout(TIME) {
            Ok((Ok(()), peak)) if peak <= memory => {}
            Ok((Ok(()), peak)) => failures.push(format!("{name}: held {} MiB", peak >> 20)),
            Ok((Err(why), _)) => failures.push(format!("{name}: {why}")),
            Err(_) => failures.push(format!("{name}: no answer within {TIME:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_prefix_of_every_case_reads_without_panicking() {
    for case in cases().into_iter().filter(|c| c.file.1.len() < 20_000) {
        let (file, bytes) = &case.file;
        let step = 1 + bytes.len() / 300;
        for cut in (0..bytes.len()).step_by(step) {
            let _ = read(file, &bytes[..cut]);
        }
    }
}
