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
    if config.kind != crate::kind::Kind::Layer {
        return crate::kind_explain::snippet(config, steps.unwrap_or(16));
    }
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

/// A runnable snippet that builds the whole model — the Embedding, the recurrent stack and the
/// Dense layers of `around` — and prints the same total as [`crate::network::network`]: a Keras
/// `Sequential` model, or a PyTorch `nn.Module` with the layers as attributes (named as
/// [`crate::network`] names them: `embedding`, `lstm`, `fc` or `fc1`, `fc2`, …); for the layer
/// families of [`crate::kind`], the model [`crate::kind_code::model_snippet`] writes (Keras 2,
/// CuDNN, TF1, Flax, ConvLSTM with Dense layers), or only the layer with a comment saying so
/// where the framework cannot put those layers around it. With nothing around the layer it is
/// [`snippet`].
///
/// ```
/// use rnn_params_model::code::model_snippet;
/// use rnn_params_model::network::Around;
/// use rnn_params_model::Config;
/// let s = model_snippet(&Config::default(), &Around::default().with_dense(&[1]), Some(16));
/// assert!(s.body.contains("layers.Dense(1),"));
/// ```
pub fn model_snippet(config: &Config, around: &crate::network::Around, steps: Option<u32>) -> Snippet {
    use crate::network::Head;
    if !around.is_bare() && config.kind == crate::kind::Kind::TorchCell {
        return cell_model_snippet(config, around);
    }
    if !around.is_bare() && config.kind != crate::kind::Kind::Layer {
        // Keras 2, CuDNN, TF1, Flax, ConvLSTM with Dense: the whole model (crate::kind_code).
        if let Some(s) = crate::kind_code::model_snippet(config, around, steps.unwrap_or(16)) {
            return s;
        }
        // An Embedding before a ConvLSTM, a bare Flax cell: only the recurrent layer, said so.
        let mut s = snippet(config, steps);
        s.body = format!(
            "# Only the recurrent layer: an Embedding makes no frames for a ConvLSTM, and a bare Flax cell\n\
             # has no time axis, so this snippet does not build the layers around it and prints the\n\
             # layer's count, not the page's total.\n{}",
            s.body
        );
        return s;
    }
    if around.is_bare() || config.kind != crate::kind::Kind::Layer {
        return snippet(config, steps);
    }
    let c = config;
    let head = around.effective_head();
    let t = steps.map_or_else(|| "None".to_owned(), |t| t.to_string());
    match c.framework {
        Framework::Keras => {
            let mut lines = vec!["model = keras.Sequential([".to_owned()];
            match around.embedding {
                Some(e) => {
                    lines.push(format!("    keras.Input(shape=({t},)),"));
                    let frozen = if e.frozen { ", trainable=False" } else { "" };
                    lines.push(format!("    layers.Embedding({}, {}{frozen}),", e.vocab, c.input_size));
                }
                None => lines.push(format!("    keras.Input(shape=({t}, {})),", c.input_size)),
            }
            let l = c.layers.get();
            for k in 0..l {
                let mut args = vec![c.units.to_string()];
                if !c.bias {
                    args.push("use_bias=False".into());
                }
                if c.cell == Cell::Gru && !c.reset_after {
                    args.push("reset_after=False".into());
                }
                if k + 1 < l || head.every_step() {
                    args.push("return_sequences=True".into());
                }
                let mut layer = format!("layers.{}({})", c.cell.class_name(Framework::Keras), args.join(", "));
                if c.bidirectional {
                    layer = if c.merge == crate::cell::MergeMode::Concat {
                        format!("layers.Bidirectional({layer})")
                    } else {
                        format!("layers.Bidirectional({layer}, merge_mode=\"{}\")", c.merge.key())
                    };
                }
                lines.push(format!("    {layer},"));
            }
            for k in around.dense() {
                let bias = if around.dense_bias { "" } else { ", use_bias=False" };
                let dense = format!("layers.Dense({k}{bias})");
                lines.push(match head {
                    Head::TimeDistributed => format!("    layers.TimeDistributed({dense}),"),
                    _ => format!("    {dense},"),
                });
            }
            lines.push("])".into());
            Snippet {
                imports: "import keras\nfrom keras import layers\n".into(),
                body: lines.join("\n"),
                check: "model.summary()\nprint(model.count_params())".into(),
            }
        }
        Framework::PyTorch => {
            let attr = c.cell.key();
            let mut init = vec![
                "class Model(nn.Module):".to_owned(),
                "    def __init__(self):".into(),
                "        super().__init__()".into(),
            ];
            let mut forward = vec!["    def forward(self, x):".to_owned()];
            if let Some(e) = around.embedding {
                init.push(format!("        self.embedding = nn.Embedding({}, {})", e.vocab, c.input_size));
                if e.frozen {
                    init.push("        self.embedding.weight.requires_grad = False".into());
                }
                forward.push("        x = self.embedding(x)".into());
            }
            let mut args = vec![c.input_size.to_string(), c.units.to_string()];
            if c.layers.get() > 1 {
                args.push(format!("num_layers={}", c.layers));
            }
            if !c.bias {
                args.push("bias=False".into());
            }
            args.push("batch_first=True".into());
            if c.bidirectional {
                args.push("bidirectional=True".into());
            }
            if let Some(p) = c.projection() {
                args.push(format!("proj_size={p}"));
            }
            init.push(format!(
                "        self.{attr} = nn.{}({})",
                c.cell.class_name(Framework::PyTorch),
                args.join(", ")
            ));
            forward.push(format!("        out, _ = self.{attr}(x)"));
            forward.push(if head.every_step() { "        x = out".into() } else { "        x = out[:, -1, :]".into() });
            let mut input = c.input_size_of_layer(c.layers.get());
            let many = around.dense().len() > 1;
            for (j, k) in around.dense().iter().enumerate() {
                let name = if many { format!("fc{}", j + 1) } else { "fc".to_owned() };
                let bias = if around.dense_bias { "" } else { ", bias=False" };
                init.push(format!("        self.{name} = nn.Linear({input}, {k}{bias})"));
                forward.push(format!("        x = self.{name}(x)"));
                input = k.wide();
            }
            forward.push("        return x".into());
            Snippet {
                imports: "import torch\nimport torch.nn as nn\n".into(),
                body: format!("\n{}\n\n{}\n\n\nmodel = Model()", init.join("\n"), forward.join("\n")),
                check: "print(sum(p.numel() for p in model.parameters()))".into(),
            }
        }
    }
}

/// A PyTorch cell (`nn.LSTMCell`, …) with the Embedding and Linear layers of `around`: an
/// `nn.Module` whose attributes are `embedding`, the cell (`lstm`, `gru`, `rnn`) and `fc` / `fc1`,
/// `fc2`, …; the first Linear reads the cell's hidden state (n features). It prints the same total
/// as [`crate::network::network`].
fn cell_model_snippet(c: &Config, around: &crate::network::Around) -> Snippet {
    let attr = c.cell.key();
    let mut init = vec![
        "class Model(nn.Module):".to_owned(),
        "    def __init__(self):".into(),
        "        super().__init__()".into(),
    ];
    if let Some(e) = around.embedding {
        init.push(format!("        self.embedding = nn.Embedding({}, {})", e.vocab, c.input_size));
        if e.frozen {
            init.push("        self.embedding.weight.requires_grad = False".into());
        }
    }
    let bias = if c.bias { "" } else { ", bias=False" };
    init.push(format!(
        "        self.{attr} = nn.{}Cell({}, {}{bias})",
        c.cell.class_name(Framework::PyTorch),
        c.input_size,
        c.units
    ));
    let mut input = c.units.wide();
    let many = around.dense().len() > 1;
    for (j, k) in around.dense().iter().enumerate() {
        let name = if many { format!("fc{}", j + 1) } else { "fc".to_owned() };
        let bias = if around.dense_bias { "" } else { ", bias=False" };
        init.push(format!("        self.{name} = nn.Linear({input}, {k}{bias})"));
        input = k.wide();
    }
    Snippet {
        imports: "import torch\nimport torch.nn as nn\n".into(),
        body: format!("\n{}\n\n\nmodel = Model()", init.join("\n")),
        check: "print(sum(p.numel() for p in model.parameters()))".into(),
    }
}
