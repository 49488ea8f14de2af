//! The units, communes and villages a sheet names that the directory lacks, each listed once
//! with how many rows name it, and the record that adds one when the person asks for it from the
//! Import page (a commune under the province, a village under its rows' commune).

use std::collections::HashMap;

use super::activities::{cell, is_total, Context};
use super::columns::{Column, Mapping};
use super::names::name_key;
use crate::domain::dataset::Dataset;
use crate::domain::record::{Location, Unit};

/// A name of the sheet that the directory lacks, which the person may add from the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub column: Column,
    /// As written in the sheet (its first spelling).
    pub name: String,
    /// For a village: the commune its rows name, when that one is known.
    pub parent: Option<String>,
    /// How many rows name it.
    pub rows: usize,
    /// Records of the directory with a close name, which the person may say it is: (id, name
    /// as offered, a village with its commune).
    pub near: Vec<(String, String)>,
}

/// The units, communes and villages the rows name that are not in the directory, each once,
/// in the order met.
pub fn missing(rows: &[Vec<String>], mapping: &Mapping, cx: &Context) -> Vec<Missing> {
    let mut out: Vec<Missing> = Vec::new();
    let mut seen: HashMap<(Column, String, Option<String>), usize> = HashMap::new();
    let mut note = |column: Column, name: &str, parent: Option<String>| {
        let key = (column, name_key(name), parent.clone());
        match seen.get(&key) {
            Some(&i) => out[i].rows += 1,
            None => {
                seen.insert(key, out.len());
                out.push(Missing {
                    column,
                    name: name.to_string(),
                    parent,
                    rows: 1,
                    near: Vec::new(),
                });
            }
        }
    };
    let start = mapping.first + usize::from(mapping.header);
    for cells in rows.iter().skip(start) {
        let unit = cell(cells, mapping, Column::Unit);
        if !unit.is_empty() && cx.names.units(unit, None).is_empty() && !is_total(cells) {
            note(Column::Unit, unit, None);
        }
        let commune_text = cell(cells, mapping, Column::Commune);
        let commune = cx.names.places(commune_text, &["commune"], None, None);
        if !commune_text.is_empty() && commune.is_empty() && !is_total(cells) {
            note(Column::Commune, commune_text, None);
            continue;
        }
        let village = cell(cells, mapping, Column::Village);
        let within = commune.first().map(|c| c.id.clone());
        // Under any commune of that name (two, when it was entered twice): never offered for
        // adding when one of them has it.
        let known = |w: Option<&str>| !cx.names.places(village, &["village"], w, None).is_empty();
        let found = if commune.is_empty() {
            known(None)
        } else {
            commune.iter().any(|c| known(Some(&c.id)))
        };
        if !village.is_empty() && !found {
            note(Column::Village, village, within);
        }
    }
    for m in &mut out {
        m.near = near(m, cx);
    }
    out
}

/// Up to three records with a name close to `m`'s, as "“Bản Pà Cò” (xã Pà Cò)".
fn near(m: &Missing, cx: &Context) -> Vec<(String, String)> {
    use crate::domain::query::place_name_inline;
    let level = match m.column {
        Column::Unit => {
            let names = cx.ds.units.iter().map(|u| u.name.as_str());
            return super::names::closest(&m.name, names)
                .into_iter()
                .flat_map(|n| cx.names.units(n, None))
                .take(3)
                .map(|u| (u.id.clone(), format!("“{}”", u.name)))
                .collect();
        }
        Column::Village => "village",
        _ => "commune",
    };
    let names = cx
        .ds
        .locations
        .iter()
        .filter(|l| l.level == level)
        .map(|l| l.name.as_str());
    let mut found: Vec<&Location> = super::names::closest(&m.name, names)
        .into_iter()
        .flat_map(|n| cx.names.places(n, &[level], None, None))
        .collect();
    // Those under the rows' own commune first.
    if let Some(parent) = &m.parent {
        crate::domain::order::sort_by(&mut found, |a, b| {
            (!cx.idx.within(&a.id, parent)).cmp(&!cx.idx.within(&b.id, parent))
        });
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for l in found {
        if out.len() == 3 || out.iter().any(|(id, _)| *id == l.id) {
            continue;
        }
        let shown = match (level, cx.idx.commune_of(&l.id)) {
            ("village", Some(c)) => format!("“{}” ({})", l.name, place_name_inline(c)),
            _ => format!("“{}”", place_name_inline(l)),
        };
        out.push((l.id.clone(), shown));
    }
    out
}

/// A record to add to the directory.
#[derive(Clone, Debug, PartialEq)]
pub enum NewRecord {
    Place(Location),
    Unit(Unit),
}

/// The record that adds `m`, with id `id`: the level word written before the name ("Xã",
/// "Bản") becomes its label.
pub fn to_add(m: &Missing, ds: &Dataset, id: String, now: &str) -> NewRecord {
    let (label, name) = split_level(&m.name);
    match m.column {
        Column::Unit => NewRecord::Unit(Unit {
            id,
            rev: 1,
            updated_at: now.to_string(),
            name: m.name.trim().to_string(),
            level: "province".into(),
            ..Unit::default()
        }),
        Column::Village => NewRecord::Place(Location {
            id,
            rev: 1,
            updated_at: now.to_string(),
            name,
            level: "village".into(),
            parent_id: m.parent.clone(),
            label: label.unwrap_or("thôn").to_string(),
            ..Location::default()
        }),
        _ => {
            // Since 1 July 2025 a commune sits directly under its province.
            let province = ds
                .locations
                .iter()
                .find(|l| l.level == "province" && l.valid_to.is_none())
                .map(|l| l.id.clone());
            NewRecord::Place(Location {
                id,
                rev: 1,
                updated_at: now.to_string(),
                name,
                level: "commune".into(),
                parent_id: province,
                label: label.unwrap_or("xã").to_string(),
                ..Location::default()
            })
        }
    }
}

/// "Bản Mới" → (Some("bản"), "Mới"); a name without a level word stays whole.
pub(super) fn split_level(name: &str) -> (Option<&'static str>, String) {
    let name = name.trim();
    for label in ["xã", "phường", "thị trấn", "thôn", "bản", "xóm", "tổ"] {
        let lower = crate::domain::text::lower(name);
        if let Some(rest) = lower.strip_prefix(label).filter(|r| r.starts_with(' ')) {
            let cut = name.len() - rest.len();
            let rest = name[cut..].trim();
            if !rest.is_empty() {
                return (Some(label), rest.to_string());
            }
        }
    }
    (None, name.to_string())
}
