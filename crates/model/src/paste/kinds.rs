//! Reads the construction code of the layers in [`crate::kind`]: Keras `ConvLSTM1D/2D/3D`,
//! PyTorch `nn.RNNCell/GRUCell/LSTMCell`, Flax `nn.RNN(nn.LSTMCell(features=…))` (Linen) and
//! `nnx.LSTMCell(in_features=…, hidden_features=…)` (NNX), TensorFlow 1
//! `tf.compat.v1.nn.rnn_cell.*Cell(num_units=…)` and `CuDNNLSTM` / `CuDNNGRU` — as the golden rows'
//! `code` / `constructor` write them. A text without any of these is left to the other readers.

use super::{PasteError, Reading, Source};
use crate::bounds::{parse_whole, Layers, Size};
use crate::cell::{Cell, Framework};
use crate::config::Config;
use crate::kind::{Conv, Flax, FlaxApi, FlaxCell, Kind, Padding, Tf1};

/// A call `name(args)` found in the text: its arguments' text and its 1-based line.
struct Call<'a> {
    args: &'a str,
    line: usize,
}

/// Every call of `name(` whose name is not the tail of a longer identifier.
fn calls<'a>(text: &'a str, name: &str) -> Vec<Call<'a>> {
    let mut out = Vec::new();
    let pat = format!("{name}(");
    let mut from = 0;
    while let Some(at) = text[from..].find(&pat) {
        let start = from + at;
        from = start + pat.len();
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let open = start + pat.len();
        let mut depth = 1usize;
        let mut end = None;
        for (i, ch) in text[open..].char_indices() {
            match ch {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(end) = end {
            out.push(Call { args: &text[open..end], line: text[..start].matches('\n').count() + 1 });
        }
    }
    out
}

/// Top-level comma-separated arguments.
fn args(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, ch) in text.char_indices() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.retain(|a| !a.is_empty());
    out
}

fn kw<'a>(call: &'a Call, key: &str) -> Option<&'a str> {
    args(call.args).into_iter().find_map(|a| {
        let (k, v) = a.split_once('=')?;
        (k.trim() == key).then(|| v.trim())
    })
}

fn positional<'a>(call: &'a Call, i: usize) -> Option<&'a str> {
    args(call.args).into_iter().filter(|a| !a.contains('=')).nth(i)
}

fn numbers(text: &str) -> Option<Vec<u64>> {
    let t = text.trim().trim_start_matches(['(', '[']).trim_end_matches([')', ']']);
    let v: Option<Vec<u64>> =
        t.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| parse_whole(s).ok()).collect();
    v.filter(|v| !v.is_empty())
}

/// The dimensions of the first `Input(shape=…)`, `placeholder(…, [None, …])`, `jnp.zeros((…))`,
/// `input_shape=…` or `.build((None, …))` in the text (`None` entries dropped).
fn shape_of(text: &str) -> Option<Vec<u64>> {
    let clean = |s: &str| -> Option<Vec<u64>> {
        let t = s.trim().trim_start_matches(['(', '[']).trim_end_matches([')', ']']);
        let v: Vec<u64> = t
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "None")
            .filter_map(|s| parse_whole(s).ok())
            .collect();
        (!v.is_empty()).then_some(v)
    };
    for name in ["Input", "keras.Input"] {
        for c in calls(text, name) {
            if let Some(s) = kw(&c, "shape").or_else(|| positional(&c, 0)) {
                return clean(s);
            }
        }
    }
    for c in calls(text, "placeholder") {
        if let Some(s) = args(c.args).get(1) {
            return clean(s);
        }
    }
    for name in ["jnp.zeros", "jnp.ones", "tf.zeros", "tf.ones", "torch.zeros", "torch.randn"] {
        if let Some(c) = calls(text, name).into_iter().next() {
            return clean(positional(&c, 0).unwrap_or(c.args));
        }
    }
    if let Some(at) = text.find("input_shape=") {
        let rest = &text[at + "input_shape=".len()..];
        let end = rest.find(')').map(|e| e + 1).unwrap_or(rest.len());
        return clean(&rest[..end]);
    }
    calls(text, "build").first().and_then(|c| clean(c.args))
}

fn flag(v: Option<&str>, default: bool) -> bool {
    match v.map(str::trim) {
        Some("True") | Some("true") => true,
        Some("False") | Some("false") => false,
        _ => default,
    }
}

fn size(r: &mut Reading, name: &str, v: u64, line: usize) -> Option<Size> {
    match Size::new(v) {
        Ok(s) => {
            r.fact(name, v, format!("line {line}"));
            Some(s)
        }
        Err(_) => {
            r.error = Some(PasteError::OutOfBounds {
                name: name.into(),
                value: v.to_string(),
                range: "1 – 1,048,576".into(),
            });
            None
        }
    }
}

fn missing(r: &mut Reading, name: &str, hint: &str) {
    r.error = Some(PasteError::Missing { name: name.into(), hint: hint.into() });
}

/// Reads the text when it builds one of the layers of [`crate::kind`]; `None` when it does not.
/// A whole model's Embedding and Dense layers are read too ([`around_of`]).
pub(crate) fn read(text: &str) -> Option<Reading> {
    let mut r = read_layer(text)?;
    if r.config.is_some() && r.error.is_none() {
        around_of(text, &mut r);
    }
    Some(r)
}

fn whole(v: Option<&str>) -> Option<u64> {
    v.and_then(|v| parse_whole(v.trim()).ok())
}

/// The Embedding before the layer and the Dense layers after it, as the code export of
/// [`crate::kind_code`] writes them: Keras `Embedding(V, d)` / `Dense(k)` (in `TimeDistributed`,
/// or after `return_sequences=True`, on every step), Flax `nn.Embed(num_embeddings=V, …)` /
/// `nn.Dense(features=k)` / `nnx.Linear(in, k)`, TF1 `get_variable('embedding', [V, d])` /
/// `tf.compat.v1.layers.dense(y, k)`. Sets [`Reading::around`] only when one was read; a value
/// outside the bounds is listed as not used.
fn around_of(text: &str, r: &mut Reading) {
    use crate::bounds::Vocab;
    use crate::network::{Around, Embedding, Head, MAX_DENSE};
    let mut around = Around::default();
    let mut vocab: Option<(u64, bool, usize)> = None;
    for c in calls(text, "Embedding") {
        vocab = vocab.or(whole(kw(&c, "input_dim").or_else(|| positional(&c, 0)))
            .map(|v| (v, kw(&c, "trainable").is_some_and(|t| t.trim() == "False"), c.line)));
    }
    for c in calls(text, "Embed") {
        vocab = vocab.or(whole(kw(&c, "num_embeddings")).map(|v| (v, false, c.line)));
    }
    for c in calls(text, "get_variable") {
        if positional(&c, 0).is_some_and(|n| n.contains("embedding")) {
            let dims = positional(&c, 1).and_then(numbers);
            vocab = vocab.or(dims
                .and_then(|d| d.first().copied())
                .map(|v| (v, kw(&c, "trainable").is_some_and(|t| t.trim() == "False"), c.line)));
        }
    }
    if let Some((v, frozen, line)) = vocab {
        match Vocab::new(v) {
            Ok(vocab) => {
                r.fact("embedding vocabulary", v, format!("line {line}"));
                around.embedding = Some(Embedding { vocab, frozen });
            }
            Err(_) => r.skip(format!("Embedding vocabulary {v}"), "outside 1 to 16,777,216: not used"),
        }
    }
    // (line, units, bias) of every Dense, in the order of the text.
    let mut dense: Vec<(usize, u64, bool)> = Vec::new();
    let no_bias = |c: &Call| kw(c, "use_bias").is_some_and(|b| b.trim() == "False");
    for c in calls(text, "Dense") {
        if let Some(k) = whole(kw(&c, "units").or_else(|| kw(&c, "features")).or_else(|| positional(&c, 0))) {
            dense.push((c.line, k, !no_bias(&c)));
        }
    }
    for name in ["Linear", "layers.dense"] {
        for c in calls(text, name) {
            if let Some(k) = whole(kw(&c, "units").or_else(|| positional(&c, 1))) {
                dense.push((c.line, k, !no_bias(&c)));
            }
        }
    }
    dense.sort_by_key(|d| d.0);
    let mut units = Vec::new();
    for (line, k, bias) in dense.iter().take(MAX_DENSE) {
        match Size::new(*k) {
            Ok(s) => {
                r.fact("dense units", k, format!("line {line}"));
                units.push(s);
                around.dense_bias &= *bias;
            }
            Err(_) => r.skip(format!("Dense({k})"), "outside 1 to 1,048,576: not counted"),
        }
    }
    if dense.len() > MAX_DENSE {
        r.skip("Dense layers beyond the fourth", "the widget shows at most 4 Dense layers: not counted");
    }
    if around.set_dense(&units).is_err() {
        return;
    }
    // The head never changes the count; it is read so the page shows the model as written.
    let before_first_dense = dense
        .first()
        .and_then(|(line, ..)| text.lines().take(line.saturating_sub(1)).filter(|l| !l.trim().is_empty()).last());
    around.head = if text.contains("TimeDistributed(") {
        Head::TimeDistributed
    } else if text.contains("[:, -1") {
        Head::Last
    } else if before_first_dense.is_some_and(|l| l.contains("return_sequences=True"))
        || (!dense.is_empty() && (text.contains("nn.RNN(") && !text.contains("nnx.") || text.contains("dynamic_rnn(")))
    {
        Head::Every
    } else {
        Head::Last
    };
    if !around.is_bare() {
        r.around = Some(around);
    }
}

/// The dimension d of an Embedding in the text (`Embedding(V, d)`, `nn.Embed(…, features=d)`,
/// `get_variable('embedding', [V, d])`): what the recurrent layer after it sees.
fn embedded_dim(text: &str) -> Option<u64> {
    let keras =
        calls(text, "Embedding").into_iter().find_map(|c| whole(kw(&c, "output_dim").or_else(|| positional(&c, 1))));
    let flax = || calls(text, "Embed").into_iter().find_map(|c| whole(kw(&c, "features")));
    let tf1 = || {
        calls(text, "get_variable")
            .into_iter()
            .filter(|c| positional(c, 0).is_some_and(|n| n.contains("embedding")))
            .find_map(|c| positional(&c, 1).and_then(numbers).and_then(|d| d.get(1).copied()))
    };
    keras.or_else(flax).or_else(tf1)
}

fn read_layer(text: &str) -> Option<Reading> {
    let mut r = Reading::default();
    let base = Config::default();
    let bidir_keras = !calls(text, "Bidirectional").is_empty() || !calls(text, "layers.Bidirectional").is_empty();
    // Keras's Bidirectional(…, merge_mode='sum'): what the layer above (or a Dense) sees.
    let merge = calls(text, "Bidirectional")
        .iter()
        .find_map(|c| kw(c, "merge_mode"))
        .and_then(|m| crate::cell::MergeMode::from_key(m.trim_matches(|c| c == '\'' || c == '"')))
        .unwrap_or(crate::cell::MergeMode::Concat);

    // Keras ConvLSTM1D/2D/3D.
    for rank in 1u8..=3 {
        let name = format!("ConvLSTM{rank}D");
        let found = calls(text, &name);
        let Some(first) = found.first() else { continue };
        r.source = Some(Source::KerasCode);
        let filters = kw(first, "filters").or_else(|| positional(first, 0)).and_then(|v| parse_whole(v).ok());
        let Some(filters) = filters else {
            missing(&mut r, "filters", "write ConvLSTM2D(filters=64, kernel_size=3)");
            return Some(r);
        };
        let kernel = kw(first, "kernel_size").or_else(|| positional(first, 1)).and_then(numbers);
        let Some(kernel) = kernel else {
            missing(&mut r, "kernel_size", "write kernel_size=3 or kernel_size=(3, 3)");
            return Some(r);
        };
        let mut conv = Conv { rank, ..Conv::default() };
        let k: Vec<u32> = kernel.iter().map(|&x| x.min(u64::from(u32::MAX)) as u32).collect();
        conv.kernel = if k.len() == 1 { [k[0]; 3] } else { [k[0], *k.get(1).unwrap_or(&1), *k.get(2).unwrap_or(&1)] };
        conv.padding =
            if kw(first, "padding").is_some_and(|p| p.contains("valid")) { Padding::Valid } else { Padding::Same };
        conv.strides = kw(first, "strides").and_then(numbers).map(|v| v[0] as u32).unwrap_or(1);
        conv.dilation = kw(first, "dilation_rate").and_then(numbers).map(|v| v[0] as u32).unwrap_or(1);
        conv.channels_first = kw(first, "data_format").is_some_and(|f| f.contains("channels_first"));
        let Some(shape) = shape_of(text) else {
            missing(&mut r, "input channels", "add keras.Input(shape=(T, height, width, channels))");
            return Some(r);
        };
        // (T, frame…, c) or (T, c, frame…); T may be None (dropped).
        let spatial = usize::from(rank);
        let (channels, frame): (u64, Vec<u64>) = if shape.len() < spatial + 1 {
            missing(&mut r, "input shape", "give the frame size and the channels in keras.Input(shape=…)");
            return Some(r);
        } else if conv.channels_first {
            let tail = &shape[shape.len() - spatial - 1..];
            (tail[0], tail[1..].to_vec())
        } else {
            let tail = &shape[shape.len() - spatial - 1..];
            (tail[spatial], tail[..spatial].to_vec())
        };
        for (i, f) in frame.iter().enumerate() {
            conv.frame[i] = (*f).min(u64::from(u32::MAX)) as u32;
        }
        if shape.len() == spatial + 2 {
            r.time_steps = u32::try_from(shape[0]).ok();
        }
        let Some(m) = size(&mut r, "input channels", channels, first.line) else { return Some(r) };
        let Some(n) = size(&mut r, "filters", filters, first.line) else { return Some(r) };
        let layers = Layers::new(found.len() as u64).unwrap_or(Layers::ONE);
        r.fact("kernel_size", conv.kernel_text(), format!("line {}", first.line));
        r.fact("frame size", conv.frame_text(), "the input shape (never changes the count)");
        r.config = Some(Config {
            kind: Kind::ConvLstm(conv),
            input_size: m,
            units: n,
            bias: flag(kw(first, "use_bias"), true),
            bidirectional: bidir_keras,
            merge,
            layers,
            ..base
        });
        return Some(r);
    }

    // CuDNN layers (TF1 Keras).
    for (class, cell) in [("CuDNNLSTM", Cell::Lstm), ("CuDNNGRU", Cell::Gru)] {
        let found = calls(text, &format!("layers.{class}"));
        let found = if found.is_empty() { calls(text, class) } else { found };
        let Some(first) = found.first() else { continue };
        r.source = Some(Source::KerasCode);
        let Some(units) = kw(first, "units").or_else(|| positional(first, 0)).and_then(|v| parse_whole(v).ok()) else {
            missing(&mut r, "units", &format!("write {class}(256)"));
            return Some(r);
        };
        let Some(m) = embedded_dim(text).or_else(|| shape_of(text).and_then(|s| s.last().copied())) else {
            missing(
                &mut r,
                "input size",
                "add tf.keras.Input(shape=(T, features)) or layer.build((None, T, features))",
            );
            return Some(r);
        };
        let Some(m) = size(&mut r, "input size", m, first.line) else { return Some(r) };
        let Some(n) = size(&mut r, "units", units, first.line) else { return Some(r) };
        r.config = Some(Config {
            kind: Kind::CuDnn,
            cell,
            input_size: m,
            units: n,
            bidirectional: bidir_keras,
            merge,
            layers: Layers::new(found.len() as u64).unwrap_or(Layers::ONE),
            ..base
        });
        return Some(r);
    }

    // TensorFlow 1 cells.
    for (class, cell, full) in [
        ("BasicRNNCell", Cell::SimpleRnn, false),
        ("BasicLSTMCell", Cell::Lstm, false),
        ("LSTMCell", Cell::Lstm, true),
        ("GRUCell", Cell::Gru, false),
    ] {
        let found = calls(text, &format!("rnn_cell.{class}"));
        let Some(first) = found.first() else { continue };
        r.source = Some(Source::KerasCode);
        let Some(units) = kw(first, "num_units").or_else(|| positional(first, 0)).and_then(|v| parse_whole(v).ok())
        else {
            missing(&mut r, "num_units", &format!("write {class}(num_units=256)"));
            return Some(r);
        };
        let Some(m) = embedded_dim(text).or_else(|| shape_of(text).and_then(|s| s.last().copied())) else {
            missing(&mut r, "input size", "add x = tf.compat.v1.placeholder(tf.float32, [None, T, features])");
            return Some(r);
        };
        let bidirectional = text.contains("bidirectional_dynamic_rnn");
        let dirs = if bidirectional { 2 } else { 1 };
        let tf = Tf1 {
            full_lstm: full,
            peepholes: flag(kw(first, "use_peepholes"), false),
            num_proj: kw(first, "num_proj").and_then(|v| parse_whole(v).ok()).unwrap_or(0).min(u64::from(u32::MAX))
                as u32,
            unit_shards: kw(first, "num_unit_shards").and_then(|v| parse_whole(v).ok()).unwrap_or(1).min(255) as u8,
            proj_shards: kw(first, "num_proj_shards").and_then(|v| parse_whole(v).ok()).unwrap_or(1).min(255) as u8,
        };
        let Some(m) = size(&mut r, "input size", m, first.line) else { return Some(r) };
        let Some(n) = size(&mut r, "num_units", units, first.line) else { return Some(r) };
        // MultiRNNCell([cell, cell]) or MultiRNNCell([Cell(...) for _ in range(L)]).
        let repeat = calls(text, "MultiRNNCell")
            .first()
            .and_then(|c| calls(c.args, "range").first().and_then(|r| parse_whole(r.args).ok()));
        let layers = match repeat {
            Some(l) => l,
            None if text.contains("MultiRNNCell") => (found.len() as u64 / dirs).max(1),
            None => 1,
        };
        r.config = Some(Config {
            kind: Kind::Tf1(tf),
            cell,
            input_size: m,
            units: n,
            bidirectional,
            layers: Layers::new(layers).unwrap_or(Layers::ONE),
            ..base
        });
        return Some(r);
    }

    // PyTorch cells.
    for (class, cell) in [("RNNCell", Cell::SimpleRnn), ("GRUCell", Cell::Gru), ("LSTMCell", Cell::Lstm)] {
        let found: Vec<Call> = ["nn.", "torch.nn."]
            .iter()
            .flat_map(|p| calls(text, &format!("{p}{class}")))
            .chain(calls(text, class))
            .filter(|c| {
                kw(c, "features").is_none() && kw(c, "hidden_features").is_none() && kw(c, "num_units").is_none()
            })
            .collect();
        let Some(first) = found.first() else { continue };
        let m = kw(first, "input_size").or_else(|| positional(first, 0)).and_then(|v| parse_whole(v).ok());
        let n = kw(first, "hidden_size").or_else(|| positional(first, 1)).and_then(|v| parse_whole(v).ok());
        let (Some(m), Some(n)) = (m, n) else { continue };
        r.source = Some(Source::PyTorchCode);
        let Some(m) = size(&mut r, "input size", m, first.line) else { return Some(r) };
        let Some(n) = size(&mut r, "hidden size", n, first.line) else { return Some(r) };
        r.config = Some(Config {
            kind: Kind::TorchCell,
            framework: Framework::PyTorch,
            cell,
            input_size: m,
            units: n,
            bias: flag(kw(first, "bias"), true),
            ..base
        });
        return Some(r);
    }

    // Flax (Linen: features=; NNX: in_features= and hidden_features=).
    for cell in FlaxCell::ALL {
        let class = cell.class_name();
        let linen = calls(text, &format!("nn.{class}"));
        let nnx = calls(text, &format!("nnx.{class}"));
        let (api, found) = if !nnx.is_empty() { (FlaxApi::Nnx, nnx) } else { (FlaxApi::Linen, linen) };
        let Some(first) = found.first() else { continue };
        r.source = Some(Source::KerasCode);
        let n = kw(first, "features").or_else(|| kw(first, "hidden_features")).and_then(|v| parse_whole(v).ok());
        let Some(n) = n else {
            missing(&mut r, "features", &format!("write nn.{class}(features=32)"));
            return Some(r);
        };
        let m = match api {
            FlaxApi::Nnx => kw(first, "in_features").and_then(|v| parse_whole(v).ok()),
            FlaxApi::Linen => embedded_dim(text).or_else(|| shape_of(text).and_then(|s| s.last().copied())),
        };
        let Some(m) = m else {
            missing(&mut r, "input size", "add x = jnp.zeros((batch, T, features)) (Linen) or in_features= (NNX)");
            return Some(r);
        };
        let bidirectional = text.contains("Bidirectional(");
        let shared = bidirectional && found.len() == 1;
        let bare = !text.contains("RNN(");
        // Layers: each Bidirectional holds two cells (one when shared); a plain RNN above them
        // (nn.Sequential([nn.Bidirectional(...), nn.RNN(...)])) is a forward-only top layer.
        let n_bi = (calls(text, "nn.Bidirectional").len() + calls(text, "nnx.Bidirectional").len()) as u64;
        let cells = found.len() as u64;
        let (layers, top_forward) = if shared {
            (1, false)
        } else if n_bi > 0 && cells > 2 * n_bi {
            (n_bi + (cells - 2 * n_bi), true)
        } else if n_bi > 0 {
            (n_bi, false)
        } else {
            (cells, false)
        };
        let mut flax = Flax {
            api,
            cell,
            bare,
            shared,
            top_forward,
            reset_gate: flag(kw(first, "reset_gate"), true),
            ..Flax::default()
        };
        if cell == FlaxCell::ConvLstm {
            if let Some(k) = kw(first, "kernel_size").and_then(numbers) {
                let rank = k.len().clamp(1, 3) as u8;
                flax.conv = Conv { rank, ..Conv::default() };
                for (i, v) in k.iter().take(3).enumerate() {
                    flax.conv.kernel[i] = (*v).min(255) as u32;
                }
            }
        }
        let Some(m) = size(&mut r, "input size", m, first.line) else { return Some(r) };
        let Some(n) = size(&mut r, "features", n, first.line) else { return Some(r) };
        r.config = Some(Config {
            kind: Kind::Flax(flax),
            cell: cell.nearest(),
            input_size: m,
            units: n,
            bias: flag(kw(first, "use_bias"), true),
            bidirectional,
            layers: Layers::new(layers.max(1)).unwrap_or(Layers::ONE),
            ..base
        });
        return Some(r);
    }
    None
}
