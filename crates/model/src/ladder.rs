//! Logarithmic slider positions with friendly stops.
//!
//! A range input has equally spaced positions; sizes span six orders of magnitude. The ladder maps
//! position k to the k-th "round" size: powers of two and the halfway values 1.5 × 2^k (the layer
//! widths of papers and code: 64, 128, 256, 384, 512, 768, 4096 …), and the decimal round numbers
//! people type, 1, 2, 3 and 5 × 10^k (20, 50, 100, 300, 500, 1000 …), merged in order: 1, 2, 3, 4,
//! 5, 6, 8, 10, 12, 16, 20, 24, 30, 32, 48, 50, 64, … (62 stops from 1 to 1,048,576). Values typed
//! into the number field need not be stops; the slider then sits at the nearest one.

/// The stops from `min` to `max` inclusive: powers of two, 1.5 × powers of two and 1, 2, 3, 5 × powers
/// of ten, in increasing order without repeats, plus `min` and `max` themselves when they are not
/// stops. With `min = 0` the first stop is 0 (used for "no projection").
///
/// ```
/// use rnn_params_model::ladder::stops;
/// assert_eq!(stops(1, 16), [1, 2, 3, 4, 5, 6, 8, 10, 12, 16]);
/// assert_eq!(stops(250, 1100), [250, 256, 300, 384, 500, 512, 768, 1000, 1024, 1100]);
/// assert_eq!(stops(1, 1_048_576).len(), 62);
/// assert_eq!(stops(0, 10), [0, 1, 2, 3, 4, 5, 6, 8, 10]);
/// ```
pub fn stops(min: u64, max: u64) -> Vec<u64> {
    let mut out = Vec::new();
    if min > max {
        return out;
    }
    let low = min.max(1);
    let mut p: u64 = 1;
    while p <= max {
        out.push(p);
        if p >= 2 {
            out.push(p + p / 2);
        }
        p = match p.checked_mul(2) {
            Some(next) => next,
            None => break,
        };
    }
    let mut ten: u64 = 1;
    while ten <= max {
        out.extend([1, 2, 3, 5].iter().filter_map(|&k| ten.checked_mul(k)));
        ten = match ten.checked_mul(10) {
            Some(next) => next,
            None => break,
        };
    }
    out.retain(|&v| v >= low && v <= max);
    out.sort_unstable();
    out.dedup();
    if min == 0 {
        out.insert(0, 0);
    }
    if out.first().is_none_or(|&f| f > min) {
        out.insert(0, min);
    }
    if out.last().is_none_or(|&l| l < max) {
        out.push(max);
    }
    out
}

/// The position of the stop nearest to `value`, measured on a log scale (so 7 is nearer to 8 than
/// to 6, and 1010 is nearer to 1000 than to 1024). Values outside the ladder go to its ends.
///
/// ```
/// use rnn_params_model::ladder::{nearest, stops};
/// let s = stops(1, 1_048_576);
/// assert_eq!(s[nearest(&s, 256)], 256);
/// assert_eq!(s[nearest(&s, 1000)], 1000);
/// assert_eq!(s[nearest(&s, 1020)], 1024);
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
/// let s = stops(1, 1024); // 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 30, 32, 48, 50, 64, 96, 100, 128, ...
/// assert_eq!(s[19], 128);
/// assert_eq!(clamp(&s, 19, (1, 1024)), Some(19)); // 128: allowed
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_ladder_has_every_binary_and_every_decimal_round_number_in_order() {
        let s = stops(1, 1_048_576);
        assert!(s.windows(2).all(|w| w[0] < w[1]), "strictly increasing");
        for k in 0..=20u32 {
            let p = 1u64 << k;
            assert!(s.contains(&p), "{p}");
            if k >= 1 && p + p / 2 <= 1_048_576 {
                assert!(s.contains(&(p + p / 2)), "{}", p + p / 2);
            }
        }
        for typed in
            [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10_000, 100_000, 1_000_000]
        {
            assert!(s.contains(&typed), "{typed}");
        }
        // Nothing else: 21 powers of two, 19 halfway values (3 to 786,432), 22 decimal values that are neither.
        assert_eq!(s.len(), 62);
        assert_eq!(&s[..12], [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24]);
    }

    #[test]
    fn a_range_keeps_its_ends_and_zero() {
        assert_eq!(stops(0, 1), [0, 1]);
        assert_eq!(stops(7, 7), [7]);
        assert_eq!(stops(7, 9), [7, 8, 9]);
        assert_eq!(
            stops(1, 255),
            stops(1, 256)[..stops(1, 256).len() - 1].iter().copied().chain([255]).collect::<Vec<_>>()
        );
        assert!(stops(5, 4).is_empty());
    }
}
