//! Printable documents as escaped HTML text, in the administrative layout of
//! Nghị định 30/2020/NĐ-CP: issuing body and national motto, number and date line, title,
//! content, tables with totals, recipients and signature. The page shows them as they print.

use std::fmt::Write;

use super::tables::{Cell, Table};
use crate::markup::esc;

/// Header, title and signature of a document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Letterhead {
    /// Superior body, e.g. "UBND TỈNH HÒA BÌNH" (may be empty).
    pub parent_body: String,
    /// Issuing body, e.g. "BAN DÂN TỘC".
    pub issuer: String,
    /// "…/BC-BDT".
    pub number: String,
    /// Place of the date line, e.g. "Hòa Bình".
    pub place: String,
    /// ISO date of issue.
    pub date: String,
    pub title: String,
    pub subtitle: String,
    pub signer_title: String,
    pub signer_name: String,
    pub recipients: Vec<String>,
    /// A Party body's document (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" in place of
    /// the national motto, a star under the issuer, the number written `15-BC/BTGTU`.
    pub party: bool,
}

/// "(Kèm theo Báo cáo số 12/BC-KBNN ngày 27 tháng 11 năm 2026 của Kho bạc Nhà nước tỉnh)".
pub fn annex_reference(head: &Letterhead) -> String {
    let of = if head.issuer.trim().is_empty() {
        String::new()
    } else {
        format!(" của {}", head.issuer.trim())
    };
    format!(
        "(Kèm theo Báo cáo số {} {}{of})",
        head.number,
        date_line("", &head.date)
    )
}

/// "Hòa Bình, ngày 27 tháng 11 năm 2026".
pub fn date_line(place: &str, iso: &str) -> String {
    let (y, m, d) = crate::domain::dates::parse_date(iso).unwrap_or((0, 0, 0));
    let day = if d < 10 {
        format!("0{d}")
    } else {
        d.to_string()
    };
    let month = if m < 3 {
        format!("0{m}")
    } else {
        m.to_string()
    };
    let place = if place.is_empty() {
        String::new()
    } else {
        format!("{place}, ")
    };
    format!("{place}ngày {day} tháng {month} năm {y}")
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Int(_) | Cell::Num(_) => format!("<td class=\"num\">{}</td>", esc(&c.paper())),
        _ => format!("<td>{}</td>", esc(&c.paper())),
    }
}

/// A table with its heading row and totals.
pub fn table(t: &Table, testid: &str) -> String {
    let mut out = format!(
        "<table class=\"doc-table\" data-testid=\"{}\"><thead><tr>",
        esc(testid)
    );
    for h in &t.headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        out.push_str("<tr>");
        r.iter().for_each(|c| out.push_str(&cell(c)));
        out.push_str("</tr>");
    }
    out.push_str("</tbody>");
    if let Some(total) = &t.total {
        out.push_str("<tfoot><tr>");
        total.iter().for_each(|c| out.push_str(&cell(c)));
        out.push_str("</tr></tfoot>");
    }
    out.push_str("</table>");
    out
}

/// A section of the document, as both the page (HTML) and the Word file (`docx`) write it.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Heading(String),
    Paragraphs(Vec<String>),
    /// A table with its test hook on the page.
    Table(Table, &'static str),
    /// A paragraph introducing a list of items.
    List {
        intro: String,
        items: Vec<String>,
        testid: &'static str,
    },
}

/// A document: letterhead, body and annex.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    pub head: Letterhead,
    pub parts: Vec<Part>,
    pub annex: Vec<Part>,
}

impl Doc {
    pub fn html(&self) -> String {
        document_annexed(&self.head, &self.parts, &self.annex)
    }
}

/// The whole document.
pub fn document(head: &Letterhead, parts: &[Part]) -> String {
    document_annexed(head, parts, &[])
}

/// The document with an annex after the signature (Phụ lục, on a page of its own in print,
/// headed with the number it goes with, as Nghị định 30 lays out an annex).
pub fn document_annexed(head: &Letterhead, parts: &[Part], annex: &[Part]) -> String {
    let mut out = String::from("<article class=\"document\" data-testid=\"document\">");
    let upper = crate::domain::text::upper;
    let (motto, number, star) = if head.party {
        (
            "<div class=\"strong party-motto\">ĐẢNG CỘNG SẢN VIỆT NAM</div><div class=\"rule long\"></div>".to_string(),
            format!("Số {}", esc(&head.number)),
            "<div class=\"party-star\">*</div>",
        )
    } else {
        (
            "<div class=\"strong\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>\
             <div class=\"strong motto-line\">Độc lập - Tự do - Hạnh phúc</div><div class=\"rule long\"></div>"
                .to_string(),
            format!("Số: {}", esc(&head.number)),
            "<div class=\"rule\"></div>",
        )
    };
    let _ = write!(
        out,
        "<table class=\"doc-head{}\"><tr><td class=\"issuer\"><div>{}</div><div class=\"strong\">{}</div>\
         {star}<div class=\"doc-number\">{number}</div></td>\
         <td class=\"motto\">{motto}<div class=\"place-date\"><em>{}</em></div></td></tr></table>",
        if head.party { " party" } else { "" },
        esc(&upper(&head.parent_body)),
        esc(&upper(&head.issuer)),
        esc(&date_line(&head.place, &head.date)),
    );
    let _ = write!(
        out,
        "<h1 class=\"doc-title\">{}</h1><p class=\"doc-subtitle\">{}</p><div class=\"rule short\"></div>",
        esc(&head.title),
        esc(&head.subtitle)
    );
    write_parts(&mut out, parts);
    out.push_str("<table class=\"doc-sign\"><tr><td class=\"recipients\"><strong><em>Nơi nhận:</em></strong>");
    for r in &head.recipients {
        let _ = write!(out, "<br>- {};", esc(r));
    }
    out.push_str("<br>- Lưu: VT.</td>");
    // A signer title may take two lines: "KT. TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN" (also TM., Q.).
    out.push_str("<td class=\"signer\">");
    for line in head
        .signer_title
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let _ = write!(out, "<div class=\"strong\">{}</div>", esc(&upper(line)));
    }
    let _ = write!(
        out,
        "<div class=\"sign-space\"></div><div class=\"strong\">{}</div></td></tr></table>",
        esc(&head.signer_name)
    );
    if !annex.is_empty() {
        let _ = write!(
            out,
            "<section class=\"doc-annex\" data-testid=\"doc-annex\"><h2 class=\"doc-annex-title\">PHỤ LỤC</h2>\
             <p class=\"doc-annex-ref\"><em>{}</em></p>",
            esc(&annex_reference(head)),
        );
        write_parts(&mut out, annex);
        out.push_str("</section>");
    }
    out.push_str("</article>");
    out
}

fn write_parts(out: &mut String, parts: &[Part]) {
    for part in parts {
        match part {
            Part::Heading(h) => {
                let _ = write!(out, "<h2 class=\"doc-h2\">{}</h2>", esc(h));
            }
            Part::Paragraphs(ps) => {
                for p in ps.iter().filter(|p| !p.trim().is_empty()) {
                    // "- " opens a list item, as units write them.
                    let class = if p.trim_start().starts_with("- ") {
                        "doc-p doc-item"
                    } else {
                        "doc-p"
                    };
                    let _ = write!(out, "<p class=\"{class}\">{}</p>", esc(p.trim()));
                }
            }
            Part::Table(t, testid) => out.push_str(&table(t, testid)),
            Part::List {
                intro,
                items,
                testid,
            } => {
                let _ = write!(
                    out,
                    "<p class=\"doc-p\">{}</p><ul class=\"doc-list\" data-testid=\"{}\">",
                    esc(intro),
                    esc(testid)
                );
                for i in items {
                    let _ = write!(out, "<li>{}</li>", esc(i));
                }
                out.push_str("</ul>");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_escape_every_field() {
        let head = Letterhead {
            issuer: "<img src=x onerror=alert(1)>".into(),
            title: "BÁO CÁO".into(),
            recipients: vec!["<b>x</b>".into()],
            date: "2026-11-27".into(),
            ..Default::default()
        };
        let doc = document(&head, &[Part::Paragraphs(vec!["<i>p</i>".into()])]);
        assert!(!doc.contains("<img"));
        assert!(!doc.contains("<i>p"));
        assert!(doc.contains("&lt;IMG SRC=X ONERROR=ALERT(1)&gt;"));
        assert!(doc.contains("&lt;b&gt;x&lt;/b&gt;"));
    }

    #[test]
    fn administrative_layout() {
        let head = Letterhead {
            parent_body: "UBND tỉnh Hòa Bình".into(),
            issuer: "Ban Dân tộc".into(),
            number: "15/BC-BDT".into(),
            place: "Hòa Bình".into(),
            date: "2026-02-05".into(),
            title: "BÁO CÁO".into(),
            subtitle: "Kết quả công tác giúp đỡ".into(),
            signer_title: "Trưởng ban".into(),
            signer_name: "Nguyễn Văn A".into(),
            recipients: vec!["Tỉnh ủy".into()],
            party: false,
        };
        let doc = document(&head, &[]);
        assert!(doc.contains("UBND TỈNH HÒA BÌNH"));
        assert!(doc.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(doc.contains("Độc lập - Tự do - Hạnh phúc"));
        assert!(doc.contains("Số: 15/BC-BDT"));
        assert!(doc.contains("Hòa Bình, ngày 05 tháng 02 năm 2026"));
        assert!(doc.contains("TRƯỞNG BAN"));
        assert!(doc.contains("- Lưu: VT."));
        assert_eq!(date_line("", "2026-11-27"), "ngày 27 tháng 11 năm 2026");
        assert!(!doc.contains("ĐẢNG CỘNG SẢN"));
    }

    #[test]
    fn a_two_line_signer_and_a_party_document() {
        let head = Letterhead {
            parent_body: "Đảng bộ tỉnh Phú Thọ".into(),
            issuer: "Ban Tuyên giáo và Dân vận Tỉnh ủy".into(),
            number: "15-BC/BTGDVTU".into(),
            signer_title: "KT. Trưởng ban\nPhó Trưởng ban".into(),
            signer_name: "Nguyễn Thị B".into(),
            date: "2026-02-05".into(),
            place: "Phú Thọ".into(),
            party: true,
            ..Default::default()
        };
        let doc = document(&head, &[]);
        assert!(doc.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
        assert!(!doc.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA"));
        assert!(doc.contains("ĐẢNG BỘ TỈNH PHÚ THỌ"));
        assert!(
            doc.contains("Số 15-BC/BTGDVTU"),
            "no colon in a Party number"
        );
        assert!(doc.contains(
            "<div class=\"strong\">KT. TRƯỞNG BAN</div><div class=\"strong\">PHÓ TRƯỞNG BAN</div>"
        ));
        assert!(doc.contains("class=\"doc-head party\""));
    }

    #[test]
    fn tables_render_numbers_vietnamese_style() {
        let t = Table {
            name: "x".into(),
            headers: vec!["A".into(), "B".into()],
            rows: vec![vec![Cell::text("<x>"), Cell::Int(1_250_000)]],
            total: Some(vec![Cell::text("Tổng cộng"), Cell::Num(2.5)]),
        };
        let h = table(&t, "t");
        assert!(h.contains("<td>&lt;x&gt;</td><td class=\"num\">1.250.000</td>"));
        assert!(h.contains("<tfoot><tr><td>Tổng cộng</td><td class=\"num\">2,5</td>"));
    }
}
