use super::*;
use crate::domain::testkit::small;
use crate::sheet::columns::guess;
use crate::sheet::tsv;
use crate::sheet::xlsx::Marks;

const NOW: &str = "2026-12-01T08:00:00Z";

fn read_text(text: &str, unit: Option<&str>, ds: &Dataset) -> (Mapping, Vec<(usize, Row)>) {
    let idx = LocationIndex::new(&ds.locations);
    let rows = tsv::parse(text);
    let mapping = guess(&rows, ds, &idx);
    let cx = Context {
        ds,
        idx: &idx,
        names: crate::sheet::names::Names::new(ds, &idx),
        unit,
        now: NOW,
        lang: Lang::Vi,
        marks: &NO_MARKS,
    };
    let read = read(&rows, &mapping, &cx);
    (mapping, read)
}

/// Rows read for the treasury (the working unit), with no merged cells.
fn treasury<'a>(ds: &'a Dataset, idx: &'a LocationIndex) -> Context<'a> {
    Context {
        ds,
        idx,
        names: crate::sheet::names::Names::new(ds, idx),
        unit: Some("u-kbnn"),
        now: NOW,
        lang: Lang::Vi,
        marks: &NO_MARKS,
    }
}

fn ready(rows: &[(usize, Row)]) -> Vec<&Activity> {
    rows.iter()
        .filter_map(|(_, r)| match r {
            Row::Ready(a) => Some(&**a),
            _ => None,
        })
        .collect()
}

const SHEET: &str = "STT\tNgày\tĐơn vị\tXã\tThôn/bản\tNội dung\tTiền mặt\tHiện vật (quy ra tiền)\tSố hộ\tHộ nghèo\n\
1\t15/8/24\tKho bạc Nhà nước tỉnh\tXã Pà Cò\tBản Pà Cò 1\tTặng quà Trung thu\t1.000.000\t\t5\t2\n\
2\t16.08.2024\tcong an tinh\tHang Kia\t\tKhám bệnh, cấp thuốc\t2,5 triệu\t500.000\t12\t\n\
3\t45524\tKBNN\tPà Cò\t\tXây nhà đại đoàn kết\t60 triệu\t\t1\t1\n\
\tCộng\t\t\t\t\t63.500.000\t500.000\t18\t3\n";

#[test]
fn a_sheet_with_vietnamese_headers_is_read_row_by_row() {
    let mut ds = small();
    ds.units[0].short_name = "KBNN".into();
    let (mapping, rows) = read_text(SHEET, None, &ds);
    assert!(mapping.header);
    assert_eq!(mapping.columns[0], Column::Skip);
    let acts = ready(&rows);
    assert_eq!(acts.len(), 3, "{rows:?}");
    assert_eq!(acts[0].date, "2024-08-15");
    assert_eq!(acts[0].location_id, "v-paco-1");
    assert_eq!(acts[0].category, "gifts");
    assert_eq!((acts[0].households, acts[0].poor_households), (5, 2));
    assert_eq!(acts[1].unit_id, "u-police");
    assert_eq!(acts[1].cash_vnd, 2_500_000);
    assert_eq!(acts[1].in_kind_vnd, 500_000);
    assert_eq!(acts[1].category, "health");
    assert_eq!(acts[2].date, "2024-08-20", "Excel serial 45524");
    assert_eq!(acts[2].category, "housing");
    assert_eq!(acts[2].cash_vnd, 60_000_000);
    assert!(matches!(&rows[3].1, Row::Skipped(why) if why.contains("Cộng")));
    assert_eq!(rows[3].0, 5, "the line in the sheet, header included");
    let sum: i64 = acts.iter().map(|a| a.cash_vnd).sum();
    assert_eq!(sum, 63_500_000);
}

#[test]
fn each_problem_is_named_by_its_column_with_suggestions() {
    let ds = small();
    let text = "Ngày\tXã\tNội dung\tTiền mặt\tSố hộ\tHộ nghèo\n\
31/02/2024\tPà Cò\tQuà\t1.000.000\t\t\n\
15/08/2024\tPà Cò 9\tQuà\tmột triệu\t\t\n\
15/08/2024\tHang Kia\tQuà\t\t10\t15\n";
    let (_, rows) = read_text(text, Some("u-kbnn"), &ds);
    let problems: Vec<String> = rows
        .iter()
        .map(|(_, r)| match r {
            Row::Problems(p) => p.join(" | "),
            other => format!("{other:?}"),
        })
        .collect();
    assert!(
        problems[0].contains("Cột Ngày: “31/02/2024” không phải một ngày"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("Cột Xã: không có “Pà Cò 9”"),
        "{}",
        problems[1]
    );
    assert!(
        problems[1].contains("Gần giống: “Pà Cò”"),
        "{}",
        problems[1]
    );
    assert!(
        problems[1].contains("Cột Tiền mặt: “một triệu”"),
        "{}",
        problems[1]
    );
    assert!(problems[2].contains("hộ nghèo"), "{}", problems[2]);
}

#[test]
fn rows_without_a_unit_column_take_the_working_unit_or_say_so() {
    let ds = small();
    let text = "15/08/2024\tPà Cò\tTặng quà\t1.000.000\n";
    let (_, rows) = read_text(text, Some("u-kbnn"), &ds);
    assert_eq!(ready(&rows)[0].unit_id, "u-kbnn");
    let (_, rows) = read_text(text, None, &ds);
    assert!(matches!(&rows[0].1, Row::Problems(p) if p[0].contains("Làm việc cho")));
}

#[test]
fn reading_the_same_rows_again_changes_nothing_and_a_corrected_amount_updates() {
    let mut stored = small();
    let text = "15/08/2024\tPà Cò\tTặng quà\t1.000.000\n15/08/2024\tPà Cò\tTặng quà\t1.000.000\n";
    let (_, rows) = read_text(text, Some("u-kbnn"), &stored);
    let first = to_dataset(&rows, &stored);
    assert_eq!(
        first.activities.len(),
        2,
        "two identical rows are two activities"
    );
    assert_ne!(first.activities[0].id, first.activities[1].id);
    crate::bundle::merge::apply(&mut stored, &first, &Default::default());
    let again = to_dataset(&rows, &stored);
    let p = crate::bundle::merge::preview(&stored, &again);
    assert_eq!(p.total().unchanged, 2);
    assert_eq!(p.total().new, 0);
    let corrected = text.replacen("1.000.000", "1.200.000", 1);
    let (_, rows) = read_text(&corrected, Some("u-kbnn"), &stored);
    let p = crate::bundle::merge::preview(&stored, &to_dataset(&rows, &stored));
    assert_eq!(
        (p.total().updated, p.total().unchanged, p.total().new),
        (1, 1, 0)
    );
}

#[test]
fn excel_serial_days() {
    assert_eq!(excel_serial(45_524), "2024-08-20");
    assert_eq!(excel_serial(44_197), "2021-01-01");
    assert_eq!(read_date("45292"), Some("2024-01-01".into()));
    assert_eq!(read_date("12"), None);
    assert_eq!(read_date("15/08/2024 00:00:00"), Some("2024-08-15".into()));
}

#[test]
fn a_village_named_in_two_communes_asks_for_the_commune() {
    let mut ds = small();
    ds.locations.push(crate::domain::testkit::loc(
        "v-hk-sang",
        "village",
        Some("c-hangkia"),
        "Bản Sáng",
    ));
    let (_, rows) = read_text(
        "Ngày\tThôn/bản\tNội dung\n15/08/2024\tBản Sáng\tTặng quà\n15/08/2024\tHang Kia\tTặng quà\n",
        Some("u-kbnn"),
        &ds,
    );
    assert!(
        matches!(&rows[0].1, Row::Problems(p) if p[0].contains("nhiều thôn/bản tên “Bản Sáng”")),
        "{rows:?}"
    );
    assert!(
        matches!(&rows[1].1, Row::Problems(p) if p[0].contains("Cột Thôn/bản: không có “Hang Kia”")),
        "{rows:?}"
    );
}

#[test]
fn names_the_directory_lacks_are_listed_once_with_their_rows() {
    let ds = small();
    let idx = LocationIndex::new(&ds.locations);
    let text = "Ngày\tXã\tThôn/bản\tNội dung\tTiền mặt\n\
        01/02/2024\tPà Cò\tBản Mới\tTặng quà\t1.000.000\n\
        02/02/2024\tpa co\tban moi\tTặng quà\t1.000.000\n\
        03/02/2024\tXã Chưa Có\t\tTặng quà\t1.000.000\n\
        \tCộng\t\t\t3.000.000\n";
    let rows = tsv::parse(text);
    let mapping = guess(&rows, &ds, &idx);
    let cx = treasury(&ds, &idx);
    let m = crate::sheet::missing::missing(&rows, &mapping, &cx);
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(
        (m[0].column, m[0].name.as_str(), m[0].rows),
        (Column::Village, "Bản Mới", 2)
    );
    assert_eq!(m[0].parent.as_deref(), Some("c-paco"));
    assert_eq!(
        (m[1].column, m[1].name.as_str()),
        (Column::Commune, "Xã Chưa Có")
    );
}

#[test]
fn a_title_above_the_header_is_left_out_and_lines_are_the_sheets() {
    let ds = small();
    let idx = LocationIndex::new(&ds.locations);
    let text = "BÁO CÁO KẾT QUẢ HỖ TRỢ NĂM 2024\n\n\
        Ngày\tXã\tNội dung\tTiền mặt\n\
        01/02/2024\tPà Cò\tTặng quà\t1.000.000\n";
    let rows = tsv::parse(text);
    let mapping = crate::sheet::columns::guess_sheet(&rows, &ds, &idx);
    assert_eq!((mapping.first, mapping.header), (2, true));
    let cx = treasury(&ds, &idx);
    let read = read(&rows, &mapping, &cx);
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].0, 4);
    assert!(matches!(read[0].1, Row::Ready(_)));
}

#[test]
fn totals_are_told_from_names_that_start_like_them() {
    let t = |s: &str| is_total(&[s.to_string()]);
    for total in [
        "Cộng",
        "Tổng cộng",
        "TỔNG CỘNG:",
        "Cộng năm 2021",
        "Cộng 2022",
        "Tổng cộng toàn tỉnh",
        "Cộng xã Pà Cò",
        "Total",
    ] {
        assert!(t(total), "{total}");
    }
    for name in [
        "Công an tỉnh",
        "Công đoàn tỉnh",
        "Tổng công ty Điện lực",
        "Cộng đồng dân cư",
        "Sở Công Thương",
    ] {
        assert!(!t(name), "{name}");
    }
}

#[test]
fn an_id_column_keeps_a_row_its_record_when_the_title_is_corrected() {
    let ds = small();
    let text = "ID\tNgày\tXã\tNội dung\tTiền mặt\n\
        HD-001\t01/02/2024\tPà Cò\tTặng qua\t1.000.000\n\
        act-a-9\t02/02/2024\tPà Cò\tKhám bệnh\t2.000.000\n";
    let (mapping, rows) = read_text(text, Some("u-kbnn"), &ds);
    assert_eq!(mapping.columns[0], Column::Id);
    let first = ready(&rows);
    assert_eq!(first[1].id, "act-a-9", "the app's own id kept as it is");
    let mut after = ds.clone();
    for a in &first {
        after.put((*a).clone());
    }
    let (_, again) = read_text(
        &text.replace("Tặng qua", "Tặng quà Tết"),
        Some("u-kbnn"),
        &after,
    );
    let again = ready(&again);
    assert_eq!(again[0].id, first[0].id);
    let t = crate::bundle::merge::preview(
        &after,
        &to_dataset(
            &read_text(
                &text.replace("Tặng qua", "Tặng quà Tết"),
                Some("u-kbnn"),
                &after,
            )
            .1,
            &after,
        ),
    )
    .total();
    assert_eq!((t.new, t.updated, t.unchanged), (0, 1, 1));
}

/// A workbook's first sheet read as activities for the treasury, with what the workbook marked.
fn read_book(data: &str, merges: &str) -> (Mapping, Vec<(usize, Row)>, Marks) {
    let ds = small();
    let idx = LocationIndex::new(&ds.locations);
    let bytes = crate::sheet::corpus_tests::workbook(&[("S", data, merges)], "", "");
    let sheet = crate::sheet::book::read("a.xlsx", &bytes)
        .expect("read")
        .remove(0);
    let mapping = guess(&sheet.rows, &ds, &idx);
    let cx = Context {
        ds: &ds,
        idx: &idx,
        names: crate::sheet::names::Names::new(&ds, &idx),
        unit: Some("u-kbnn"),
        now: NOW,
        lang: Lang::Vi,
        marks: &sheet.marks,
    };
    let read = read(&sheet.rows, &mapping, &cx);
    (mapping, read, sheet.marks)
}

fn text(at: &str, s: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{s}</t></is></c>"#)
}

#[test]
fn an_amount_merged_down_three_rows_counts_once_as_the_sheets_sum_does() {
    let head = [
        ("A", "Ngày"),
        ("B", "Xã"),
        ("C", "Nội dung"),
        ("D", "Tiền mặt"),
        ("E", "Số hộ"),
    ];
    let mut data = format!(
        r#"<row r="1">{}</row>"#,
        head.iter()
            .map(|(c, h)| text(&format!("{c}1"), h))
            .collect::<String>()
    );
    for r in 2..=4 {
        data.push_str(&format!(
            r#"<row r="{r}">{}{}{}</row>"#,
            text(&format!("A{r}"), &format!("1{r}/08/2024")),
            text(&format!("C{r}"), &format!("Tặng quà đợt {r}")),
            if r == 2 {
                r#"<c r="D2"><v>30000000</v></c><c r="E2"><v>12</v></c>"#.to_string()
            } else {
                String::new()
            },
        ));
    }
    data = data.replace(
        r#"<c r="C2""#,
        &format!(r#"{}<c r="C2""#, text("B2", "Pà Cò")),
    );
    let (mapping, rows, marks) = read_book(
        &data,
        r#"<mergeCells><mergeCell ref="B2:B4"/><mergeCell ref="D2:D4"/><mergeCell ref="E2:E4"/></mergeCells>"#,
    );
    let acts = ready(&rows);
    assert_eq!(acts.len(), 3, "{rows:?}");
    // The commune, a name, fills each row; the amount and the households count once.
    assert!(acts.iter().all(|a| a.location_id == "c-paco"), "{acts:?}");
    assert_eq!(acts.iter().map(|a| a.cash_vnd).sum::<i64>(), 30_000_000);
    assert_eq!(
        acts.iter().map(|a| a.households).collect::<Vec<_>>(),
        [12, 0, 0]
    );
    let said = merged_figures(&mapping, &marks, Lang::Vi);
    assert_eq!(
        said,
        [
            "Cột Tiền mặt: ô D2 được gộp xuống dòng 3–4; con số chỉ tính một lần, ở dòng 2 (như tổng SUM của bảng).",
            "Cột Số hộ: ô E2 được gộp xuống dòng 3–4; con số chỉ tính một lần, ở dòng 2 (như tổng SUM của bảng).",
        ]
    );
}

#[test]
fn a_formula_with_no_saved_value_is_a_problem_naming_its_cell() {
    let data = format!(
        r#"<row r="1">{}{}{}{}</row><row r="2">{}{}{}<c r="D2"><f>SUM(E2:F2)</f></c></row>"#,
        text("A1", "Ngày"),
        text("B1", "Xã"),
        text("C1", "Nội dung"),
        text("D1", "Tiền mặt"),
        text("A2", "15/08/2024"),
        text("B2", "Pà Cò"),
        text("C2", "Tặng quà"),
    );
    let (_, rows, _) = read_book(&data, "");
    match &rows[0].1 {
        Row::Problems(p) => assert!(
            p.iter()
                .any(|m| m.contains("ô D2 có công thức") && m.contains("Tiền mặt")),
            "{p:?}"
        ),
        other => panic!("{other:?}"),
    }
    // The same row with the value Excel saves is ready.
    let saved = data.replace("</f></c>", "</f><v>2000000</v></c>");
    let (_, rows, _) = read_book(&saved, "");
    assert!(
        matches!(&rows[0].1, Row::Ready(a) if a.cash_vnd == 2_000_000),
        "{rows:?}"
    );
}

#[test]
fn a_small_number_in_a_date_cell_is_refused_as_the_same_number_typed() {
    let typed = read_date("5");
    assert_eq!(typed, None);
    // 1900 system before its false 29/02/1900: serial 1 is 01/01/1900.
    assert_eq!(excel_serial(1), "1900-01-01");
    assert_eq!(excel_serial(61), "1900-03-01");
    assert_eq!(excel_serial(45_519), "2024-08-15");
    assert_eq!(
        excel_serial(i64::MAX).len(),
        10,
        "a huge serial stays a date string"
    );
    assert_eq!(excel_serial(i64::MIN).len(), 10);
}

/// A commune entered twice (a unit's own "Pà Cò", not merged yet): a village is looked for under
/// both, found where it is, and never offered for adding; a village under neither names the
/// closest ones with their commune.
#[test]
fn a_commune_entered_twice_still_finds_its_villages_and_names_them_with_their_commune() {
    let mut ds = small();
    // Her own Pà Cò, read first.
    ds.locations.insert(
        0,
        crate::domain::testkit::loc("c-lan", "commune", Some("p"), "Xã Pà Cò"),
    );
    let text = "Ngày\tXã\tThôn/bản\tNội dung\tTiền mặt\n\
        01/02/2024\tPà Cò\tBản Sáng\tTặng quà\t1.000.000\n\
        02/02/2024\tPà Cò\tBản Sang Mới\tTặng quà\t1.000.000\n";
    let (mapping, rows) = read_text(text, Some("u-kbnn"), &ds);
    assert_eq!(
        ready(&rows).first().map(|a| a.location_id.as_str()),
        Some("v-paco-2"),
        "{rows:?}"
    );
    assert!(
        matches!(&rows[1].1, Row::Problems(p) if p[0].contains("Gần giống: “Bản Sáng” (xã Pà Cò)")),
        "{rows:?}"
    );
    let idx = LocationIndex::new(&ds.locations);
    let cx = treasury(&ds, &idx);
    let m = crate::sheet::missing::missing(&tsv::parse(text), &mapping, &cx);
    let names: Vec<&str> = m.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        ["Bản Sang Mới"],
        "the village found under one Pà Cò is not offered"
    );
}

/// A village spelt otherwise (issue 29.5): offered as the close records it may be, each with its
/// commune; once the person says which, the rows read as that record and nothing is missing.
#[test]
fn a_near_name_is_offered_with_its_commune_and_once_chosen_the_rows_read_as_it() {
    let ds = small();
    let text = "Ngày\tXã\tThôn/bản\tNội dung\tTiền mặt\n\
        01/02/2024\tPà Cò\tBản Sang Moi\tTặng quà\t1.000.000\n\
        02/02/2024\tPà Cò\tBản Sang Moi\tTặng quà\t2.000.000\n";
    let (mut mapping, rows) = read_text(text, Some("u-kbnn"), &ds);
    assert!(ready(&rows).is_empty(), "{rows:?}");
    let idx = LocationIndex::new(&ds.locations);
    let m = crate::sheet::missing::missing(&tsv::parse(text), &mapping, &treasury(&ds, &idx));
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].rows, 2);
    assert_eq!(
        m[0].near,
        [("v-paco-2".to_string(), "“Bản Sáng” (xã Pà Cò)".to_string())],
        "{m:?}"
    );
    mapping
        .chosen
        .push((Column::Village, m[0].name.clone(), m[0].near[0].0.clone()));
    let cx = Context {
        names: crate::sheet::names::Names::new(&ds, &idx).choosing(&ds, &mapping.chosen),
        ..treasury(&ds, &idx)
    };
    let again = read(&tsv::parse(text), &mapping, &cx);
    let places: Vec<&str> = ready(&again)
        .iter()
        .map(|a| a.location_id.as_str())
        .collect();
    assert_eq!(places, ["v-paco-2", "v-paco-2"]);
    assert!(crate::sheet::missing::missing(&tsv::parse(text), &mapping, &cx).is_empty());
    // A choice never overrides a name the directory has: "Bản Sáng" stays itself.
    mapping
        .chosen
        .push((Column::Village, "Pà Cò 1".into(), "v-paco-2".into()));
    let names = crate::sheet::names::Names::new(&ds, &idx).choosing(&ds, &mapping.chosen);
    assert_eq!(
        names.places("Pà Cò 1", &["village"], None, None)[0].id,
        "v-paco-1"
    );
}
