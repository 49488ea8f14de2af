//! The app's one sort. Each `slice::sort_by` with its own closure compiles the standard library's
//! whole stable sort again (34 copies, about 110 KB of wasm); sorting positions through a single
//! `dyn` comparator keeps one copy. Stable, with the same results as `slice::sort_by`.

use std::cmp::Ordering;

/// Positions `0..len` in the order `cmp` gives them (stable).
fn positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Puts `v[order[k]]` at `k` for every `k`, in place, one cycle at a time.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Keys computed once per element (for keys that cost, like folded text).
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = positions(v.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(v, order);
}

pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a.cmp(b));
}

/// A `BTreeSet`/`BTreeMap` filled by inserting one by one: `collect()` into one sorts the items
/// first, with another copy of the standard sort for each item type.
pub fn tree<C: Default + Extend<T>, T>(items: impl IntoIterator<Item = T>) -> C {
    let mut tree = C::default();
    tree.extend(items);
    tree
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, 0u16..1000), 0..200)) {
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(&ours, &std);
            let mut cached = v.clone();
            sort_by_cached_key(&mut cached, |x| std::cmp::Reverse(x.1));
            let mut want = v.clone();
            want.sort_by_key(|x| std::cmp::Reverse(x.1));
            prop_assert_eq!(cached, want);
        }
    }

    #[test]
    fn sorts_plain_values() {
        let mut v = vec!["c", "a", "b", "a"];
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
        let mut e: Vec<u8> = vec![];
        sort(&mut e);
        assert!(e.is_empty());
    }

    #[test]
    fn trees_hold_what_collect_would() {
        let words = ["b", "a", "c", "a"];
        let ours: std::collections::BTreeSet<&str> = tree(words);
        assert_eq!(ours, words.into_iter().collect());
        let map: std::collections::BTreeMap<u8, char> = tree([(2, 'x'), (1, 'y'), (2, 'z')]);
        assert_eq!(map, [(2, 'x'), (1, 'y'), (2, 'z')].into_iter().collect());
    }
}
