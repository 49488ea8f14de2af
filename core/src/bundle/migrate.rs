//! Ordered, pure migrations of older schemas to the current one. Each step takes the whole
//! document of schema `from` to `from + 1`. Used for bundles and for stored data alike.

use serde_json::Value;

/// One step: turns a document of schema `from` into schema `from + 1`.
pub struct Migration {
    pub from: u32,
    pub run: fn(&mut Value),
}

/// The app's migrations, oldest first. Schema 1 is the first public schema, so there are none
/// yet; a change to the bundle contract adds a step here (and bumps `SCHEMA`).
pub const MIGRATIONS: &[Migration] = &[];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrateError {
    /// Written by a newer app: the user must update.
    Newer { found: u32, known: u32 },
    /// No chain of steps leads from this schema to the current one.
    NoPath { found: u32 },
}

/// Bring `doc` from schema `found` to `target` with `steps`, then set its `schema` field.
pub fn migrate(
    doc: &mut Value,
    found: u32,
    target: u32,
    steps: &[Migration],
) -> Result<(), MigrateError> {
    if found > target {
        return Err(MigrateError::Newer {
            found,
            known: target,
        });
    }
    let mut at = found;
    while at < target {
        let step = steps
            .iter()
            .find(|m| m.from == at)
            .ok_or(MigrateError::NoPath { found })?;
        (step.run)(doc);
        at += 1;
    }
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("schema".into(), Value::from(target));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // A made-up history: schema 1 named money `cash`, schema 2 renamed it `cash_vnd`,
    // schema 3 added `funding` with a default.
    fn rename_cash(doc: &mut Value) {
        if let Some(list) = doc
            .pointer_mut("/records/activities")
            .and_then(Value::as_array_mut)
        {
            for a in list.iter_mut().filter_map(Value::as_object_mut) {
                if let Some(v) = a.remove("cash") {
                    a.insert("cash_vnd".into(), v);
                }
            }
        }
    }
    fn default_funding(doc: &mut Value) {
        if let Some(list) = doc
            .pointer_mut("/records/activities")
            .and_then(Value::as_array_mut)
        {
            for a in list.iter_mut().filter_map(Value::as_object_mut) {
                a.entry("funding").or_insert_with(|| json!("unit"));
            }
        }
    }
    const HISTORY: &[Migration] = &[
        Migration {
            from: 2,
            run: default_funding,
        },
        Migration {
            from: 1,
            run: rename_cash,
        },
    ];

    #[test]
    fn runs_steps_in_order_from_any_older_schema() {
        let mut doc = json!({"schema": 1, "records": {"activities": [{"id": "a", "cash": 5}]}});
        migrate(&mut doc, 1, 3, HISTORY).expect("migrates");
        assert_eq!(doc["schema"], 3);
        assert_eq!(
            doc["records"]["activities"][0],
            json!({"id": "a", "cash_vnd": 5, "funding": "unit"})
        );

        let mut doc = json!({"schema": 2, "records": {"activities": [{"id": "a", "cash_vnd": 5, "funding": "budget"}]}});
        migrate(&mut doc, 2, 3, HISTORY).expect("migrates");
        assert_eq!(doc["records"]["activities"][0]["funding"], "budget");
    }

    #[test]
    fn current_is_untouched_newer_is_refused_gaps_are_reported() {
        let mut doc = json!({"schema": 3, "x": 1});
        migrate(&mut doc, 3, 3, HISTORY).expect("no-op");
        assert_eq!(doc, json!({"schema": 3, "x": 1}));
        assert_eq!(
            migrate(&mut doc, 4, 3, HISTORY),
            Err(MigrateError::Newer { found: 4, known: 3 })
        );
        assert_eq!(
            migrate(&mut doc, 0, 3, HISTORY),
            Err(MigrateError::NoPath { found: 0 })
        );
    }

    #[test]
    fn the_app_chain_reaches_the_current_schema() {
        // every schema from the first public one up to SCHEMA has a step
        for from in (1u32..).take_while(|f| *f < crate::bundle::SCHEMA) {
            assert!(
                MIGRATIONS.iter().any(|m| m.from == from),
                "no migration from {from}"
            );
        }
    }
}
