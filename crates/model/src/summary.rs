//! The first screen's words: the labelled one-line formula, the sentence on time steps and the
//! recurrent matrix, and the page title. Every number is read from a [`Breakdown`].

use crate::count::Breakdown;
use crate::format::{grouped, later_layers, noun};

/// One piece of the labelled formula: a number with what it counts under it, or an operator
/// (`×`, `+`, brackets, `=`) with an empty label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Stable while the formula's shape (directions, bias, projection, layers) stays: the key of a
    /// keyed list. Numbers are `dirs`, `gates`, `input`, `rec`, `bias`, `units`, `proj`,
    /// `proj-units`, `layers`, `total`; operators `op0`, `op1`, …, and `eq` for the `=` before the total.
    pub key: String,
    /// The number or the operator.
    pub text: String,
    /// What the number counts ("gate blocks", "input m", "units n"); empty for an operator.
    pub label: String,
}

/// The count on one line with each factor labelled, for layer 1 (plus the further layers as one
/// sum): `4 gate blocks × (4096 input m + 256 units n + 1 bias) × 256 units n = 4,457,472 parameters`.
///
/// ```
/// use rnn_params_model::{count, summary::formula, Config};
/// let f = formula(&count(&Config::default()).unwrap());
/// let line: Vec<String> = f.iter().map(|t| if t.label.is_empty() { t.text.clone() } else { format!("{} [{}]", t.text, t.label) }).collect();
/// assert_eq!(line.join(" "), "4 [gate blocks] × ( 4096 [input m] + 256 [units n] + 1 [bias] ) × 256 [units n] = 4,457,472 [parameters]");
/// ```
pub fn formula(b: &Breakdown) -> Vec<Token> {
    let config = &b.config;
    if config.kind != crate::kind::Kind::Layer {
        // The other layer families: their formula per direction and layer, then the total.
        let t = |key: &str, text: String, label: &str| Token { key: key.into(), text, label: label.into() };
        let layers = b.layers.len();
        let dirs = b.layers.first().map_or(1, |l| l.directions.len());
        let mut scope = String::from("per direction and layer");
        if layers == 1 && dirs == 1 {
            scope = "for the layer".into();
        }
        return vec![
            t("rule", crate::families::formula(config).unwrap_or_default(), &scope),
            t("eq", "=".into(), ""),
            t("total", grouped(b.total), "parameters"),
        ];
    }
    let first = &b.layers[0];
    let block = first.block;
    let g = config.cell.gate_blocks();
    let d = config.directions();
    let proj = config.projection();
    let mut out = Vec::new();
    let mut ops = 0;
    let mut op = |out: &mut Vec<Token>, text: &str| {
        out.push(Token { key: format!("op{ops}"), text: text.to_owned(), label: String::new() });
        ops += 1;
    };
    let num = |out: &mut Vec<Token>, key: &str, value: String, label: String| {
        out.push(Token { key: key.to_owned(), text: value, label });
    };
    if d == 2 {
        num(&mut out, "dirs", "2".into(), "directions".into());
        op(&mut out, "×");
        if proj.is_some() {
            op(&mut out, "(");
        }
    }
    num(&mut out, "gates", g.to_string(), noun(g, "gate block", "gate blocks").into());
    op(&mut out, "×");
    op(&mut out, "(");
    num(&mut out, "input", block.input_size.to_string(), "input m".into());
    op(&mut out, "+");
    let rec_label = if proj.is_some() { "proj p" } else { "units n" };
    num(&mut out, "rec", block.recurrent_width.to_string(), rec_label.into());
    if block.biases > 0 {
        op(&mut out, "+");
        num(&mut out, "bias", block.biases.to_string(), noun(block.biases, "bias", "biases").into());
    }
    op(&mut out, ")");
    op(&mut out, "×");
    num(&mut out, "units", block.units.to_string(), "units n".into());
    if let Some(p) = proj {
        op(&mut out, "+");
        num(&mut out, "proj", p.to_string(), "proj p".into());
        op(&mut out, "×");
        num(&mut out, "proj-units", block.units.to_string(), "units n".into());
        if d == 2 {
            op(&mut out, ")");
        }
    }
    if b.layers.len() > 1 {
        let rest: u64 = b.layers[1..].iter().map(|l| l.params).sum();
        op(&mut out, "+");
        num(&mut out, "layers", grouped(rest), later_layers(b.layers.len() as u64));
    }
    out.push(Token { key: "eq".into(), text: "=".into(), label: String::new() });
    num(&mut out, "total", grouped(b.total), "parameters".into());
    out
}

/// Why the time steps and the batch size never enter the count (the same weights at every step),
/// and why the recurrent matrix U is n × n (it multiplies the layer's own previous output, not the
/// input), with the numbers of layer 1. `steps` is T. Short enough for a phone's first screen: the
/// weights' count is named only where it differs from the total (directions, layers, projection).
///
/// ```
/// use rnn_params_model::{count, summary::steps_note, Config};
/// let note = steps_note(&count(&Config::default()).unwrap(), 16);
/// assert_eq!(
///     note,
///     "Time steps and batch size never enter: the same W, U and b serve all T = 16 steps and every \
///      sequence in the batch. U is n × n = 256 × 256, not 4096 × 4096: it multiplies h(t−1), the \
///      layer's own 256 outputs from the step before, not the input."
/// );
/// ```
pub fn steps_note(b: &Breakdown, steps: u32) -> String {
    let config = &b.config;
    let first = &b.layers[0];
    let block = first.block;
    let (n, m, r) = (block.units, block.input_size, block.recurrent_width);
    let proj = config.projection();
    let own = first.directions[0].params;
    let weights = if own == b.total {
        if proj.is_some() { "the same W, U, b and weight_hr" } else { "the same W, U and b" }.to_owned()
    } else {
        let whose = if b.layers.len() > 1 { "weights of layer 1" } else { "forward weights" };
        let what = if proj.is_some() { "W, U, b of every block and weight_hr" } else { "W, U, b of every block" };
        format!("the same {whose} ({what}: {} parameters)", grouped(own))
    };
    let when = if steps == 1 {
        "the one step (T = 1)".to_owned()
    } else {
        format!("all T = {} steps", grouped(u64::from(steps)))
    };
    let mut s =
        format!("Time steps and batch size never enter: {weights} serve {when} and every sequence in the batch");
    if config.directions() == 2 {
        s.push_str("; the backward row has its own weights of the same size");
    }
    if b.layers.len() > 1 {
        let own = if b.layers.len() == 2 {
            "layer 2 has its own".to_owned()
        } else {
            format!("{} each have their own", later_layers(b.layers.len() as u64))
        };
        s.push_str(&format!("; {own}, reused the same way"));
    }
    s.push_str(". ");
    let outputs = noun(r, "output", "outputs");
    match proj {
        None => {
            let not = if m == n { String::new() } else { format!(", not {m} × {m}") };
            s.push_str(&format!(
                "U is n × n = {n} × {n}{not}: it multiplies h(t−1), the layer's own {n} {outputs} from the step \
                 before, not the input."
            ));
        }
        Some(p) => s.push_str(&format!(
            "U is n × p = {n} × {p}: it multiplies h(t−1), the layer's own {p} projected {outputs} from the step \
             before, not the input."
        )),
    }
    s
}

/// The page title: the layer and its count, "Keras LSTM(256) on 4,096 input features: 4,457,472 parameters".
///
/// ```
/// use rnn_params_model::{count, summary::title, Config};
/// assert_eq!(title(&count(&Config::default()).unwrap()), "Keras LSTM(256) on 4,096 input features: 4,457,472 parameters");
/// ```
pub fn title(b: &Breakdown) -> String {
    format!("{}: {} {}", b.config.describe(), grouped(b.total), noun(b.total, "parameter", "parameters"))
}

/// The page's description (`<meta name="description">`, Open Graph `og:description`): the one-line
/// arithmetic and what the page shows, "4 × ((4096 + 256 + 1) × 256) = 4,457,472: how Keras counts
/// the parameters of LSTM(256) on 4,096 input features, with the arithmetic and the gates they come from."
///
/// ```
/// use rnn_params_model::{count, summary::description, Config};
/// let d = description(&count(&Config::default()).unwrap());
/// assert!(d.contains("= 4,457,472: how Keras counts the parameters of LSTM(256) on 4,096 input features"), "{d}");
/// ```
pub fn description(b: &Breakdown) -> String {
    let layer = b.config.describe();
    let framework = b.config.framework.to_string();
    let layer = layer.strip_prefix(&format!("{framework} ")).unwrap_or(&layer).to_owned();
    format!(
        "{}: how {framework} counts the parameters of {layer}, with the arithmetic and the gates they come from.",
        crate::arithmetic::arithmetic(b).summary
    )
}
