//! The arithmetic of issue 17's layer families, on every accepted golden row of
//! `keras_convlstm.jsonl`, `flax.jsonl`, `pytorch_cells.jsonl` and `tf_legacy.jsonl`: the per-gate
//! terms (with TF1's peepholes and projection) add up to one direction of layer 1, the derivation
//! ends at the framework's total, and the one-line summary, evaluated here as arithmetic, gives
//! the framework's total.

mod common;

use common::kinds::golden_kinds;
use rnn_params_model::arithmetic::arithmetic;
use rnn_params_model::kind::{Conv, Kind};
use rnn_params_model::{count, Cell, Gate};

/// Evaluates `a + b × (c + d)` with grouped numbers (`36,864`): × binds tighter than +.
fn eval(s: &str) -> u64 {
    fn expr(t: &[char], i: &mut usize) -> u64 {
        let mut v = term(t, i);
        while *i < t.len() && t[*i] == '+' {
            *i += 1;
            v += term(t, i);
        }
        v
    }
    fn term(t: &[char], i: &mut usize) -> u64 {
        let mut v = atom(t, i);
        while *i < t.len() && t[*i] == '×' {
            *i += 1;
            v *= atom(t, i);
        }
        v
    }
    fn atom(t: &[char], i: &mut usize) -> u64 {
        if t[*i] == '(' {
            *i += 1;
            let v = expr(t, i);
            assert_eq!(t[*i], ')');
            *i += 1;
            return v;
        }
        let start = *i;
        while *i < t.len() && (t[*i].is_ascii_digit() || t[*i] == ',') {
            *i += 1;
        }
        let digits: String = t[start..*i].iter().filter(|c| c.is_ascii_digit()).collect();
        digits.parse().unwrap_or_else(|_| panic!("a number at {start} in {}", t.iter().collect::<String>()))
    }
    let t: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut i = 0;
    let v = expr(&t, &mut i);
    assert_eq!(i, t.len(), "unread text in {s}");
    v
}

#[test]
fn every_golden_rows_gate_terms_add_up_to_its_total() {
    let mut rows = 0;
    for (id, config, total) in golden_kinds() {
        let b = count(&config).unwrap();
        let a = arithmetic(&b);
        assert_eq!(a.total, total, "{id}");
        // The summary's left side, evaluated on its own, is the framework's total.
        let (lhs, rest) = a.summary.split_once(" = ").unwrap();
        assert_eq!(eval(lhs), total, "{id}: {}", a.summary);
        assert!(rest.starts_with(&rnn_params_model::format::grouped(total)), "{id}: {}", a.summary);
        // Layer 1, one direction: the gate terms, then peepholes and projection.
        let gates: u64 = a.gates.iter().map(|g| g.value).sum();
        let step = |key: &str| a.steps.iter().find(|s| s.key == key).map(|s| s.value);
        assert_eq!(step("gates"), Some(gates), "{id}");
        let extras = ["peepholes", "projection"].iter().filter_map(|k| step(k)).next_back().unwrap_or(gates);
        assert_eq!(extras, b.layers[0].directions[0].params, "{id}");
        // Each gate term's own arithmetic gives its value.
        for g in &a.gates {
            let numbers: String =
                g.expr.split(" + ").map(|part| part.split_once(' ').unwrap().1).collect::<Vec<_>>().join(" + ");
            assert_eq!(eval(&numbers), g.value, "{id}: {}", g.expr);
        }
        // The classic answers' forms, where the family has their shape, each give one direction
        // of layer 1.
        for f in &a.forms {
            assert_eq!(f.value, Some(b.layers[0].directions[0].params), "{id}: {}", f.numeric);
            assert_eq!(a.forms_target, b.layers[0].directions[0].params, "{id}");
        }
        if matches!(config.kind, Kind::TorchCell | Kind::CuDnn | Kind::Keras2) {
            assert_eq!(a.forms.len(), 3, "{id}");
        }
        if matches!(config.kind, Kind::ConvLstm(_)) {
            assert!(a.forms.is_empty() && a.forms_target == total, "{id}");
        }
        // The derivation ends at the total.
        assert_eq!(a.steps.last().unwrap().value, total, "{id}");
        let before_total = &a.steps[a.steps.len() - 2];
        assert_eq!(before_total.value, total, "{id}: {:?}", a.steps);
        assert_eq!(eval(&before_total.expr), total, "{id}: {}", before_total.expr);
        rows += 1;
    }
    assert!(rows > 250, "{rows}");
}

#[test]
fn each_family_writes_its_own_gate_terms() {
    let pick = |prefix: &str| golden_kinds().into_iter().find(|(id, ..)| id.starts_with(prefix)).unwrap().1;
    let terms = |prefix: &str| {
        let a = arithmetic(&count(&pick(prefix)).unwrap());
        (a.gates.iter().map(|g| (g.gate, g.expr.clone())).collect::<Vec<_>>(), a)
    };
    // cl-0011: ConvLSTM2D(64, 3) on 16 channels: K·c·f + K·f² + f per gate, K = 3 × 3.
    let (g, _) = terms("cl-0011-");
    assert_eq!(g.len(), 4);
    assert_eq!(g[0], (Gate::I, "W_i (3 × 3) × 16 × 64 + U_i (3 × 3) × 64 × 64 + b_i 64".to_owned()));
    assert!(matches!(pick("cl-0011-").kind, Kind::ConvLstm(Conv { rank: 2, .. })));
    // tf-0020: LSTMCell(256, num_proj=64, use_peepholes=True) on 4096: i, j (g), f, o; U is n × p;
    // + 3n peepholes, + n·p projection.
    let (g, a) = terms("tf-0020-");
    assert_eq!(g.iter().map(|(gate, _)| *gate).collect::<Vec<_>>(), [Gate::I, Gate::G, Gate::F, Gate::O]);
    assert_eq!(g[0].1, "W_i 256 × 4096 + U_i 256 × 64 + b_i 256");
    assert!(a.steps.iter().any(|s| s.key == "peepholes" && s.expr.ends_with("+ 3 × 256")), "{:?}", a.steps);
    assert!(a.steps.iter().any(|s| s.key == "projection" && s.expr.ends_with("+ 256 × 64")), "{:?}", a.steps);
    // fx-0022: Flax MGUCell(32) on 16: two gates, the n gate with its bias on hn.
    let (g, _) = terms("fx-0022-");
    assert_eq!(
        g,
        [
            (Gate::F, "W_f 32 × 16 + U_f 32 × 32 + b_f 32".to_owned()),
            (Gate::N, "W_n 32 × 16 + U_n 32 × 32 + b_n 2 × 32".to_owned()),
        ]
    );
    // pc-0020: nn.LSTMCell(16, 32): both biases per gate.
    let (g, _) = terms("pc-0020-");
    assert_eq!(g[0].1, "W_i 32 × 16 + U_i 32 × 32 + b_i 2 × 32");
    assert_eq!(pick("pc-0020-").cell, Cell::Lstm);
    // tf-0045: bidirectional CuDNNLSTM(32) on 16: two biases, Keras's order.
    let (g, a) = terms("tf-0045-");
    assert_eq!(g[1].1, "W_f 32 × 16 + U_f 32 × 32 + b_f 2 × 32");
    assert!(a.steps.iter().any(|s| s.key == "directions"));
}
