//! Reading a pasted text: Keras or PyTorch code, what `print(model)` writes, a Keras
//! `model.summary()` table or a torchinfo summary, into the [`Config`] it sets.
//!
//! [`read`] never guesses a number it did not read. Every value it uses is listed in
//! [`Reading::read`] with where it came from; every framework default it filled in is listed in
//! [`Reading::assumed`]; every argument or layer it did not use is listed in
//! [`Reading::ignored`] by name. Where a summary leaves a value out (the input size of the first
//! layer, the cell inside a Keras `Bidirectional`, `use_bias`), the value is solved from the printed
//! `Param #` with the model's own [`count`](crate::count()); when several values fit, the others
//! are in [`Reading::alternatives`], and when none fits the printed number is reported.
//!
//! Argument orders (positional arguments are read in these orders and no further):
//! - PyTorch `torch.nn.LSTM` / `nn.GRU`: `input_size, hidden_size, num_layers, bias, batch_first,
//!   dropout, bidirectional, proj_size` (`torch.nn.RNNBase.__init__`);
//!   `nn.RNN`: `input_size, hidden_size, num_layers, nonlinearity, bias, batch_first, dropout,
//!   bidirectional` (<https://pytorch.org/docs/stable/generated/torch.nn.RNN.html>).
//! - Keras `LSTM` / `GRU`: `units, activation, recurrent_activation, use_bias, …`; `SimpleRNN`:
//!   `units, activation, use_bias, …`; `Bidirectional`: `layer, merge_mode, …`; `Input`: `shape, …`
//!   (<https://keras.io/api/layers/recurrent_layers/>).
//!
//! Bounds: at most [`MAX_TEXT_BYTES`] bytes are read (a longer text is refused, not cut), and the
//! work is linear in the text: one tokenizing pass, argument lists read once by recursive descent
//! at most [`MAX_DEPTH`] brackets deep, and a summary solved over at most a few hundred
//! candidate settings per recurrent row.
//!
//! ```
//! use rnn_params_model::{count, paste};
//! let r = paste::read("nn.LSTM(20, 300, 5, True)");
//! let config = r.config.unwrap();
//! assert_eq!(count(&config).unwrap().total, 3_276_000);
//! assert!(r.read.iter().any(|f| f.name == "bias" && f.from.contains("not bidirectional")));
//!
//! // A real Keras 3 summary (pasted.jsonl, pp-0076): the Bidirectional row does not name its
//! // cell; only a GRU with reset_after=True, concat, 1024 units fits 18,886,656.
//! let summary = "\
//! │ input_layer (InputLayer)             │ (None, None, 2048)          │               0 │
//! ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
//! │ bidirectional (Bidirectional)        │ (None, 2048)                │      18,886,656 │
//! └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
//!  Total params: 18,886,656 (72.05 MB)";
//! let r = paste::read(&format!("┃ Layer (type) ┃ Output Shape ┃ Param # ┃\n{summary}"));
//! let c = r.config.unwrap();
//! assert_eq!((c.cell, c.units.get(), c.input_size.get()), (rnn_params_model::Cell::Gru, 1024, 2048));
//! assert!(r.read.iter().any(|f| f.name == "cell" && f.from.starts_with("from Param # 18,886,656")));
//! assert!(r.disagreements.is_empty());
//! ```

mod around;
mod code;
mod kinds;
mod lex;
mod summary;

pub use lex::MAX_DEPTH;

use crate::cell::Framework;
use crate::config::{Config, Refusal};
use core::fmt;

/// The longest text read: 100 KB. A longer paste is refused with [`PasteError::TooLong`].
pub const MAX_TEXT_BYTES: usize = 100 * 1024;

/// At most this many ignored parts are listed one by one ([`Reading::ignored`]); one more entry
/// says that there were more.
pub const MAX_IGNORED: usize = 40;

/// What kind of text was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Keras Python code (`keras.Input`, `layers.LSTM(...)`, `Sequential([...])`, `model.add`).
    KerasCode,
    /// PyTorch code or what `print(model)` writes (`LSTM(4096, 256, num_layers=2)`).
    PyTorchCode,
    /// A Keras `model.summary()` table (Keras 3 box drawing or Keras 2 underscores).
    KerasSummary,
    /// A `torchinfo.summary(...)` table.
    TorchinfoSummary,
}

impl Source {
    /// A few words for the page: "Keras code", "a Keras summary", ...
    pub const fn label(self) -> &'static str {
        match self {
            Source::KerasCode => "Keras code",
            Source::PyTorchCode => "PyTorch code",
            Source::KerasSummary => "a Keras model.summary() table",
            Source::TorchinfoSummary => "a torchinfo summary",
        }
    }
}

/// One value that was read or assumed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The setting, as the widget names it: `cell`, `input size`, `units`, `layers`,
    /// `bidirectional`, `bias`, `reset_after`, `merge_mode`, `proj_size`, `time steps`, `batch`.
    pub name: String,
    /// The value as the widget shows it (`4096`, `LSTM`, `True`).
    pub value: String,
    /// Where it came from: the text it was read from and its line (`` `input_dim=4096` (line 1) ``),
    /// "from Param # 4,457,472", or for an assumption why it is the default.
    pub from: String,
}

/// A part of the text that was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// What it is, by name: `dropout=0.5`, `Dense`, `return_sequences`.
    pub name: String,
    /// Why it was not used ("does not change the count", "not a layer the widget counts yet").
    pub why: String,
}

/// A printed parameter count that differs from the model's count of the same layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// The row as printed (`lstm (LSTM)`).
    pub layer: String,
    /// The printed `Param #`.
    pub printed: u64,
    /// The model's count of that layer for the configuration read.
    pub counted: u64,
}

/// Why no configuration could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteError {
    /// Nothing but white space.
    Empty,
    /// More than [`MAX_TEXT_BYTES`] bytes.
    TooLong {
        /// The length of the text in bytes.
        bytes: usize,
    },
    /// Brackets that do not match, or nesting too deep to read.
    Syntax {
        /// The 1-based line.
        line: u32,
        /// What is wrong.
        what: String,
    },
    /// No SimpleRNN, GRU or LSTM layer was found.
    NoRecurrentLayer,
    /// A value the count needs is not in the text (e.g. the input size of a Keras `LSTM(256)`).
    Missing {
        /// The setting.
        name: String,
        /// How to give it.
        hint: String,
    },
    /// A value that was written but could not be read (`units=n_units`, `bias=flag`).
    Unreadable {
        /// The setting.
        name: String,
        /// The text as written (shortened).
        text: String,
    },
    /// A value outside the widget's bounds (m, n ≤ 1,048,576; layers ≤ 16).
    OutOfBounds {
        /// The setting.
        name: String,
        /// The value as written.
        value: String,
        /// The accepted range, in words.
        range: String,
    },
    /// Whether the text is Keras or PyTorch cannot be told (`LSTM(8)` alone would be Keras,
    /// `LSTM(8, 16)` PyTorch).
    UnknownFramework {
        /// The call as written.
        call: String,
    },
    /// A summary row that no configuration of the widget fits.
    Unsolved {
        /// The row as printed.
        layer: String,
        /// What was tried.
        why: String,
    },
    /// A summary row that several configurations fit equally well.
    Ambiguous {
        /// The row as printed.
        layer: String,
        /// The configurations that fit, described.
        candidates: Vec<String>,
    },
}

impl fmt::Display for PasteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasteError::Empty => f.write_str("Nothing to read: paste a layer's code or a model summary."),
            PasteError::TooLong { bytes } => write!(
                f,
                "The text is too long to read ({} bytes; at most {} are read). Paste only the model.",
                crate::format::grouped(*bytes as u64),
                crate::format::grouped(MAX_TEXT_BYTES as u64)
            ),
            PasteError::Syntax { line, what } => write!(f, "Line {line}: {what}."),
            PasteError::NoRecurrentLayer => f.write_str(
                "No SimpleRNN, GRU or LSTM layer found: paste a Keras or PyTorch recurrent layer, \
                 what print(model) shows, or a model summary.",
            ),
            PasteError::Missing { name, hint } => write!(f, "The {name} is not given: {hint}."),
            PasteError::Unreadable { name, text } => {
                write!(f, "Could not read the {name} from {text}: write the value itself.")
            }
            PasteError::OutOfBounds { name, value, range } => {
                write!(f, "The {name} {value} is outside what the widget counts ({range}).")
            }
            PasteError::UnknownFramework { call } => write!(
                f,
                "Cannot tell whether {call} is Keras or PyTorch: write keras.layers.… or nn.…, or \
                 name the arguments."
            ),
            PasteError::Unsolved { layer, why } => write!(f, "No configuration fits the row {layer}: {why}."),
            PasteError::Ambiguous { layer, candidates } => write!(
                f,
                "Several configurations fit the row {layer} equally well: {}. Paste the code instead.",
                candidates.join("; ")
            ),
        }
    }
}

/// What [`read`] made of a text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Reading {
    /// The configuration the text sets; `None` when [`Reading::error`] says why not. It may be one
    /// the framework refuses: then [`Reading::refusal`] is set.
    pub config: Option<Config>,
    /// The layers read around the stack (an Embedding before it, Dense layers after it), when the
    /// text is a whole model.
    pub around: Option<crate::network::Around>,
    /// Time steps T, when an input shape or output shape gives a fixed one.
    pub time_steps: Option<u32>,
    /// The batch size, when the text gives one (`batch_shape`, `batch_size`).
    pub batch: Option<u32>,
    /// What kind of text it was (`None` for an empty or too long text).
    pub source: Option<Source>,
    /// Every value used, with where it came from.
    pub read: Vec<Fact>,
    /// Every default filled in because the text does not give it (`bias`: True).
    pub assumed: Vec<Fact>,
    /// Every argument or layer not used, by name.
    pub ignored: Vec<Skipped>,
    /// Printed `Param #` values the model's count disagrees with (to be flagged).
    pub disagreements: Vec<Disagreement>,
    /// Other configurations whose count equals every printed `Param #` of a summary, closest to the
    /// framework's defaults first: besides [`Reading::config`] (the closest of all), or, with
    /// [`PasteError::Ambiguous`], all of them for the page to offer as choices.
    pub alternatives: Vec<Config>,
    /// The framework's refusal of [`Reading::config`] ([`Config::check`]).
    pub refusal: Option<Refusal>,
    /// Why there is no configuration.
    pub error: Option<PasteError>,
}

impl Reading {
    fn fail(mut self, e: PasteError) -> Reading {
        self.config = None;
        if !matches!(e, PasteError::Ambiguous { .. }) {
            self.alternatives.clear();
        }
        self.error = Some(e);
        self
    }

    pub(crate) fn fact(&mut self, name: &str, value: impl fmt::Display, from: impl Into<String>) {
        self.read.push(Fact { name: name.to_owned(), value: value.to_string(), from: from.into() });
    }

    /// Adds what the layers above the first see (`input size of layers 2–3`), from the config.
    pub(crate) fn stack_facts(&mut self, c: &Config) {
        let l = c.layers.get();
        if l > 1 {
            let name =
                if l == 2 { "input size of layer 2".to_owned() } else { format!("input size of layers 2–{l}") };
            self.fact(&name, c.input_size_of_layer(1), c.layer_input_reason());
        }
    }

    pub(crate) fn assume(&mut self, name: &str, value: impl fmt::Display, from: impl Into<String>) {
        self.assumed.push(Fact { name: name.to_owned(), value: value.to_string(), from: from.into() });
    }

    pub(crate) fn skip(&mut self, name: impl Into<String>, why: impl Into<String>) {
        match self.ignored.len() {
            n if n < MAX_IGNORED => self.ignored.push(Skipped { name: name.into(), why: why.into() }),
            n if n == MAX_IGNORED => self.ignored.push(Skipped {
                name: "…".into(),
                why: format!("more parts were not used; only the first {MAX_IGNORED} are listed"),
            }),
            _ => {}
        }
    }

    /// One line for the page: the configuration read, or why there is none.
    ///
    /// ```
    /// use rnn_params_model::paste;
    /// assert!(paste::read("").message().starts_with("Nothing to read"));
    /// assert_eq!(paste::read("nn.GRU(8, 16)").message(), "Read PyTorch code: PyTorch GRU(16) on 8 input features.");
    /// ```
    pub fn message(&self) -> String {
        match (&self.config, &self.error) {
            (_, Some(e)) => e.to_string(),
            (Some(c), None) => {
                let from = self.source.map_or("the text", Source::label);
                let what = match &self.around {
                    Some(a) => crate::network::describe(c, a),
                    None => c.describe(),
                };
                let mut s = format!("Read {from}: {what}.");
                if let Some(r) = &self.refusal {
                    s.push(' ');
                    s.push_str(&r.to_string());
                }
                if !self.disagreements.is_empty() {
                    s.push_str(" Some printed Param # differ from the count.");
                }
                s
            }
            (None, None) => PasteError::NoRecurrentLayer.to_string(),
        }
    }
}

/// Shortens text for a message: at most 60 characters on one line, control and bidirectional
/// formatting characters replaced by U+FFFD.
pub(crate) fn shown(raw: &str) -> String {
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean: String = one_line
        .chars()
        .map(|c| {
            let bad = c.is_control()
                || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if bad {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .take(61)
        .collect();
    if clean.chars().count() > 60 {
        format!("{}…", clean.chars().take(60).collect::<String>())
    } else {
        clean
    }
}

/// Reads a pasted text into the configuration it sets, with a report of what was read, assumed
/// and ignored.
///
/// Accepts Keras code (`LSTM(256, input_dim=4096, input_length=16)`, `keras.Input(shape=(16,
/// 4096))` followed by layers, `Sequential([...])`, `model.add(...)`, `Bidirectional(...)`), PyTorch
/// constructors (`nn.LSTM(20, 300, 5, True)`, keyword arguments) and `print(model)` output, a Keras
/// `model.summary()` table and a torchinfo summary.
///
/// Never panics. Returns a [`Reading`] whose `config` is `None` and `error` says why for an empty
/// text, a text over [`MAX_TEXT_BYTES`], unbalanced brackets, no recurrent layer, a missing or
/// unreadable value, a value out of the widget's bounds (reported, never clamped), or a summary row
/// no configuration (or more than one equally) fits.
///
/// ```
/// use rnn_params_model::{paste, Cell, Framework};
/// let r = paste::read("keras.Input(shape=(16, 4096))\nx = layers.GRU(32, return_sequences=True)(x)");
/// let c = r.config.unwrap();
/// assert_eq!((c.framework, c.cell, c.input_size.get(), c.units.get()), (Framework::Keras, Cell::Gru, 4096, 32));
/// assert_eq!(r.time_steps, Some(16));
/// assert!(r.ignored.iter().any(|s| s.name.starts_with("return_sequences")));
/// ```
pub fn read(text: &str) -> Reading {
    let r = Reading::default();
    if text.len() > MAX_TEXT_BYTES {
        return r.fail(PasteError::TooLong { bytes: text.len() });
    }
    if text.trim().is_empty() {
        return r.fail(PasteError::Empty);
    }
    let mut r = if let Some(k) = kinds::read(text) {
        // ConvLSTM, PyTorch cells, Flax, TF1 and CuDNN construction code (issue 17).
        k
    } else if let Some(rows) = summary::keras_rows(text) {
        summary::read_keras(rows, Reading { source: Some(Source::KerasSummary), ..r })
    } else if let Some(rows) = summary::torchinfo_rows(text) {
        summary::read_torchinfo(rows, Reading { source: Some(Source::TorchinfoSummary), ..r })
    } else {
        code::read_code(text, r)
    };
    if r.error.is_some() {
        r.config = None;
        if !matches!(r.error, Some(PasteError::Ambiguous { .. })) {
            r.alternatives.clear();
        }
    }
    if let Some(c) = r.config {
        r.stack_facts(&c);
        r.refusal = c.check().err();
        if r.source.is_none() {
            r.source = Some(match c.framework {
                Framework::Keras => Source::KerasCode,
                Framework::PyTorch => Source::PyTorchCode,
            });
        }
    }
    r
}
