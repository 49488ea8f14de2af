//! An XLSX workbook read into sheets of text cells, as the person sees them in Excel: shared
//! and inline strings, numbers written without float noise, cells formatted as dates written
//! dd/mm/yyyy (in the 1900 or the 1904 date system), formulas by their last computed value, and a
//! cell merged down several rows given to each of those rows (a commune written once for its
//! villages). What the text cannot say is marked beside it (`Marks`): a formula the file holds no
//! value for, and which cells a merge filled (an amount merged down is counted once, not in each
//! row). Hidden sheets are left out. Rows, columns, merge fills and inflated bytes are bounded, and
//! a file past a bound is refused by name (`Limit`), never half read.
//!
//! Written here rather than taken from `calamine`: measured in a wasm build like the app's,
//! calamine (with its zip, zlib-rs and encoding_rs) adds about 238 KB gzip to the import part;
//! this reader uses the core's own inflate and adds a few KB.

use std::collections::{BTreeSet, HashMap};

use super::unzip::{Archive, ZipError};
use super::xml::{attr, tokens, unescape, Token};
use crate::domain::format::date;

/// Columns read (Excel allows 16,384; no sheet of ours has 100). A cell with text past it refuses
/// the file rather than being dropped.
pub const MAX_COLUMNS: usize = 256;
/// Rows read in one sheet (the import is tested at 20,000).
pub const MAX_ROWS: usize = 100_000;
/// Cells all the merges of a sheet may fill.
pub const MAX_MERGE_FILL: usize = 1_000_000;

/// One sheet: its name and its rows of cells, row `i` being the sheet's row `i + 1`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
    pub marks: Marks,
}

/// Cells whose text is not all the file says of them, as (row, column) from 0.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Filled from a cell merged down over them: names and dates count there, amounts do not.
    pub spread: BTreeSet<(usize, usize)>,
    /// A formula the file holds no computed value for (written by a script, never saved by
    /// Excel): read as empty, and a problem wherever the cell is used.
    pub unset: BTreeSet<(usize, usize)>,
}

/// "C12" for row 11, column 2 (from 0), as Excel names a cell.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Which bound a workbook went past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// A sheet row beyond `MAX_ROWS`.
    Rows,
    /// A cell with text beyond `MAX_COLUMNS`.
    Columns,
    /// Merges filling more than `MAX_MERGE_FILL` cells.
    Merges,
    /// The parts inflating to more than the archive allows.
    Bytes,
}

/// Why a workbook could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XlsxError {
    NotZip,
    /// A part of the workbook is missing or damaged: its name.
    Part(String),
    /// Past a bound, in the sheet named (empty for the archive as a whole).
    TooLarge(Limit, String),
}

impl From<ZipError> for XlsxError {
    fn from(e: ZipError) -> XlsxError {
        match e {
            ZipError::NotZip => XlsxError::NotZip,
            ZipError::Entry(name) => XlsxError::Part(name),
            ZipError::TooLarge => XlsxError::TooLarge(Limit::Bytes, String::new()),
        }
    }
}

fn text_of(archive: &Archive, name: &str) -> Option<Result<String, XlsxError>> {
    Some(
        archive
            .read(name)?
            .map_err(XlsxError::from)
            .and_then(|b| String::from_utf8(b).map_err(|_| XlsxError::Part(name.to_string()))),
    )
}

/// The visible sheets of an XLSX file, in the workbook's order.
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, XlsxError> {
    let archive = Archive::open(bytes)?;
    let book_path = text_of(&archive, "_rels/.rels")
        .transpose()?
        .and_then(|rels| target(&rels, "/officeDocument", ""))
        .unwrap_or_else(|| "xl/workbook.xml".to_string());
    let book =
        text_of(&archive, &book_path).ok_or_else(|| XlsxError::Part(book_path.clone()))??;
    let dir = book_path.rsplit_once('/').map_or("", |(d, _)| d);
    let rels_path = match book_path.rsplit_once('/') {
        Some((d, f)) => format!("{d}/_rels/{f}.rels"),
        None => format!("_rels/{book_path}.rels"),
    };
    let rels = text_of(&archive, &rels_path)
        .transpose()?
        .unwrap_or_default();
    let part = |kind: &str, default: &str| {
        target(&rels, kind, dir).unwrap_or_else(|| format!("{dir}/{default}"))
    };
    let shared = match text_of(&archive, &part("/sharedStrings", "sharedStrings.xml")) {
        Some(t) => shared_strings(&t?),
        None => Vec::new(),
    };
    let dates = match text_of(&archive, &part("/styles", "styles.xml")) {
        Some(t) => date_styles(&t?),
        None => Vec::new(),
    };
    let system = DateSystem::of(&book);
    let targets = relationships(&rels, dir);
    let mut sheets = Vec::new();
    for tok in tokens(&book) {
        let Token::Start {
            name: "sheet",
            attrs,
            ..
        } = tok
        else {
            continue;
        };
        if attr(attrs, "state").is_some_and(|s| s != "visible") {
            continue;
        }
        let name = attr(attrs, "name").unwrap_or_default().into_owned();
        let Some(path) = attr(attrs, "id").and_then(|id| targets.get(id.as_ref()).cloned()) else {
            continue;
        };
        let xml = text_of(&archive, &path).ok_or_else(|| XlsxError::Part(path.clone()))??;
        let read = Styles {
            shared: &shared,
            dates: &dates,
            system,
        };
        let (rows, marks) =
            sheet_rows(&xml, &read).map_err(|limit| XlsxError::TooLarge(limit, name.clone()))?;
        sheets.push(Sheet { name, rows, marks });
    }
    Ok(sheets)
}

/// Relationship ids to part paths, resolved against the folder of the part they belong to.
fn relationships(rels: &str, dir: &str) -> HashMap<String, String> {
    tokens(rels)
        .filter_map(|t| match t {
            Token::Start {
                name: "Relationship",
                attrs,
                ..
            } => Some((
                attr(attrs, "Id")?.into_owned(),
                resolve(dir, &attr(attrs, "Target")?),
            )),
            _ => None,
        })
        .collect()
}

/// The target of the first relationship whose type ends with `kind`.
fn target(rels: &str, kind: &str, dir: &str) -> Option<String> {
    tokens(rels).find_map(|t| match t {
        Token::Start {
            name: "Relationship",
            attrs,
            ..
        } if attr(attrs, "Type").is_some_and(|k| k.ends_with(kind)) => {
            Some(resolve(dir, &attr(attrs, "Target")?))
        }
        _ => None,
    })
}

fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in target.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The text of each `<si>`: its runs joined, phonetic guides left out.
fn shared_strings(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut in_t, mut in_phonetic) = (false, false);
    for t in tokens(xml) {
        match t {
            // An empty string may be written `<si/>`: it still takes its place in the list.
            Token::Start {
                name: "si",
                empty: true,
                ..
            } => out.push(String::new()),
            Token::Start { name: "si", .. } => current.clear(),
            Token::End("si") => out.push(std::mem::take(&mut current)),
            Token::Start {
                name: "rPh",
                empty: false,
                ..
            } => in_phonetic = true,
            Token::End("rPh") => in_phonetic = false,
            Token::Start {
                name: "t", empty, ..
            } => in_t = !empty,
            Token::End("t") => in_t = false,
            Token::Text(s) if in_t && !in_phonetic => current.push_str(&unescape(s)),
            Token::CData(s) if in_t && !in_phonetic => current.push_str(s),
            _ => {}
        }
    }
    out
}

/// For each cell style (`cellXfs` index), whether its number format shows a date.
fn date_styles(xml: &str) -> Vec<bool> {
    let mut custom: HashMap<String, bool> = HashMap::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    for t in tokens(xml) {
        match t {
            Token::Start {
                name: "numFmt",
                attrs,
                ..
            } => {
                if let (Some(id), Some(code)) = (attr(attrs, "numFmtId"), attr(attrs, "formatCode"))
                {
                    custom.insert(id.into_owned(), is_date_format(&code));
                }
            }
            Token::Start {
                name: "cellXfs",
                empty: false,
                ..
            } => in_xfs = true,
            Token::End("cellXfs") => in_xfs = false,
            Token::Start {
                name: "xf", attrs, ..
            } if in_xfs => {
                let id = attr(attrs, "numFmtId").unwrap_or_default();
                let builtin = id
                    .parse::<u32>()
                    .is_ok_and(|n| (14..=22).contains(&n) || (45..=47).contains(&n));
                out.push(custom.get(id.as_ref()).copied().unwrap_or(builtin));
            }
            _ => {}
        }
    }
    out
}

/// A custom format shows a date when it has a day, month or year letter outside quoted text,
/// brackets ("[Red]", "[$-42A]") and escapes.
fn is_date_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// "B12" → (column 1, row 11), from 0.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().fold(0usize, |n, b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: usize = r[letters..].parse().ok()?;
    Some((col.checked_sub(1)?, row.checked_sub(1)?))
}

/// A cell's type (`t`): shared string, inline or formula string, boolean, error, ISO date, or
/// (absent) a number.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Shared,
    Text,
    Bool,
    IsoDate,
    Number,
}

fn kind(t: Option<&str>) -> Kind {
    match t {
        Some("s") => Kind::Shared,
        Some("inlineStr" | "str" | "e") => Kind::Text,
        Some("b") => Kind::Bool,
        Some("d") => Kind::IsoDate,
        _ => Kind::Number,
    }
}

struct Cell {
    at: Option<(usize, usize)>,
    kind: Kind,
    style: usize,
    formula: bool,
    value: String,
}

/// Excel's two date systems: serial 0 is 31/12/1899 (Windows) or 01/01/1904 (old Mac workbooks,
/// `<workbookPr date1904="1"/>`), 1,462 days apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateSystem {
    From1900,
    From1904,
}

impl DateSystem {
    fn of(book: &str) -> DateSystem {
        let on = tokens(book).any(|t| match t {
            Token::Start {
                name: "workbookPr",
                attrs,
                ..
            } => attr(attrs, "date1904").is_some_and(|v| v == "1" || v == "true"),
            _ => false,
        });
        if on {
            DateSystem::From1904
        } else {
            DateSystem::From1900
        }
    }

    /// The serial in the 1900 system.
    fn serial_1900(self, serial: i64) -> i64 {
        match self {
            DateSystem::From1900 => serial,
            DateSystem::From1904 => serial.saturating_add(1_462),
        }
    }
}

/// What a sheet's cells are read with.
struct Styles<'a> {
    shared: &'a [String],
    dates: &'a [bool],
    system: DateSystem,
}

fn sheet_rows(xml: &str, st: &Styles) -> Result<(Vec<Vec<String>>, Marks), Limit> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut marks = Marks::default();
    let mut merges: Vec<((usize, usize), (usize, usize))> = Vec::new();
    let (mut row, mut col) = (0usize, 0usize);
    let mut cell: Option<Cell> = None;
    let mut in_value = false;
    for t in tokens(xml) {
        match t {
            Token::Start {
                name: "row",
                attrs,
                empty,
            } => {
                row = attr(attrs, "r")
                    .and_then(|r| r.parse::<usize>().ok())
                    .and_then(|r| r.checked_sub(1))
                    .unwrap_or(rows.len());
                col = 0;
                if row >= MAX_ROWS {
                    return Err(Limit::Rows);
                }
                if !empty && rows.len() <= row {
                    rows.resize_with(row + 1, Vec::new);
                }
            }
            Token::Start {
                name: "c",
                attrs,
                empty,
            } => {
                let c = Cell {
                    at: attr(attrs, "r").and_then(|r| cell_ref(&r)),
                    kind: kind(attr(attrs, "t").as_deref()),
                    style: attr(attrs, "s").and_then(|s| s.parse().ok()).unwrap_or(0),
                    formula: false,
                    value: String::new(),
                };
                if empty {
                    col = c.at.map_or(col, |(c, _)| c).saturating_add(1);
                } else {
                    cell = Some(c);
                }
            }
            Token::Start { name: "f", .. } => {
                if let Some(c) = &mut cell {
                    c.formula = true;
                }
            }
            Token::Start {
                name: "v" | "t",
                empty: false,
                ..
            } => in_value = cell.is_some(),
            Token::Start { name: "rPh", .. } => in_value = false,
            Token::End("v" | "t") => in_value = false,
            Token::Text(s) if in_value => {
                if let Some(c) = &mut cell {
                    c.value.push_str(&unescape(s));
                }
            }
            Token::CData(s) if in_value => {
                if let Some(c) = &mut cell {
                    c.value.push_str(s);
                }
            }
            Token::End("c") => {
                let Some(c) = cell.take() else { continue };
                let (x, y) = c.at.unwrap_or((col, row));
                col = x.saturating_add(1);
                let unset = c.formula && c.value.trim().is_empty();
                let text = cell_text(c, st);
                if text.is_empty() && !unset {
                    continue;
                }
                if y >= MAX_ROWS {
                    return Err(Limit::Rows);
                }
                if x >= MAX_COLUMNS {
                    return Err(Limit::Columns);
                }
                if unset {
                    marks.unset.insert((y, x));
                }
                if rows.len() <= y {
                    rows.resize_with(y + 1, Vec::new);
                }
                let r = &mut rows[y];
                if r.len() <= x {
                    r.resize(x + 1, String::new());
                }
                r[x] = text;
            }
            Token::Start {
                name: "mergeCell",
                attrs,
                ..
            } => {
                let range = attr(attrs, "ref").unwrap_or_default();
                if let Some((a, b)) = range.split_once(':') {
                    if let (Some(a), Some(b)) = (cell_ref(a), cell_ref(b)) {
                        merges.push((a, b));
                    }
                }
            }
            _ => {}
        }
    }
    // A cell merged down several rows belongs to each of them; merged across columns only, it
    // stays in its first column (a title across the page is not repeated in every column).
    let mut filled = 0usize;
    for ((x, y0), (_, y1)) in merges {
        let Some(value) = rows
            .get(y0)
            .and_then(|r| r.get(x))
            .filter(|v| !v.is_empty())
            .cloned()
        else {
            continue;
        };
        let last = y1.min(rows.len().saturating_sub(1));
        filled = filled.saturating_add(last.saturating_sub(y0));
        if filled > MAX_MERGE_FILL {
            return Err(Limit::Merges);
        }
        for (y, r) in rows.iter_mut().enumerate().take(last + 1).skip(y0 + 1) {
            if r.len() <= x {
                r.resize(x + 1, String::new());
            }
            r[x].clone_from(&value);
            marks.spread.insert((y, x));
        }
    }
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    Ok((rows, marks))
}

fn cell_text(c: Cell, st: &Styles) -> String {
    if c.kind == Kind::Text && c.value.trim().len() == c.value.len() {
        return c.value;
    }
    let v = c.value.trim();
    match c.kind {
        Kind::Shared => v
            .parse::<usize>()
            .ok()
            .and_then(|i| st.shared.get(i))
            .map_or_else(String::new, |s| s.trim().to_string()),
        Kind::Text => v.to_string(),
        Kind::Bool => if v == "1" { "TRUE" } else { "FALSE" }.to_string(),
        // An ISO date cell (Excel's strict format).
        Kind::IsoDate => v.get(..10).map_or_else(|| v.to_string(), date),
        _ if v.is_empty() => String::new(),
        // A date cell shows a date only for the serials a typed number would be read as a date
        // (`activities::DATE_SERIALS`); any other number stays a number, refused as a date the
        // same way whether the cell is formatted as a date or not.
        _ if st.dates.get(c.style).copied().unwrap_or(false) => {
            match v.split('.').next().and_then(|d| d.parse::<i64>().ok()) {
                Some(serial) => {
                    let serial = st.system.serial_1900(serial);
                    if super::activities::DATE_SERIALS.contains(&serial) {
                        date(&super::activities::excel_serial(serial))
                    } else {
                        number_text(&serial.to_string())
                    }
                }
                None => v.to_string(),
            }
        }
        _ => number_text(v),
    }
}

/// A stored number ("1500000", "1.5E+6", "1234567.8900000001") as an official writes it:
/// digits, a decimal comma, at most nine decimals, no float noise.
pub fn number_text(v: &str) -> String {
    // Most cells are whole numbers already.
    if !v.is_empty() && v.len() < 16 && v.bytes().all(|b| b.is_ascii_digit()) {
        let t = v.trim_start_matches('0');
        return if t.is_empty() { "0" } else { t }.to_string();
    }
    let (neg, v) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let (mantissa, exp) = match v.split_once(['E', 'e']) {
        Some((m, e)) => match e.trim_start_matches('+').parse::<i32>() {
            Ok(e) => (m, e),
            Err(_) => return v.to_string(),
        },
        None => (v, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) || exp.abs() > 30 {
        return v.to_string();
    }
    // All digits, and where the decimal point falls among them.
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let point = int.len() as i32 + exp;
    if point < 0 {
        let mut lead = vec![0u8; point.unsigned_abs() as usize];
        lead.append(&mut digits);
        digits = lead;
    }
    let mut point = point.max(0) as usize;
    if digits.len() < point {
        digits.resize(point, 0);
    }
    // Round to nine decimals, carrying.
    let keep = point + 9;
    if digits.len() > keep {
        let up = digits[keep] >= 5;
        digits.truncate(keep);
        let mut i = keep;
        if up {
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    point += 1;
                    break;
                }
                i -= 1;
                if digits[i] < 9 {
                    digits[i] += 1;
                    break;
                }
                digits[i] = 0;
            }
        }
    }
    let (i, f) = digits.split_at(point);
    let mut int: String = i.iter().map(|d| char::from(b'0' + d)).collect();
    let int_trim = int.trim_start_matches('0');
    int = if int_trim.is_empty() {
        "0".into()
    } else {
        int_trim.into()
    };
    let frac: String = f.iter().map(|d| char::from(b'0' + d)).collect();
    let frac = frac.trim_end_matches('0');
    let sign = if neg && (int != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int},{frac}")
    }
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
