//! The same configuration in the other framework, and why its count differs.

use crate::cell::{Cell, Framework};
use crate::config::Config;
use crate::count::{total, CountError};
use crate::format::{grouped, input_features, later_layers, noun};

/// One cause of a difference, with how many parameters it accounts for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The cause in one clause.
    pub text: String,
    /// The parameters it accounts for (the reasons sum to the difference).
    pub params: u64,
}

/// How the other framework counts the same layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// The other framework reports the same number.
    Same {
        /// The other framework.
        framework: Framework,
        /// Its count.
        total: u64,
        /// Why the conventions agree here.
        note: String,
    },
    /// The other framework reports a different number.
    Differs {
        /// The other framework.
        framework: Framework,
        /// Its count.
        total: u64,
        /// `true` when the other framework has more parameters.
        more: bool,
        /// The absolute difference.
        difference: u64,
        /// The causes, summing to `difference`.
        reasons: Vec<Reason>,
    },
    /// A layer of [`crate::kind`] against the layer a learner knows, in one line
    /// ([`crate::kind_explain::compare`]).
    Note {
        /// The whole line.
        line: String,
        /// The other layer's count, when it has one.
        total: Option<u64>,
    },
    /// The other framework cannot build this configuration.
    Inexpressible {
        /// The other framework.
        framework: Framework,
        /// Why.
        why: String,
    },
}

impl Comparison {
    /// The line shown under the total, e.g.
    /// `PyTorch: 4,458,496 — 1,024 more: a second bias vector per gate block (b_ih and b_hh)`.
    pub fn line(&self) -> String {
        match self {
            Comparison::Same { framework, total, note } => {
                format!("{framework}: {} — the same: {note}", grouped(*total))
            }
            Comparison::Differs { framework, total, more, difference, reasons } => {
                let texts: Vec<&str> = reasons.iter().map(|r| r.text.as_str()).collect();
                format!(
                    "{framework}: {} — {} {}: {}",
                    grouped(*total),
                    grouped(*difference),
                    if *more { "more" } else { "fewer" },
                    texts.join("; ")
                )
            }
            Comparison::Inexpressible { framework, why } => format!("{framework}: not expressible — {why}"),
            Comparison::Note { line, .. } => line.clone(),
        }
    }

    /// The other framework's count, when it has one.
    pub fn total(&self) -> Option<u64> {
        match self {
            Comparison::Same { total, .. } | Comparison::Differs { total, .. } => Some(*total),
            Comparison::Inexpressible { .. } => None,
            Comparison::Note { total, .. } => *total,
        }
    }
}

/// The configuration the other framework would build for the same layer: the same settings with
/// the framework switched, exactly what the framework switch shows. Keras-only settings
/// (`reset_after`, `merge_mode`) are kept while PyTorch is chosen, so they apply again in Keras.
/// `None` when the other framework has no way to say it (a PyTorch projection).
pub fn counterpart(config: &Config) -> Option<Config> {
    match config.framework {
        Framework::Keras => Some(Config { framework: Framework::PyTorch, ..*config }),
        Framework::PyTorch if config.projection().is_some() => None,
        Framework::PyTorch => Some(Config { framework: Framework::Keras, ..*config }),
    }
}

/// Compares `config` with its [`counterpart`].
///
/// # Errors
/// When `config` itself cannot be counted.
///
/// ```
/// use rnn_params_model::{compare::compare, Config};
/// let c = compare(&Config::default()).unwrap();
/// assert_eq!(c.line(), "PyTorch: 4,458,496 — 1,024 more: PyTorch keeps a second bias vector per gate block (b_ih and b_hh)");
/// ```
pub fn compare(config: &Config) -> Result<Comparison, CountError> {
    if config.kind != crate::kind::Kind::Layer {
        return crate::families::compare(config);
    }
    let this = total(config)?;
    let Some(other) = counterpart(config) else {
        return Ok(Comparison::Inexpressible {
            framework: Framework::Keras,
            why: "Keras has no LSTM projection (keras.layers.LSTM takes no proj_size).".into(),
        });
    };
    let that = total(&other)?;
    let framework = other.framework;
    if this == that {
        let note = if !config.bias {
            "without biases the two conventions agree"
        } else if config.cell == Cell::Gru {
            "a Keras GRU with reset_after=True keeps two bias vectors per gate block, like PyTorch's b_ih and b_hh"
        } else {
            "the conventions agree here"
        };
        return Ok(Comparison::Same { framework, total: that, note: note.into() });
    }

    let g = config.cell.gate_blocks();
    let d = config.directions();
    let n = config.units.wide();
    let layers = u64::from(config.layers.get());
    let mut reasons = Vec::new();
    let (b_this, b_that) = (config.biases_per_gate(), other.biases_per_gate());
    if b_this != b_that {
        let text = match (config.framework, config.cell) {
            (Framework::Keras, Cell::Gru) => {
                "PyTorch's GRU always keeps two bias vectors per gate block (b_ih and b_hh), like Keras \
                 reset_after=True"
            }
            (Framework::Keras, _) => "PyTorch keeps a second bias vector per gate block (b_ih and b_hh)",
            (Framework::PyTorch, Cell::Gru) => {
                "Keras with reset_after=False keeps one bias vector per gate block, PyTorch two (b_ih and b_hh)"
            }
            (Framework::PyTorch, _) => "Keras keeps one bias vector per gate block, PyTorch two (b_ih and b_hh)",
        };
        reasons.push(Reason { text: text.into(), params: layers * d * g * n * b_this.abs_diff(b_that) });
    }
    if layers > 1 {
        let (in_this, in_that) = (config.input_size_of_layer(1), other.input_size_of_layer(1));
        if in_this != in_that {
            let text = match config.framework {
                Framework::Keras => format!(
                    "PyTorch always concatenates the two directions, so {} {} {} instead of \
                     {} (merge_mode='{}')",
                    later_layers(layers),
                    noun(layers - 1, "sees", "see"),
                    input_features(in_that),
                    grouped(in_this),
                    config.merge.key()
                ),
                Framework::PyTorch => format!(
                    "with merge_mode='{}', Keras {} {} {} instead of {}",
                    config.merge.key(),
                    later_layers(layers),
                    noun(layers - 1, "sees", "see"),
                    input_features(in_that),
                    grouped(in_this)
                ),
            };
            reasons.push(Reason { text, params: (layers - 1) * d * g * n * in_this.abs_diff(in_that) });
        }
    }
    Ok(Comparison::Differs { framework, total: that, more: that > this, difference: this.abs_diff(that), reasons })
}
