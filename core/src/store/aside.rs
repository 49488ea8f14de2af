//! Stored text that does not read whole is copied to an unreadable key before anything is written
//! over it: listed in Settings (to download or discard), never overwritten unseen.

use super::backend::{Backend, WriteError};
use super::workspace::UNREADABLE_PREFIX;

/// Copy what `key` holds aside (as `donghanh.unreadable.<name>`, numbered if taken) unless
/// `reads` accepts it. An error leaves it where it is: the caller must not write over it then.
pub fn set_aside_unreadable(
    store: &mut impl Backend,
    key: &str,
    name: &str,
    reads: impl Fn(&str) -> bool,
) -> Result<(), WriteError> {
    let Ok(Some(old)) = store.get(key) else {
        return Ok(());
    };
    if reads(&old) {
        return Ok(());
    }
    let base = format!("{UNREADABLE_PREFIX}{name}");
    let mut aside = base.clone();
    let mut n = 1;
    while store.get(&aside).ok().flatten().is_some() {
        n += 1;
        aside = format!("{base}.{n}");
    }
    store.set(&aside, &old)
}
