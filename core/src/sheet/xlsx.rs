//! An XLSX workbook read into sheets of text cells, as the person sees them in Excel: shared
//! and inline strings, numbers written without float noise, cells formatted as dates written
//! dd/mm/yyyy, formulas by their last computed value, and a cell merged down several rows given
//! to each of those rows (a commune written once for its villages). Hidden sheets are left out.
//!
//! Written here rather than taken from `calamine`: measured in a wasm build like the app's,
//! calamine (with its zip, zlib-rs and encoding_rs) adds about 238 KB gzip to the import part;
//! this reader uses the core's own inflate and adds a few KB.

use std::collections::HashMap;

use super::unzip::{Archive, ZipError};
use super::xml::{attr, tokens, unescape, Token};
use crate::domain::format::date;

/// Columns beyond this are not read (Excel allows 16,384; no sheet of ours has 100).
const MAX_COLUMNS: usize = 256;

/// One sheet: its name and its rows of cells, row `i` being the sheet's row `i + 1`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// Why a workbook could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XlsxError {
    NotZip,
    /// A part of the workbook is missing or damaged: its name.
    Part(String),
}

impl From<ZipError> for XlsxError {
    fn from(e: ZipError) -> XlsxError {
        match e {
            ZipError::NotZip => XlsxError::NotZip,
            ZipError::Entry(name) => XlsxError::Part(name),
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
        sheets.push(Sheet {
            name,
            rows: sheet_rows(&xml, &shared, &dates),
        });
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
    value: String,
}

fn sheet_rows(xml: &str, shared: &[String], dates: &[bool]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
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
                    value: String::new(),
                };
                if empty {
                    col = c.at.map_or(col, |(c, _)| c) + 1;
                } else {
                    cell = Some(c);
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
                col = x + 1;
                if x >= MAX_COLUMNS {
                    continue;
                }
                let text = cell_text(c, shared, dates);
                if text.is_empty() {
                    continue;
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
    for ((x, y0), (_, y1)) in merges {
        let Some(value) = rows.get(y0).and_then(|r| r.get(x)).cloned() else {
            continue;
        };
        for y in y0 + 1..=y1.min(rows.len().saturating_sub(1)) {
            let r = &mut rows[y];
            if r.len() <= x {
                r.resize(x + 1, String::new());
            }
            r[x].clone_from(&value);
        }
    }
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    rows
}

fn cell_text(c: Cell, shared: &[String], dates: &[bool]) -> String {
    if c.kind == Kind::Text && c.value.trim().len() == c.value.len() {
        return c.value;
    }
    let v = c.value.trim();
    match c.kind {
        Kind::Shared => v
            .parse::<usize>()
            .ok()
            .and_then(|i| shared.get(i))
            .map_or_else(String::new, |s| s.trim().to_string()),
        Kind::Text => v.to_string(),
        Kind::Bool => if v == "1" { "TRUE" } else { "FALSE" }.to_string(),
        // An ISO date cell (Excel's strict format).
        Kind::IsoDate => v.get(..10).map_or_else(|| v.to_string(), date),
        _ if v.is_empty() => String::new(),
        _ if dates.get(c.style).copied().unwrap_or(false) => {
            match v.split('.').next().and_then(|d| d.parse::<i64>().ok()) {
                Some(serial) if serial > 0 => date(&super::activities::excel_serial(serial)),
                _ => v.to_string(),
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
