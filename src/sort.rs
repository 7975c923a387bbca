//! Sorting through one shared instantiation. Every `sort_by` / `sort_unstable_by` /
//! `select_nth_unstable_by` of the standard library is compiled anew for each element type and
//! comparator (4-14 KB of wasm each); fifty of them were 190 KB of the core wasm module. These
//! helpers sort a list of `u32` indices with a comparator behind `&dyn Fn` (one compiled copy of
//! the standard sort, shared by all callers) and then move the elements into that order. Use
//! them for sorts of structs, tuples and closures off the innermost loops (the indirect call
//! costs a few nanoseconds per comparison); sorts of plain integers keep `sort_unstable`.
//! Natively, where size does not matter, they are the standard library's own calls.

use std::cmp::Ordering;

/// Stable sort of `v` by `cmp`: the same result as `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if cfg!(target_arch = "wasm32") {
        sort_by_indices(v, cmp);
    } else {
        v.sort_by(cmp);
    }
}

/// [`sort_by`] through the shared index sort.
fn sort_by_indices<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = identity(v.len());
    sort_indices(&mut order, &|a, b| cmp(&v[a as usize], &v[b as usize]));
    permute(v, &mut order);
}

/// Stable sort of `v` by a key: the same result as `v.sort_by_key(key)` (and a valid result of
/// `v.sort_unstable_by_key(key)`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Reorders `v` so that the element at `n` is the one a full sort by `cmp` would put there, with
/// none greater before it and none less after it, as `v.select_nth_unstable_by(n, cmp)` does
/// (`n` past the end leaves `v` as it is).
pub fn select_nth_by<T>(v: &mut [T], n: usize, cmp: impl Fn(&T, &T) -> Ordering) {
    if n >= v.len() {
        return;
    }
    if cfg!(target_arch = "wasm32") {
        select_nth_by_indices(v, n, cmp);
    } else {
        v.select_nth_unstable_by(n, cmp);
    }
}

/// [`select_nth_by`] through the shared index selection.
fn select_nth_by_indices<T>(v: &mut [T], n: usize, cmp: impl Fn(&T, &T) -> Ordering) {
    if n >= v.len() {
        return;
    }
    let mut order = identity(v.len());
    select_indices(&mut order, n, &|a, b| cmp(&v[a as usize], &v[b as usize]));
    permute(v, &mut order);
}

/// `0, 1, ..., len - 1` (slices sorted here are far shorter than `u32::MAX`).
fn identity(len: usize) -> Vec<u32> {
    (0..len as u32).collect()
}

/// The one compiled copy of the stable sort.
#[inline(never)]
fn sort_indices(order: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// The one compiled copy of the selection.
#[inline(never)]
fn select_indices(order: &mut [u32], n: usize, cmp: &dyn Fn(u32, u32) -> Ordering) {
    order.select_nth_unstable_by(n, |&a, &b| cmp(a, b));
}

/// Moves the elements of `v` so that position `i` holds the element that was at `order[i]`,
/// following each cycle of the permutation once (swaps only, no `Clone` needed). `order` is
/// used up (each visited entry is set to its own index).
fn permute<T>(v: &mut [T], order: &mut [u32]) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let words = ["pear", "fig", "apple", "kiwi", "fig", "date", "plum", "apple", "lime"];
        let mut pairs: Vec<(usize, &str)> = words.iter().map(|w| w.len()).zip(words).collect();
        let mut expected = pairs.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_indices(&mut pairs, |a, b| a.0.cmp(&b.0));
        assert_eq!(pairs, expected, "stable: equal keys keep their order");
        let mut reversed: Vec<u32> = (0..100).map(|i| (i * 37) % 101).collect();
        let mut expected = reversed.clone();
        expected.sort_by(|a, b| b.cmp(a));
        sort_by_indices(&mut reversed, |a, b| b.cmp(a));
        assert_eq!(reversed, expected);
    }

    #[test]
    fn selects_like_the_standard_library() {
        let mut v: Vec<i64> = (0..50).map(|i| (i * 7919) % 53 - 20).collect();
        let mut sorted = v.clone();
        sorted.sort();
        select_nth_by_indices(&mut v, 10, |a, b| a.cmp(b));
        assert_eq!(v[10], sorted[10]);
        assert!(v[..10].iter().all(|&x| x <= v[10]) && v[11..].iter().all(|&x| x >= v[10]));
        let mut short = vec![3, 1];
        select_nth_by_indices(&mut short, 5, |a: &i32, b: &i32| a.cmp(b));
        assert_eq!(short, [3, 1]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_permutation_is_applied(v in proptest::collection::vec((0u8..6, 0u16..1000), 0..80)) {
            let mut expected = v.clone();
            expected.sort_by_key(|b| std::cmp::Reverse(b.0));
            let mut ours = v;
            sort_by_indices(&mut ours, |a, b| b.0.cmp(&a.0));
            proptest::prop_assert_eq!(ours, expected);
        }
    }
}
