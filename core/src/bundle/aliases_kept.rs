//! "Gộp" travels as the kept record's aliases. A copy of that record from a file that does not
//! know the merge yet (the province's directory exported before it, an older copy applied
//! again) must not undo it in passing: the records here that were read through the alias would
//! name the kept id while the other one came back as a separate place or unit. The copy taken
//! keeps the aliases here, one revision up, so the merge holds here and goes out in the next
//! file; only "Hoàn tác" takes a merge back.

use super::merge::Choices;
use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{IdList, Location, Record, Unit};
use crate::domain::Kind;

/// Whether any unit or place here names an alias (else nothing can be undone in passing).
pub fn any_here(stored: &Dataset) -> bool {
    stored.units.iter().any(|u| !u.aliases.0.is_empty())
        || stored.locations.iter().any(|l| !l.aliases.0.is_empty())
}

/// Give every copy of `incoming` that the merge will take the aliases its copy here lists and
/// it lacks, one revision above both. Returns how many copies were given aliases.
pub fn keep(incoming: &mut Dataset, stored: &Dataset, choices: &Choices, now: &str) -> usize {
    keep_kind::<Unit>(incoming, stored, choices, now, |u| &mut u.aliases)
        + keep_kind::<Location>(incoming, stored, choices, now, |l| &mut l.aliases)
}

fn keep_kind<T: Record + Clone>(
    incoming: &mut Dataset,
    stored: &Dataset,
    choices: &Choices,
    now: &str,
    aliases: fn(&mut T) -> &mut IdList,
) -> usize
where
    Dataset: Collection<T>,
{
    let mut given = Vec::new();
    for theirs in incoming.list() {
        let Some(here) = stored.get::<T>(theirs.id()) else {
            continue;
        };
        let key = (T::KIND, theirs.id().to_string());
        if choices.refused.contains(&key) || !taken(here, theirs, choices, &key) {
            continue;
        }
        let (mut here, mut copy) = (here.clone(), theirs.clone());
        let known = aliases(&mut copy);
        let missing: Vec<String> = (aliases(&mut here).0.iter())
            .filter(|a| !known.0.contains(a))
            .cloned()
            .collect();
        if missing.is_empty() {
            continue;
        }
        known.0.extend(missing);
        let rev = copy.rev().max(here.rev());
        copy.stamp(rev, now);
        copy.touch(now);
        given.push(copy);
    }
    let n = given.len();
    for copy in given {
        incoming.put(copy);
    }
    n
}

/// Whether the merge takes `theirs` over `here` (as `merge::apply_decided` decides).
fn taken<T: Record>(here: &T, theirs: &T, choices: &Choices, key: &(Kind, String)) -> bool {
    match theirs.rev().cmp(&here.rev()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => here != theirs && choices.take_incoming.contains(key),
        std::cmp::Ordering::Less => choices.takes_older(key, Some(here.rev())),
    }
}
