//! What a sheet's column holds, recognised from its header in Vietnamese or English ("Tiền mặt
//! (đồng)", "Hiện vật (quy ra tiền)", "Thôn/bản", "Cash"), or, for rows pasted without their
//! header, from what the cells look like. The person can change every mapping.

use super::names::{find_places, find_units};
use crate::domain::dataset::Dataset;
use crate::domain::query::LocationIndex;
use crate::domain::text::fold;
use crate::domain::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Skip,
    Date,
    Unit,
    Commune,
    Village,
    /// A commune or a village, whichever the name is.
    Place,
    Title,
    Category,
    Cash,
    InKind,
    Households,
    PoorHouseholds,
    People,
    Funding,
    Note,
    /// A row's own id: the record it updates, whatever else changes in the row.
    Id,
}

impl Column {
    pub const ALL: [Column; 16] = [
        Column::Skip,
        Column::Date,
        Column::Unit,
        Column::Commune,
        Column::Village,
        Column::Place,
        Column::Title,
        Column::Category,
        Column::Cash,
        Column::InKind,
        Column::Households,
        Column::PoorHouseholds,
        Column::People,
        Column::Funding,
        Column::Note,
        Column::Id,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Column::Skip => "skip",
            Column::Date => "date",
            Column::Unit => "unit",
            Column::Commune => "commune",
            Column::Village => "village",
            Column::Place => "place",
            Column::Title => "title",
            Column::Category => "category",
            Column::Cash => "cash",
            Column::InKind => "in_kind",
            Column::Households => "households",
            Column::PoorHouseholds => "poor",
            Column::People => "people",
            Column::Funding => "funding",
            Column::Note => "note",
            Column::Id => "id",
        }
    }

    pub fn from_code(code: &str) -> Column {
        Column::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .unwrap_or(Column::Skip)
    }

    /// The column's name, as the activity form labels the field.
    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Column::Skip => ("— Bỏ qua cột này —", "— Skip this column —"),
            Column::Date => ("Ngày", "Date"),
            Column::Unit => ("Đơn vị", "Unit"),
            Column::Commune => ("Xã", "Commune"),
            Column::Village => ("Thôn/bản", "Village"),
            Column::Place => ("Nơi (xã hoặc thôn/bản)", "Place (commune or village)"),
            Column::Title => ("Nội dung", "Title"),
            Column::Category => ("Loại hoạt động", "Kind of activity"),
            Column::Cash => ("Tiền mặt", "Cash"),
            Column::InKind => ("Hiện vật (quy ra tiền)", "In kind (value)"),
            Column::Households => ("Số hộ", "Households"),
            Column::PoorHouseholds => ("Trong đó hộ nghèo", "Of which poor households"),
            Column::People => ("Số người", "People"),
            Column::Funding => ("Nguồn kinh phí", "Funding"),
            Column::Note => ("Ghi chú", "Note"),
            Column::Id => ("Mã dòng (ID)", "Row id (ID)"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Header words (folded) that name the column.
    fn headers(self) -> &'static [&'static str] {
        match self {
            Column::Skip => &["stt", "so thu tu", "tt", "no"],
            Column::Date => &["ngay", "ngay thuc hien", "thoi gian", "ngay thang", "date"],
            Column::Unit => &["don vi", "co quan", "don vi thuc hien", "unit", "agency"],
            Column::Commune => &["xa", "xa phuong", "phuong", "commune"],
            Column::Village => &["thon", "ban", "thon ban", "xom", "thon xom", "village"],
            Column::Place => &["dia ban", "noi", "dia diem", "place", "location"],
            Column::Title => &[
                "noi dung",
                "hoat dong",
                "ten hoat dong",
                "noi dung ho tro",
                "noi dung hoat dong",
                "title",
                "activity",
            ],
            Column::Category => &[
                "loai",
                "linh vuc",
                "loai hoat dong",
                "nhom",
                "category",
                "kind",
            ],
            Column::Cash => &[
                "tien mat",
                "so tien",
                "kinh phi",
                "thanh tien",
                "cash",
                "amount",
            ],
            Column::InKind => &["hien vat", "gia tri hien vat", "in kind"],
            Column::Households => &["so ho", "ho", "so ho duoc ho tro", "households"],
            Column::PoorHouseholds => &[
                "ho ngheo",
                "so ho ngheo",
                "trong do ho ngheo",
                "trong do",
                "poor households",
                "of which poor",
            ],
            Column::People => &["so nguoi", "nguoi", "luot nguoi", "so luot nguoi", "people"],
            Column::Funding => &[
                "nguon kinh phi",
                "nguon",
                "nguon von",
                "funding",
                "source of funds",
            ],
            Column::Note => &["ghi chu", "mo ta", "note", "notes", "description"],
            Column::Id => &["id", "ma dong", "ma hoat dong", "ma so hoat dong", "row id"],
        }
    }

    /// The column a header names: the longest header word it starts with, whole words only.
    pub fn from_header(header: &str) -> Option<Column> {
        let key = words(header);
        if key.is_empty() {
            return None;
        }
        let mut best: Option<(usize, Column)> = None;
        for c in Column::ALL {
            for h in c.headers() {
                let starts = key == *h || key.starts_with(&format!("{h} "));
                if starts && best.is_none_or(|(n, _)| h.len() > n) {
                    best = Some((h.len(), c));
                }
            }
        }
        best.map(|(_, c)| c)
    }
}

/// Folded, punctuation as spaces, single spaces.
pub(super) fn words(s: &str) -> String {
    let folded: String = fold(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How the rows are read: where the table starts (rows above it, such as a report's title, are
/// left out), whether its first row is a header, and each column's meaning.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    /// The index of the table's first row (its header, when it has one).
    pub first: usize,
    pub header: bool,
    pub columns: Vec<Column>,
    /// Names the directory lacks that the person said are records it has, under a name close
    /// to them ("Ban Pa Co" is “Bản Pà Cò” of xã Pà Cò): (column, the sheet's text, record id).
    pub chosen: Vec<(Column, String, String)>,
}

/// Rows searched for a header row below a sheet's title.
const HEADER_SEARCH: usize = 30;

/// How many cells of a row name a column.
fn named(row: &[String]) -> usize {
    row.iter()
        .filter(|h| Column::from_header(h).is_some_and(|c| c != Column::Skip))
        .count()
}

/// The mapping for a whole sheet: its header is the first of its top rows to name two or more
/// columns (titles and blank rows above it are left out).
pub fn guess_sheet(rows: &[Vec<String>], ds: &Dataset, idx: &LocationIndex) -> Mapping {
    let start = rows
        .iter()
        .take(HEADER_SEARCH)
        .position(|r| named(r) >= 2)
        .unwrap_or(0);
    let mut m = guess(&rows[start..], ds, idx);
    m.first = start;
    m
}

/// The mapping of a table whose header is at `first`, from its words.
pub fn at_header(rows: &[Vec<String>], first: usize, ds: &Dataset, idx: &LocationIndex) -> Mapping {
    let mut m = guess(rows.get(first..).unwrap_or(&[]), ds, idx);
    m.first = first;
    m
}

/// What identifies a sheet's layout: its header's words, without case or marks. The mapping a
/// person chose is remembered under it and offered for the next file laid out the same way.
pub fn layout_key(header: &[String]) -> String {
    header
        .iter()
        .map(|h| words(h))
        .collect::<Vec<_>>()
        .join("|")
        .trim_end_matches('|')
        .to_string()
}

/// The mapping a first look suggests: the header's words when the first row is one (two or
/// more cells name a column), else what each column's cells look like.
pub fn guess(rows: &[Vec<String>], ds: &Dataset, idx: &LocationIndex) -> Mapping {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if let Some(first) = rows.first() {
        let named: Vec<Option<Column>> = first.iter().map(|h| Column::from_header(h)).collect();
        let looks_like_data = first
            .iter()
            .any(|c| crate::domain::dates::parse_typed_date(c).is_some());
        if named
            .iter()
            .flatten()
            .filter(|c| **c != Column::Skip)
            .count()
            >= 2
            && !looks_like_data
        {
            let mut columns: Vec<Column> = Vec::with_capacity(width);
            for i in 0..width {
                let c = named.get(i).copied().flatten().unwrap_or(Column::Note);
                // A field named twice is read from its first column only.
                columns.push(
                    if c != Column::Skip && c != Column::Note && columns.contains(&c) {
                        Column::Skip
                    } else {
                        c
                    },
                );
            }
            return Mapping {
                first: 0,
                header: true,
                columns,
                chosen: Vec::new(),
            };
        }
    }
    let mut columns = Vec::with_capacity(width);
    for i in 0..width {
        let cells: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.get(i).map(String::as_str))
            .filter(|c| !c.is_empty())
            .collect();
        let c = by_content(&cells, ds, idx, &columns);
        columns.push(c);
    }
    Mapping {
        first: 0,
        header: false,
        columns,
        chosen: Vec::new(),
    }
}

/// A column's meaning from its cells, given the columns already taken to its left.
fn by_content(cells: &[&str], ds: &Dataset, idx: &LocationIndex, taken: &[Column]) -> Column {
    let free = |c: Column| !taken.contains(&c);
    if cells.is_empty() {
        return Column::Skip;
    }
    let all = |f: &dyn Fn(&str) -> bool| cells.iter().all(|c| f(c));
    if free(Column::Date) && all(&|c| crate::domain::dates::parse_typed_date(c).is_some()) {
        return Column::Date;
    }
    if free(Column::Unit) && all(&|c| !find_units(ds, c, None).is_empty()) {
        return Column::Unit;
    }
    if free(Column::Commune)
        && all(&|c| !find_places(idx, ds, c, &["commune"], None, None).is_empty())
    {
        return Column::Commune;
    }
    if free(Column::Village)
        && all(&|c| !find_places(idx, ds, c, &["village"], None, None).is_empty())
    {
        return Column::Village;
    }
    let money = |c: &str| crate::domain::money::parse_money(c, Lang::Vi).ok();
    if all(&|c| money(c).is_some()) {
        let big = cells.iter().filter_map(|c| money(c)).any(|v| v >= 10_000);
        if big {
            for c in [Column::Cash, Column::InKind] {
                if free(c) {
                    return c;
                }
            }
        }
        for c in [Column::Households, Column::PoorHouseholds, Column::People] {
            if free(c) {
                return c;
            }
        }
        return Column::Skip;
    }
    if free(Column::Title) {
        return Column::Title;
    }
    Column::Note
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn headers_in_both_languages() {
        for (h, c) in [
            ("Ngày", Column::Date),
            ("Ngày thực hiện", Column::Date),
            ("Đơn vị", Column::Unit),
            ("Xã", Column::Commune),
            ("Thôn/bản", Column::Village),
            ("Nội dung", Column::Title),
            ("Tiền mặt (đồng)", Column::Cash),
            ("Hiện vật (quy ra tiền)", Column::InKind),
            ("Số hộ", Column::Households),
            ("Số hộ nghèo", Column::PoorHouseholds),
            ("Trong đó hộ nghèo", Column::PoorHouseholds),
            ("Số người", Column::People),
            ("Nguồn kinh phí", Column::Funding),
            ("Cash", Column::Cash),
            ("STT", Column::Skip),
        ] {
            assert_eq!(Column::from_header(h), Some(c), "{h}");
        }
        assert_eq!(Column::from_header("Xếp loại"), None);
    }

    #[test]
    fn rows_without_a_header_are_guessed_from_their_cells() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let rows: Vec<Vec<String>> = [
            [
                "15/8/24",
                "Kho bạc Nhà nước tỉnh",
                "Pà Cò",
                "Tặng quà",
                "1.000.000",
                "5",
            ],
            [
                "16/8/24",
                "Công an tỉnh",
                "Hang Kia",
                "Khám bệnh",
                "2,5 triệu",
                "12",
            ],
        ]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
        let m = guess(&rows, &ds, &idx);
        assert!(!m.header);
        assert_eq!(
            m.columns,
            [
                Column::Date,
                Column::Unit,
                Column::Commune,
                Column::Title,
                Column::Cash,
                Column::Households
            ]
        );
        let with_header: Vec<Vec<String>> = std::iter::once(
            ["Ngày", "Xã", "Nội dung", "Tiền mặt", "Xếp loại"]
                .iter()
                .map(|c| c.to_string())
                .collect(),
        )
        .chain(rows.iter().take(1).cloned())
        .collect();
        let m = guess(&with_header, &ds, &idx);
        assert!(m.header);
        assert_eq!(
            m.columns[..4],
            [Column::Date, Column::Commune, Column::Title, Column::Cash]
        );
        assert_eq!(
            m.columns[4],
            Column::Note,
            "an unknown header is kept as a note"
        );
    }
}
