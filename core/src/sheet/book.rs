//! A spreadsheet file picked on the Import page, whatever it is: an XLSX workbook (its visible
//! sheets) or a CSV file (one sheet named after the file). An old binary `.xls` or a CSV in a
//! legacy encoding is refused with what to do instead.

use super::csv;
pub use super::xlsx::Sheet;
use super::xlsx::{self, Limit, XlsxError};
use crate::domain::Lang;

/// Why a spreadsheet could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    /// An Excel 97–2003 `.xls` file.
    OldExcel,
    /// Not a workbook, or one of its parts damaged (the part's name).
    Damaged(Option<String>),
    /// A CSV file not in UTF-8 or UTF-16: the line of its first odd byte.
    Encoding { line: usize },
    /// No sheet holds a cell.
    Empty,
    /// A CSV file whose quoted cell opens on this line and never closes.
    Quote { line: usize },
    /// Past one of the reader's bounds, in the sheet named (empty: the file as a whole).
    TooLarge(Limit, String),
}

/// Whether a picked file is a spreadsheet (by its name; a bundle is `.json`).
pub fn is_sheet(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".csv", ".tsv"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// The sheets of a spreadsheet file.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, SheetError> {
    let sheets = if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Err(SheetError::OldExcel);
    } else if bytes.starts_with(b"PK") {
        xlsx::read(bytes).map_err(|e| match e {
            XlsxError::NotZip => SheetError::Damaged(None),
            XlsxError::Part(p) => SheetError::Damaged(Some(p)),
            XlsxError::TooLarge(limit, sheet) => SheetError::TooLarge(limit, sheet),
        })?
    } else if name.to_ascii_lowercase().ends_with(".xlsx") {
        return Err(SheetError::Damaged(None));
    } else {
        let text = csv::decode(bytes).map_err(|line| SheetError::Encoding { line })?;
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let rows = csv::parse_checked(&text).map_err(|line| SheetError::Quote { line })?;
        if rows.len() > xlsx::MAX_ROWS {
            return Err(SheetError::TooLarge(Limit::Rows, stem.to_string()));
        }
        vec![Sheet {
            name: stem.to_string(),
            rows,
            ..Sheet::default()
        }]
    };
    let sheets: Vec<Sheet> = sheets.into_iter().filter(|s| !s.rows.is_empty()).collect();
    if sheets.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(sheets)
}

impl SheetError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SheetError::OldExcel, Lang::Vi) => "Đây là tệp Excel 97–2003 (.xls), ứng dụng chưa đọc được. Trong Excel hãy chọn Tệp → Lưu thành → “Sổ làm việc Excel (.xlsx)” rồi chọn lại tệp đó.".into(),
            (SheetError::OldExcel, Lang::En) => "This is an Excel 97–2003 file (.xls), which the app cannot read. In Excel choose File → Save As → “Excel Workbook (.xlsx)” and pick that file.".into(),
            (SheetError::Damaged(None), Lang::Vi) => "Tệp không phải một sổ làm việc Excel (.xlsx) đọc được: có thể tệp bị hỏng hoặc tải về chưa hết.".into(),
            (SheetError::Damaged(None), Lang::En) => "The file is not a readable Excel workbook (.xlsx): it may be damaged or not fully downloaded.".into(),
            (SheetError::Damaged(Some(p)), Lang::Vi) => format!("Sổ làm việc bị hỏng: không đọc được phần “{p}” bên trong tệp. Hãy mở tệp bằng Excel, lưu lại rồi chọn lại."),
            (SheetError::Damaged(Some(p)), Lang::En) => format!("The workbook is damaged: its part “{p}” cannot be read. Open it in Excel, save it again and pick it again."),
            (SheetError::Encoding { line }, Lang::Vi) => format!("Tệp CSV không dùng mã UTF-8 (dòng {line} có ký tự không đọc được; có thể tệp lưu bằng Windows-1258 hoặc TCVN3). Trong Excel hãy chọn Lưu thành → “CSV UTF-8 (phân cách bằng dấu phẩy)”, hoặc lưu thành .xlsx, rồi chọn lại."),
            (SheetError::Encoding { line }, Lang::En) => format!("The CSV file is not UTF-8 (line {line} has characters that cannot be read; it may be Windows-1258 or TCVN3). In Excel choose Save As → “CSV UTF-8 (Comma delimited)”, or save it as .xlsx, and pick it again."),
            (SheetError::Empty, Lang::Vi) => "Tệp không có ô nào có dữ liệu.".into(),
            (SheetError::Empty, Lang::En) => "The file has no cell with data.".into(),
            (SheetError::Quote { line }, Lang::Vi) => format!("Tệp CSV có dấu ngoặc kép (\") mở ở dòng {line} mà không đóng: phần còn lại của tệp sẽ bị đọc thành một ô. Hãy sửa dòng đó (hoặc mở tệp bằng Excel và lưu lại) rồi chọn lại."),
            (SheetError::Quote { line }, Lang::En) => format!("The CSV file has a double quote (\") opened on line {line} and never closed: the rest of the file would be read as one cell. Correct that line (or open the file in Excel and save it again) and pick it again."),
            (SheetError::TooLarge(limit, sheet), lang) => too_large(*limit, sheet, lang),
        }
    }
}

fn too_large(limit: Limit, sheet: &str, lang: Lang) -> String {
    let n = |v: usize| crate::domain::format::integer(v as i64, lang);
    let what = match (limit, lang) {
        (Limit::Rows, Lang::Vi) => format!(
            "có dòng quá {} (ứng dụng đọc tối đa {} dòng mỗi trang tính)",
            n(xlsx::MAX_ROWS),
            n(xlsx::MAX_ROWS)
        ),
        (Limit::Rows, Lang::En) => format!(
            "has a row past {} (the app reads at most {} rows per sheet)",
            n(xlsx::MAX_ROWS),
            n(xlsx::MAX_ROWS)
        ),
        (Limit::Columns, Lang::Vi) => format!(
            "có dữ liệu ở cột quá {} (ứng dụng đọc tối đa {} cột)",
            n(xlsx::MAX_COLUMNS),
            n(xlsx::MAX_COLUMNS)
        ),
        (Limit::Columns, Lang::En) => format!(
            "has data past column {} (the app reads at most {} columns)",
            n(xlsx::MAX_COLUMNS),
            n(xlsx::MAX_COLUMNS)
        ),
        (Limit::Merges, Lang::Vi) => format!("có các ô gộp phủ quá {} ô", n(xlsx::MAX_MERGE_FILL)),
        (Limit::Merges, Lang::En) => format!(
            "has merged cells covering more than {} cells",
            n(xlsx::MAX_MERGE_FILL)
        ),
        (Limit::Bytes, Lang::Vi) => {
            format!("giải nén ra quá {} MB", n(super::unzip::MAX_TOTAL >> 20))
        }
        (Limit::Bytes, Lang::En) => format!(
            "inflates to more than {} MB",
            n(super::unzip::MAX_TOTAL >> 20)
        ),
    };
    match (sheet.is_empty(), lang) {
        (true, Lang::Vi) => format!("Tệp quá lớn để đọc: {what}. Hãy chia tệp hoặc xóa phần thừa rồi chọn lại; không có gì được nhập."),
        (true, Lang::En) => format!("The file is too large to read: it {what}. Split it or remove what is not needed and pick it again; nothing was imported."),
        (false, Lang::Vi) => format!("Trang tính “{sheet}” quá lớn để đọc: {what}. Hãy chia tệp hoặc xóa phần thừa rồi chọn lại; không có gì được nhập."),
        (false, Lang::En) => format!("The sheet “{sheet}” is too large to read: it {what}. Split it or remove what is not needed and pick it again; nothing was imported."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_refused_and_why() {
        assert_eq!(
            read("a.xls", &[0xd0, 0xcf, 0x11, 0xe0, 0, 0]),
            Err(SheetError::OldExcel)
        );
        assert_eq!(
            read("a.xlsx", b"PK\x03\x04broken"),
            Err(SheetError::Damaged(None))
        );
        assert_eq!(read("a.xlsx", b"hello"), Err(SheetError::Damaged(None)));
        assert_eq!(
            read("a.csv", b"x\nNg\xe0y"),
            Err(SheetError::Encoding { line: 2 })
        );
        assert_eq!(read("a.csv", b"\n\n"), Err(SheetError::Empty));
        let e = SheetError::Encoding { line: 2 }.message(Lang::Vi);
        assert!(e.contains("dòng 2") && e.contains("CSV UTF-8"), "{e}");
        assert!(is_sheet("Báo cáo 2023.XLSX") && is_sheet("a.csv") && !is_sheet("a.json"));
    }

    #[test]
    fn a_csv_is_one_sheet_named_after_the_file() {
        let s = read("hoat-dong.csv", "Ngày;Xã\n15/08/2024;Pà Cò\n".as_bytes()).expect("read");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "hoat-dong");
        assert_eq!(s[0].rows[1], ["15/08/2024", "Pà Cò"]);
    }
}
