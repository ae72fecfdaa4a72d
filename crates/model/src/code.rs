//! Code that builds the same layer in the real framework, so a reader can check the count.
//!
//! The construction lines are exactly those used to produce the ground truth
//! (`tests/data/*.jsonl`: PyTorch `constructor`, Keras `code`), and tests compare them.

use crate::cell::{Cell, Framework};
use crate::config::Config;

/// A runnable snippet: imports, the construction, and the line that prints the count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// Import lines.
    pub imports: String,
    /// The construction, as in the ground truth rows.
    pub body: String,
    /// The lines that print the parameter count (for Keras, after `model.summary()`).
    pub check: String,
}

impl Snippet {
    /// The whole snippet.
    pub fn text(&self) -> String {
        format!("{}\n{}\n{}\n", self.imports, self.body, self.check)
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// The PyTorch constructor, e.g.
/// `torch.nn.LSTM(input_size=4096, hidden_size=256, num_layers=1, bias=True, bidirectional=False)`.
///
/// ```
/// use rnn_params_model::{code::pytorch_constructor, Config, Framework};
/// let c = Config { framework: Framework::PyTorch, ..Config::default() };
/// assert_eq!(pytorch_constructor(&c),
///     "torch.nn.LSTM(input_size=4096, hidden_size=256, num_layers=1, bias=True, bidirectional=False)");
/// ```
pub fn pytorch_constructor(c: &Config) -> String {
    let mut s = format!(
        "torch.nn.{}(input_size={}, hidden_size={}, num_layers={}, bias={}, bidirectional={}",
        c.cell.class_name(Framework::PyTorch),
        c.input_size,
        c.units,
        c.layers,
        py_bool(c.bias),
        py_bool(c.bidirectional)
    );
    if let Some(p) = c.projection() {
        s.push_str(&format!(", proj_size={p}"));
    }
    s.push(')');
    s
}

/// The Keras functional-model code, with `steps` time steps in the input shape (`None` for a
/// variable length), e.g.
///
/// ```text
/// inp = keras.Input(shape=(16, 4096))
/// x = inp
/// x = LSTM(units=256, use_bias=True, return_sequences=False)(x)
/// model = keras.Model(inp, x)
/// ```
pub fn keras_code(c: &Config, steps: Option<u32>) -> String {
    let t = steps.map_or_else(|| "None".to_owned(), |t| t.to_string());
    let mut lines = vec![format!("inp = keras.Input(shape=({t}, {}))", c.input_size), "x = inp".to_owned()];
    let layers = c.layers.get();
    for k in 0..layers {
        let mut layer = format!(
            "{}(units={}, use_bias={}, return_sequences={}",
            c.cell.class_name(Framework::Keras),
            c.units,
            py_bool(c.bias),
            py_bool(k + 1 < layers)
        );
        if c.cell == Cell::Gru {
            layer.push_str(&format!(", reset_after={}", py_bool(c.reset_after)));
        }
        layer.push(')');
        if c.bidirectional {
            layer = format!("Bidirectional({layer}, merge_mode='{}')", c.merge.key());
        }
        lines.push(format!("x = {layer}(x)"));
    }
    lines.push("model = keras.Model(inp, x)".to_owned());
    lines.join("\n")
}

/// A runnable snippet for `config` in its own framework.
///
/// ```
/// use rnn_params_model::{code::snippet, Config};
/// let s = snippet(&Config::default(), Some(5));
/// assert!(s.text().contains("LSTM(units=256, use_bias=True, return_sequences=False)"));
/// assert!(s.check.contains("count_params"));
/// assert!(s.text().contains("model.summary()\nprint(model.count_params())"));
/// ```
pub fn snippet(config: &Config, steps: Option<u32>) -> Snippet {
    match config.framework {
        Framework::PyTorch => Snippet {
            imports: "import torch".into(),
            body: format!("layer = {}", pytorch_constructor(config)),
            check: "print(sum(p.numel() for p in layer.parameters()))".into(),
        },
        Framework::Keras => {
            let mut names = vec![config.cell.class_name(Framework::Keras)];
            if config.bidirectional {
                names.push("Bidirectional");
            }
            Snippet {
                imports: format!("import keras\nfrom keras.layers import {}", names.join(", ")),
                body: keras_code(config, steps),
                // The summary names each layer's Param #; the last line is the total alone.
                check: "model.summary()\nprint(model.count_params())".into(),
            }
        }
    }
}
