//! The way in to the layer families other than Keras's and PyTorch's own layers (ConvLSTM, Flax,
//! PyTorch cells, TF1, CuDNN, Keras 2: [`crate::kind`]): their count, comparison line, arithmetic
//! and formula, through one table of functions.
//!
//! With the `families` feature (the default), the table is always there: [`count`] and the others
//! call [`crate::kind`] and [`crate::kind_explain`] directly. Without it, the table is empty until
//! [`install`] runs, and until then a family's layer counts as [`CountError::RulesNotLoaded`]. The
//! web app builds without the feature and calls [`install`] from a WebAssembly module of its own
//! (`src/deferred` in the app), so that the code of those families stays out of the first module,
//! which then counts the Keras / PyTorch layers alone. What a family is allowed to be
//! ([`crate::kind::check`]) and its URL options ([`crate::kind_query`]) are not behind the table:
//! a shared link is read, and refused values explained, before the rules arrive.
//!
//! ```
//! use rnn_params_model::kind::{Conv, Kind};
//! use rnn_params_model::{families, Config};
//! families::install();
//! assert!(families::installed());
//! let c = Config { kind: Kind::ConvLstm(Conv::default()), ..Config::default() };
//! assert!(families::count(&c).is_ok());
//! ```

use crate::arithmetic::Arithmetic;
use crate::compare::Comparison;
use crate::config::Config;
use crate::count::{Breakdown, CountError};

/// The functions that count and explain the families beyond the Keras / PyTorch layers.
#[derive(Clone, Copy)]
struct Rules {
    count: fn(&Config) -> Result<Breakdown, CountError>,
    compare: fn(&Config) -> Result<Comparison, CountError>,
    arithmetic: fn(&Breakdown) -> Arithmetic,
    formula: fn(&Config) -> String,
}

/// The table, made where it is used (not a `static`), so that a build without the feature links
/// the families' functions only from [`install`].
fn rules_of_every_family() -> Rules {
    Rules {
        count: crate::kind::count,
        compare: crate::kind_explain::compare,
        arithmetic: crate::kind_explain::arithmetic,
        formula: crate::kind_explain::formula,
    }
}

#[cfg(feature = "families")]
fn rules() -> Option<Rules> {
    Some(rules_of_every_family())
}

#[cfg(not(feature = "families"))]
static INSTALLED: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();

#[cfg(not(feature = "families"))]
fn rules() -> Option<Rules> {
    INSTALLED.get().copied()
}

/// Makes the families countable. Without the `families` feature the first call fills the table
/// (later calls do nothing); with it, the table is always full and this does nothing.
pub fn install() {
    #[cfg(not(feature = "families"))]
    INSTALLED.get_or_init(rules_of_every_family);
}

/// Whether the families can be counted (always, with the `families` feature).
pub fn installed() -> bool {
    rules().is_some()
}

/// A family's layer counted as [`crate::kind::count`] counts it.
///
/// # Errors
/// What [`crate::kind::count`] returns; [`CountError::RulesNotLoaded`] before [`install`] in a build
/// without the `families` feature.
pub fn count(config: &Config) -> Result<Breakdown, CountError> {
    rules().map_or(Err(CountError::RulesNotLoaded), |r| (r.count)(config))
}

/// A family's comparison line ([`crate::kind_explain::compare`]).
///
/// # Errors
/// As [`count`].
pub fn compare(config: &Config) -> Result<Comparison, CountError> {
    rules().map_or(Err(CountError::RulesNotLoaded), |r| (r.compare)(config))
}

/// A family's arithmetic ([`crate::kind_explain::arithmetic`]), or `None` before [`install`] (which
/// cannot be asked for: a family's [`Breakdown`] comes from [`count`], which needs the rules).
pub fn arithmetic(b: &Breakdown) -> Option<Arithmetic> {
    rules().map(|r| (r.arithmetic)(b))
}

/// A family's formula per direction and layer ([`crate::kind_explain::formula`]), or `None` before
/// [`install`].
pub fn formula(config: &Config) -> Option<String> {
    rules().map(|r| (r.formula)(config))
}
