//! The count written out as arithmetic with the current numbers.
//!
//! Three views of the same number: a one-line summary (`4 × ((4096 + 256 + 1) × 256) = 4,457,472`),
//! a derivation (one gate block, × gate blocks, × directions, + further layers), and the equivalent
//! forms found in the classic answers, each evaluated on its own to show they agree.
//!
//! Every value in the summary and the derivation is read from a [`Breakdown`]; only the equivalent
//! forms are evaluated independently, because showing that they agree is their purpose.

use crate::cell::Gate;
use crate::count::{Breakdown, GateBlock};
use crate::format::{grouped, input_features};

/// One line of the derivation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The `data-term` key: `block`, `gates`, `projection`, `directions`, `layers`, `total`.
    pub key: &'static str,
    /// What the step does, in words ("× 4 gate blocks (f, i, g, o)").
    pub label: String,
    /// The arithmetic with the current numbers.
    pub expr: String,
    /// The running value after this step.
    pub value: u64,
}

/// One gate block's term, shown per gate so the diagram can point at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GateTerm {
    /// The gate (its key is the `data-term`).
    pub gate: Gate,
    /// `W_f 256 × 4096 + U_f 256 × 256 + b_f 256`.
    pub expr: String,
    /// The block's parameters.
    pub value: u64,
}

/// An equivalent way of writing one direction of the first layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The form with symbols: `4·((m+1)·n + n²)`.
    pub symbolic: String,
    /// The same with the current numbers: `4 × ((4096 + 1) × 256 + 256²)`.
    pub numeric: String,
    /// Its value, evaluated from the form itself (`None` if it would overflow, which the bounds rule out).
    pub value: Option<u64>,
}

/// Everything the arithmetic panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arithmetic {
    /// The whole count on one line, ending in `= total`.
    pub summary: String,
    /// The derivation, step by step.
    pub steps: Vec<Step>,
    /// One term per gate of the first layer, in the order the framework stacks them.
    pub gates: Vec<GateTerm>,
    /// Equivalent forms for one direction of the first layer.
    pub forms: Vec<Form>,
    /// What every form must equal: one direction of the first layer.
    pub forms_target: u64,
    /// The total.
    pub total: u64,
}

/// `G × ((in + r + b) × n)` for one direction, plus `+ p × n` with a projection.
fn direction_expr(g: u64, block: &GateBlock, proj: Option<u64>) -> String {
    let mut inner = format!("{} + {}", block.input_size, block.recurrent_width);
    if block.biases > 0 {
        inner.push_str(&format!(" + {}", block.biases));
    }
    let mut s = format!("{g} × (({inner}) × {})", block.units);
    if let Some(p) = proj {
        s.push_str(&format!(" + {p} × {}", block.units));
    }
    s
}

fn layer_expr(directions: u64, g: u64, block: &GateBlock, proj: Option<u64>) -> String {
    let d = direction_expr(g, block, proj);
    match (directions, proj) {
        (1, _) => d,
        (dirs, Some(_)) => format!("{dirs} × ({d})"),
        (dirs, None) => format!("{dirs} × {d}"),
    }
}

/// `W_f 256 × 4096 + U_f 256 × 256 + b_f 256` (or `b_f 2 × 256`).
fn block_expr(block: &GateBlock, gate: Option<Gate>) -> String {
    let sub = gate.map(|g| format!("_{}", g.key())).unwrap_or_default();
    let mut s = format!(
        "W{sub} {n} × {i} + U{sub} {n} × {r}",
        n = block.units,
        i = block.input_size,
        r = block.recurrent_width
    );
    match block.biases {
        0 => {}
        1 => s.push_str(&format!(" + b{sub} {}", block.units)),
        b => s.push_str(&format!(" + b{sub} {b} × {}", block.units)),
    }
    s
}

fn list(gates: &[Gate]) -> String {
    gates.iter().map(|g| g.key()).collect::<Vec<_>>().join(", ")
}

/// The classic answers' three forms of `G·(n·m + n·r + b·n)` (+ `p·n` with a projection), each
/// evaluated from its own arithmetic (also used for the layer families of [`crate::kind`] whose
/// direction has that shape).
pub(crate) fn forms(g: u64, m: u64, n: u64, b: u64, proj: Option<u64>) -> Vec<Form> {
    // Symbols for the bias part: "", "+1", "+2"; "n", "2n".
    let (b_sym, b_num) = match b {
        0 => (String::new(), String::new()),
        b => (format!("+{b}"), format!(" + {b}")),
    };
    let bn_sym = match b {
        0 => String::new(),
        1 => " + n".to_owned(),
        b => format!(" + {b}n"),
    };
    let bn_num = match b {
        0 => String::new(),
        1 => format!(" + {n}"),
        b => format!(" + {b} × {n}"),
    };
    let r = proj.unwrap_or(n);
    // The recurrent product: n² or p·n.
    let (rec_sym, rec_num) = match proj {
        None => ("n²".to_owned(), format!("{n}²")),
        Some(p) => ("p·n".to_owned(), format!("{p} × {n}")),
    };
    let (r_sym, r_num) = match proj {
        None => ("n".to_owned(), n.to_string()),
        Some(p) => ("p".to_owned(), p.to_string()),
    };
    let (tail_sym, tail_num, tail) = match proj {
        None => (String::new(), String::new(), Some(0)),
        Some(p) => (" + p·n".to_owned(), format!(" + {p} × {n}"), p.checked_mul(n)),
    };
    let rn = r.checked_mul(n);
    let with_tail = |v: Option<u64>| v.zip(tail).and_then(|(v, t)| v.checked_add(t));

    // G·((m+b)·n + r·n)
    let a = m
        .checked_add(b)
        .and_then(|mb| mb.checked_mul(n))
        .zip(rn)
        .and_then(|(x, y)| x.checked_add(y))
        .and_then(|x| x.checked_mul(g));
    let m_b_sym = if b == 0 { "m".to_owned() } else { format!("(m{b_sym})") };
    let m_b_num = if b == 0 { m.to_string() } else { format!("({m}{b_num})") };
    let first = Form {
        symbolic: format!("{g}·({m_b_sym}·n + {rec_sym}){tail_sym}"),
        numeric: format!("{g} × ({m_b_num} × {n} + {rec_num}){tail_num}"),
        value: with_tail(a),
    };
    // [(r+m+b)·n]·G
    let b2 =
        r.checked_add(m).and_then(|x| x.checked_add(b)).and_then(|x| x.checked_mul(n)).and_then(|x| x.checked_mul(g));
    let second = Form {
        symbolic: format!("[({r_sym}+m{b_sym})·n]·{g}{tail_sym}"),
        numeric: format!("[({r_num} + {m}{b_num}) × {n}] × {g}{tail_num}"),
        value: with_tail(b2),
    };
    // G·(n·m + r·n + b·n)
    let c3 = n
        .checked_mul(m)
        .zip(rn)
        .and_then(|(x, y)| x.checked_add(y))
        .zip(b.checked_mul(n))
        .and_then(|(x, y)| x.checked_add(y))
        .and_then(|x| x.checked_mul(g));
    let third = Form {
        symbolic: format!("{g}·(n·m + {rec_sym}{bn_sym}){tail_sym}"),
        numeric: format!("{g} × ({n} × {m} + {rec_num}{bn_num}){tail_num}"),
        value: with_tail(c3),
    };
    vec![first, second, third]
}

/// Writes out the arithmetic of a breakdown.
///
/// ```
/// use rnn_params_model::{arithmetic::arithmetic, count, Config};
/// let a = arithmetic(&count(&Config::default()).unwrap());
/// assert_eq!(a.summary, "4 × ((4096 + 256 + 1) × 256) = 4,457,472");
/// assert!(a.forms.iter().all(|f| f.value == Some(a.forms_target)));
/// ```
pub fn arithmetic(b: &Breakdown) -> Arithmetic {
    if b.config.kind != crate::kind::Kind::Layer {
        // Without the families' rules (cannot happen: such a breakdown needs them), the total alone.
        return crate::families::arithmetic(b).unwrap_or_else(|| Arithmetic {
            summary: crate::format::grouped(b.total),
            steps: Vec::new(),
            gates: Vec::new(),
            forms: Vec::new(),
            forms_target: b.total,
            total: b.total,
        });
    }
    let config = &b.config;
    let g = config.cell.gate_blocks();
    let d = config.directions();
    let proj = config.projection();
    let first = &b.layers[0];
    let block = first.block;

    let rest = b.layers.len() as u64 - 1;
    // "+ e" for one further layer, "+ 3 × e" for three.
    let times = |e: String| if rest == 1 { e } else { format!("{rest} × {e}") };
    let mut summary = layer_expr(d, g, &first.block, proj);
    if let Some(second) = b.layers.get(1) {
        let e = layer_expr(d, g, &second.block, proj);
        // A one-direction layer with a projection is a sum ("4 × (…) + p × n"): multiplying it by
        // the number of layers needs brackets.
        let e = if rest > 1 && d == 1 && proj.is_some() { format!("({e})") } else { e };
        summary.push_str(&format!(" + {}", times(e)));
    }
    summary.push_str(&format!(" = {}", grouped(b.total)));

    let mut steps = vec![Step {
        key: "block",
        label: if b.layers.len() > 1 { "One gate block of layer 1".into() } else { "One gate block".into() },
        expr: block_expr(&block, None),
        value: block.params(),
    }];
    let gates_value = g * block.params();
    steps.push(Step {
        key: "gates",
        label: format!(
            "× {g} gate block{} ({})",
            if g == 1 { "" } else { "s" },
            list(config.cell.gate_order(config.framework))
        ),
        expr: format!("{g} × {}", grouped(block.params())),
        value: gates_value,
    });
    let direction_value = first.directions[0].params;
    if let Some(p) = proj {
        steps.push(Step {
            key: "projection",
            label: "+ projection weight_hr (p × n)".into(),
            expr: format!("{} + {p} × {}", grouped(gates_value), block.units),
            value: direction_value,
        });
    }
    if d == 2 {
        steps.push(Step {
            key: "directions",
            label: "× 2 directions (forward and backward, each with its own weights)".into(),
            expr: format!("2 × {}", grouped(direction_value)),
            value: first.params,
        });
    }
    if let Some(second) = b.layers.get(1) {
        let each = second.params;
        let range = if rest == 1 {
            "layer 2, which sees".to_owned()
        } else {
            format!("layers 2–{}, each seeing", b.layers.len())
        };
        steps.push(Step {
            key: "layers",
            label: format!(
                "+ {range} {} ({}): {} = {}",
                input_features(second.input_size),
                config.layer_input_reason(),
                layer_expr(d, g, &second.block, proj),
                grouped(each)
            ),
            expr: format!("{} + {}", grouped(first.params), times(grouped(each))),
            value: b.total,
        });
    }
    steps.push(Step { key: "total", label: "Total".into(), expr: grouped(b.total), value: b.total });

    // In the order the framework stacks the blocks, as in the tensor table.
    let gates = config
        .cell
        .gate_order(config.framework)
        .iter()
        .map(|&gate| GateTerm { gate, expr: block_expr(&block, Some(gate)), value: block.params() })
        .collect();

    Arithmetic {
        summary,
        steps,
        gates,
        forms: forms(g, block.input_size, block.units, block.biases, proj),
        forms_target: direction_value,
        total: b.total,
    }
}
