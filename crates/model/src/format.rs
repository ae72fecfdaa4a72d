//! Number formatting for people: thousands separators and compact axis labels.

use thousands::Separable;

/// Formats a count with comma thousands separators, as the frameworks' summaries print them.
///
/// ```
/// use rnn_params_model::format::grouped;
/// assert_eq!(grouped(4_457_472), "4,457,472");
/// assert_eq!(grouped(396), "396");
/// ```
pub fn grouped(n: u64) -> String {
    n.separate_with_commas()
}

/// Formats a value compactly for axis ticks: `950`, `1K`, `1.5K`, `12M`, `1B`, `2.5T`.
///
/// Values below 1,000 keep up to one decimal; larger ones use K (10^3), M (10^6), B (10^9) and
/// T (10^12) with at most one decimal, dropping a trailing `.0`.
///
/// ```
/// use rnn_params_model::format::compact;
/// assert_eq!(compact(1_000.0), "1K");
/// assert_eq!(compact(1_500_000.0), "1.5M");
/// assert_eq!(compact(4_457_472.0), "4.5M");
/// assert_eq!(compact(2_000_000_000.0), "2B");
/// assert_eq!(compact(12.0), "12");
/// ```
pub fn compact(value: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    let sign = if value < 0.0 { "-" } else { "" };
    let v = value.abs();
    for (scale, suffix) in UNITS {
        if v >= scale * 0.9995 {
            return format!("{sign}{}{suffix}", one_decimal(v / scale));
        }
    }
    format!("{sign}{}", one_decimal(v))
}

fn one_decimal(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// Formats a share as a percentage with at most one decimal: `5.9 %`, `50 %`, `0.01 %` stays `<0.1 %`.
///
/// ```
/// use rnn_params_model::format::percent;
/// assert_eq!(percent(1, 2), "50 %");
/// assert_eq!(percent(65_536, 1_114_368), "5.9 %");
/// assert_eq!(percent(1, 100_000), "<0.1 %");
/// assert_eq!(percent(0, 0), "0 %");
/// ```
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 || part == 0 {
        return "0 %".to_owned();
    }
    let p = part as f64 * 100.0 / whole as f64;
    if p < 0.05 {
        "<0.1 %".to_owned()
    } else {
        format!("{} %", one_decimal(p))
    }
}

/// The noun for a count: `one` for exactly 1, `many` otherwise ("1 step", "0 steps", "16 steps").
///
/// ```
/// use rnn_params_model::format::noun;
/// assert_eq!(format!("1 {}", noun(1, "input", "inputs")), "1 input");
/// assert_eq!(format!("3 {}", noun(3, "input", "inputs")), "3 inputs");
/// ```
pub fn noun(count: u64, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// An input size in prose, the one style the page uses everywhere: digits grouped, and "input
/// features" (the last axis of the input, features per time step). Shapes and code keep their
/// plain digits (`W 256 × 4096`, `LSTM(256)`).
///
/// ```
/// use rnn_params_model::format::input_features;
/// assert_eq!(input_features(4096), "4,096 input features");
/// assert_eq!(input_features(1), "1 input feature");
/// ```
pub fn input_features(size: u64) -> String {
    format!("{} {}", grouped(size), noun(size, "input feature", "input features"))
}

/// The layers after the first in a stack of `layers`: "layer 2" for two, "layers 2–5" for five.
///
/// ```
/// use rnn_params_model::format::later_layers;
/// assert_eq!(later_layers(2), "layer 2");
/// assert_eq!(later_layers(16), "layers 2–16");
/// ```
pub fn later_layers(layers: u64) -> String {
    if layers <= 2 {
        "layer 2".to_owned()
    } else {
        format!("layers 2–{layers}")
    }
}
