//! The blank workbook offered on the Import page: a sheet "Hoạt động" with the columns the
//! import recognises, headed in Vietnamese, a sheet "Ví dụ" with the same header, one example
//! row and how to write each column, and headed sheets for places, units, assignments and plans.
//! The example sits apart so that a template sent back unchanged imports nothing.

use super::columns::Column;
use super::records::SheetKind;
use crate::domain::Lang;
use crate::report::tables::{Cell, Table};

/// The columns of the template, in order.
pub const COLUMNS: [Column; 13] = [
    Column::Date,
    Column::Unit,
    Column::Commune,
    Column::Village,
    Column::Title,
    Column::Category,
    Column::Cash,
    Column::InKind,
    Column::Households,
    Column::PoorHouseholds,
    Column::People,
    Column::Funding,
    Column::Note,
];

/// How to write each column, in the example sheet.
fn how(c: Column) -> &'static str {
    match c {
        Column::Date => "dd/mm/yyyy, ví dụ 15/08/2024 (hoặc ô định dạng ngày của Excel)",
        Column::Unit => {
            "Tên đơn vị như trong Danh mục, hoặc tên viết tắt (KBNN); để trống: đơn vị của máy này"
        }
        Column::Commune => "Tên xã, có hoặc không có chữ “xã”, có dấu hoặc không dấu",
        Column::Village => "Tên thôn/bản (để trống nếu hỗ trợ chung cho xã)",
        Column::Title => "Nội dung hoạt động, ví dụ “Tặng quà Tết hộ nghèo”",
        Column::Category => {
            "Để trống: đoán từ nội dung; hoặc ghi: tặng quà, nhà ở, giống cây con, y tế, giáo dục…"
        }
        Column::Cash => "Số đồng: 1.000.000 hoặc 1 triệu hoặc 1,5 tỷ",
        Column::InKind => "Giá trị hiện vật quy ra đồng, cách ghi như tiền mặt",
        Column::Households => "Số hộ được hỗ trợ (số nguyên)",
        Column::PoorHouseholds => "Trong số hộ trên, bao nhiêu hộ nghèo",
        Column::People => "Số người (lượt người) được hỗ trợ",
        Column::Funding => "Ngân sách nhà nước, xã hội hoá, đơn vị tự có…",
        _ => "Ghi chú thêm (cột không nhận ra cũng được giữ làm ghi chú)",
    }
}

/// The template's bytes.
pub fn xlsx() -> Vec<u8> {
    let headers: Vec<String> = COLUMNS
        .iter()
        .map(|c| c.label(Lang::Vi).to_string())
        .collect();
    let blank = Table {
        name: "Hoạt động".into(),
        headers: headers.clone(),
        rows: Vec::new(),
        total: None,
    };
    let text = Cell::text;
    let example = vec![
        Cell::Date("2024-08-15".into()),
        text("Kho bạc Nhà nước tỉnh"),
        text("Xã Pà Cò"),
        text("Bản Pà Cò 1"),
        text("Tặng quà Tết hộ nghèo"),
        text("Tặng quà"),
        Cell::Int(15_000_000),
        Cell::Int(5_000_000),
        Cell::Int(30),
        Cell::Int(12),
        Cell::Int(120),
        text("Đơn vị tự có"),
        text("Dòng ví dụ: không nhập từ trang này"),
    ];
    let mut rows = vec![example, Vec::new(), vec![text("Cột"), text("Cách ghi")]];
    rows.extend(
        COLUMNS
            .iter()
            .map(|c| vec![text(c.label(Lang::Vi)), text(how(*c))]),
    );
    let sample = Table {
        name: "Ví dụ".into(),
        headers,
        rows,
        total: None,
    };
    // The directory's and the plans' own sheets, headed only.
    let mut sheets = vec![blank, sample];
    for (kind, name) in [
        (SheetKind::Places, "Địa bàn"),
        (SheetKind::Units, "Đơn vị"),
        (SheetKind::Assignments, "Phân công"),
        (SheetKind::Plans, "Kế hoạch"),
    ] {
        sheets.push(Table {
            name: name.into(),
            headers: kind.fields().iter().map(|f| f.vi.to_string()).collect(),
            rows: Vec::new(),
            total: None,
        });
    }
    crate::report::sheets::xlsx(&sheets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::query::LocationIndex;
    use crate::domain::testkit::small;
    use crate::sheet::columns::guess_sheet;

    #[test]
    fn the_template_reads_back_with_every_column_recognised() {
        let sheets = crate::sheet::book::read("mau.xlsx", &xlsx()).expect("read");
        assert_eq!(sheets[0].name, "Hoạt động");
        assert_eq!(
            sheets[0].rows.len(),
            1,
            "the first sheet has its header only"
        );
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let m = guess_sheet(&sheets[1].rows, &ds, &idx);
        assert!(m.header);
        assert_eq!(m.columns, COLUMNS.to_vec());
        assert_eq!(sheets[1].rows[1][0], "15/08/2024");
        assert_eq!(sheets[1].rows[1][6], "15000000");
        // Each other sheet's kind is told from its name, and its every heading found.
        for s in &sheets[2..] {
            let kind = SheetKind::from_sheet_name(&s.name);
            assert_ne!(kind, SheetKind::Activities, "{}", s.name);
            let found = crate::sheet::records::locate(kind, &s.rows[0]);
            assert!(found.iter().all(Option::is_some), "{}: {found:?}", s.name);
        }
    }
}
