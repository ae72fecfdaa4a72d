//! What grows with the sequence, checked against torchinfo 1.8.0's own output (`tests/data/`,
//! copied from `shared/golden/`) and against the parameter count.

mod common;

use common::{accepted, config_of, rows};
use proptest::prelude::*;
use rnn_params_model::bounds::{Batch, Layers, ProjSize, Size, Steps};
use rnn_params_model::cost::{
    cost, fixed_point, format_bytes, grouped128, growth_sentence, si, torchinfo_cell_mult_adds, torchinfo_difference,
    weight_bytes, Precision,
};
use rnn_params_model::{count, parts, Cell, Config, CountError, Framework, MergeMode};
use serde_json::Value;

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a whole number: {v}"))
}

fn steps(t: u64) -> Steps {
    Steps::new(t).unwrap()
}

fn batch(b: u64) -> Batch {
    Batch::new(b).unwrap()
}

/// torchinfo's printed "Total mult-adds (Units.X): y" and "Params size (MB): z", from its text.
fn printed(text: &str) -> (u128, String, String) {
    let line = text.lines().find(|l| l.starts_with("Total mult-adds (Units.")).unwrap();
    let (unit, value) = line.trim_start_matches("Total mult-adds (Units.").split_once("): ").unwrap();
    let divisor = match unit {
        "MEGABYTES" => 1_000_000,
        "GIGABYTES" => 1_000_000_000,
        "TERABYTES" => 1_000_000_000_000,
        other => panic!("unit {other}"),
    };
    let params = text.lines().find_map(|l| l.strip_prefix("Params size (MB): ")).unwrap();
    (divisor, value.trim().to_owned(), params.trim().to_owned())
}

/// `(B, T)` from an input shape and `batch_first`.
fn batch_and_steps(shape: &[Value], batch_first: bool) -> (u64, u64) {
    if batch_first {
        (u(&shape[0]), u(&shape[1]))
    } else {
        (u(&shape[1]), u(&shape[0]))
    }
}

/// `pytorch_cells.jsonl`, section `D-torchinfo`: 8 `nn.RNN/GRU/LSTM` rows (layer rule) and one
/// `nn.LSTMCell` row (cell rule). The other 74 rows of the file carry no torchinfo figure.
#[test]
fn torchinfo_rows_of_pytorch_cells_match() {
    let (mut layers, mut cells, mut without) = (0, 0, 0);
    for row in rows("pytorch_cells.jsonl") {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        let Some(ti) = row.get("torchinfo") else {
            without += 1;
            continue;
        };
        let config = config_of(Framework::PyTorch, c);
        let b = count(&config).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(b.total, u(&ti["total_params"]), "{id}: params");
        let shape = ti["input_size"].as_array().unwrap();
        let (bs, want) = (batch(u(&ti["batch"])), u(&ti["total_mult_adds"]) as u128);
        match c["kind"].as_str().unwrap() {
            "seq" => {
                let t = steps(u(&ti["seq_len"]));
                assert_eq!(batch_and_steps(shape, ti["batch_first"] == true), (bs.wide(), t.wide()), "{id}");
                let got = cost(&b, t, bs).unwrap();
                assert_eq!(got.torchinfo_mult_adds, Some(want), "{id}: torchinfo mult-adds");
                // The plain count leaves out exactly the biases, once per step and sequence.
                let bias_part = b.parts.biases as u128 * t.get() as u128 * bs.get() as u128;
                assert_eq!(got.multiply_adds.per_batch + bias_part, want, "{id}");
                layers += 1;
            }
            "cell" => {
                assert_eq!(shape.len(), 2, "{id}: a cell's input is (B, m)");
                assert_eq!(u(&shape[0]), bs.wide(), "{id}");
                assert_eq!(torchinfo_cell_mult_adds(b.total, config.units, bs), want, "{id}: cell rule");
                cells += 1;
            }
            other => panic!("{id}: kind {other}"),
        }
    }
    assert_eq!((layers, cells, without), (8, 1, 74));
}

/// `models_pytorch.jsonl`: every model torchinfo could summarise has one `nn.RNN/GRU/LSTM`
/// attribute; its summary line's `mult_adds` is the layer rule on that layer. All 75 such rows are
/// expressible: `nonlinearity`, `dropout` and `batch_first` change neither the parameters nor
/// torchinfo's figure. Skipped: the 4 `errors` rows without a torchinfo summary (PyTorch refused the
/// model, or its forward pass failed).
#[test]
fn torchinfo_rows_of_whole_models_match() {
    let (mut checked, mut skipped) = (0, 0);
    for row in rows("models_pytorch.jsonl") {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        let Some(ti) = row.get("torchinfo") else {
            assert!(row.get("error").is_some(), "{id}: no torchinfo and no error");
            skipped += 1;
            continue;
        };
        let recurrent: Vec<&Value> =
            c["layers"].as_array().unwrap().iter().filter(|l| l["type"] == "recurrent").collect();
        assert_eq!(recurrent.len(), 1, "{id}");
        let r = recurrent[0];
        let config = Config {
            framework: Framework::PyTorch,
            cell: Cell::from_key(r["cell"].as_str().unwrap()).unwrap(),
            input_size: Size::new(u(&r["input_size"])).unwrap(),
            units: Size::new(u(&r["units"])).unwrap(),
            bidirectional: r["bidirectional"].as_bool().unwrap(),
            bias: r["bias"].as_bool().unwrap(),
            layers: Layers::new(u(&r["num_layers"])).unwrap(),
            proj_size: ProjSize::new(u(&r["proj_size"])).unwrap(),
            ..Config::default()
        };
        let attr = row["layers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| matches!(l["class_name"].as_str(), Some("RNN" | "GRU" | "LSTM")))
            .unwrap()["attr"]
            .clone();
        let line = ti["rows"].as_array().unwrap().iter().find(|l| l["var_name"] == attr).unwrap();
        let (b_size, t) = batch_and_steps(row["forward"]["input_shape"].as_array().unwrap(), r["batch_first"] == true);
        if let Some(time_steps) = c["input"]["time_steps"].as_u64() {
            assert_eq!(t, time_steps, "{id}");
        }
        let b = count(&config).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(b.total, u(&line["num_params"]), "{id}: params");
        let got = cost(&b, steps(t), batch(b_size)).unwrap();
        assert_eq!(got.torchinfo_mult_adds, Some(u(&line["mult_adds"]) as u128), "{id}: mult-adds");
        checked += 1;
    }
    assert_eq!((checked, skipped), (75, 4));
}

/// torchinfo prints "Total mult-adds (Units.MEGABYTES): 445.85" and "Params size (MB): 17.83":
/// powers of 1000, two decimals. The integer-only formatters give the same text for all 84 rows.
#[test]
fn the_formatters_print_what_torchinfo_prints() {
    let mut checked = 0;
    for file in ["pytorch_cells.jsonl", "models_pytorch.jsonl"] {
        for row in rows(file) {
            let Some(ti) = row.get("torchinfo") else { continue };
            let (divisor, mult_adds, params_mb) = printed(ti["text"].as_str().unwrap());
            let total = u(&ti["total_mult_adds"]) as u128;
            assert_eq!(fixed_point(total, divisor, 2).unwrap(), mult_adds, "{}", row["config"]["id"]);
            let bytes = weight_bytes(u(&ti["total_params"]), Precision::Float32);
            assert_eq!(fixed_point(bytes, 1_000_000, 2).unwrap(), params_mb, "{}", row["config"]["id"]);
            if (1_000_000..1_000_000_000).contains(&bytes) {
                assert_eq!(format_bytes(bytes), format!("{params_mb} MB"));
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 84);
}

#[test]
fn bytes_are_parameters_times_width_for_every_ground_truth_row() {
    let rows = accepted();
    assert!(rows.len() > 500, "only {} rows", rows.len());
    for (config, total, id) in rows {
        let b = count(&config).unwrap();
        assert_eq!(b.total, total, "{id}");
        for (precision, width) in
            [(Precision::Float32, 4), (Precision::BFloat16, 2), (Precision::Float16, 2), (Precision::Int8, 1)]
        {
            assert_eq!(weight_bytes(total, precision), total as u128 * width, "{id}: {}", precision.label());
        }
    }
}

#[test]
fn the_classic_keras_lstm_sentence_for_16_steps() {
    // Keras LSTM(256) on 4096 inputs: 4,457,472 parameters (keras.jsonl); 4·256·(4096 + 256) =
    // 4,456,448 multiply-adds per step, 71,303,168 for 16 steps.
    let b = count(&Config::default()).unwrap();
    assert_eq!(b.total, 4_457_472);
    let c = cost(&b, steps(16), Batch::ONE).unwrap();
    assert_eq!(c.multiply_adds.per_step, 4_456_448);
    assert_eq!(c.multiply_adds.per_sequence, 71_303_168);
    assert_eq!(
        growth_sentence(&c),
        "4,457,472 parameters whatever T; 71.3 M multiply-adds for T = 16, 16 × as many as for T = 1."
    );
    assert_eq!(c.elementwise.per_step, 17 * 256);
    assert_eq!(c.activation_bytes, 7 * 256 * 4 * 16);
    assert_eq!(c.torchinfo_mult_adds, None);
    assert_eq!(torchinfo_difference(&c), None);
}

fn largest(framework: Framework, cell: Cell) -> Config {
    let big = Size::new(1_048_576).unwrap();
    Config {
        framework,
        cell,
        input_size: big,
        units: big,
        bidirectional: true,
        layers: Layers::new(16).unwrap(),
        ..Config::default()
    }
}

#[test]
fn the_largest_configuration_does_not_overflow() {
    let (t, bs) = (steps(1_000_000), batch(65_536));
    let mut configs = Vec::new();
    for framework in Framework::ALL {
        for cell in Cell::ALL {
            configs.push(largest(framework, cell));
        }
    }
    configs.push(Config { proj_size: ProjSize::new(1_048_575).unwrap(), ..largest(Framework::PyTorch, Cell::Lstm) });
    configs.push(Config { merge: MergeMode::Ave, ..largest(Framework::Keras, Cell::Gru) });
    for config in configs {
        let b = count(&config).unwrap();
        let c = cost(&b, t, bs).unwrap();
        let tb = 1_000_000u128 * 65_536;
        assert_eq!(c.multiply_adds.per_step, (b.total - b.parts.biases) as u128, "{}", config.describe());
        assert_eq!(c.multiply_adds.per_batch, c.multiply_adds.per_step * tb);
        assert_eq!(c.elementwise.per_batch, c.elementwise.per_step * tb);
        assert_eq!(c.activation_bytes, c.stored_per_step * 4 * tb);
        assert!(c.multiply_adds.per_batch < 1 << 90);
        if config.framework == Framework::PyTorch {
            assert_eq!(c.torchinfo_mult_adds, Some(b.total as u128 * tb));
            assert!(torchinfo_difference(&c).is_some());
        }
        // Formatting the figures never panics.
        for v in [c.multiply_adds.per_batch, c.elementwise.per_batch, c.activation_bytes, u128::MAX] {
            assert!(!si(v).is_empty() && !format_bytes(v).is_empty() && !grouped128(v).is_empty());
        }
        assert!(growth_sentence(&c).contains("1,000,000"));
    }
}

#[test]
fn a_breakdown_beyond_u128_is_reported_not_wrapped() {
    // Only a hand-built breakdown outside the bounds can leave u128.
    let mut b = count(&largest(Framework::PyTorch, Cell::Lstm)).unwrap();
    for layer in &mut b.layers {
        layer.block.input_size = u64::MAX;
        layer.block.units = u64::MAX;
    }
    assert_eq!(cost(&b, steps(1_000_000), batch(65_536)), Err(CountError::Overflow));
}

fn any_config() -> impl Strategy<Value = Config> {
    (
        prop::sample::select(Framework::ALL.to_vec()),
        prop::sample::select(Cell::ALL.to_vec()),
        1u64..=5000,
        1u64..=2000,
        1u64..=4,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(MergeMode::ALL.to_vec()),
        0u64..=1999,
    )
        .prop_map(|(framework, cell, m, n, layers, bidirectional, bias, reset_after, merge, p)| {
            let proj = if framework == Framework::PyTorch && cell == Cell::Lstm && p < n { p } else { 0 };
            Config {
                framework,
                cell,
                input_size: Size::new(m).unwrap(),
                units: Size::new(n).unwrap(),
                bidirectional,
                bias,
                reset_after,
                layers: Layers::new(layers).unwrap(),
                merge,
                proj_size: ProjSize::new(proj).unwrap(),
                kind: rnn_params_model::kind::Kind::Layer,
            }
        })
}

proptest! {
    #[test]
    fn multiply_adds_are_linear_in_t_and_in_batch(
        config in any_config(),
        t1 in 1u64..=500_000,
        t2 in 1u64..=500_000,
        b1 in 1u64..=32_768,
        b2 in 1u64..=32_768,
    ) {
        let b = count(&config).unwrap();
        let at = |t: u64, bs: u64| cost(&b, steps(t), batch(bs)).unwrap();
        let (one, a, c, ab) = (at(1, 1), at(t1, b1), at(t2, b1), at(t1 + t2, b1));
        // Additive in T at a fixed batch, and proportional to T·B.
        prop_assert_eq!(ab.multiply_adds.per_batch, a.multiply_adds.per_batch + c.multiply_adds.per_batch);
        prop_assert_eq!(ab.elementwise.per_batch, a.elementwise.per_batch + c.elementwise.per_batch);
        prop_assert_eq!(ab.activation_bytes, a.activation_bytes + c.activation_bytes);
        let d = at(t1, b1 + b2);
        prop_assert_eq!(d.multiply_adds.per_batch, a.multiply_adds.per_batch + at(t1, b2).multiply_adds.per_batch);
        let tb = t1 as u128 * b1 as u128;
        prop_assert_eq!(a.multiply_adds.per_batch, one.multiply_adds.per_step * tb);
        prop_assert_eq!(a.multiply_adds.per_sequence, one.multiply_adds.per_step * t1 as u128);
        // The parameters do not grow; the matrix products use every weight once per step.
        prop_assert_eq!(a.params, one.params);
        let p = parts(&config).unwrap();
        prop_assert_eq!(one.multiply_adds.per_step, (p.input_weights + p.recurrent_weights + p.projection) as u128);
        if config.framework == Framework::PyTorch {
            prop_assert_eq!(a.torchinfo_mult_adds, Some(a.multiply_adds.per_batch + p.biases as u128 * tb));
        }
        for precision in Precision::ALL {
            prop_assert_eq!(weight_bytes(a.params, precision), a.params as u128 * precision.bytes() as u128);
        }
    }
}
