//! Charts as inline SVG text, drawn by us: horizontal bars (long Vietnamese labels fit),
//! columns by year, and a 100 % bar for shares. Labels are escaped; sizes are in viewBox units
//! so the charts scale to a projector.

use std::fmt::Write;

use crate::domain::format::Tenths as T;
use crate::markup::esc;

const COLORS: [&str; 6] = [
    "#a51c1c", "#d9822b", "#2f6f4f", "#1a5fd0", "#7b4fa0", "#8a6d1e",
];

/// How a bar chart's labels wrap: characters per line (what fits left of the bars at the
/// type size the page gives the chart) and the height a further line adds, in viewBox units.
#[derive(Clone, Copy)]
pub struct Labels {
    pub line_chars: usize,
    pub line_units: usize,
}

/// The overview's small chart boxes draw labels at 26 units.
pub const LARGE_TYPE: Labels = Labels {
    line_chars: 22,
    line_units: 30,
};
/// Slides and wide boxes draw them at 15–17 units.
pub const SMALL_TYPE: Labels = Labels {
    line_chars: 38,
    line_units: 19,
};

/// A label in lines of at most `width` characters, broken between words (a single longer word
/// stands on its own line).
pub fn wrap(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Horizontal bars, one per (label, value, shown value), whose long labels wrap as `labels`
/// says: a row is as tall as its label.
pub fn bars_with(
    title: &str,
    items: &[(String, i64, String)],
    testid: &str,
    labels: Labels,
) -> String {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    let wrapped: Vec<Vec<String>> = items
        .iter()
        .map(|i| wrap(&i.0, labels.line_chars))
        .collect();
    // Rows of one line keep their 34 units; each further line adds a line's height.
    let row_of = |lines: usize| 34 + labels.line_units * (lines.max(1) - 1);
    let h = 40
        + wrapped
            .iter()
            .map(|l| row_of(l.len()))
            .sum::<usize>()
            .max(34);
    let mut out = format!(
        "<svg class=\"chart\" data-testid=\"{}\" viewBox=\"0 0 800 {h}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        esc(testid),
        esc(title),
        esc(title)
    );
    let mut top = 20;
    for ((_, value, shown), lines) in items.iter().zip(&wrapped) {
        let row = row_of(lines.len());
        let y = top + (row - 34) / 2;
        let w = (*value as f64 / max as f64 * 380.0).max(if *value > 0 { 2.0 } else { 0.0 });
        let _ = write!(
            out,
            "<text x=\"290\" y=\"{}\" text-anchor=\"end\" class=\"chart-label\">",
            y + 16
        );
        for (k, line) in lines.iter().enumerate() {
            // The lines are centred on the bar: the first rises by half the extra lines.
            let dy = if k == 0 {
                format!("{}em", T(-0.55 * (lines.len() - 1) as f64))
            } else {
                "1.1em".to_string()
            };
            let _ = write!(out, "<tspan x=\"290\" dy=\"{dy}\">{}</tspan>", esc(line));
        }
        let _ = write!(
            out,
            "</text><rect x=\"300\" y=\"{}\" width=\"{}\" height=\"22\" rx=\"3\" fill=\"{}\"></rect>\
             <text x=\"{}\" y=\"{}\" class=\"chart-value\">{}</text>",
            y,
            T(w),
            COLORS[0],
            T(306.0 + w),
            y + 16,
            esc(shown)
        );
        top += row;
    }
    out.push_str("</svg>");
    out
}

/// Vertical columns, e.g. by year.
pub fn columns(title: &str, items: &[(String, i64, String)], testid: &str) -> String {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    let n = items.len().max(1);
    let slot = 760.0 / n as f64;
    let bar = (slot * 0.6).min(110.0);
    let mut out = format!(
        "<svg class=\"chart\" data-testid=\"{}\" viewBox=\"0 0 800 320\" role=\"img\" aria-label=\"{}\"><title>{}</title>\
         <line x1=\"20\" y1=\"270\" x2=\"780\" y2=\"270\" class=\"chart-axis\"></line>",
        esc(testid),
        esc(title),
        esc(title)
    );
    for (i, (label, value, shown)) in items.iter().enumerate() {
        let hgt = *value as f64 / max as f64 * 200.0;
        let x = 20.0 + slot * i as f64 + (slot - bar) / 2.0;
        let mid = T(x + bar / 2.0);
        // "768,9 triệu đồng" is wider than its column on a phone or beside six years: the
        // figure above, its unit smaller below, each within the column.
        let (figure, unit) = shown.split_once(' ').unwrap_or((shown.as_str(), ""));
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\"></rect>\
             <text x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" class=\"chart-value\">{}</text>",
            T(x),
            T(270.0 - hgt),
            T(bar),
            T(hgt),
            COLORS[1],
            T(if unit.is_empty() { 262.0 } else { 238.0 } - hgt),
            esc(figure),
        );
        if !unit.is_empty() {
            let _ = write!(
                out,
                "<text x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" class=\"chart-value chart-unit\">{}</text>",
                T(262.0 - hgt),
                esc(unit)
            );
        }
        let _ = write!(
            out,
            "<text x=\"{mid}\" y=\"295\" text-anchor=\"middle\" class=\"chart-label\">{}</text>",
            esc(label)
        );
    }
    out.push_str("</svg>");
    out
}

/// One bar split by shares, with a legend.
pub fn shares(title: &str, items: &[(String, i64, String)], testid: &str) -> String {
    let total = items.iter().fold(0i64, |s, i| s.saturating_add(i.1.max(0)));
    let mut out = format!(
        "<svg class=\"chart\" data-testid=\"{}\" viewBox=\"0 0 800 {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        esc(testid),
        80 + 40 * items.len().max(1),
        esc(title),
        esc(title)
    );
    let mut x = 20.0;
    for (i, (_, value, _)) in items.iter().enumerate() {
        let w = if total > 0 {
            *value as f64 / total as f64 * 760.0
        } else {
            0.0
        };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"10\" width=\"{}\" height=\"36\" fill=\"{}\"></rect>",
            T(x),
            T(w),
            COLORS[i % COLORS.len()]
        );
        x += w;
    }
    for (i, (label, value, shown)) in items.iter().enumerate() {
        let y = 86 + 40 * i;
        let pct = if total > 0 {
            *value as f64 * 100.0 / total as f64
        } else {
            0.0
        };
        let _ = write!(
            out,
            "<rect x=\"20\" y=\"{}\" width=\"22\" height=\"22\" fill=\"{}\"></rect>\
             <text x=\"52\" y=\"{}\" class=\"chart-label\">{} — {} ({} %)</text>",
            y - 19,
            COLORS[i % COLORS.len()],
            y,
            esc(label),
            esc(shown),
            crate::domain::format::tenths_vi(pct)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_and_scale() {
        let items = vec![
            ("<script>x</script>".to_string(), 100, "100".to_string()),
            ("Xây, sửa nhà".to_string(), 50, "50".to_string()),
        ];
        for svg in [
            bars_with("T", &items, "a", LARGE_TYPE),
            columns("T", &items, "b"),
            shares("T", &items, "c"),
        ] {
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
            assert!(!svg.contains("<script>"));
            assert!(svg.contains("&lt;script&gt;"));
        }
        assert!(bars_with("T", &items, "a", LARGE_TYPE).contains("width=\"380.0\""));
        assert!(bars_with("T", &items, "a", LARGE_TYPE).contains("width=\"190.0\""));
        assert!(shares("T", &items, "c").contains("(66,7 %)"));
        assert!(bars_with("T", &[], "e", LARGE_TYPE).contains("</svg>"));
    }

    #[test]
    fn long_labels_wrap_between_words_and_are_never_cut() {
        let label = "Tuyên truyền chủ trương, chính sách, pháp luật";
        let lines = wrap(label, LARGE_TYPE.line_chars);
        assert_eq!(lines.join(" "), label, "every word kept");
        assert!(lines
            .iter()
            .all(|l| l.chars().count() <= LARGE_TYPE.line_chars));
        assert_eq!(lines.len(), 3);
        let svg = bars_with(
            "T",
            &[
                (label.to_string(), 5, "5".into()),
                ("Y tế".into(), 1, "1".into()),
            ],
            "a",
            LARGE_TYPE,
        );
        assert!(!svg.contains('…'));
        assert_eq!(svg.matches("<tspan").count(), 4);
        assert!(svg.contains("dy=\"-1.1em\""), "{svg}");
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("Siêudàimộttừkhôngcắt", 5), ["Siêudàimộttừkhôngcắt"]);
    }
}
