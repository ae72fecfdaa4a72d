//! Which settings apply to a configuration, and why the others do not: the reasons the controls
//! show beside a disabled setting.

use crate::cell::{Cell, Framework};
use crate::config::Config;

/// A setting that applies only to some frameworks or cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Conditional {
    /// Keras GRU `reset_after`.
    ResetAfter,
    /// Keras `Bidirectional(merge_mode=…)`.
    Merge,
    /// PyTorch LSTM `proj_size`.
    Proj,
}

/// Why `setting` does not apply to `config`, or `None` when it does.
///
/// Sources: Keras `GRU(reset_after=…)`, Keras `Bidirectional(merge_mode=…)`, PyTorch `nn.LSTM(proj_size=…)`.
///
/// ```
/// use rnn_params_model::availability::{unavailable, Conditional};
/// use rnn_params_model::{Cell, Config};
/// assert_eq!(unavailable(&Config::default(), Conditional::ResetAfter), Some("Keras GRU only."));
/// assert_eq!(unavailable(&Config { cell: Cell::Gru, ..Config::default() }, Conditional::ResetAfter), None);
/// ```
pub fn unavailable(config: &Config, setting: Conditional) -> Option<&'static str> {
    let (framework, cell) = (config.framework, config.cell);
    match setting {
        Conditional::ResetAfter => match (framework, cell) {
            (Framework::Keras, Cell::Gru) => None,
            (Framework::PyTorch, Cell::Gru) => Some(
                "Keras only: PyTorch's GRU always has two bias vectors, as reset_after=True does (shown). Your Keras \
                 choice is kept for Keras.",
            ),
            _ => Some("Keras GRU only."),
        },
        Conditional::Merge => match (framework, config.bidirectional) {
            (Framework::Keras, true) => None,
            (Framework::Keras, false) => Some("Keras Bidirectional only: switch bidirectional on."),
            (Framework::PyTorch, _) => Some(
                "Keras only: PyTorch always concatenates the two directions (shown). Your Keras choice is kept for \
                 Keras.",
            ),
        },
        Conditional::Proj => match (framework, cell) {
            (Framework::PyTorch, Cell::Lstm) => None,
            (Framework::PyTorch, _) => Some("PyTorch LSTM only: RNN and GRU take no proj_size."),
            (Framework::Keras, _) => Some("PyTorch LSTM only: Keras has no LSTM projection."),
        },
    }
}

/// Why the framework and the cell cannot change: the page fixes a projection (`lock=proj` with
/// `proj > 0`), which only a PyTorch LSTM has.
///
/// ```
/// use rnn_params_model::availability::held_by_projection;
/// use rnn_params_model::Config;
/// assert_eq!(held_by_projection(&Config::default(), true), None); // no projection to hold
/// ```
pub fn held_by_projection(config: &Config, proj_locked: bool) -> Option<&'static str> {
    (proj_locked && config.projection().is_some())
        .then_some("Fixed: this page fixes proj_size, which only a PyTorch LSTM has.")
}

/// What the `reset_after` switch shows: the Keras choice on a Keras GRU; under PyTorch a GRU always
/// has two bias vectors, as `reset_after=True` does, so the disabled switch shows it on; on an RNN
/// or LSTM, where the setting means nothing, it is off (a disabled setting never looks set).
///
/// ```
/// use rnn_params_model::availability::shown_reset_after;
/// use rnn_params_model::{Cell, Config, Framework};
/// let c = Config { framework: Framework::PyTorch, cell: Cell::Gru, reset_after: false, ..Config::default() };
/// assert!(shown_reset_after(&c));
/// assert!(!shown_reset_after(&Config { reset_after: true, ..Config::default() })); // a Keras LSTM
/// ```
pub fn shown_reset_after(config: &Config) -> bool {
    match (config.framework, config.cell) {
        (Framework::PyTorch, Cell::Gru) => true,
        (Framework::Keras, Cell::Gru) => config.reset_after,
        _ => false,
    }
}

/// What the `merge_mode` choice shows: the Keras choice on a Keras bidirectional layer, `concat`
/// on a PyTorch bidirectional one (PyTorch always concatenates), and no choice at all without
/// bidirectional, where there is nothing to merge.
///
/// ```
/// use rnn_params_model::availability::shown_merge;
/// use rnn_params_model::{Config, Framework, MergeMode};
/// assert_eq!(shown_merge(&Config::default()), None);
/// let sum = Config { bidirectional: true, merge: MergeMode::Sum, ..Config::default() };
/// assert_eq!(shown_merge(&sum), Some(MergeMode::Sum));
/// assert_eq!(shown_merge(&Config { framework: Framework::PyTorch, ..sum }), Some(MergeMode::Concat));
/// ```
pub fn shown_merge(config: &Config) -> Option<crate::cell::MergeMode> {
    match (config.framework, config.bidirectional) {
        (_, false) => None,
        (Framework::Keras, true) => Some(config.merge),
        (Framework::PyTorch, true) => Some(crate::cell::MergeMode::Concat),
    }
}
