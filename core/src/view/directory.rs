//! The directory's tables of units and assignments as HTML text, each row with its edit button
//! for the table's one click listener.

use crate::domain::catalog::{label, BLOCS, ROLES, UNIT_LEVELS};
use crate::domain::query::LocationIndex;
use crate::domain::record::Unit;
use crate::domain::{collate, order};
use crate::domain::{Dataset, Lang};
use crate::markup::edit_row;

use super::i18n::Messages;

/// Units by level, then name.
pub fn units_html(ds: &Dataset, m: &Messages, lang: Lang) -> String {
    // A unit known as another (an alias) is listed under the one kept, by name.
    let aliases = crate::domain::aliases::Aliases::of(&[ds]);
    let mut units: Vec<&Unit> = ds
        .units
        .iter()
        .filter(|u| !aliases.hides(crate::domain::Kind::Unit, &u.id))
        .collect();
    order::sort_by_cached_key(&mut units, |u| (u.level.clone(), collate::key(&u.name)));
    let mut out = String::new();
    for u in units {
        // A renamed or merged unit says until when, and what it is now.
        let name = match &u.valid_to {
            Some(to) => {
                let now: Vec<String> = u
                    .successors
                    .iter()
                    .filter_map(|s| ds.unit_name(s).map(str::to_owned))
                    .collect();
                let mut tail = format!("{} {}", m.until, crate::domain::format::date(to));
                if !now.is_empty() {
                    tail = format!(
                        "{tail}, {} {}",
                        m.now_is,
                        crate::domain::text::join_and(&now)
                    );
                }
                format!("{} ({tail})", u.name)
            }
            None => u.name.clone(),
        };
        let also: Vec<String> = u
            .aliases
            .iter()
            .filter_map(|a| ds.unit_name(a).map(|n| format!("“{n}”")))
            .collect();
        let name = if also.is_empty() {
            name
        } else {
            format!("{name} ({} {})", m.also_known_as, also.join(", "))
        };
        let cells = [
            (m.f_name, name.as_str()),
            (m.f_short_name, u.short_name.as_str()),
            (m.f_unit_level, label(UNIT_LEVELS, &u.level, lang)),
            (m.f_bloc, label(BLOCS, &u.bloc, lang)),
        ];
        edit_row(&mut out, "unit-row", &cells, ("unit-edit", &u.id, m.edit));
    }
    out
}

/// Assignments by place, then unit.
pub fn assignments_html(ds: &Dataset, idx: &LocationIndex, m: &Messages, lang: Lang) -> String {
    let mut rows: Vec<(String, String, &crate::domain::record::Assignment)> = ds
        .assignments
        .iter()
        .map(|a| {
            let unit = ds.unit_name(&a.unit_id).unwrap_or_default().to_string();
            (idx.name(&a.location_id), unit, a)
        })
        .collect();
    order::sort_by_cached_key(&mut rows, |r| (collate::key(&r.0), collate::key(&r.1)));
    let mut out = String::new();
    for (place, unit, a) in rows {
        let cells = [
            (m.f_location, place.as_str()),
            (m.f_unit, unit.as_str()),
            (m.f_phase, a.phase.as_str()),
            (m.f_role, label(ROLES, &a.role, lang)),
            (m.f_decision, a.decision.as_str()),
        ];
        edit_row(
            &mut out,
            "assignment-row",
            &cells,
            ("asg-edit", &a.id, m.edit),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;
    use crate::view::i18n::messages;

    #[test]
    fn tables_escape_names_and_sort() {
        let mut ds = small();
        ds.units[0].name = "<Kho bạc>".into();
        let html = units_html(&ds, messages(Lang::Vi), Lang::Vi);
        assert!(
            html.contains("<td data-label=\"Tên\">&lt;Kho bạc&gt;</td>"),
            "{html}"
        );
        assert_eq!(
            html.matches("data-testid=\"unit-row\"").count(),
            ds.units.len()
        );
        let idx = LocationIndex::new(&ds.locations);
        let html = assignments_html(&ds, &idx, messages(Lang::Vi), Lang::Vi);
        assert_eq!(
            html.matches("data-testid=\"asg-edit\"").count(),
            ds.assignments.len()
        );
        assert!(html.contains(">Xã Hang Kia</td>"), "{html}");
    }
}
