//! The first run's numbered steps — your unit, the commune it helps, a plan, an activity — each
//! ticked off by the records themselves (nothing is remembered apart from the data), and the
//! next one to do offered as a link. Shown until all four are done.

use std::fmt::Write;

use crate::domain::Dataset;
use crate::markup::esc;
use crate::store::settings::WHOLE_PROVINCE;

use super::i18n::Messages;

/// One step of the first run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The unit this browser works for is in the directory and chosen.
    Unit,
    /// The unit is assigned a commune or village.
    Commune,
    Plan,
    Activity,
}

pub const STEPS: [Step; 4] = [Step::Unit, Step::Commune, Step::Plan, Step::Activity];

/// Which steps are done, for the unit `me` this browser works for (`settings.unit_id`; the
/// province's office, `*`, counts any unit's records).
pub fn done(ds: &Dataset, me: &str) -> [bool; 4] {
    let province = me == WHOLE_PROVINCE;
    let mine = |unit: &str| province || (!me.is_empty() && unit == me);
    let unit = province || ds.units.iter().any(|u| u.id == me && !me.is_empty());
    [
        unit,
        unit && ds.assignments.iter().any(|a| mine(&a.unit_id)),
        unit && ds.plans.iter().any(|p| mine(&p.unit_id)),
        unit && ds.activities.iter().any(|a| mine(&a.unit_id)),
    ]
}

/// Where a step is done: the unit is added in the directory when there are none, else chosen in
/// the settings; a commune is assigned in the directory (added first when there is none).
fn href(step: Step, ds: &Dataset) -> &'static str {
    match step {
        Step::Unit if ds.units.is_empty() => "#/directory?tab=units",
        Step::Unit => "#/settings",
        Step::Commune if ds.locations.is_empty() => "#/directory?tab=places",
        Step::Commune => "#/directory?tab=assignments",
        Step::Plan => "#/plans",
        Step::Activity => "#/activities",
    }
}

fn words(step: Step, ds: &Dataset, m: &Messages) -> (&'static str, &'static str) {
    match step {
        Step::Unit if ds.units.is_empty() => (m.step_unit, m.step_unit_add),
        Step::Unit => (m.step_unit, m.step_unit_choose),
        Step::Commune if ds.locations.is_empty() => (m.step_commune, m.step_commune_add),
        Step::Commune => (m.step_commune, m.step_commune_assign),
        Step::Plan => (m.step_plan, m.step_plan_hint),
        Step::Activity => (m.step_activity, m.step_activity_hint),
    }
}

/// The steps as an ordered list (empty when all are done): done ones ticked, the first one
/// not done marked current with its link.
pub fn html(ds: &Dataset, me: &str, m: &Messages) -> String {
    let done = done(ds, me);
    let Some(next) = done.iter().position(|d| !d) else {
        return String::new();
    };
    let mut out = format!(
        "<section class=\"first-steps\" data-testid=\"first-steps\" aria-labelledby=\"first-steps-title\">\
         <h2 id=\"first-steps-title\">{}</h2><p>{}</p><ol>",
        esc(m.steps_title),
        esc(m.steps_intro)
    );
    for (i, step) in STEPS.into_iter().enumerate() {
        let (label, hint) = words(step, ds, m);
        let state = if done[i] {
            "done"
        } else if i == next {
            "current"
        } else {
            "todo"
        };
        let _ = write!(
            out,
            "<li class=\"step-{state}\" data-testid=\"first-step\" data-state=\"{state}\">\
             <span class=\"step-text\">"
        );
        if done[i] {
            let _ = write!(
                out,
                "<strong>{}</strong> <span class=\"muted\">{}</span>",
                esc(label),
                esc(m.step_done)
            );
        } else {
            let current = if i == next {
                " aria-current=\"step\" data-testid=\"first-step-next\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<a href=\"{}\"{current}><strong>{}</strong></a> <span>{}</span>",
                href(step, ds),
                esc(label),
                esc(hint)
            );
        }
        out.push_str("</span></li>");
    }
    out.push_str("</ol></section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{activity, small};
    use crate::domain::Lang;
    use crate::view::i18n::messages;

    #[test]
    fn the_steps_tick_themselves_off_from_the_records_of_the_unit() {
        let full = small();
        let me = "u-kbnn";
        let mut ds = Dataset::default();
        assert_eq!(done(&ds, ""), [false; 4]);
        let m = messages(Lang::Vi);
        // Nothing yet: add the unit in the directory.
        let html0 = html(&ds, "", m);
        assert!(
            html0.contains("href=\"#/directory?tab=units\" aria-current=\"step\""),
            "{html0}"
        );
        ds.units = full.units.clone();
        assert_eq!(
            done(&ds, ""),
            [false; 4],
            "a unit exists but none is chosen"
        );
        assert!(html(&ds, "", m).contains("href=\"#/settings\" aria-current"));
        assert_eq!(done(&ds, me), [true, false, false, false]);
        assert!(html(&ds, me, m).contains("href=\"#/directory?tab=places\" aria-current"));
        ds.locations = full.locations.clone();
        assert!(html(&ds, me, m).contains("href=\"#/directory?tab=assignments\" aria-current"));
        // Another unit's assignment, plan and activity do not tick this unit's steps.
        let mut other = full.assignments[0].clone();
        other.unit_id = "u-police".into();
        ds.assignments = vec![other];
        ds.activities = vec![activity(
            "x",
            "u-police",
            "c-paco",
            "2024-01-01",
            "gifts",
            1,
        )];
        assert_eq!(done(&ds, me), [true, false, false, false]);
        assert_eq!(done(&ds, WHOLE_PROVINCE), [true, true, false, true]);
        let mut mine = full.assignments[0].clone();
        mine.unit_id = me.into();
        ds.assignments.push(mine);
        ds.activities
            .push(activity("y", me, "c-paco", "2024-01-01", "gifts", 1));
        // Steps are done in any order; the first not done is the one offered.
        assert_eq!(done(&ds, me), [true, true, false, true]);
        let text = html(&ds, me, m);
        assert_eq!(text.matches("data-state=\"done\"").count(), 3, "{text}");
        assert!(text.contains("href=\"#/plans\" aria-current"), "{text}");
        let mut plan = full.plans[0].clone();
        plan.unit_id = me.into();
        ds.plans.push(plan);
        assert_eq!(html(&ds, me, m), "", "all done: the steps go");
    }
}
