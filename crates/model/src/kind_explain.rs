//! What the page says about the layers of [`crate::kind`]: the comparison line (each family's
//! convention against the layer a learner knows), the arithmetic, and code that builds the layer
//! and prints the same count. Every number comes from [`crate::count::count`].
//!
//! Conventions explained (sources as in [`crate::kind`], confirmed by the golden rows):
//! - ConvLSTM: the kernel is shared across positions as W is shared across time steps, so the
//!   frame size never enters; `4(K·c·f + K·f² + f)` is Keras's LSTM with `K·c` inputs.
//! - Flax LSTM has no input-side bias, so it equals Keras, not PyTorch; Linen's GRUCell keeps a
//!   bias on `hn` that NNX's GRUCell has not (n more); a shared `Bidirectional` counts one direction.
//! - PyTorch cells: the same weights as a one-layer `nn.RNN/GRU/LSTM`, with no layers, no
//!   bidirectional: you loop over time yourself.
//! - TF1: one kernel for `[x, h]` stacked, the same numbers as Keras's two; peepholes are diagonal
//!   (+3n, not 3n²); CuDNN keeps two biases like PyTorch.

use crate::arithmetic::{Arithmetic, Step};
use crate::cell::{Cell, Framework};
use crate::compare::Comparison;
use crate::config::Config;
use crate::count::{count, total, Breakdown, CountError};
use crate::format::grouped;
use crate::kind::{tf1_class, with_kind, FlaxApi, FlaxCell, Kind};

fn layer(config: &Config, framework: Framework) -> Config {
    Config { kind: Kind::Layer, framework, ..*config }
}

/// The comparison line for a new kind.
///
/// # Errors
/// When `config` itself cannot be counted.
///
/// ```
/// use rnn_params_model::kind::{Flax, Kind};
/// use rnn_params_model::bounds::Size;
/// use rnn_params_model::{compare::compare, Config};
/// let c = Config { kind: Kind::Flax(Flax::default()), input_size: Size::new(3).unwrap(),
///                  units: Size::new(4).unwrap(), ..Config::default() };
/// let line = compare(&c).unwrap().line();
/// assert!(line.starts_with("Keras LSTM: 128 — the same"), "{line}");
/// assert!(line.contains("PyTorch nn.LSTM has 144"), "{line}");
/// ```
pub fn compare(config: &Config) -> Result<Comparison, CountError> {
    let this = total(config)?;
    let n = config.units.wide();
    let d = config.directions();
    let l = u64::from(config.layers.get());
    let note = |line: String, total: Option<u64>| Ok(Comparison::Note { line, total });
    match config.kind {
        Kind::Layer => crate::compare::compare(config),
        Kind::TorchCell => {
            let seq = total(&layer(config, Framework::PyTorch))?;
            let class = config.cell.class_name(Framework::PyTorch);
            note(
                format!(
                    "PyTorch nn.{class}: {} — the same weights as a one-layer nn.{class}: a cell is one time \
                     step of one layer, with no num_layers and no bidirectional; you loop over time yourself \
                     (names weight_ih, not weight_ih_l0)",
                    grouped(seq)
                ),
                Some(seq),
            )
        }
        Kind::ConvLstm(conv) => {
            let keras = Config { input_size: config.input_size, ..layer(config, Framework::Keras) };
            let k = conv.k();
            let plain = total(&keras)?;
            note(
                format!(
                    "Keras LSTM({n}) on {c} inputs: {} — a ConvLSTM is an LSTM whose kernel ({kt}, K = {k}) \
                     slides over every position of the frame: the kernel is shared across positions as W is \
                     shared across time steps, so the frame size ({ft}) never enters; each weight of the LSTM \
                     becomes K weights: 4(K·c·f + K·f² + f)",
                    grouped(plain),
                    c = config.input_size,
                    kt = conv.kernel_text(),
                    ft = conv.frame_text()
                ),
                Some(plain),
            )
        }
        Kind::Flax(f) => {
            let bi = if f.shared && config.bidirectional {
                " A Bidirectional given the same RNN object twice shares its weights: one direction's \
                 parameters (Linen warns)."
            } else {
                ""
            };
            match (f.cell, f.api) {
                (FlaxCell::Lstm | FlaxCell::OptimizedLstm, _) => {
                    let keras = total(&layer(config, Framework::Keras))?;
                    let torch = total(&layer(config, Framework::PyTorch))?;
                    note(
                        format!(
                            "Keras LSTM: {} — the same{}: Flax's LSTM has no input-side bias (only hi hf hg ho \
                             carry one), so it equals Keras, not PyTorch: PyTorch nn.LSTM has {} (b_ih and b_hh).{bi}",
                            grouped(keras),
                            if keras == this { "" } else { " per direction" },
                            grouped(torch)
                        ),
                        Some(keras),
                    )
                }
                (FlaxCell::Gru, api) => {
                    let other_api = if api == FlaxApi::Linen { FlaxApi::Nnx } else { FlaxApi::Linen };
                    let mut other = f;
                    other.api = other_api;
                    other.shared = false;
                    let that = total(&Config { kind: Kind::Flax(other), ..*config })?;
                    let (name, more) = if api == FlaxApi::Linen { ("NNX", "fewer") } else { ("Linen", "more") };
                    note(
                        format!(
                            "Flax {name} GRUCell: {} — {} {more}: Linen's GRUCell has biases on ir, iz, in and a \
                             separate bias on hn (3nm + 3n² + 4n); NNX's GRUCell has one biased dense_i (m, 3n) and \
                             an unbiased dense_h, so no b_hn: 3(nm + n² + n), n fewer per direction and layer.{bi}",
                            grouped(that),
                            grouped(this.abs_diff(that)),
                        ),
                        Some(that),
                    )
                }
                (FlaxCell::Simple, _) => {
                    let keras = total(&layer(config, Framework::Keras))?;
                    note(
                        format!(
                            "Keras SimpleRNN: {} — SimpleCell has one bias, on its input layer, as Keras has.{bi}",
                            grouped(keras)
                        ),
                        Some(keras),
                    )
                }
                (FlaxCell::Mgu, _) => note(
                    format!(
                        "MGU (minimal gated unit): 2 gate blocks (f, n) instead of the GRU's 3: \
                         2(n·m + n² + n){} per direction; no Keras or PyTorch layer has it.{bi}",
                        if f.reset_gate { " + n (the bias on hn)" } else { "" }
                    ),
                    None,
                ),
                (FlaxCell::ConvLstm, _) => {
                    let keras = Kind::ConvLstm(f.conv);
                    let k = total(&with_kind(config, keras)).ok();
                    note(
                        format!(
                            "Keras ConvLSTM{}D: {} — Flax's ConvLSTMCell gives both convolutions (ih and hh) a \
                             bias, 4f more per direction: 4(K·c·f + K·f² + 2f); the frame size never enters.{bi}",
                            f.conv.rank,
                            k.map(grouped).unwrap_or_else(|| "—".into())
                        ),
                        k,
                    )
                }
            }
        }
        Kind::Tf1(t) => {
            let keras = Config {
                reset_after: false,
                ..layer(
                    &Config { layers: config.layers, bidirectional: config.bidirectional, ..*config },
                    Framework::Keras,
                )
            };
            let that = total(&keras)?;
            let peep = if t.peepholes && t.full_lstm {
                format!(
                    " Peepholes add 3n = {} (w_f_diag, w_i_diag, w_o_diag are diagonal: n each, not n × n).",
                    grouped(3 * n * d * l)
                )
            } else {
                String::new()
            };
            let proj = if t.num_proj > 0 && t.full_lstm {
                format!(
                    " num_proj={p}: the kernel takes [x, r] with r = p, and projection/kernel (n, p) adds n·p: \
                     4((in + p)·n + n) + n·p.",
                    p = t.num_proj
                )
            } else {
                String::new()
            };
            note(
                format!(
                    "Keras {}: {} — TF1's {} holds one kernel for [x, h] stacked, (in + n, G·n): the same numbers \
                     as Keras's kernel and recurrent_kernel, one bias per gate{}.{peep}{proj}",
                    if config.cell == Cell::Gru {
                        "GRU(reset_after=False)"
                    } else {
                        config.cell.class_name(Framework::Keras)
                    },
                    grouped(that),
                    tf1_class(config.cell, t),
                    if config.cell == Cell::Gru { " (TF1's GRUCell is Keras 2's reset_after=False)" } else { "" }
                ),
                Some(that),
            )
        }
        Kind::CuDnn => {
            let keras = total(&Config { reset_after: false, ..layer(config, Framework::Keras) })?;
            note(
                format!(
                    "Keras {}: {} — {} fewer: CuDNN keeps two bias vectors per gate (cuDNN adds one to W·x and one \
                     to U·h), like PyTorch's b_ih and b_hh, in one bias of (2·G·n,)",
                    config.cell.class_name(Framework::Keras),
                    grouped(keras),
                    grouped(this.saturating_sub(keras))
                ),
                Some(keras),
            )
        }
        Kind::Keras2 => {
            let k3 = total(&layer(config, Framework::Keras))?;
            note(
                format!(
                    "Keras 3: {} — the same layer: Keras 2 names its weights with :0 (gru/gru_cell/kernel:0), \
                     accepts LSTM(256, input_dim=4096) (Keras 3 refuses it) and prints counts without separators",
                    grouped(k3)
                ),
                Some(k3),
            )
        }
    }
}

/// One gate's parameters in one direction of one layer, split as the arithmetic writes them.
struct GatePart {
    gate: crate::cell::Gate,
    /// Input weights W (the input rows of a joint TF1 kernel).
    w: u64,
    /// Recurrent weights U.
    u: u64,
    /// Biases.
    b: u64,
}

/// One direction's gate parts, peepholes and projection, from its tensors: a tensor holding
/// several gates (fused along its gate axis) gives each of them an equal share; a joint TF1
/// `[x, h]` kernel gives each gate `n·in` input weights and the rest recurrent weights.
fn direction_parts(c: &Config, d: &crate::count::DirectionCount, input: u64) -> (Vec<GatePart>, u64, u64) {
    use crate::count::{Holds, Role};
    let n = c.units.wide();
    let mut order: Vec<crate::cell::Gate> = match c.kind {
        Kind::Flax(f) => f.cell.gates().to_vec(),
        _ => Vec::new(),
    };
    for t in &d.tensors {
        if t.holds == Holds::Peephole || t.role == Role::Projection {
            continue;
        }
        for g in t.gate_order {
            if !order.contains(g) {
                order.push(*g);
            }
        }
    }
    let mut parts: Vec<GatePart> = order.iter().map(|&gate| GatePart { gate, w: 0, u: 0, b: 0 }).collect();
    let (mut peep, mut proj) = (0, 0);
    for t in &d.tensors {
        if t.holds == Holds::Peephole {
            peep += t.count;
            continue;
        }
        if t.role == Role::Projection {
            proj += t.count;
            continue;
        }
        let share = t.count / t.gate_order.len().max(1) as u64;
        for p in parts.iter_mut().filter(|p| t.gate_order.contains(&p.gate)) {
            match (t.holds, t.role) {
                (Holds::JointKernel, _) => {
                    // The rows of this piece that multiply x: what is left of n·in for this gate.
                    let w = (n * input).saturating_sub(p.w).min(share);
                    p.w += w;
                    p.u += share - w;
                }
                (_, Role::InputWeights) => p.w += share,
                (_, Role::RecurrentWeights) => p.u += share,
                _ => p.b += share,
            }
        }
    }
    (parts, peep, proj)
}

/// `W_f (3 × 3) × 1 × 64 + U_f (3 × 3) × 64 × 64 + b_f 64` for a convolution, `W_f 256 × 4096 +
/// U_f 256 × 64 + b_f 2 × 256` otherwise (U n × p with a TF1 projection).
fn gate_expr(c: &Config, p: &GatePart, input: u64) -> String {
    let n = c.units.wide();
    let g = p.gate.key();
    let conv = match c.kind {
        Kind::ConvLstm(conv) => Some(conv),
        Kind::Flax(f) if f.cell == FlaxCell::ConvLstm => Some(f.conv),
        _ => None,
    };
    let mut s = match conv {
        Some(conv) => {
            let k: Vec<String> = conv.kernel_dims().iter().map(u32::to_string).collect();
            let k = if k.len() == 1 { k[0].clone() } else { format!("({})", k.join(" × ")) };
            format!("W_{g} {k} × {input} × {n} + U_{g} {k} × {n} × {n}")
        }
        None => format!("W_{g} {n} × {input} + U_{g} {n} × {}", p.u / n.max(1)),
    };
    match p.b / n.max(1) {
        0 => {}
        1 => s.push_str(&format!(" + b_{g} {n}")),
        k => s.push_str(&format!(" + b_{g} {k} × {n}")),
    }
    s
}

/// One direction as a sum: `4 × (576 + 36,864 + 64)` when every gate has the same parts, else
/// each gate in brackets; `+ 768` peepholes, `+ 16,384` projection.
fn direction_sum(parts: &[GatePart], peep: u64, proj: u64) -> String {
    let one = |p: &GatePart| {
        let mut v = vec![grouped(p.w), grouped(p.u)];
        if p.b > 0 {
            v.push(grouped(p.b));
        }
        format!("({})", v.join(" + "))
    };
    let same = parts.windows(2).all(|w| (w[0].w, w[0].u, w[0].b) == (w[1].w, w[1].u, w[1].b));
    let mut s = match (parts.first(), same) {
        (Some(p), true) if parts.len() > 1 => format!("{} × {}", parts.len(), one(p)),
        (Some(p), true) => one(p),
        _ => parts.iter().map(one).collect::<Vec<_>>().join(" + "),
    };
    for extra in [peep, proj] {
        if extra > 0 {
            s.push_str(&format!(" + {}", grouped(extra)));
        }
    }
    s
}

/// What a layer sees, in words: "1 channel", "4,096 input features".
fn seen(c: &Config, width: u64) -> String {
    let conv = matches!(c.kind, Kind::ConvLstm(_)) || matches!(c.kind, Kind::Flax(f) if f.cell == FlaxCell::ConvLstm);
    if conv {
        format!("{} {}", grouped(width), crate::format::noun(width, "channel", "channels"))
    } else {
        crate::format::input_features(width)
    }
}

/// Whether `s` adds terms outside brackets (`(a + b) + c`), so that a factor needs brackets.
fn top_level_sum(s: &str) -> bool {
    let mut depth = 0i32;
    let b = s.as_bytes();
    for (i, &ch) in b.iter().enumerate() {
        match ch {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b'+' if depth == 0 && i > 0 => return true,
            _ => {}
        }
    }
    false
}

/// The arithmetic for a new kind, per gate: layer 1's gate blocks (ConvLSTM `K·c·f + K·f² + f`
/// with K written per axis, a Flax MGU's two gates, Linen's GRU with its bias on hn, a PyTorch
/// cell's and CuDNN's two biases), TF1's peepholes (`+ 3n`) and projection (`+ n·p`), the
/// directions and the layers above; a one-line summary with the family's formula. Every value is
/// a sum of the breakdown's tensors.
pub fn arithmetic(b: &Breakdown) -> Arithmetic {
    let c = &b.config;
    let mut steps = Vec::new();
    let mut gates = Vec::new();
    let mut terms = Vec::new();
    let mut running = 0u64;
    for l in &b.layers {
        let Some(first) = l.directions.first() else { continue };
        let (parts, peep, proj) = direction_parts(c, first, l.input_size);
        let dirs = l.directions.len() as u64;
        let sum = direction_sum(&parts, peep, proj);
        let needs_brackets = dirs > 1 && top_level_sum(&sum);
        terms.push(match (dirs, needs_brackets) {
            (1, _) => sum,
            (d, true) => format!("{d} × ({sum})"),
            (d, false) => format!("{d} × {sum}"),
        });
        if l.index > 0 {
            continue;
        }
        let gate_total: u64 = parts.iter().map(|p| p.w + p.u + p.b).sum();
        let names: Vec<&str> = parts.iter().map(|p| p.gate.key()).collect();
        steps.push(Step {
            key: "gates",
            label: format!(
                "Layer 1, one direction: {} gate block{} ({}), on {}",
                parts.len(),
                if parts.len() == 1 { "" } else { "s" },
                names.join(", "),
                seen(c, l.input_size)
            ),
            expr: parts.iter().map(|p| grouped(p.w + p.u + p.b)).collect::<Vec<_>>().join(" + "),
            value: gate_total,
        });
        gates = parts
            .iter()
            .map(|p| crate::arithmetic::GateTerm {
                gate: p.gate,
                expr: gate_expr(c, p, l.input_size),
                value: p.w + p.u + p.b,
            })
            .collect();
        running = gate_total;
        if peep > 0 {
            steps.push(Step {
                key: "peepholes",
                label: format!(
                    "+ peepholes w_f_diag, w_i_diag, w_o_diag: 3n, three diagonal vectors of n = {} (not n × n)",
                    c.units
                ),
                expr: format!("{} + 3 × {}", grouped(running), c.units),
                value: running + peep,
            });
            running += peep;
        }
        if proj > 0 {
            let p = proj / c.units.wide().max(1);
            steps.push(Step {
                key: "projection",
                label: format!("+ projection/kernel (n × p = {} × {p}): n·p", c.units),
                expr: format!("{} + {} × {p}", grouped(running), c.units),
                value: running + proj,
            });
            running += proj;
        }
        if dirs > 1 {
            steps.push(Step {
                key: "directions",
                label: format!("× {dirs} directions (forward and backward, each with its own weights)"),
                expr: format!("{dirs} × {}", grouped(running)),
                value: l.params,
            });
        }
        running = l.params;
    }
    if b.layers.len() > 1 {
        let upper: Vec<String> = b.layers[1..].iter().map(|l| grouped(l.params)).collect();
        let mut widths: Vec<u64> = b.layers[1..].iter().map(|l| l.input_size).collect();
        widths.dedup();
        let on: Vec<String> = widths.iter().map(|&w| seen(c, w)).collect();
        let range = crate::format::later_layers(b.layers.len() as u64);
        steps.push(Step {
            key: "layers",
            label: format!("+ {range}, on {} (the output of the layer below)", on.join(", then ")),
            expr: format!("{} + {}", grouped(running), upper.join(" + ")),
            value: b.total,
        });
    }
    steps.push(Step { key: "total", label: "Total".into(), expr: grouped(b.total), value: b.total });
    let formula = formula(c);
    let bracket = if formula.is_empty() { String::new() } else { format!("   [{formula}]") };
    let forms = kind_forms(b);
    let forms_target = match (forms.is_empty(), b.layers.first().and_then(|l| l.directions.first())) {
        (false, Some(d)) => d.params,
        _ => b.total,
    };
    Arithmetic {
        summary: format!("{} = {}{bracket}", terms.join(" + "), grouped(b.total)),
        steps,
        gates,
        forms,
        forms_target,
        total: b.total,
    }
}

/// The classic answers' forms for one direction of layer 1, where the family's direction has
/// their shape `G·(n·m + n·r + b·n)` (+ `p·n`): PyTorch cells (b = 2), Keras 2, CuDNN (b = 2),
/// Flax LSTM / SimpleCell / NNX GRU (b = 1), TF1 without peepholes (b = 1, `p·n` with
/// `num_proj`). None for a convolution, Linen's GRU and MGU (their bias on hn) or peepholes.
fn kind_forms(b: &Breakdown) -> Vec<crate::arithmetic::Form> {
    use crate::arithmetic::forms;
    let c = &b.config;
    let Some(l0) = b.layers.first() else { return Vec::new() };
    let (m, n, g) = (l0.input_size, c.units.wide(), c.cell.gate_blocks());
    match c.kind {
        Kind::TorchCell => forms(g, m, n, if c.bias { 2 } else { 0 }, None),
        Kind::Keras2 => forms(g, m, n, layer(c, Framework::Keras).biases_per_gate(), None),
        Kind::CuDnn => forms(g, m, n, 2, None),
        Kind::Flax(f) => match (f.cell, f.api) {
            (FlaxCell::Lstm | FlaxCell::OptimizedLstm | FlaxCell::Simple, _) | (FlaxCell::Gru, FlaxApi::Nnx) => {
                forms(f.cell.gates().len() as u64, m, n, 1, None)
            }
            _ => Vec::new(),
        },
        Kind::Tf1(t) if !(t.full_lstm && t.peepholes) => {
            let p = (t.full_lstm && c.cell == Cell::Lstm && t.num_proj > 0).then_some(u64::from(t.num_proj));
            forms(g, m, n, 1, p)
        }
        _ => Vec::new(),
    }
}

/// The family's formula per direction and layer, in words and symbols.
///
/// ```
/// use rnn_params_model::kind::{Conv, Kind};
/// use rnn_params_model::{kind_explain::formula, Config};
/// let c = Config { kind: Kind::ConvLstm(Conv::default()), ..Config::default() };
/// assert_eq!(formula(&c), "4(K·c·f + K·f² + f), K = 3×3 = 9");
/// ```
pub fn formula(c: &Config) -> String {
    let b = |on: bool, with: &'static str, without: &'static str| if on { with } else { without };
    match c.kind {
        Kind::Layer => String::new(),
        Kind::TorchCell => match c.cell {
            Cell::SimpleRnn => b(c.bias, "n·m + n² + 2n", "n·m + n²"),
            Cell::Gru => b(c.bias, "3(n·m + n² + 2n)", "3(n·m + n²)"),
            Cell::Lstm => b(c.bias, "4(n·m + n² + 2n)", "4(n·m + n²)"),
        }
        .to_owned(),
        Kind::ConvLstm(conv) => {
            format!("{}, K = {} = {}", b(c.bias, "4(K·c·f + K·f² + f)", "4·K·f(c + f)"), conv.kernel_text(), conv.k())
        }
        Kind::Flax(f) => match (f.cell, f.api) {
            (FlaxCell::Lstm | FlaxCell::OptimizedLstm, _) => "4(n·m + n² + n)".into(),
            (FlaxCell::Gru, FlaxApi::Linen) => "3(n·m + n² + n) + n".into(),
            (FlaxCell::Gru, FlaxApi::Nnx) => "3(n·m + n² + n)".into(),
            (FlaxCell::Simple, _) => "n·m + n² + n".into(),
            (FlaxCell::Mgu, _) => b(f.reset_gate, "2(n·m + n² + n) + n", "2(n·m + n² + n)").into(),
            (FlaxCell::ConvLstm, _) => format!(
                "{}, K = {} = {}",
                b(c.bias, "4(K·c·f + K·f² + 2f)", "4·K·f(c + f)"),
                f.conv.kernel_text(),
                f.conv.k()
            ),
        },
        Kind::Tf1(t) => {
            let g = c.cell.gate_blocks();
            let mut s = if t.num_proj > 0 && t.full_lstm {
                "4((in + p)·n + n) + n·p".to_owned()
            } else if g == 1 {
                "(in + n)·n + n".to_owned()
            } else {
                format!("{g}((in + n)·n + n)")
            };
            if t.peepholes && t.full_lstm {
                s.push_str(" + 3n");
            }
            s
        }
        Kind::CuDnn => format!("{}(n·m + n² + 2n)", c.cell.gate_blocks()),
        Kind::Keras2 => match c.cell {
            Cell::SimpleRnn => b(c.bias, "n·m + n² + n", "n·m + n²").into(),
            Cell::Gru if c.reset_after && c.bias => "3(n·m + n² + 2n)".into(),
            Cell::Gru => b(c.bias, "3(n·m + n² + n)", "3(n·m + n²)").into(),
            Cell::Lstm => b(c.bias, "4(n·m + n² + n)", "4(n·m + n²)").into(),
        },
    }
}

/// Code that builds the layer and prints the same count, in the framework's own words (the
/// construction lines follow the golden rows' `code` / `constructor`).
///
/// ```
/// use rnn_params_model::kind::{Conv, Kind};
/// use rnn_params_model::{kind_explain::code, Config};
/// let c = Config { kind: Kind::ConvLstm(Conv::default()), ..Config::default() };
/// assert!(code(&c, 16).contains("layers.ConvLSTM2D(filters=256, kernel_size=3, strides=1"));
/// ```
pub fn code(c: &Config, steps: u32) -> String {
    let n = c.units;
    let m = c.input_size;
    let py = |b: bool| if b { "True" } else { "False" };
    match c.kind {
        Kind::Layer => crate::code::snippet(c, Some(steps)).text(),
        Kind::TorchCell => format!(
            "import torch\ncell = torch.nn.{}Cell(input_size={m}, hidden_size={n}, bias={})\n\
             print(sum(p.numel() for p in cell.parameters()))\n",
            c.cell.class_name(Framework::PyTorch),
            py(c.bias)
        ),
        Kind::ConvLstm(conv) => {
            let dims: Vec<String> = conv.kernel_dims().iter().map(u32::to_string).collect();
            let frame: Vec<String> = conv.frame_dims().iter().map(u32::to_string).collect();
            let shape = if conv.channels_first {
                format!("({steps}, {m}, {})", frame.join(", "))
            } else {
                format!("({steps}, {}, {m})", frame.join(", "))
            };
            // As Keras's examples write it: one number when every axis is the same, else a tuple.
            let kernel =
                if dims.iter().all(|d| *d == dims[0]) { dims[0].clone() } else { format!("({})", dims.join(", ")) };
            let mut body = format!("inp = keras.Input(shape={shape})\nx = inp\n");
            for k in 0..c.layers.get() {
                let seq = py(k + 1 < c.layers.get());
                let layer = format!(
                    "layers.{}(filters={n}, kernel_size={}, strides={}, padding='{}', data_format='{}', \
                     dilation_rate={}, use_bias={}, return_sequences={seq})",
                    conv.class_name(),
                    kernel,
                    conv.strides,
                    conv.padding.key(),
                    if conv.channels_first { "channels_first" } else { "channels_last" },
                    conv.dilation,
                    py(c.bias)
                );
                if c.bidirectional {
                    body.push_str(&format!("x = layers.Bidirectional({layer}, merge_mode='{}')(x)\n", c.merge.key()));
                } else {
                    body.push_str(&format!("x = {layer}(x)\n"));
                }
            }
            format!("import keras\nfrom keras import layers\n{body}model = keras.Model(inp, x)\nmodel.summary()\nprint(model.count_params())\n")
        }
        Kind::Flax(f) => {
            let nnx = f.api == FlaxApi::Nnx;
            let cell = match (f.cell, nnx) {
                (FlaxCell::ConvLstm, _) => {
                    let dims: Vec<String> = f.conv.kernel_dims().iter().map(u32::to_string).collect();
                    format!(
                        "nn.ConvLSTMCell(features={n}, kernel_size=({},){})",
                        dims.join(", "),
                        if c.bias { "" } else { ", use_bias=False" }
                    )
                }
                (FlaxCell::Mgu, _) if !f.reset_gate => format!("nn.MGUCell(features={n}, reset_gate=False)"),
                (cell, false) => format!("nn.{}(features={n})", cell.class_name()),
                (cell, true) => format!("nnx.{}(in_features={{m}}, hidden_features={n}, rngs=rngs)", cell.class_name()),
            };
            let frame = if f.cell == FlaxCell::ConvLstm {
                let fr: Vec<String> = f.conv.frame_dims().iter().map(u32::to_string).collect();
                format!("{}, ", fr.join(", "))
            } else {
                String::new()
            };
            if nnx {
                let mut body = String::from("import jax, jax.numpy as jnp\nfrom flax import nnx\nrngs = nnx.Rngs(0)\n");
                let one = |mm: String| cell.replace("{m}", &mm);
                let rnn = |mm: String| {
                    if c.bidirectional {
                        format!("nnx.Bidirectional(nnx.RNN({}), nnx.RNN({}))", one(mm.clone()), one(mm))
                    } else {
                        format!("nnx.RNN({})", one(mm))
                    }
                };
                let model = if f.bare {
                    one(m.to_string())
                } else if c.layers.get() > 1 {
                    let above = if c.bidirectional { 2 * n.wide() } else { n.wide() };
                    let mut ls = vec![rnn(m.to_string())];
                    for _ in 1..c.layers.get() {
                        ls.push(rnn(above.to_string()));
                    }
                    format!("nnx.Sequential({})", ls.join(", "))
                } else {
                    rnn(m.to_string())
                };
                body.push_str(&format!(
                    "model = {model}\nprint(sum(x.size for x in jax.tree_util.tree_leaves(nnx.state(model, nnx.Param))))\n"
                ));
                body
            } else {
                let rnn = if f.bare {
                    cell.clone()
                } else if c.bidirectional && f.shared {
                    format!("nn.Bidirectional(rnn := nn.RNN({cell}), rnn)")
                } else if c.bidirectional {
                    format!("nn.Bidirectional(nn.RNN({cell}), nn.RNN({cell}))")
                } else {
                    format!("nn.RNN({cell})")
                };
                let model = if c.layers.get() > 1 {
                    let mut ls = vec![rnn.clone(); usize::from(c.layers.get())];
                    if f.top_forward {
                        *ls.last_mut().unwrap_or(&mut String::new()) = format!("nn.RNN({cell})");
                    }
                    format!("nn.Sequential([{}])", ls.join(", "))
                } else {
                    rnn
                };
                let x = if f.bare {
                    format!(
                        "carry = model.initialize_carry(jax.random.key(0), (2, {frame}{m}))\n\
                         variables = model.init(jax.random.key(0), carry, jnp.zeros((2, {frame}{m})))\n"
                    )
                } else {
                    format!("variables = model.init(jax.random.key(0), jnp.zeros((2, {steps}, {frame}{m})))\n")
                };
                format!(
                    "import jax, jax.numpy as jnp\nimport flax.linen as nn\nmodel = {model}\n{x}\
                     print(sum(x.size for x in jax.tree_util.tree_leaves(variables['params'])))\n"
                )
            }
        }
        Kind::Tf1(t) => {
            let mut kw = format!("num_units={n}");
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
            let run = if c.bidirectional {
                format!("    outputs, states = tf.compat.v1.nn.bidirectional_dynamic_rnn({one}, {one}, x, dtype=tf.float32)\n")
            } else {
                format!("    outputs, state = tf.compat.v1.nn.dynamic_rnn({one}, x, dtype=tf.float32)\n")
            };
            format!(
                "import numpy as np\nimport tensorflow as tf\ngraph = tf.Graph()\nwith graph.as_default():\n    \
                 x = tf.compat.v1.placeholder(tf.float32, [None, {steps}, {m}])\n{run}    \
                 print(sum(int(np.prod(v.shape)) for v in tf.compat.v1.trainable_variables()))\n"
            )
        }
        Kind::CuDnn | Kind::Keras2 => {
            let class = match c.kind {
                Kind::CuDnn => format!("tf.compat.v1.keras.layers.CuDNN{}", c.cell.class_name(Framework::Keras)),
                _ => format!("tf.keras.layers.{}", c.cell.class_name(Framework::Keras)),
            };
            let mut kw = n.to_string();
            if c.kind == Kind::Keras2 {
                if !c.bias {
                    kw.push_str(", use_bias=False");
                }
                if c.cell == Cell::Gru && !c.reset_after {
                    kw.push_str(", reset_after=False");
                }
            }
            let mut layers = Vec::new();
            for k in 0..c.layers.get() {
                let seq = if k + 1 < c.layers.get() { ", return_sequences=True" } else { "" };
                let l = format!("{class}({kw}{seq})");
                layers.push(if c.bidirectional {
                    format!("tf.keras.layers.Bidirectional({l}, merge_mode='{}')", c.merge.key())
                } else {
                    l
                });
            }
            format!(
                "import tensorflow as tf  # TensorFlow 2.15 with Keras 2\nmodel = tf.keras.Sequential([tf.keras.Input(shape=({steps}, {m})), {}])\n\
                 model.summary()\nprint(model.count_params())\n",
                layers.join(", ")
            )
        }
    }
}

/// [`code`] as a [`crate::code::Snippet`]: the leading imports, the construction, and the
/// trailing lines that print the count.
pub fn snippet(c: &Config, steps: u32) -> crate::code::Snippet {
    let text = code(c, steps);
    let lines: Vec<&str> = text.lines().collect();
    let head = lines.iter().take_while(|l| l.starts_with("import ") || l.starts_with("from ")).count();
    let tail = lines
        .iter()
        .rev()
        .take_while(|l| l.trim_start().starts_with("print(") || l.starts_with("model.summary()"))
        .count();
    let tail = tail.min(lines.len() - head);
    crate::code::Snippet {
        imports: lines[..head].join("\n"),
        body: lines[head..lines.len() - tail].join("\n"),
        check: lines[lines.len() - tail..].join("\n"),
    }
}

/// The "I got …" check for a layer of a new kind that [`crate::mistakes::diagnose`]'s catalogue
/// cannot write as one formula (a Flax stack whose top layer alone is one-directional): the right
/// count, or the named convention that gives the number exactly (an input bias that Flax's LSTM
/// has not, Linen's GRU against NNX's, every time step given its own weights), else the
/// difference. Every other configuration of a new kind goes through the catalogue, with its
/// working.
///
/// ```
/// use rnn_params_model::kind::{Flax, Kind};
/// use rnn_params_model::bounds::{Layers, Size};
/// use rnn_params_model::mistakes::Verdict;
/// use rnn_params_model::{kind_explain::diagnose, total, Config};
/// // nn.Sequential([nn.Bidirectional(nn.RNN(LSTMCell(4)), …), nn.RNN(LSTMCell(4))]) on 3 inputs.
/// let f = Flax { top_forward: true, ..Flax::default() };
/// let c = Config { kind: Kind::Flax(f), input_size: Size::new(3).unwrap(), units: Size::new(4).unwrap(),
///                  bidirectional: true, layers: Layers::new(2).unwrap(), ..Config::default() };
/// let right = total(&c).unwrap() as u128;
/// let Verdict::NotFound(h) = diagnose(&c, 16, right * 16).verdict else { panic!() };
/// assert!(h.text.contains("time steps"), "{}", h.text);
/// ```
#[allow(clippy::collapsible_match)] // One arm per kind reads better than guards with the test.
pub fn diagnose(config: &Config, steps: u64, got: u128) -> crate::mistakes::Diagnosis {
    use crate::mistakes::{Diagnosis, Hint, Verdict};
    let right = match total(config) {
        Ok(r) => r,
        Err(e) => return Diagnosis { got, right: None, right_terms: Vec::new(), verdict: Verdict::Refused(e) },
    };
    if got == u128::from(right) {
        return Diagnosis { got, right: Some(right), right_terms: Vec::new(), verdict: Verdict::Right };
    }
    let r = u128::from(right);
    let n = u128::from(config.units.wide());
    let dl = u128::from(config.directions()) * u128::from(config.layers.get());
    let other = |c: Config| total(&c).ok().map(u128::from);
    let mut named: Vec<String> = Vec::new();
    match config.kind {
        Kind::Tf1(t) if t.peepholes && t.full_lstm => {
            if got == r - 3 * n * dl + 3 * n * n * dl {
                named.push(format!(
                    "Peepholes counted as full n × n matrices: w_f_diag, w_i_diag and w_o_diag are diagonal, n = {n} \
                     each (3n per cell), not n² each."
                ));
            }
        }
        Kind::ConvLstm(conv) => {
            let positions: u128 = conv.frame_dims().iter().map(|&f| u128::from(f)).product();
            let b = count(config).map(|b| u128::from(b.parts.biases)).unwrap_or(0);
            if got == r * positions || got == (r - b) * positions + b {
                named.push(format!(
                    "The frame size multiplied in ({} = {positions} positions): the kernel is shared across \
                     positions, as W is shared across time steps, so the frame size never enters.",
                    conv.frame_text()
                ));
            }
        }
        Kind::Flax(f) if matches!(f.cell, FlaxCell::Lstm | FlaxCell::OptimizedLstm) => {
            if Some(got) == other(layer(config, Framework::PyTorch)) {
                named.push(
                    "An input bias counted (PyTorch's b_ih): Flax's LSTMCell has biases on hi hf hg ho only, so it \
                     equals Keras, not PyTorch."
                        .into(),
                );
            }
        }
        Kind::Flax(f) if f.cell == FlaxCell::Gru => {
            let mut o = f;
            o.api = if f.api == FlaxApi::Linen { FlaxApi::Nnx } else { FlaxApi::Linen };
            if Some(got) == other(Config { kind: Kind::Flax(o), ..*config }) {
                named.push(
                    "The other Flax API's GRUCell: Linen's has a separate bias on hn (n more), NNX's has not.".into(),
                );
            }
        }
        Kind::CuDnn => {
            if Some(got) == other(Config { reset_after: false, ..layer(config, Framework::Keras) }) {
                named.push("One bias per gate counted: CuDNN keeps two (like PyTorch's b_ih and b_hh).".into());
            }
        }
        _ => {}
    }
    if named.is_empty() && steps > 1 && got == r * u128::from(steps) {
        named.push(format!("Multiplied by the time steps ({steps}): the same weights are used at every step."));
    }
    let (difference, more) = if got > r { (got - r, true) } else { (r - got, false) };
    let text = match named.first() {
        Some(t) => format!("{} (the right count is {}).", t.trim_end_matches('.'), grouped(right)),
        None => format!(
            "{} {} than the right count {}: no named convention of this layer gives it.",
            grouped(u64::try_from(difference).unwrap_or(u64::MAX)),
            if more { "more" } else { "fewer" },
            grouped(right)
        ),
    };
    Diagnosis {
        got,
        right: Some(right),
        right_terms: Vec::new(),
        verdict: Verdict::NotFound(Hint { difference, more, factors: Vec::new(), guess: named.first().cloned(), text }),
    }
}
