//! The same documents as Word files (.docx: WordprocessingML in a ZIP) for the officer to edit
//! before signing: A4, Times New Roman, the margins and layout of Nghị định 30/2020/NĐ-CP —
//! the letterhead table (issuing body and number; motto, place and date), title, headings,
//! justified paragraphs, tables with a repeated header row and totals, recipients and signature,
//! the annex on a page of its own, and page numbers at the top from the second page. Opens in
//! Word and LibreOffice.

use std::fmt::Write;

use super::html::{annex_reference, date_line, Doc, Letterhead, Part};
use super::tables::{Cell, Table};
use super::zip::zip;
use crate::domain::text::upper;

/// Text width of an A4 page between the margins below, in twentieths of a point.
const TEXT_WIDTH: u32 = 11_906 - LEFT - RIGHT;
/// Nghị định 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const TOP: u32 = 1_134;
const BOTTOM: u32 = 1_134;
const LEFT: u32 = 1_701;
const RIGHT: u32 = 851;
/// The letterhead's left column (issuing body), the rest is the motto's.
const ISSUER_WIDTH: u32 = 3_800;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"#;

/// The page number, centred at the top in 13 pt, from the second page on (Nghị định 30, as the
/// printed page): a PAGE field in the default header, an empty header for the first page.
const PAGE_HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#;

const FIRST_HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p/></w:hdr>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

/// The Word file of `doc`.
pub fn docx(doc: &Doc) -> Vec<u8> {
    let mut body = String::new();
    letterhead(&mut body, &doc.head);
    parts(&mut body, &doc.parts);
    signature(&mut body, &doc.head);
    let section = |restart: bool| {
        format!(
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/><w:headerReference w:type=\"first\" r:id=\"rId3\"/>\
             <w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"{TOP}\" w:right=\"{RIGHT}\" \
             w:bottom=\"{BOTTOM}\" w:left=\"{LEFT}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>{}<w:titlePg/></w:sectPr>",
            if restart { "<w:pgNumType w:start=\"1\"/>" } else { "" }
        )
    };
    if !doc.annex.is_empty() {
        // The annex is a section of its own, on a new page, numbered from 1 (Nghị định 30).
        let _ = write!(body, "<w:p><w:pPr>{}</w:pPr></w:p>", section(false));
        p(&mut body, Align::Center, 0, &[Run::new("PHỤ LỤC").bold()]);
        p(
            &mut body,
            Align::Center,
            120,
            &[Run::new(&annex_reference(&doc.head)).italic()],
        );
        parts(&mut body, &doc.annex);
    }
    body.push_str(&section(!doc.annex.is_empty()));
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", RELS.as_bytes().to_vec()),
        ("word/_rels/document.xml.rels", DOC_RELS.as_bytes().to_vec()),
        ("word/styles.xml", STYLES.as_bytes().to_vec()),
        ("word/document.xml", document.into_bytes()),
        ("word/header1.xml", PAGE_HEADER.as_bytes().to_vec()),
        ("word/header2.xml", FIRST_HEADER.as_bytes().to_vec()),
    ])
}

/// Text for XML: escaped as for HTML, line breaks as spaces, and without the control
/// characters XML 1.0 cannot hold.
fn x(s: &str) -> String {
    let plain: String = crate::markup::xml_chars(s)
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    crate::markup::esc(&plain)
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    fn code(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }
}

/// One run of text with its look; size in points (0: the document's 14 pt).
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    size: u32,
}

impl Run {
    fn new(text: &str) -> Run {
        Run {
            text: text.to_string(),
            bold: false,
            italic: false,
            size: 0,
        }
    }
    fn bold(mut self) -> Run {
        self.bold = true;
        self
    }
    fn italic(mut self) -> Run {
        self.italic = true;
        self
    }
    fn size(mut self, pt: u32) -> Run {
        self.size = pt;
        self
    }
    fn write(&self, out: &mut String) {
        out.push_str("<w:r><w:rPr>");
        if self.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if self.size > 0 {
            let _ = write!(
                out,
                "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
                self.size * 2
            );
        }
        let _ = write!(
            out,
            "</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            x(&self.text)
        );
    }
}

/// A paragraph: its alignment, space after (twentieths of a point) and runs.
fn p(out: &mut String, align: Align, after: u32, runs: &[Run]) {
    let _ = write!(
        out,
        "<w:p><w:pPr><w:spacing w:after=\"{after}\"/><w:jc w:val=\"{}\"/></w:pPr>",
        align.code()
    );
    runs.iter().for_each(|r| r.write(out));
    out.push_str("</w:p>");
}

/// A body paragraph: justified, first line indented 1 cm, 6 pt after, line spacing 1.15.
fn body_p(out: &mut String, text: &str) {
    let _ = write!(
        out,
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/>\
         <w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr>"
    );
    Run::new(text).write(out);
    out.push_str("</w:p>");
}

/// A horizontal rule under a line of the letterhead: a bottom border on an empty paragraph,
/// indented so that it is `width` long and centred in a column `column` wide.
fn rule(out: &mut String, column: u32, width: u32) {
    let side = column.saturating_sub(width) / 2;
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>\
         <w:spacing w:after=\"120\" w:line=\"120\" w:lineRule=\"exact\"/><w:ind w:left=\"{side}\" w:right=\"{side}\"/></w:pPr></w:p>"
    );
}

const NO_BORDERS: &str =
    "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>\
    <w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>";

/// A borderless two-column table (letterhead, signature) whose cells `left` and `right` write.
fn two_columns(
    out: &mut String,
    left_width: u32,
    left: impl FnOnce(&mut String),
    right: impl FnOnce(&mut String),
) {
    let right_width = TEXT_WIDTH - left_width;
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/>{NO_BORDERS}<w:tblLayout w:type=\"fixed\"/></w:tblPr>\
         <w:tblGrid><w:gridCol w:w=\"{left_width}\"/><w:gridCol w:w=\"{right_width}\"/></w:tblGrid><w:tr>\
         <w:tc><w:tcPr><w:tcW w:w=\"{left_width}\" w:type=\"dxa\"/></w:tcPr>"
    );
    left(out);
    let _ = write!(
        out,
        "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"{right_width}\" w:type=\"dxa\"/></w:tcPr>"
    );
    right(out);
    out.push_str("</w:tc></w:tr></w:tbl>");
}

fn letterhead(out: &mut String, head: &Letterhead) {
    let motto_width = TEXT_WIDTH - ISSUER_WIDTH;
    two_columns(
        out,
        ISSUER_WIDTH,
        |o| {
            p(
                o,
                Align::Center,
                0,
                &[Run::new(&upper(&head.parent_body)).size(13)],
            );
            p(
                o,
                Align::Center,
                0,
                &[Run::new(&upper(&head.issuer)).bold().size(13)],
            );
            if head.party {
                p(o, Align::Center, 0, &[Run::new("*").size(13)]);
            } else {
                rule(o, ISSUER_WIDTH, 1_200);
            }
            let number = if head.party {
                format!("Số {}", head.number)
            } else {
                format!("Số: {}", head.number)
            };
            p(o, Align::Center, 0, &[Run::new(&number).size(13)]);
        },
        |o| {
            if head.party {
                p(
                    o,
                    Align::Center,
                    0,
                    &[Run::new("ĐẢNG CỘNG SẢN VIỆT NAM").bold().size(13)],
                );
                rule(o, motto_width, 3_000);
            } else {
                p(
                    o,
                    Align::Center,
                    0,
                    &[Run::new("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
                        .bold()
                        .size(12)],
                );
                p(
                    o,
                    Align::Center,
                    0,
                    &[Run::new("Độc lập - Tự do - Hạnh phúc").bold().size(13)],
                );
                rule(o, motto_width, 3_200);
            }
            p(
                o,
                Align::Center,
                0,
                &[Run::new(&date_line(&head.place, &head.date)).italic()],
            );
        },
    );
    let _ = write!(
        out,
        "<w:p><w:pPr><w:spacing w:before=\"240\" w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"
    );
    Run::new(&head.title).bold().write(out);
    out.push_str("</w:p>");
    p(out, Align::Center, 0, &[Run::new(&head.subtitle).bold()]);
    rule(out, TEXT_WIDTH, 2_000);
}

fn heading(out: &mut String, text: &str) {
    let _ = write!(
        out,
        "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/><w:jc w:val=\"both\"/></w:pPr>"
    );
    Run::new(text).bold().write(out);
    out.push_str("</w:p>");
}

fn parts(out: &mut String, parts: &[Part]) {
    for part in parts {
        match part {
            Part::Heading(h) => heading(out, h),
            Part::Paragraphs(ps) => ps
                .iter()
                .filter(|t| !t.trim().is_empty())
                .for_each(|t| body_p(out, t.trim())),
            Part::Table(t, _) => table(out, t),
            Part::List { intro, items, .. } => {
                body_p(out, intro);
                items.iter().for_each(|i| body_p(out, &format!("- {i}")));
            }
        }
    }
}

fn cell_align(c: &Cell) -> Align {
    match c {
        Cell::Text(_) => Align::Left,
        Cell::Date(_) => Align::Center,
        _ => Align::Right,
    }
}

/// The type size of a table and its column widths: 12 pt, or down to 9 pt until every
/// column holds its longest word and figure unbroken.
fn table_layout(t: &Table) -> (u32, Vec<u32>) {
    for pt in [12, 11, 10] {
        if let Some(w) = widths(t, pt) {
            return (pt, w);
        }
    }
    let w = widths(t, 9).unwrap_or_else(|| squeezed(t, 9));
    (9, w)
}

/// How wide `text` prints at `pt` points, bold or not, in twentieths of a point, from the
/// widths of Times glyphs in tenths of an em (a little generous: a word must not break).
/// Held to the text width: a longer word wraps in any case, and sums of widths cannot overflow.
fn text_width(text: &str, pt: u32, bold: bool) -> u32 {
    let tenths: u32 = text
        .chars()
        .take(TEXT_WIDTH as usize)
        .map(|c| match c {
            '.' | ',' | ' ' | '(' | ')' | '/' | '-' | 'i' | 'l' | 'j' | 't' | 'f' | 'r' => 3,
            'm' | 'w' => 8,
            'M' | 'W' => 10,
            c if c.is_ascii_digit() => 5,
            c if c.is_uppercase() => 7,
            _ => 5,
        })
        .sum();
    let w = tenths.saturating_mul(pt * 2);
    if bold { w.saturating_mul(11) / 10 } else { w }.min(TEXT_WIDTH)
}

/// Column widths for a table filling the text width at `pt` points: each column at least as
/// wide as its longest figure (figures never wrap) or its longest word, the room left shared by
/// how much text each column holds; `None` when that does not fit.
fn widths(t: &Table, pt: u32) -> Option<Vec<u32>> {
    let (least, want) = needs(t, pt);
    let n = least.len();
    let mut w: Vec<u32> = least.iter().map(|l| l + PAD).collect();
    let sum: u32 = w.iter().sum();
    if sum > TEXT_WIDTH {
        return None;
    }
    let room = TEXT_WIDTH - sum;
    let extra: Vec<u32> = want
        .iter()
        .zip(&least)
        .map(|(a, b)| a.saturating_sub(*b))
        .collect();
    let total: u32 = extra.iter().sum();
    for (i, x) in w.iter_mut().enumerate() {
        *x += (room * extra[i])
            .checked_div(total)
            .unwrap_or(room / n as u32);
    }
    Some(w)
}

/// Widths in proportion to what each column needs, when even 9 pt does not fit.
fn squeezed(t: &Table, pt: u32) -> Vec<u32> {
    let (least, _) = needs(t, pt);
    let sum: u32 = least.iter().map(|l| l + PAD).sum::<u32>().max(1);
    least.iter().map(|l| (l + PAD) * TEXT_WIDTH / sum).collect()
}

/// The cell's own margins (57, 1 mm, each side: set on every data table, since readers differ
/// in their defaults) and a little air.
const PAD: u32 = 180;

/// Per column, the width it cannot do without (its longest figure or word) and the width its
/// text would like, at `pt` points.
fn needs(t: &Table, pt: u32) -> (Vec<u32>, Vec<u32>) {
    let n = t.headers.len().max(1);
    let mut least = vec![0u32; n];
    let mut want = vec![0u32; n];
    let longest_word = |s: &str, bold: bool| {
        s.split_whitespace()
            .map(|w| text_width(w, pt, bold))
            .max()
            .unwrap_or(0)
    };
    for (i, h) in t.headers.iter().enumerate() {
        // A header may wrap between its words: the room left goes to the body's text.
        least[i] = longest_word(h, true);
        want[i] = least[i];
    }
    for row in t.rows.iter().chain(t.total.iter()) {
        for (i, c) in row.iter().enumerate().take(n) {
            let text = c.paper();
            if c.is_figure() {
                let w = text_width(&text, pt, true);
                least[i] = least[i].max(w);
                want[i] = want[i].max(w);
            } else {
                least[i] = least[i].max(longest_word(&text, false));
                want[i] = want[i].max(text_width(&text, pt, false).min(pt * 20 * 20));
            }
        }
    }
    (least, want)
}

/// A data table: single borders, 12 pt (smaller when wide), the header row bold and repeated
/// on each page, figures aligned and never wrapped, the totals row bold.
fn table(out: &mut String, t: &Table) {
    let (pt, widths) = table_layout(t);
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/>\
         <w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>\
         <w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    );
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
    let tc = |out: &mut String, i: usize| {
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr>",
            widths.get(i).copied().unwrap_or(0)
        );
    };
    for (i, h) in t.headers.iter().enumerate() {
        tc(out, i);
        p(out, Align::Center, 0, &[Run::new(h).bold().size(pt)]);
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
    let mut row = |cells: &[Cell], bold: bool| {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (i, c) in cells.iter().enumerate() {
            tc(out, i);
            let run = Run::new(&c.paper()).size(pt);
            p(
                out,
                cell_align(c),
                0,
                &[if bold { run.bold() } else { run }],
            );
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    };
    for r in &t.rows {
        row(r, false);
    }
    if let Some(total) = &t.total {
        row(total, true);
    }
    out.push_str("</w:tbl>");
    p(out, Align::Left, 120, &[]);
}

fn signature(out: &mut String, head: &Letterhead) {
    p(out, Align::Left, 120, &[]);
    two_columns(
        out,
        TEXT_WIDTH / 2,
        |o| {
            p(
                o,
                Align::Left,
                0,
                &[Run::new("Nơi nhận:").bold().italic().size(12)],
            );
            for r in &head.recipients {
                p(o, Align::Left, 0, &[Run::new(&format!("- {r};")).size(11)]);
            }
            p(o, Align::Left, 0, &[Run::new("- Lưu: VT.").size(11)]);
        },
        |o| {
            for line in head
                .signer_title
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                p(o, Align::Center, 0, &[Run::new(&upper(line)).bold()]);
            }
            // Room for the signature and the seal.
            for _ in 0..4 {
                p(o, Align::Center, 0, &[]);
            }
            p(o, Align::Center, 0, &[Run::new(&head.signer_name).bold()]);
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        Doc {
            head: Letterhead {
                parent_body: "UBND tỉnh Phú Thọ".into(),
                issuer: "Sở Dân tộc và Tôn giáo".into(),
                number: "15/BC-SDTTG".into(),
                place: "Phú Thọ".into(),
                date: "2026-12-01".into(),
                title: "BÁO CÁO".into(),
                subtitle: "Kết quả <giúp đỡ> & xã".into(),
                signer_title: "KT. Giám đốc\nPhó Giám đốc".into(),
                signer_name: "Nguyễn Văn A".into(),
                recipients: vec!["Tỉnh ủy".into()],
                party: false,
            },
            parts: vec![
                Part::Heading("I. KẾT QUẢ".into()),
                Part::Paragraphs(vec!["Đoạn \u{1}một.".into()]),
                Part::Table(
                    Table {
                        name: "t".into(),
                        headers: vec!["Xã".into(), "Tiền".into()],
                        rows: vec![vec![Cell::text("Pà Cò"), Cell::Int(1_250_000)]],
                        total: Some(vec![Cell::text("Tổng cộng"), Cell::Int(1_250_000)]),
                    },
                    "t",
                ),
            ],
            annex: vec![Part::Heading("Biểu 1".into())],
        }
    }

    /// The document part, read back out of the ZIP (stored deflated: inflate it).
    fn document_xml(bytes: &[u8]) -> String {
        let name = b"word/document.xml";
        let at = bytes
            .windows(name.len())
            .position(|w| w == name)
            .expect("document part");
        // The local header: 30 bytes before the name, sizes at 18 and 22.
        let h = at - 30;
        let size = u32::from_le_bytes([bytes[h + 18], bytes[h + 19], bytes[h + 20], bytes[h + 21]])
            as usize;
        let data = &bytes[at + name.len()..at + name.len() + size];
        String::from_utf8(miniz_oxide::inflate::decompress_to_vec(data).expect("inflate"))
            .expect("utf-8")
    }

    #[test]
    fn a_report_as_wordprocessingml() {
        let xml = document_xml(&docx(&doc()));
        assert!(xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(xml.contains("Độc lập - Tự do - Hạnh phúc"));
        assert!(xml.contains("Số: 15/BC-SDTTG"));
        assert!(xml.contains("Phú Thọ, ngày 01 tháng 12 năm 2026"));
        assert!(xml.contains("Kết quả &lt;giúp đỡ&gt; &amp; xã"), "escaped");
        assert!(xml.contains("Đoạn một."), "control characters dropped");
        assert!(xml.contains(">1.250.000<"));
        assert!(xml.contains("<w:tblHeader/>"));
        assert!(xml.contains("KT. GIÁM ĐỐC") && xml.contains("PHÓ GIÁM ĐỐC"));
        assert!(xml.contains("- Lưu: VT."));
        // The annex: a section of its own (a new page), numbered from 1, naming its issuer.
        assert_eq!(
            xml.matches("<w:sectPr>").count(),
            2,
            "the annex on its own page"
        );
        assert!(
            xml.contains("<w:pgNumType w:start=\"1\"/>"),
            "annex pages from 1"
        );
        assert!(xml.contains("(Kèm theo Báo cáo số 15/BC-SDTTG ngày 01 tháng 12 năm 2026 của "));
        assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4");
        assert!(xml.contains("w:left=\"1701\""), "30 mm left margin");
        assert!(
            xml.contains("<w:titlePg/>") && xml.contains("w:type=\"default\" r:id=\"rId2\""),
            "page numbers from page 2"
        );
    }

    #[test]
    fn what_xml_cannot_hold_never_reaches_the_file_and_a_long_word_never_overflows() {
        let mut d = doc();
        let long = "x".repeat(200_000);
        d.parts.push(Part::Paragraphs(vec![
            "Chuông\u{fffe}\u{ffff}\u{b} Tết".into()
        ]));
        d.parts.push(Part::Table(
            Table {
                name: "t".into(),
                headers: vec!["Nội dung".into()],
                rows: vec![vec![Cell::text(format!("{long}\u{ffff}"))]],
                total: None,
            },
            "t",
        ));
        let xml = document_xml(&docx(&d));
        assert!(xml.contains("Chuông Tết"), "U+FFFE, U+FFFF, U+000B dropped");
        assert!(xml.chars().all(crate::markup::xml_allowed));
    }
}
