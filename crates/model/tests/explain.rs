//! The arithmetic and the cross-framework comparison, checked on every ground-truth row: the
//! summary ends in the framework's total, the equivalent forms agree, and the other framework's
//! count equals what that framework reported for the same layer.

mod common;

use common::{accepted, config_of, rows};
use rnn_params_model::arithmetic::arithmetic;
use rnn_params_model::compare::{compare, Comparison};
use rnn_params_model::format::grouped;
use rnn_params_model::{count, Config, Framework};
use std::collections::HashMap;

#[test]
fn the_arithmetic_of_every_row_ends_in_the_reported_total() {
    for (config, reported, id) in accepted() {
        let b = count(&config).unwrap();
        let a = arithmetic(&b);
        assert!(a.summary.ends_with(&format!(" = {}", grouped(reported))), "{id}: {}", a.summary);
        assert_eq!(a.steps.last().unwrap().value, reported, "{id}");
        assert_eq!(a.steps.last().unwrap().key, "total");
        assert_eq!(a.forms_target, b.layers[0].directions[0].params, "{id}");
        for form in &a.forms {
            assert_eq!(form.value, Some(a.forms_target), "{id}: {} = {}", form.symbolic, form.numeric);
        }
        assert_eq!(a.gates.len() as u64, config.cell.gate_blocks(), "{id}");
        let block = b.layers[0].block.params();
        assert!(a.gates.iter().all(|g| g.value == block), "{id}");
        // The steps multiply up: gate blocks times one block is the direction's gate weights.
        let gates_step = a.steps.iter().find(|s| s.key == "gates").unwrap();
        assert_eq!(gates_step.value, block * config.cell.gate_blocks(), "{id}");
    }
}

#[test]
fn the_summary_reads_as_in_the_classic_answers() {
    let keras = Config::default();
    let cases = [
        (keras, "4 × ((4096 + 256 + 1) × 256) = 4,457,472"),
        (Config { framework: Framework::PyTorch, ..keras }, "4 × ((4096 + 256 + 2) × 256) = 4,458,496"),
        (Config { bidirectional: true, ..keras }, "2 × 4 × ((4096 + 256 + 1) × 256) = 8,914,944"),
        (Config { cell: rnn_params_model::Cell::Gru, ..keras }, "3 × ((4096 + 256 + 2) × 256) = 3,343,872"),
    ];
    for (config, expected) in cases {
        assert_eq!(arithmetic(&count(&config).unwrap()).summary, expected);
    }
}

/// The fields both frameworks share, used to pair a Keras row with the PyTorch row of the same layer.
fn shared_key(c: &Config) -> (String, u32, u32, bool, bool, u8) {
    (c.cell.key().into(), c.input_size.get(), c.units.get(), c.bidirectional, c.bias, c.layers.get())
}

#[test]
fn the_other_framework_count_is_what_that_framework_reported() {
    let mut torch = HashMap::new();
    for row in rows("pytorch.jsonl") {
        let c = &row["config"];
        if row.get("error").is_none() && c["proj_size"] == 0 && c.get("extra").is_none() {
            torch.insert(shared_key(&config_of(Framework::PyTorch, c)), row["total_params"].as_u64().unwrap());
        }
    }
    let mut keras = HashMap::new();
    for row in rows("keras.jsonl") {
        let c = &row["config"];
        let defaults = c["reset_after"] != false && (c["merge_mode"].is_null() || c["merge_mode"] == "concat");
        if defaults && c.get("extra").is_none() {
            keras.insert(shared_key(&config_of(Framework::Keras, c)), row["total_params"].as_u64().unwrap());
        }
    }
    let mut paired = 0;
    for (config, _, id) in accepted() {
        let expected = match config.framework {
            Framework::Keras => torch.get(&shared_key(&config)),
            Framework::PyTorch => keras.get(&shared_key(&config)),
        };
        let comparison = compare(&config).unwrap();
        if let Some(expected) = expected {
            if config.projection().is_none() {
                assert_eq!(comparison.total(), Some(*expected), "{id}: {}", comparison.line());
                paired += 1;
            }
        }
        if let Comparison::Differs { difference, reasons, .. } = &comparison {
            let explained: u64 = reasons.iter().map(|r| r.params).sum();
            assert_eq!(explained, *difference, "{id}: {}", comparison.line());
        }
        if config.projection().is_some() {
            assert!(matches!(comparison, Comparison::Inexpressible { .. }), "{id}");
        }
    }
    assert!(paired > 300, "only {paired} rows had a counterpart in the other framework's file");
}

#[test]
fn the_comparison_lines_read_well() {
    let keras = Config::default();
    assert_eq!(
        compare(&keras).unwrap().line(),
        "PyTorch: 4,458,496 — 1,024 more: PyTorch keeps a second bias vector per gate block (b_ih and b_hh)"
    );
    let gru = Config { cell: rnn_params_model::Cell::Gru, ..keras };
    assert!(compare(&gru).unwrap().line().starts_with("PyTorch: 3,343,872 — the same"));
    let torch = Config { framework: Framework::PyTorch, ..keras };
    assert!(compare(&torch).unwrap().line().starts_with("Keras: 4,457,472 — 1,024 fewer"));
}

#[test]
fn the_description_names_every_setting_that_changes_the_count() {
    let torch = config_of(
        Framework::PyTorch,
        &common::rows("pytorch.jsonl")
            .into_iter()
            .find(|r| r["config"]["id"] == "pt-0294-lstm-m3-n32-L2-bi-bias-p8-T5")
            .unwrap()["config"],
    );
    assert_eq!(torch.describe(), "PyTorch bidirectional LSTM(32) on 3 input features, 2 layers, proj_size 8");
    let keras = config_of(
        Framework::Keras,
        &common::rows("keras.jsonl")
            .into_iter()
            .find(|r| r["config"]["id"] == "ks-0336-gru-m4096-n256-L3-bi-bias-ra0-mm-sum-T16")
            .unwrap()["config"],
    );
    assert_eq!(
        keras.describe(),
        "Keras bidirectional GRU(256) on 4,096 input features, 3 layers, merge_mode sum, reset_after=False"
    );
    // With a projection the recurrent weights grow linearly in n, and the sentence says so.
    let sentence = rnn_params_model::scaling::sentence(&torch, rnn_params_model::state::PlotAxis::Units);
    assert!(sentence.contains("not with n²"), "{sentence}");
    // The derivation of a stack says why layer 2 sees what it sees.
    let a = arithmetic(&count(&torch).unwrap());
    let layers = a.steps.iter().find(|s| s.key == "layers").unwrap();
    assert!(layers.label.starts_with("+ layer 2, which sees 16 input features (2 × p"), "{}", layers.label);
    assert_eq!(layers.expr, "3,840 + 7,168");
}

#[test]
fn the_comparison_counts_what_the_framework_switch_shows_with_keras_settings_kept() {
    use rnn_params_model::{Cell, MergeMode};
    let parse = |q: &str| rnn_params_model::state::parse_query(q).0.config;
    // Found by an adversarial tester: PyTorch kept the Keras-only settings, the line assumed defaults.
    let gru = parse("framework=pytorch&cell=gru&input=10&units=20&reset_after=0");
    assert_eq!(gru.cell, Cell::Gru);
    assert!(!gru.reset_after);
    let line = compare(&gru).unwrap().line();
    assert_eq!(
        line,
        "Keras: 1,860 — 60 fewer: Keras with reset_after=False keeps one bias vector per gate block, PyTorch \
         two (b_ih and b_hh)"
    );
    let stack = parse("framework=pytorch&cell=lstm&input=10&units=20&bidir=1&layers=3&merge=sum");
    assert_eq!(stack.merge, MergeMode::Sum);
    assert!(compare(&stack).unwrap().line().starts_with("Keras: 18,080 — "), "{}", compare(&stack).unwrap().line());
    // In general: the other framework's count is the total after switching the framework, and its
    // reasons account for the whole difference.
    for framework in [Framework::Keras, Framework::PyTorch] {
        for cell in Cell::ALL {
            for merge in MergeMode::ALL {
                for (reset_after, layers) in [(true, 1), (false, 2), (true, 3), (false, 16)] {
                    let base = parse(&format!("cell={}&input=10&units=20&bidir=1&layers={layers}", cell.key()));
                    let c = Config { framework, merge, reset_after, ..base };
                    let other_framework =
                        if framework == Framework::Keras { Framework::PyTorch } else { Framework::Keras };
                    let other = Config { framework: other_framework, ..c };
                    let comparison = compare(&c).unwrap();
                    assert_eq!(comparison.total(), Some(count::total(&other).unwrap()), "{}", comparison.line());
                    if let Comparison::Differs { difference, reasons, .. } = &comparison {
                        assert_eq!(reasons.iter().map(|r| r.params).sum::<u64>(), *difference, "{}", comparison.line());
                    }
                }
            }
        }
    }
}
