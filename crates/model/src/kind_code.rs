//! Code that builds the whole model — the Embedding, the recurrent stack and the Dense layers of an
//! [`Around`] — for the layer families of [`crate::kind`], and prints the same total as
//! [`crate::network::network`]:
//! - Keras 2 and CuDNN layers: a `tf.keras.Sequential` model (TensorFlow 2.15 with Keras 2; the
//!   CuDNN layers from `tf.compat.v1.keras.layers`), `model.count_params()`.
//! - ConvLSTM with Dense layers: a `keras.Sequential` model on `(T, frame…, c)`; the Dense reads the
//!   last axis (the f filters). An Embedding before a ConvLSTM makes no frames, so that code only
//!   builds the layer and says so.
//! - Flax Linen: an `nn.Module` whose `__call__` applies `nn.Embed`, the RNNs and `nn.Dense`, counted
//!   with `jax.tree_util` over `variables['params']`; NNX: an `nnx.Module` holding `nnx.Embed`, the
//!   RNNs and `nnx.Linear`, counted over `nnx.state(model, nnx.Param)`. A bare cell has no time
//!   axis to put in a model: only the cell, said so.
//! - TensorFlow 1: `tf.compat.v1.get_variable` for the embedding table, `tf.nn.embedding_lookup`,
//!   `dynamic_rnn` / `bidirectional_dynamic_rnn` (outputs concatenated), and
//!   `tf.compat.v1.layers.dense`, counted over `tf.compat.v1.global_variables()` (a frozen table is
//!   `trainable=False` and still counted, as the page's total counts it).
//!
//! Each snippet ends its count line with the page's total as a comment (`# 81,997`), so a reader
//! sees what the run must print.

use crate::cell::{Cell, Framework, MergeMode};
use crate::code::Snippet;
use crate::config::Config;
use crate::format::grouped;
use crate::kind::{tf1_class, FlaxApi, FlaxCell, Kind};
use crate::network::{network, Around, Head};

fn py(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// The whole model for a layer of a new kind (not [`Kind::Layer`] or [`Kind::TorchCell`]), or
/// `None` when the framework cannot put these layers around it (an Embedding before a ConvLSTM, a
/// bare Flax cell) or the page cannot count it.
pub fn model_snippet(c: &Config, around: &Around, steps: u32) -> Option<Snippet> {
    let total = network(c, around).ok()?.total;
    let said = format!("  # {}", grouped(total));
    match c.kind {
        Kind::Keras2 | Kind::CuDnn => Some(keras_sequential(c, around, steps, &said)),
        Kind::ConvLstm(_) if around.embedding.is_none() => Some(keras_sequential(c, around, steps, &said)),
        Kind::Flax(f) if f.bare || (f.cell == FlaxCell::ConvLstm && around.embedding.is_some()) => None,
        Kind::Flax(f) if f.api == FlaxApi::Nnx => Some(flax_nnx(c, around, &said)),
        Kind::Flax(_) => Some(flax_linen(c, around, steps, &said)),
        Kind::Tf1(_) => Some(tf1(c, around, steps, &said)),
        _ => None,
    }
}

/// `tf.keras.Sequential` (Keras 2, CuDNN) or `keras.Sequential` (ConvLSTM).
fn keras_sequential(c: &Config, around: &Around, steps: u32, said: &str) -> Snippet {
    let head = around.effective_head();
    let (imports, keras, layers) = match c.kind {
        Kind::ConvLstm(_) => ("import keras\nfrom keras import layers", "keras", "layers".to_owned()),
        _ => ("import tensorflow as tf  # TensorFlow 2.15 with Keras 2", "tf.keras", "tf.keras.layers".to_owned()),
    };
    let mut lines = vec![format!("model = {keras}.Sequential([")];
    match (around.embedding, c.kind) {
        (_, Kind::ConvLstm(conv)) => {
            let frame: Vec<String> = conv.frame_dims().iter().map(u32::to_string).collect();
            let shape = if conv.channels_first {
                format!("({steps}, {}, {})", c.input_size, frame.join(", "))
            } else {
                format!("({steps}, {}, {})", frame.join(", "), c.input_size)
            };
            lines.push(format!("    {keras}.Input(shape={shape}),"));
        }
        (Some(e), _) => {
            lines.push(format!("    {keras}.Input(shape=({steps},)),"));
            let frozen = if e.frozen { ", trainable=False" } else { "" };
            lines.push(format!("    {layers}.Embedding({}, {}{frozen}),", e.vocab, c.input_size));
        }
        (None, _) => lines.push(format!("    {keras}.Input(shape=({steps}, {})),", c.input_size)),
    }
    let l = c.layers.get();
    for k in 0..l {
        let mut args = Vec::new();
        let class = match c.kind {
            Kind::ConvLstm(conv) => {
                let dims: Vec<String> = conv.kernel_dims().iter().map(u32::to_string).collect();
                let kernel =
                    if dims.iter().all(|d| *d == dims[0]) { dims[0].clone() } else { format!("({})", dims.join(", ")) };
                args.push(format!("filters={}", c.units));
                args.push(format!("kernel_size={kernel}"));
                if conv.strides > 1 {
                    args.push(format!("strides={}", conv.strides));
                }
                if conv.padding == crate::kind::Padding::Valid {
                    args.push("padding='valid'".into());
                }
                if conv.dilation > 1 {
                    args.push(format!("dilation_rate={}", conv.dilation));
                }
                if conv.channels_first {
                    args.push("data_format='channels_first'".into());
                }
                conv.class_name().to_owned()
            }
            Kind::CuDnn => {
                args.push(c.units.to_string());
                cudnn_class(c)
            }
            _ => {
                args.push(c.units.to_string());
                c.cell.class_name(Framework::Keras).to_owned()
            }
        };
        let module = if c.kind == Kind::CuDnn { "tf.compat.v1.keras.layers".to_owned() } else { layers.clone() };
        if !c.bias {
            args.push("use_bias=False".into());
        }
        if c.kind == Kind::Keras2 && c.cell == Cell::Gru && !c.reset_after {
            args.push("reset_after=False".into());
        }
        if k + 1 < l || head.every_step() {
            args.push("return_sequences=True".into());
        }
        let mut layer = format!("{module}.{class}({})", args.join(", "));
        if c.bidirectional {
            layer = if c.merge == MergeMode::Concat {
                format!("{layers}.Bidirectional({layer})")
            } else {
                format!("{layers}.Bidirectional({layer}, merge_mode='{}')", c.merge.key())
            };
        }
        lines.push(format!("    {layer},"));
    }
    for k in around.dense() {
        let bias = if around.dense_bias { "" } else { ", use_bias=False" };
        let dense = format!("{layers}.Dense({k}{bias})");
        lines.push(match head {
            Head::TimeDistributed => format!("    {layers}.TimeDistributed({dense}),"),
            _ => format!("    {dense},"),
        });
    }
    lines.push("])".into());
    Snippet {
        imports: imports.into(),
        body: lines.join("\n"),
        check: format!("model.summary()\nprint(model.count_params()){said}"),
    }
}

fn cudnn_class(c: &Config) -> String {
    format!("CuDNN{}", c.cell.class_name(Framework::Keras))
}

/// The Flax cell's constructor (`nn.LSTMCell(features=32)`, NNX with `in_features`).
fn flax_cell(c: &Config, api: FlaxApi, cell: FlaxCell, reset_gate: bool, input: u64) -> String {
    let n = c.units;
    match (cell, api) {
        (FlaxCell::ConvLstm, _) => {
            let Kind::Flax(f) = c.kind else { return String::new() };
            let dims: Vec<String> = f.conv.kernel_dims().iter().map(u32::to_string).collect();
            format!(
                "nn.ConvLSTMCell(features={n}, kernel_size=({},){})",
                dims.join(", "),
                if c.bias { "" } else { ", use_bias=False" }
            )
        }
        (FlaxCell::Mgu, _) if !reset_gate => format!("nn.MGUCell(features={n}, reset_gate=False)"),
        (cell, FlaxApi::Linen) => format!("nn.{}(features={n})", cell.class_name()),
        (cell, FlaxApi::Nnx) => {
            format!("nnx.{}(in_features={input}, hidden_features={n}, rngs=rngs)", cell.class_name())
        }
    }
}

/// The width the Flax layer above layer `k` sees: both directions concatenated (also when shared).
fn flax_width(c: &Config, f: crate::kind::Flax, k: u8) -> u64 {
    let top_forward = f.top_forward && k + 1 == c.layers.get();
    if c.bidirectional && !top_forward {
        2 * c.units.wide()
    } else {
        c.units.wide()
    }
}

fn flax_linen(c: &Config, around: &Around, steps: u32, said: &str) -> Snippet {
    let Kind::Flax(f) = c.kind else { unreachable_flax() };
    let head = around.effective_head();
    let mut body =
        vec!["class Model(nn.Module):".to_owned(), "    @nn.compact".into(), "    def __call__(self, x):".into()];
    if let Some(e) = around.embedding {
        body.push(format!("        x = nn.Embed(num_embeddings={}, features={})(x)", e.vocab, c.input_size));
    }
    for k in 0..c.layers.get() {
        let cell = flax_cell(c, FlaxApi::Linen, f.cell, f.reset_gate, 0);
        let top_forward = f.top_forward && k + 1 == c.layers.get();
        if c.bidirectional && f.shared {
            body.push(format!("        rnn = nn.RNN({cell})"));
            body.push("        x = nn.Bidirectional(rnn, rnn)(x)".into());
        } else if c.bidirectional && !top_forward {
            body.push(format!("        x = nn.Bidirectional(nn.RNN({cell}), nn.RNN({cell}))(x)"));
        } else {
            body.push(format!("        x = nn.RNN({cell})(x)"));
        }
    }
    if !head.every_step() && !around.dense().is_empty() {
        body.push("        x = x[:, -1]".into());
    }
    for k in around.dense() {
        body.push(format!("        x = nn.Dense(features={k}, use_bias={})(x)", py(around.dense_bias)));
    }
    body.push("        return x".into());
    body.push(String::new());
    body.push(String::new());
    body.push("model = Model()".into());
    let x = match (around.embedding, f.cell) {
        (Some(_), _) => format!("jnp.zeros((2, {steps}), jnp.int32)"),
        (None, FlaxCell::ConvLstm) => {
            let fr: Vec<String> = f.conv.frame_dims().iter().map(u32::to_string).collect();
            format!("jnp.zeros((2, {steps}, {}, {}))", fr.join(", "), c.input_size)
        }
        (None, _) => format!("jnp.zeros((2, {steps}, {}))", c.input_size),
    };
    body.push(format!("variables = model.init(jax.random.key(0), {x})"));
    Snippet {
        imports: "import jax, jax.numpy as jnp\nimport flax.linen as nn".into(),
        body: body.join("\n"),
        check: format!("print(sum(x.size for x in jax.tree_util.tree_leaves(variables['params']))){said}"),
    }
}

fn flax_nnx(c: &Config, around: &Around, said: &str) -> Snippet {
    let Kind::Flax(f) = c.kind else { unreachable_flax() };
    let mut body = vec!["class Model(nnx.Module):".to_owned(), "    def __init__(self, rngs):".into()];
    if let Some(e) = around.embedding {
        body.push(format!(
            "        self.embedding = nnx.Embed(num_embeddings={}, features={}, rngs=rngs)",
            e.vocab, c.input_size
        ));
    }
    let mut input = c.input_size.wide();
    let mut rnns = Vec::new();
    for k in 0..c.layers.get() {
        let cell = || flax_cell(c, FlaxApi::Nnx, f.cell, f.reset_gate, input);
        let top_forward = f.top_forward && k + 1 == c.layers.get();
        let rnn = if c.bidirectional && f.shared {
            body.push(format!("        rnn = nnx.RNN({})", cell()));
            "nnx.Bidirectional(rnn, rnn)".to_owned()
        } else if c.bidirectional && !top_forward {
            format!("nnx.Bidirectional(nnx.RNN({}), nnx.RNN({}))", cell(), cell())
        } else {
            format!("nnx.RNN({})", cell())
        };
        rnns.push(rnn);
        input = flax_width(c, f, k);
    }
    if rnns.len() == 1 {
        body.push(format!("        self.rnn = {}", rnns[0]));
    } else {
        body.push(format!("        self.rnn = nnx.Sequential({})", rnns.join(", ")));
    }
    let many = around.dense().len() > 1;
    for (j, k) in around.dense().iter().enumerate() {
        let name = if many { format!("fc{}", j + 1) } else { "fc".to_owned() };
        let bias = if around.dense_bias { "" } else { ", use_bias=False" };
        body.push(format!("        self.{name} = nnx.Linear({input}, {k}{bias}, rngs=rngs)"));
        input = k.wide();
    }
    body.push(String::new());
    body.push(String::new());
    body.push("model = Model(nnx.Rngs(0))".into());
    Snippet {
        imports: "import jax\nfrom flax import nnx".into(),
        body: body.join("\n"),
        check: format!("print(sum(x.size for x in jax.tree_util.tree_leaves(nnx.state(model, nnx.Param)))){said}"),
    }
}

fn unreachable_flax() -> ! {
    unreachable!("called for a Flax configuration only")
}

fn tf1(c: &Config, around: &Around, steps: u32, said: &str) -> Snippet {
    let Kind::Tf1(t) = c.kind else { unreachable!("called for a TF1 configuration only") };
    let head = around.effective_head();
    let mut kw = format!("num_units={}", c.units);
    if t.full_lstm && c.cell == Cell::Lstm {
        if t.peepholes {
            kw.push_str(", use_peepholes=True");
        }
        if t.num_proj > 0 {
            kw.push_str(&format!(", num_proj={}", t.num_proj));
        }
        if t.unit_shards > 1 {
            kw.push_str(&format!(", num_unit_shards={}", t.unit_shards));
        }
        if t.proj_shards > 1 {
            kw.push_str(&format!(", num_proj_shards={}", t.proj_shards));
        }
    }
    let cell = format!("tf.compat.v1.nn.rnn_cell.{}({kw})", tf1_class(c.cell, t));
    let one = if c.layers.get() > 1 {
        format!(
            "tf.compat.v1.nn.rnn_cell.MultiRNNCell([{}])",
            vec![cell.clone(); usize::from(c.layers.get())].join(", ")
        )
    } else {
        cell
    };
    let mut b = vec!["graph = tf.Graph()".to_owned(), "with graph.as_default():".into()];
    match around.embedding {
        Some(e) => {
            b.push(format!("    x = tf.compat.v1.placeholder(tf.int32, [None, {steps}])"));
            let frozen = if e.frozen { ", trainable=False" } else { "" };
            b.push(format!(
                "    table = tf.compat.v1.get_variable('embedding', [{}, {}]{frozen})",
                e.vocab, c.input_size
            ));
            b.push("    inputs = tf.nn.embedding_lookup(table, x)".into());
        }
        None => {
            b.push(format!("    inputs = tf.compat.v1.placeholder(tf.float32, [None, {steps}, {}])", c.input_size));
        }
    }
    if c.bidirectional {
        b.push(format!(
            "    outputs, states = tf.compat.v1.nn.bidirectional_dynamic_rnn({one}, {one}, inputs, dtype=tf.float32)"
        ));
        b.push("    y = tf.concat(outputs, -1)".into());
    } else {
        b.push(format!("    y, state = tf.compat.v1.nn.dynamic_rnn({one}, inputs, dtype=tf.float32)"));
    }
    if !head.every_step() && !around.dense().is_empty() {
        b.push("    y = y[:, -1, :]".into());
    }
    for k in around.dense() {
        b.push(format!("    y = tf.compat.v1.layers.dense(y, {k}, use_bias={})", py(around.dense_bias)));
    }
    Snippet {
        imports: "import numpy as np\nimport tensorflow as tf".into(),
        body: b.join("\n"),
        check: format!("    print(sum(int(np.prod(v.shape)) for v in tf.compat.v1.global_variables())){said}"),
    }
}
