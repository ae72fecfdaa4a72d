//! The first screen's words, checked on every ground-truth row: the labelled formula, evaluated
//! from its own tokens, gives what the framework reported; the time-steps sentence names layer 1's
//! shapes; the title names the layer and the reported total.

mod common;

use common::accepted;
use rnn_params_model::format::grouped;
use rnn_params_model::summary::{formula, steps_note, title, Token};
use rnn_params_model::{count, Config, Framework};

/// Evaluates `a × (b + c) × d + e` (the formula's left side) with the usual precedence.
fn evaluate(tokens: &[Token]) -> u64 {
    fn sum(t: &[Token], i: &mut usize) -> u64 {
        let mut v = product(t, i);
        while *i < t.len() && t[*i].text == "+" {
            *i += 1;
            v += product(t, i);
        }
        v
    }
    fn product(t: &[Token], i: &mut usize) -> u64 {
        let mut v = atom(t, i);
        while *i < t.len() && t[*i].text == "×" {
            *i += 1;
            v *= atom(t, i);
        }
        v
    }
    fn atom(t: &[Token], i: &mut usize) -> u64 {
        if t[*i].text == "(" {
            *i += 1;
            let v = sum(t, i);
            assert_eq!(t[*i].text, ")");
            *i += 1;
            v
        } else {
            let v = t[*i].text.replace(',', "").parse().unwrap_or_else(|_| panic!("a number: {:?}", t[*i]));
            *i += 1;
            v
        }
    }
    let mut i = 0;
    let v = sum(tokens, &mut i);
    assert_eq!(i, tokens.len());
    v
}

#[test]
fn the_labelled_formula_of_every_row_evaluates_to_the_reported_total() {
    for (config, reported, id) in accepted() {
        let b = count(&config).unwrap();
        let f = formula(&b);
        let eq = f.iter().position(|t| t.text == "=").unwrap();
        assert_eq!(evaluate(&f[..eq]), reported, "{id}");
        assert_eq!(f[eq + 1].text, grouped(reported), "{id}");
        // Every number is labelled, no operator is; keys are unique.
        for t in &f {
            let is_op = ["×", "+", "(", ")", "="].contains(&t.text.as_str());
            assert_eq!(t.label.is_empty(), is_op, "{id}: {t:?}");
        }
        let mut keys: Vec<&str> = f.iter().map(|t| t.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), f.len(), "{id}");
        let gates = f.iter().find(|t| t.key == "gates").unwrap();
        assert_eq!(gates.text, config.cell.gate_blocks().to_string(), "{id}");
    }
}

#[test]
fn the_formula_keeps_its_keys_while_only_sizes_change() {
    let keys = |c: &Config| formula(&count(c).unwrap()).into_iter().map(|t| t.key).collect::<Vec<_>>();
    let classic = Config::default();
    let mut wide = classic;
    wide.units = rnn_params_model::bounds::Size::new(1000).unwrap();
    wide.input_size = rnn_params_model::bounds::Size::new(20).unwrap();
    assert_eq!(keys(&classic), keys(&wide));
    assert_ne!(keys(&classic), keys(&Config { bias: false, ..classic }));
}

#[test]
fn the_steps_note_of_every_row_names_layer_1_and_its_recurrent_matrix() {
    for (config, _, id) in accepted() {
        let b = count(&config).unwrap();
        let block = b.layers[0].block;
        let note = steps_note(&b, 16);
        assert!(note.starts_with("Time steps and batch size never enter"), "{id}");
        assert!(note.contains("T = 16 steps"), "{id}");
        let own = b.layers[0].directions[0].params;
        assert_eq!(note.contains(&format!(": {} parameters)", grouped(own))), own != b.total, "{id}: {note}");
        let u = format!("{} × {}", block.units, block.recurrent_width);
        assert!(note.contains(&u), "{id}: {note}");
        assert_eq!(note.contains("backward row has its own"), config.bidirectional, "{id}");
        assert_eq!(note.contains("layer 2 has") || note.contains("layers 2–"), config.layers.get() > 1, "{id}: {note}");
        // The misconception "U is m × m" is named only where m × m differs from U.
        let m = block.input_size;
        assert_eq!(note.contains(&format!("not {m} × {m}")), m != block.units && config.projection().is_none(), "{id}");
    }
}

#[test]
fn the_steps_note_reads_well_for_one_step_and_for_a_projection() {
    let c = Config {
        framework: Framework::PyTorch,
        input_size: rnn_params_model::bounds::Size::new(3).unwrap(),
        units: rnn_params_model::bounds::Size::new(32).unwrap(),
        proj_size: rnn_params_model::bounds::ProjSize::new(8).unwrap(),
        ..Config::default()
    };
    let note = steps_note(&count(&c).unwrap(), 1);
    // One direction of one layer is the whole count: no count named.
    assert!(
        note.starts_with(
            "Time steps and batch size never enter: the same W, U, b and weight_hr serve the one step (T = 1) and"
        ),
        "{note}"
    );
    assert!(note.ends_with("U is n × p = 32 × 8: it multiplies h(t−1), the layer's own 8 projected outputs from the step before, not the input."), "{note}");
    let two = Config { bidirectional: true, layers: rnn_params_model::bounds::Layers::new(2).unwrap(), ..c };
    let note = steps_note(&count(&two).unwrap(), 5);
    // pt-0294: layer 1's forward direction has 1,920 parameters.
    assert!(
        note.contains(
            "the same weights of layer 1 (W, U, b of every block and weight_hr: 1,920 parameters) serve all T = 5 steps"
        ),
        "{note}"
    );
    assert!(
        note.contains(
            "; the backward row has its own weights of the same size; layer 2 has its own, reused the same way. U is"
        ),
        "{note}"
    );
}

#[test]
fn the_title_of_every_row_names_the_layer_and_the_reported_total() {
    for (config, reported, id) in accepted() {
        let t = title(&count(&config).unwrap());
        assert_eq!(t, format!("{}: {} parameters", config.describe(), grouped(reported)), "{id}");
    }
    let torch = Config { framework: Framework::PyTorch, ..Config::default() };
    assert_eq!(title(&count(&torch).unwrap()), "PyTorch LSTM(256) on 4,096 input features: 4,458,496 parameters");
}
