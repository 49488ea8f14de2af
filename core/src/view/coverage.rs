//! Coverage: every current especially difficult commune and village with the units assigned to
//! it (a village also counts its commune's units); places with none are marked.

use std::fmt::Write;

use crate::domain::query::{place_name, LocationIndex};
use crate::domain::Dataset;
use crate::markup::esc;

use super::i18n::Messages;

/// One place and who helps it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub village: bool,
    pub units: Vec<String>,
}

/// The rows: communes by name, each followed by its villages.
pub fn rows(ds: &Dataset, idx: &LocationIndex) -> Vec<Row> {
    let unit_name = |id: &str| ds.unit_name(id).unwrap_or(id).to_string();
    let mut rows: Vec<(_, Row)> = ds
        .locations
        .iter()
        .filter(|l| {
            l.difficult && l.valid_to.is_none() && matches!(l.level.as_str(), "commune" | "village")
        })
        .map(|l| {
            let mut units: Vec<String> = ds
                .assignments
                .iter()
                .filter(|a| idx.within(&l.id, &a.location_id))
                .map(|a| unit_name(&a.unit_id))
                .collect();
            crate::domain::collate::sort_by_text(&mut units, String::as_str);
            units.dedup();
            let commune = idx
                .commune_of(&l.id)
                .map_or_else(|| l.name.clone(), |c| c.name.clone());
            let key = (
                crate::domain::collate::key(&commune),
                l.level == "village",
                crate::domain::collate::key(&l.name),
            );
            (
                key,
                Row {
                    id: l.id.clone(),
                    name: place_name(l),
                    village: l.level == "village",
                    units,
                },
            )
        })
        .collect();
    crate::domain::order::sort_by(&mut rows, |a, b| a.0.cmp(&b.0));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The rows as HTML text.
pub fn rows_html(rows: &[Row], m: &Messages) -> String {
    let mut out = String::new();
    for r in rows {
        let class = match (r.units.is_empty(), r.village) {
            (true, true) => " class=\"uncovered village\"",
            (true, false) => " class=\"uncovered\"",
            (false, true) => " class=\"village\"",
            (false, false) => "",
        };
        let units = if r.units.is_empty() {
            format!("<span class=\"tag tag-missing\">{}</span>", esc(m.cov_none))
        } else {
            esc(&r.units.join(", "))
        };
        let _ = write!(
            out,
            "<tr data-testid=\"coverage-row\"{class}><td>{}</td><td>{units}</td></tr>",
            esc(&r.name)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::view::i18n::messages;

    #[test]
    fn uncovered_places_are_marked() {
        let rows = [
            Row {
                id: "c".into(),
                name: "Xã <A>".into(),
                village: false,
                units: vec![],
            },
            Row {
                id: "v".into(),
                name: "Bản B".into(),
                village: true,
                units: vec!["KBNN".into(), "Sở Y tế".into()],
            },
        ];
        let html = rows_html(&rows, messages(Lang::Vi));
        assert!(
            html.contains(
                "class=\"uncovered\"><td>Xã &lt;A&gt;</td><td><span class=\"tag tag-missing\">"
            ),
            "{html}"
        );
        assert!(html.contains("class=\"village\"><td>Bản B</td><td>KBNN, Sở Y tế</td>"));
    }
}
