//! A conflicting record in the words of the interface: its fields by their form labels, its
//! values as the screens show them (dd/mm/yyyy, money, names instead of ids, catalog labels),
//! and a line saying which record it is (unit, place, date, amount) — no raw field name, ISO
//! timestamp or id on the import screen.

use serde_json::Value;

use crate::domain::catalog::{self, Code};
use crate::domain::format::{date, integer, money};
use crate::domain::query::LocationIndex;
use crate::domain::record::Unit;
use crate::domain::{Dataset, Kind, Lang};

use super::i18n::Messages;

/// The label a form gives a record's field; fields no form shows get a plain name.
pub fn field_label(field: &str, m: &Messages, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let plain = |vi_text: &'static str, en_text: &'static str| if vi { vi_text } else { en_text };
    match field {
        "unit_id" => m.f_unit,
        "location_id" => m.f_location,
        "date" => m.f_date,
        "category" => m.f_category,
        "title" => m.f_title,
        "description" => m.f_description,
        "cash_vnd" => m.f_cash,
        "in_kind_vnd" => m.f_in_kind,
        "loan_vnd" => m.f_loan,
        "funding" => m.f_funding,
        "qty" => m.f_qty,
        "measure" => m.f_measure,
        "households" => m.f_households,
        "poor_households" => m.f_poor,
        "people" => m.f_people,
        "plan_item_id" => m.f_plan_item,
        "model_id" => m.f_model,
        "name" => m.f_name,
        "level" => m.f_level,
        "parent_id" => m.f_parent,
        "label" => m.f_label,
        "difficult" => m.f_difficult,
        "valid_from" => m.f_valid_from,
        "valid_to" => m.f_valid_to,
        "short_name" => m.f_short_name,
        "superior" => m.f_superior,
        "bloc" => m.f_bloc,
        "phase" => m.f_phase,
        "role" => m.f_role,
        "decision" => m.f_decision,
        "officer" => m.f_officer,
        "year" => m.f_year,
        "number" => m.f_number,
        "issued_on" => m.f_issued_on,
        "status" => m.f_status,
        "kind" => m.f_model_kind,
        "started_on" => m.f_started_on,
        "capital_vnd" => m.f_capital,
        "outcome" => m.f_outcome,
        "escaped_poverty" => m.f_escaped_poverty,
        "updated_at" => plain("Sửa lần cuối lúc", "Last changed at"),
        "rev" => plain("Số lần sửa", "Times changed"),
        "items" => plain("Các chỉ tiêu", "Items"),
        "successors" => m.f_successor,
        "assessment" => plain("Đánh giá chung", "Overall assessment"),
        "difficulties" => plain("Khó khăn, vướng mắc", "Difficulties"),
        "proposals" => plain("Đề xuất, kiến nghị", "Proposals"),
        "period" => plain("Kỳ báo cáo", "Period"),
        "submitted_at" => plain("Gửi lúc", "Submitted at"),
        "households_total" => m.f_households,
        _ => return field.replace('_', " "),
    }
    .to_string()
}

fn codes(field: &str) -> Option<&'static [Code]> {
    Some(match field {
        "category" => catalog::CATEGORIES,
        "measure" => catalog::MEASURES,
        "funding" => catalog::FUNDING,
        "role" => catalog::ROLES,
        "bloc" => catalog::BLOCS,
        "kind" => catalog::MODEL_KINDS,
        _ => return None,
    })
}

/// Where a conflict card takes its words from: the stored records and their place index, the
/// file's own records (a unit or village arriving with it has a name there, not here), and the
/// reader's clock for times (as the import log shows them).
#[derive(Clone, Copy)]
pub struct Here<'a> {
    pub ds: &'a Dataset,
    pub idx: &'a LocationIndex,
    pub file: Option<&'a Dataset>,
    pub when: &'a dyn Fn(&str) -> String,
}

impl Here<'_> {
    fn unit_name(&self, id: &str) -> String {
        self.ds
            .get::<Unit>(id)
            .or_else(|| self.file.and_then(|f| f.get::<Unit>(id)))
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    }

    fn place_name(&self, id: &str) -> String {
        let here = self.idx.name(id);
        if !here.is_empty() {
            return here;
        }
        self.file
            .and_then(|f| f.get::<crate::domain::record::Location>(id))
            .map_or_else(|| id.to_string(), crate::domain::query::place_name)
    }
}

/// `2024-03-05T08:01:02Z` as `05/03/2024 08:01` (UTC, as stored): for tests and notices that
/// have no reader's clock.
pub fn utc_time(text: &str) -> String {
    match (text.get(..10), text.get(11..16)) {
        (Some(day), Some(time)) if text.len() > 10 => format!("{} {time}", date(day)),
        _ => date(text),
    }
}

/// A field's value as the screens show it; "—" when empty.
pub fn field_value(field: &str, value: Option<&Value>, here: Here, lang: Lang) -> String {
    let yes_no = |b: bool| match (b, lang) {
        (true, Lang::Vi) => "Có",
        (false, Lang::Vi) => "Không",
        (true, Lang::En) => "Yes",
        (false, Lang::En) => "No",
    };
    let text = match value {
        None | Some(Value::Null) => return "—".into(),
        Some(Value::Bool(b)) => return yes_no(*b).into(),
        Some(Value::Number(n)) => {
            return match n.as_i64() {
                Some(v) if field.ends_with("_vnd") => money(v, lang),
                Some(v) => integer(v, lang),
                // A quantity: `120`, `1,5` (as typed in the forms), never `120.0`.
                None => {
                    let text = crate::domain::format::shortest(n.as_f64().unwrap_or(0.0));
                    match lang {
                        Lang::Vi => text.replace('.', ","),
                        Lang::En => text,
                    }
                }
            };
        }
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            let text = other.to_string();
            return crate::domain::problem::shorten(&text, 200).into_owned();
        }
    };
    if text.is_empty() {
        return "—".into();
    }
    match field {
        "unit_id" => here.unit_name(text),
        "location_id" | "parent_id" => here.place_name(text),
        "updated_at" | "submitted_at" => (here.when)(text),
        f if f == "date" || f.ends_with("_on") || f.starts_with("valid_") || f == "due" => {
            date(text)
        }
        f => match codes(f) {
            Some(list) => catalog::label(list, text, lang).to_string(),
            None => crate::domain::problem::shorten(text, 200).into_owned(),
        },
    }
}

/// Which record a conflict is about, in a line: its title or name, then for an activity its
/// unit, place, date and amount (from the local copy, else the incoming one).
pub fn record_line(kind: Kind, local: &Value, incoming: &Value, here: Here, lang: Lang) -> String {
    let get = |f: &str| {
        local
            .get(f)
            .filter(|v| !v.is_null())
            .or_else(|| incoming.get(f))
    };
    let show = |f: &str| field_value(f, get(f), here, lang);
    let mut parts: Vec<String> = Vec::new();
    for f in ["title", "name", "number", "decision"] {
        if get(f)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
        {
            parts.push(format!("“{}”", show(f)));
            break;
        }
    }
    let fields: &[&str] = match kind {
        Kind::Activity => &["unit_id", "location_id", "date"],
        Kind::Plan | Kind::Model | Kind::Assignment | Kind::Report => &["unit_id", "location_id"],
        Kind::Location => &["parent_id"],
        Kind::Unit => &[],
    };
    for f in fields {
        if get(f).is_some() {
            parts.push(show(f));
        }
    }
    if kind == Kind::Activity {
        let n = |f: &str| get(f).and_then(Value::as_i64).unwrap_or(0);
        parts.push(money(n("cash_vnd").saturating_add(n("in_kind_vnd")), lang));
    }
    parts.join(" · ")
}

/// Which copy the rule kept, in the page's words (a deletion is said as such).
pub fn kept(c: &crate::bundle::merge::Conflict, m: &Messages) -> &'static str {
    let copy = if c.incoming_proposed {
        &c.incoming
    } else {
        &c.local
    };
    let deletion = copy.as_object().is_some_and(|o| {
        o.keys()
            .all(|k| matches!(k.as_str(), "kind" | "id" | "rev" | "updated_at"))
    });
    match (deletion, c.incoming_proposed) {
        (true, _) => m.conflict_kept_deletion,
        (false, true) => m.conflict_kept_theirs,
        (false, false) => m.conflict_kept_ours,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;
    use crate::view::i18n::messages;

    #[test]
    fn the_copy_kept_is_named_and_a_deletion_said_as_such() {
        use crate::bundle::merge::Conflict;
        use crate::domain::record::{json_value, Activity, Tombstone};
        let m = messages(Lang::Vi);
        let ds = small();
        let a = ds.get::<Activity>("a-1").cloned().expect("a-1");
        let t = Tombstone {
            kind: "activity".into(),
            id: "a-1".into(),
            rev: 9,
            updated_at: "2026-12-01T00:00:00Z".into(),
        };
        let c = |local, incoming, incoming_proposed| Conflict {
            kind: Kind::Activity,
            id: "a-1".into(),
            local,
            incoming,
            incoming_proposed,
        };
        let (rec, del) = (json_value(&a), json_value(&t));
        assert_eq!(
            kept(&c(rec.clone(), rec.clone(), true), m),
            m.conflict_kept_theirs
        );
        assert_eq!(
            kept(&c(rec.clone(), del.clone(), false), m),
            m.conflict_kept_ours
        );
        assert_eq!(
            kept(&c(rec.clone(), del.clone(), true), m),
            m.conflict_kept_deletion
        );
        assert_eq!(kept(&c(del, rec, false), m), m.conflict_kept_deletion);
    }

    #[test]
    fn fields_and_values_in_the_interfaces_words() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let m = messages(Lang::Vi);
        assert_eq!(field_label("cash_vnd", m, Lang::Vi), m.f_cash);
        assert_eq!(field_label("updated_at", m, Lang::Vi), "Sửa lần cuối lúc");
        assert!(!field_label("poor_households", m, Lang::Vi).contains('_'));
        let a = serde_json::to_value(&ds.activities[0]).expect("json");
        // The reader's clock (here seven hours ahead, as in Việt Nam): the import log's times.
        let local = |t: &str| format!("{} (+7)", utc_time(t));
        let at = Here {
            ds: &ds,
            idx: &idx,
            file: None,
            when: &local,
        };
        assert_eq!(
            field_value(
                "updated_at",
                Some(&Value::from("2024-03-05T08:01:02Z")),
                at,
                Lang::Vi
            ),
            "05/03/2024 08:01 (+7)"
        );
        // A quantity as typed, with the decimal comma; never `120.0`.
        assert_eq!(
            field_value("qty", Some(&Value::from(120.0)), at, Lang::Vi),
            "120"
        );
        assert_eq!(
            field_value("qty", Some(&Value::from(1.5)), at, Lang::Vi),
            "1,5"
        );
        assert_eq!(
            field_value("qty", Some(&Value::from(1.5)), at, Lang::En),
            "1.5"
        );
        // A unit and a village arriving in the same file are named from it, never left blank
        // or shown as an id.
        let mut file = Dataset::default();
        file.put(crate::domain::testkit::unit("u-bdt", "Ban Dân tộc tỉnh"));
        file.put(crate::domain::testkit::loc(
            "v-new",
            "village",
            Some("c-paco"),
            "Nà Lếch",
        ));
        let with_file = Here {
            file: Some(&file),
            ..at
        };
        assert_eq!(
            field_value("unit_id", Some(&Value::from("u-bdt")), with_file, Lang::Vi),
            "Ban Dân tộc tỉnh"
        );
        assert_eq!(
            field_value(
                "location_id",
                Some(&Value::from("v-new")),
                with_file,
                Lang::Vi
            ),
            "Bản Nà Lếch"
        );
        assert_eq!(
            field_value("location_id", Some(&Value::from("v-gone")), at, Lang::Vi),
            "v-gone",
            "unknown everywhere: the id rather than a blank"
        );
        assert_eq!(
            field_value("cash_vnd", Some(&Value::from(1_250_000)), at, Lang::Vi),
            "1.250.000 đ"
        );
        assert_eq!(
            field_value("category", Some(&Value::from("housing")), at, Lang::Vi),
            "Xây, sửa nhà"
        );
        let unit = field_value("unit_id", a.get("unit_id"), at, Lang::Vi);
        assert_eq!(
            unit,
            ds.unit_name(&ds.activities[0].unit_id).unwrap_or_default()
        );
        let line = record_line(Kind::Activity, &a, &Value::Null, at, Lang::Vi);
        assert!(line.contains(&unit), "{line}");
        assert!(line.contains(&date(&ds.activities[0].date)), "{line}");
        assert!(line.contains(" đ"), "{line}");
        assert!(!line.contains(&ds.activities[0].unit_id), "no id: {line}");
    }
}
