//! Each row of a sheet read as an activity, with every problem named by its row and column: the
//! date as officials write it (dd/mm/yyyy, d/m/yy, or an Excel serial number), money with dots
//! or "triệu"/"tỷ", the unit and places matched to the directory, the kind of activity from its
//! column or its title. Blank rows and subtotal rows ("Cộng", "Tổng cộng") are skipped.
//!
//! A row's record id comes from its id column when the sheet has one, else from what identifies
//! it (unit, place, date, title): reading the same sheet again, or a corrected one, updates those
//! records instead of adding them twice.

use std::collections::HashMap;

use super::columns::{Column, Mapping};
use super::names::{closest, name_key, Names};
use super::xlsx::{cell_name, Marks};
use crate::checksum::Sha256;
use crate::domain::catalog::{CATEGORIES, FUNDING};
use crate::domain::dataset::Dataset;
use crate::domain::format::integer;
use crate::domain::query::LocationIndex;
use crate::domain::record::Activity;
use crate::domain::text::fold;
use crate::domain::Lang;

/// What the rows are read against.
pub struct Context<'a> {
    pub ds: &'a Dataset,
    pub idx: &'a LocationIndex,
    /// The directory's names by key.
    pub names: Names<'a>,
    /// The unit this browser works for: the unit of rows without a unit column.
    pub unit: Option<&'a str>,
    /// The time written on new records.
    pub now: &'a str,
    pub lang: Lang,
    /// What the workbook said of cells beyond their text (none for pasted rows or a CSV file).
    pub marks: &'a Marks,
}

/// No marks: pasted rows, a CSV file.
pub static NO_MARKS: std::sync::LazyLock<Marks> = std::sync::LazyLock::new(Marks::default);

/// Columns holding an amount or a count: a cell merged down over several rows counts once, in
/// its first row, as the sheet's own SUM counts it.
pub const FIGURES: [Column; 5] = [
    Column::Cash,
    Column::InKind,
    Column::Households,
    Column::PoorHouseholds,
    Column::People,
];

/// One row as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Ready(Box<Activity>),
    /// Skipped on purpose (blank, a subtotal): why.
    Skipped(String),
    /// What is wrong, one message per cell.
    Problems(Vec<String>),
}

/// Read every row of the table after its header (when it has one). `line` of each is its number
/// in the sheet, from 1.
pub fn read(rows: &[Vec<String>], mapping: &Mapping, cx: &Context) -> Vec<(usize, Row)> {
    let start = mapping.first + usize::from(mapping.header);
    let mut seen: HashMap<String, u32> = HashMap::new();
    rows.iter()
        .enumerate()
        .skip(start)
        .map(|(i, cells)| {
            let row = match read_row(cells, i, mapping, cx) {
                Row::Ready(mut a) => {
                    // Two identical rows are two activities (two visits the same day).
                    let base = a.id.clone();
                    let n = seen.entry(base.clone()).or_default();
                    *n += 1;
                    if *n > 1 {
                        a.id = format!("{base}-{n}");
                    }
                    Row::Ready(a)
                }
                other => other,
            };
            (i + 1, row)
        })
        .collect()
}

pub(super) fn cell<'a>(cells: &'a [String], mapping: &Mapping, col: Column) -> &'a str {
    mapping
        .columns
        .iter()
        .position(|c| *c == col)
        .and_then(|i| cells.get(i))
        .map_or("", |s| s.trim())
}

pub(super) fn vi_en(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A problem for each read cell of row `y` (column index and label) holding a formula the file
/// kept no value for.
pub(super) fn unset_cells(
    y: usize,
    columns: &[(usize, &str)],
    marks: &Marks,
    lang: Lang,
) -> Vec<String> {
    columns
        .iter()
        .filter(|(x, _)| marks.unset.contains(&(y, *x)))
        .map(|&(x, label)| {
            let at = cell_name(y, x);
            vi_en(
                lang,
                format!("Cột {label}: ô {at} có công thức nhưng tệp không lưu kết quả đã tính (tệp do một chương trình khác tạo). Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi chọn lại."),
                format!("Column {label}: cell {at} holds a formula but the file keeps no computed value for it (written by another program). Open the file in Excel or LibreOffice, save it again and pick it again."),
            )
        })
        .collect()
}

/// Ranges of figure cells a merge filled, and what they count instead: one line each, for the
/// preview ("Cột Tiền mặt: ô F3 gộp xuống dòng 4–5; số tiền tính một lần, ở dòng 3.").
pub fn merged_figures(mapping: &Mapping, marks: &Marks, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for (x, col) in mapping.columns.iter().enumerate() {
        if !FIGURES.contains(col) {
            continue;
        }
        let mut rows = marks
            .spread
            .iter()
            .filter(|(_, cx)| *cx == x)
            .map(|(y, _)| *y)
            .peekable();
        while let Some(first) = rows.next() {
            let mut last = first;
            while rows.peek() == Some(&(last + 1)) {
                last += 1;
                rows.next();
            }
            let origin = first.saturating_sub(1);
            let (at, label) = (cell_name(origin, x), col.label(lang));
            let (a, b, o) = (first + 1, last + 1, origin + 1);
            out.push(vi_en(
                lang,
                format!("Cột {label}: ô {at} được gộp xuống dòng {a}–{b}; con số chỉ tính một lần, ở dòng {o} (như tổng SUM của bảng)."),
                format!("Column {label}: cell {at} is merged down rows {a}–{b}; the figure counts once, in row {o} (as the sheet's SUM does)."),
            ));
        }
    }
    out
}

fn read_row(cells: &[String], y: usize, mapping: &Mapping, cx: &Context) -> Row {
    let lang = cx.lang;
    let read: Vec<(usize, &str)> = (mapping.columns.iter().enumerate())
        .filter(|(_, c)| **c != Column::Skip)
        .map(|(x, c)| (x, c.label(lang)))
        .collect();
    let unset = unset_cells(y, &read, cx.marks, lang);
    if cells.iter().all(|c| c.trim().is_empty()) {
        if !unset.is_empty() {
            return Row::Problems(unset);
        }
        return Row::Skipped(vi_en(lang, "dòng trống".into(), "blank row".into()));
    }
    let date_text = cell(cells, mapping, Column::Date);
    let total_word = cells.iter().find(|c| is_total(std::slice::from_ref(*c)));
    if let Some(word) = total_word {
        if date_text.is_empty() || read_date(date_text).is_none() {
            return Row::Skipped(vi_en(
                lang,
                format!("dòng cộng (“{word}”)"),
                format!("a subtotal row (“{word}”)"),
            ));
        }
    }
    let mut problems = unset;
    let col = |c: Column| c.label(lang);
    // A figure filled from a cell merged above it is that cell's, counted there.
    let spread = |c: Column| {
        mapping
            .columns
            .iter()
            .position(|m| *m == c)
            .is_some_and(|x| cx.marks.spread.contains(&(y, x)))
    };
    let date = match read_date(date_text) {
        Some(d) => d,
        None => {
            problems.push(if date_text.is_empty() {
                vi_en(
                    lang,
                    format!("Cột {}: thiếu ngày.", col(Column::Date)),
                    format!("Column {}: no date.", col(Column::Date)),
                )
            } else {
                vi_en(
                    lang,
                    format!(
                        "Cột {}: “{date_text}” không phải một ngày; cần dạng dd/mm/yyyy, ví dụ 15/08/2024.",
                        col(Column::Date)
                    ),
                    format!(
                        "Column {}: “{date_text}” is not a date; use dd/mm/yyyy, e.g. 15/08/2024.",
                        col(Column::Date)
                    ),
                )
            });
            String::new()
        }
    };
    let on = (!date.is_empty()).then_some(date.as_str());
    let unit_text = cell(cells, mapping, Column::Unit);
    let unit_id = if unit_text.is_empty() {
        match cx.unit {
            Some(u) => Some(u.to_string()),
            None => {
                problems.push(vi_en(
                    lang,
                    "Chưa rõ đơn vị: thêm cột Đơn vị, hoặc chọn “Làm việc cho” trong Cài đặt."
                        .into(),
                    "No unit: add a Unit column, or choose “Working for” in Settings.".into(),
                ));
                None
            }
        }
    } else {
        match cx.names.units(unit_text, on).first() {
            Some(u) => Some(u.id.clone()),
            None => {
                problems.push(not_found(
                    lang,
                    col(Column::Unit),
                    unit_text,
                    closest(unit_text, cx.ds.units.iter().map(|u| u.name.as_str())),
                ));
                None
            }
        }
    };
    let location_id = read_place(cells, mapping, cx, on, &mut problems);
    let title = cell(cells, mapping, Column::Title).to_string();
    if title.is_empty() {
        problems.push(vi_en(
            lang,
            format!("Cột {}: thiếu nội dung hoạt động.", col(Column::Title)),
            format!("Column {}: no title.", col(Column::Title)),
        ));
    }
    let mut money = |c: Column| -> i64 {
        let text = cell(cells, mapping, c);
        if text.is_empty() || spread(c) {
            return 0;
        }
        crate::domain::money::parse_money(text, lang)
            .or_else(|_| crate::domain::money::parse_money(text, Lang::Vi))
            .unwrap_or_else(|e| {
                problems.push(format!(
                    "{} {}: “{text}” — {}",
                    column_word(lang),
                    col(c),
                    e.message(lang)
                ));
                0
            })
    };
    let cash_vnd = money(Column::Cash);
    let in_kind_vnd = money(Column::InKind);
    let mut count = |c: Column| -> i64 {
        let text = if spread(c) {
            ""
        } else {
            cell(cells, mapping, c)
        };
        crate::domain::quantity::parse_count(text).unwrap_or_else(|| {
            problems.push(vi_en(
                lang,
                format!("Cột {}: “{text}” không phải một số nguyên.", col(c)),
                format!("Column {}: “{text}” is not a whole number.", col(c)),
            ));
            0
        })
    };
    let households = count(Column::Households);
    let poor_households = count(Column::PoorHouseholds);
    let people = count(Column::People);
    let figures = crate::view::slips::Figures {
        households,
        poor: poor_households,
        people,
        ..Default::default()
    };
    problems.extend(
        crate::view::slips::contradictions(&figures, lang)
            .into_iter()
            .map(|(_, m)| m),
    );
    let category = category_of(cell(cells, mapping, Column::Category), &title);
    let funding = funding_of(cell(cells, mapping, Column::Funding));
    let description = mapping
        .columns
        .iter()
        .zip(cells)
        .filter(|(c, v)| **c == Column::Note && !v.trim().is_empty())
        .map(|(_, v)| v.trim())
        .collect::<Vec<_>>()
        .join("; ");
    let (Some(unit_id), Some(location_id)) = (unit_id, location_id) else {
        return Row::Problems(problems);
    };
    if !problems.is_empty() {
        return Row::Problems(problems);
    }
    let id = match cell(cells, mapping, Column::Id) {
        "" => row_id(&unit_id, &location_id, &date, &title),
        given => id_of(given),
    };
    Row::Ready(Box::new(Activity {
        id,
        rev: 1,
        updated_at: cx.now.to_string(),
        unit_id,
        location_id,
        date,
        category: category.to_string(),
        title,
        description,
        cash_vnd,
        in_kind_vnd,
        funding: funding.to_string(),
        households,
        poor_households,
        people,
        ..Default::default()
    }))
}

fn column_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Cột",
        Lang::En => "Column",
    }
}

pub(super) fn not_found(lang: Lang, column: &str, text: &str, near: Vec<&str>) -> String {
    not_found_said(lang, column, text, quoted(near))
}

/// `not_found` with the close names already written (a village with its commune).
fn not_found_said(lang: Lang, column: &str, text: &str, near: Vec<String>) -> String {
    let hint = if near.is_empty() {
        String::new()
    } else {
        let list = near.join(", ");
        vi_en(
            lang,
            format!(" Gần giống: {list}."),
            format!(" Close: {list}."),
        )
    };
    vi_en(
        lang,
        format!("Cột {column}: không có “{text}” trong danh mục.{hint}"),
        format!("Column {column}: “{text}” is not in the directory.{hint}"),
    )
}

/// The place of a row: its village within its commune, its commune, or a place column naming
/// either.
fn read_place(
    cells: &[String],
    mapping: &Mapping,
    cx: &Context,
    on: Option<&str>,
    problems: &mut Vec<String>,
) -> Option<String> {
    let lang = cx.lang;
    let commune_text = cell(cells, mapping, Column::Commune);
    let village_text = cell(cells, mapping, Column::Village);
    let place_text = cell(cells, mapping, Column::Place);
    let names = |level: &'static str| {
        cx.ds
            .locations
            .iter()
            .filter(move |l| l.level == level)
            .map(|l| l.name.as_str())
    };
    // Every commune of that name: a province may hold two (one entered twice, not yet merged);
    // a village is looked for in each.
    let communes = if commune_text.is_empty() {
        Vec::new()
    } else {
        let found = cx.names.places(commune_text, &["commune"], None, on);
        if found.is_empty() {
            problems.push(not_found(
                lang,
                Column::Commune.label(lang),
                commune_text,
                closest(commune_text, names("commune")),
            ));
            return None;
        }
        found
    };
    let commune = communes.first().map(|c| c.id.clone());
    if !village_text.is_empty() {
        let found: Vec<&crate::domain::record::Location> = if communes.is_empty() {
            cx.names.places(village_text, &["village"], None, on)
        } else {
            communes
                .iter()
                .flat_map(|c| cx.names.places(village_text, &["village"], Some(&c.id), on))
                .collect()
        };
        // The closest names, each with its commune: "Bản Pà Cò" alone says nothing when the
        // one meant sits under another Pà Cò.
        let near = || {
            closest(village_text, names("village"))
                .into_iter()
                .flat_map(|n| cx.names.places(n, &["village"], None, on))
                .take(3)
                .map(|v| match cx.idx.commune_of(&v.id) {
                    Some(c) => format!(
                        "“{}” ({})",
                        v.name,
                        crate::domain::query::place_name_inline(c)
                    ),
                    None => format!("“{}”", v.name),
                })
                .collect::<Vec<String>>()
        };
        let twice = || {
            vi_en(
                lang,
                format!("Cột Thôn/bản: có nhiều thôn/bản tên “{village_text}”; hãy thêm cột Xã."),
                format!("Column Village: several villages are named “{village_text}”; add a Commune column."),
            )
        };
        return only_one(
            &found,
            (Column::Village, village_text),
            (near, twice),
            lang,
            problems,
        );
    }
    if commune.is_some() {
        return commune;
    }
    if !place_text.is_empty() {
        let found = cx
            .names
            .places(place_text, &["commune", "village"], None, on);
        let near = || {
            quoted(closest(
                place_text,
                cx.ds.locations.iter().map(|l| l.name.as_str()),
            ))
        };
        let twice = || {
            vi_en(
                lang,
                format!("Cột Nơi: có nhiều nơi tên “{place_text}”; hãy dùng cột Xã và Thôn/bản."),
                format!("Column Place: several places are named “{place_text}”; use Commune and Village columns."),
            )
        };
        return only_one(
            &found,
            (Column::Place, place_text),
            (near, twice),
            lang,
            problems,
        );
    }
    problems.push(vi_en(
        lang,
        "Thiếu nơi thực hiện: cần cột Xã hoặc Thôn/bản.".into(),
        "No place: a Commune or Village column is needed.".into(),
    ));
    None
}

fn quoted(names: Vec<&str>) -> Vec<String> {
    names.into_iter().map(|n| format!("“{n}”")).collect()
}

/// The one place `found` for a cell, else the problem: not in the directory (with the closest
/// names), or named twice.
fn only_one(
    found: &[&crate::domain::record::Location],
    (column, text): (Column, &str),
    (near, twice): (impl FnOnce() -> Vec<String>, impl FnOnce() -> String),
    lang: Lang,
    problems: &mut Vec<String>,
) -> Option<String> {
    match found {
        [one] => Some(one.id.clone()),
        [] => {
            problems.push(not_found_said(lang, column.label(lang), text, near()));
            None
        }
        _ => {
            problems.push(twice());
            None
        }
    }
}

/// A date as officials write it, or an Excel serial day number (1 = 01/01/1900).
pub fn read_date(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(iso) = crate::domain::dates::parse_typed_date(t) {
        return Some(iso);
    }
    // "15/08/2024 00:00:00" as some exports write it.
    if let Some((day, _)) = t.split_once(' ') {
        if let Some(iso) = crate::domain::dates::parse_typed_date(day) {
            return Some(iso);
        }
    }
    let serial: i64 = t.split('.').next()?.parse().ok()?;
    DATE_SERIALS.contains(&serial).then(|| excel_serial(serial))
}

/// Excel serials read as dates: 1982–2119. Numbers outside are not dates someone typed for this
/// programme, whether typed as text or in a cell formatted as a date.
pub const DATE_SERIALS: std::ops::Range<i64> = 30_000..80_000;

/// The ISO date of an Excel serial day in the 1900 system, which counts a 29/02/1900 that never
/// was (its day 60): days before it are one later than a plain count.
pub fn excel_serial(serial: i64) -> String {
    // Serial 25569 is 01/01/1970.
    let serial = if serial < 60 { serial + 1 } else { serial };
    crate::domain::dates::iso_of_days(serial.saturating_sub(25_569))
}

/// Kind words in a title, folded, and the category they suggest (first match wins).
const KIND_WORDS: &[(&str, &str)] = &[
    ("vay von", "credit"),
    ("tin dung", "credit"),
    ("qua", "gifts"),
    ("tham hoi", "gifts"),
    ("nha", "housing"),
    ("giong", "seeds_livestock"),
    ("kham", "health"),
    ("thuoc", "health"),
    ("hoc", "education"),
    ("sach vo", "education"),
    ("tuyen truyen", "propaganda"),
    ("duong", "infrastructure"),
    ("thuy loi", "infrastructure"),
    ("nuoc sach", "infrastructure"),
    ("chieu sang", "infrastructure"),
    ("mo hinh", "livelihood"),
    ("san xuat", "livelihood"),
    ("ocop", "ocop"),
    ("khao sat", "survey"),
    ("lam viec", "survey"),
    ("an ninh", "security"),
    ("tap huan", "culture_society"),
    ("van hoa", "culture_society"),
];

/// The category a cell names (its code or label), else the one the title's words suggest, else
/// "other".
pub(super) fn category_of(text: &str, title: &str) -> &'static str {
    if !text.is_empty() {
        let key = name_key(text);
        if let Some(c) = CATEGORIES.iter().find(|c| {
            c.code == text
                || name_key(c.vi) == key
                || name_key(c.en) == key
                || name_key(c.vi).starts_with(&key)
        }) {
            return c.code;
        }
    }
    let words = format!(" {} ", name_key(title));
    KIND_WORDS
        .iter()
        .find(|(w, _)| words.contains(&format!(" {w} ")))
        .map_or("other", |(_, c)| c)
}

/// The funding a cell names, else the unit's own funds.
fn funding_of(text: &str) -> &'static str {
    let key = name_key(text);
    if key.is_empty() {
        return "unit";
    }
    if let Some(f) = FUNDING
        .iter()
        .find(|f| f.code == text || name_key(f.vi) == key || name_key(f.en) == key)
    {
        return f.code;
    }
    for (w, code) in [
        ("ngan sach", "budget"),
        ("xa hoi hoa", "social"),
        ("tai tro", "sponsor"),
    ] {
        if key.contains(w) {
            return code;
        }
    }
    "unit"
}

/// Words that may follow "Cộng"/"Tổng" in a subtotal's label ("Cộng năm 2021", "Tổng cộng
/// toàn tỉnh", "Cộng xã Pà Cò"); anything else is a name ("Công an tỉnh", "Công đoàn", "Tổng
/// công ty"), not a total.
const TOTAL_NEXT: &[&str] = &[
    "nam", "quy", "thang", "giai", "dot", "ky", "cac", "toan", "xa", "thon", "ban", "huyen",
    "chung", "so", "tien", "i", "ii", "iii", "iv", "a", "b",
];

/// Whether a row is a subtotal or total: one of its cells is "Cộng", "Tổng cộng", "Total"…
/// alone, followed by ":" or by a word of [`TOTAL_NEXT`] or a number.
pub(super) fn is_total(cells: &[String]) -> bool {
    cells.iter().any(|c| {
        let f = fold(c.trim());
        ["tong cong", "cong", "tong", "total", "subtotal"]
            .iter()
            .any(|w| {
                let Some(rest) = f.strip_prefix(w) else {
                    return false;
                };
                if rest.is_empty() || rest.starts_with(':') {
                    return true;
                }
                let Some(next) = rest.strip_prefix(' ') else {
                    return false;
                };
                let word = next.split([' ', ':']).next().unwrap_or("");
                word.starts_with(|c: char| c.is_ascii_digit()) || TOTAL_NEXT.contains(&word)
            })
    })
}

/// The id of a row with an id column: the app's own id as it is (a sheet exported from here),
/// any other text keyed, so the same text always names the same record.
fn id_of(given: &str) -> String {
    let own = given.starts_with("act-")
        && given.len() <= 64
        && given
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if own {
        return given.to_string();
    }
    let mut h = Sha256::default();
    h.update(b"id\x1f");
    h.update(given.trim().as_bytes());
    format!("act-x{}", &h.hex()[..16])
}

/// The id of a row's activity, from what identifies it.
fn row_id(unit: &str, place: &str, date: &str, title: &str) -> String {
    let mut h = Sha256::default();
    for part in [unit, place, date, &name_key(title)] {
        h.update(part.as_bytes());
        h.update(b"\x1f");
    }
    format!("act-x{}", &h.hex()[..16])
}

/// The records to preview for the rows read: a row whose record is here already comes back as
/// that record when nothing differs (unchanged), else as its next revision (updated); one
/// deleted here comes back above its deletion.
pub fn to_dataset(rows: &[(usize, Row)], stored: &Dataset) -> Dataset {
    let mut out = Dataset::default();
    for (_, row) in rows {
        let Row::Ready(a) = row else {
            continue;
        };
        let mut a = (**a).clone();
        if let Some(here) = stored.get::<Activity>(&a.id) {
            let same = Activity {
                rev: here.rev,
                updated_at: here.updated_at.clone(),
                plan_item_id: here.plan_item_id.clone(),
                model_id: here.model_id.clone(),
                qty: here.qty,
                measure: here.measure.clone(),
                loan_vnd: here.loan_vnd,
                extra: here.extra.clone(),
                ..a.clone()
            } == *here;
            if same {
                out.activities.push(here.clone());
                continue;
            }
            // What the sheet does not hold stays as it is here.
            a = Activity {
                rev: here.rev + 1,
                plan_item_id: here.plan_item_id.clone(),
                model_id: here.model_id.clone(),
                qty: here.qty,
                measure: here.measure.clone(),
                loan_vnd: here.loan_vnd,
                extra: here.extra.clone(),
                ..a
            };
        } else if let Some(t) = stored.tombstone(crate::domain::Kind::Activity, &a.id) {
            a.rev = t.rev + 1;
        }
        out.activities.push(a);
    }
    out
}

/// "3 dòng sẵn sàng · 1 dòng lỗi · 2 dòng bỏ qua".
pub fn tally(rows: &[(usize, Row)], lang: Lang) -> (usize, usize, usize, String) {
    let ready = rows
        .iter()
        .filter(|(_, r)| matches!(r, Row::Ready(_)))
        .count();
    let bad = rows
        .iter()
        .filter(|(_, r)| matches!(r, Row::Problems(_)))
        .count();
    let skipped = rows.len() - ready - bad;
    let n = |v: usize| integer(v as i64, lang);
    let text = match lang {
        Lang::Vi => format!(
            "{} dòng sẵn sàng · {} dòng có lỗi · {} dòng bỏ qua",
            n(ready),
            n(bad),
            n(skipped)
        ),
        Lang::En => format!(
            "{} rows ready · {} with problems · {} skipped",
            n(ready),
            n(bad),
            n(skipped)
        ),
    };
    (ready, bad, skipped, text)
}

#[cfg(test)]
#[path = "activities_tests.rs"]
mod tests;
