//! Logarithmic slider positions with friendly stops.
//!
//! A range input has equally spaced positions; sizes span six orders of magnitude. The ladder maps
//! position k to the k-th "round" size: powers of two and the halfway values 1.5 × 2^k
//! (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, …, 786,432, 1,048,576: 40 stops), so that every common layer width
//! (64, 128, 256, 512, 768, 4096 …) is a stop. Values typed into the number field need not be stops;
//! the slider then sits at the nearest one.

/// The stops from `min` to `max` inclusive: powers of two and 1.5 × powers of two, plus `min` and
/// `max` themselves when they are not stops. With `min = 0` the first stop is 0 (used for "no
/// projection").
///
/// ```
/// use rnn_params_model::ladder::stops;
/// assert_eq!(stops(1, 16), [1, 2, 3, 4, 6, 8, 12, 16]);
/// assert_eq!(stops(1, 1_048_576).len(), 40);
/// assert_eq!(stops(0, 10), [0, 1, 2, 3, 4, 6, 8, 10]);
/// ```
pub fn stops(min: u64, max: u64) -> Vec<u64> {
    let mut out = Vec::new();
    if min > max {
        return out;
    }
    if min == 0 {
        out.push(0);
    }
    let low = min.max(1);
    let mut p: u64 = 1;
    while p <= max {
        if p >= low {
            out.push(p);
        }
        let half_step = p + p / 2;
        if p >= 2 && half_step >= low && half_step <= max {
            out.push(half_step);
        }
        p = match p.checked_mul(2) {
            Some(next) => next,
            None => break,
        };
    }
    if out.first().is_none_or(|&f| f > min) {
        out.insert(0, min);
    }
    if out.last().is_none_or(|&l| l < max) {
        out.push(max);
    }
    out.dedup();
    out
}

/// The position of the stop nearest to `value`, measured on a log scale (so 5 is nearer to 4 than
/// to 6, and 1000 is nearest to 1024). Values outside the ladder go to its ends.
///
/// ```
/// use rnn_params_model::ladder::{nearest, stops};
/// let s = stops(1, 1_048_576);
/// assert_eq!(s[nearest(&s, 256)], 256);
/// assert_eq!(s[nearest(&s, 1000)], 1024);
/// assert_eq!(s[nearest(&s, 4_000_000)], 1_048_576);
/// ```
pub fn nearest(stops: &[u64], value: u64) -> usize {
    let key = |v: u64| if v == 0 { -1.0 } else { (v as f64).ln() };
    let target = key(value);
    stops
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| (key(**a) - target).abs().total_cmp(&(key(**b) - target).abs()))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// Where a slider asked to move to stop `target` may go when only values in `allowed` (inclusive)
/// can be used: `target` itself when its value is allowed, else the allowed stop nearest to it
/// (so a fast drag past the last allowed stop stops there). `None` when no stop is allowed.
///
/// ```
/// use rnn_params_model::ladder::{clamp, stops};
/// let s = stops(1, 1024); // 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, ...
/// assert_eq!(clamp(&s, 13, (1, 1024)), Some(13)); // 128: allowed
/// assert_eq!(s[clamp(&s, 2, (65, 1024)).unwrap()], 96); // 3 is below a projection of 64
/// assert_eq!(clamp(&s, 2, (2000, 3000)), None);
/// ```
pub fn clamp(stops: &[u64], target: usize, allowed: (u64, u64)) -> Option<usize> {
    let (low, high) = allowed;
    let inside = |v: u64| v >= low && v <= high;
    let target = target.min(stops.len().checked_sub(1)?);
    if inside(stops[target]) {
        return Some(target);
    }
    // The stops are increasing: the allowed ones form one run, entirely above or below `target`.
    if stops[target] < low {
        (target..stops.len()).find(|&i| inside(stops[i]))
    } else {
        (0..target).rev().find(|&i| inside(stops[i]))
    }
}
