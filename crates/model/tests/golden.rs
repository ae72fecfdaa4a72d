//! Every row of the real frameworks' ground truth (`tests/data/`, copied from `shared/golden/`) must
//! equal the model: totals, each layer's count and input size, every tensor's name, path and shape
//! in order, and the refusals.

mod common;

use common::{config_of, rows};
use rnn_params_model::bounds::{Layers, Size};
use rnn_params_model::code::{keras_code, pytorch_constructor};
use rnn_params_model::{count, Cell, Config, CountError, Framework};
use serde_json::Value;

fn shape(v: &Value) -> Vec<u64> {
    v.as_array().unwrap().iter().map(|d| d.as_u64().unwrap()).collect()
}

/// Checks one framework's rows; returns how many were compared.
fn check_file(file: &str, framework: Framework) -> usize {
    let rows = rows(file);
    assert!(rows.len() > 250, "{file} has only {} rows", rows.len());
    for row in &rows {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        let config = config_of(framework, c);
        if let Some(error) = row.get("error") {
            match count(&config) {
                Err(CountError::Refused(r)) => {
                    // The framework's own words, after "ValueError: ", appear in our message.
                    let words = error.as_str().unwrap().trim_start_matches("ValueError: ");
                    assert!(r.to_string().contains(words), "{id}: message {r} lacks {words}");
                }
                other => panic!("{id}: the framework refused ({error}) but the model gave {other:?}"),
            }
            continue;
        }
        let b = count(&config).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(b.total, row["total_params"].as_u64().unwrap(), "{id}: total");
        if let Some(m) = row.get("model_count_params") {
            assert_eq!(b.total, m.as_u64().unwrap(), "{id}: model.count_params()");
        }
        let layers = row["layers"].as_array().unwrap();
        assert_eq!(b.layers.len(), layers.len(), "{id}: layers");
        for (mine, theirs) in b.layers.iter().zip(layers) {
            let params = theirs.get("params").or(theirs.get("count_params")).unwrap();
            assert_eq!(mine.params, params.as_u64().unwrap(), "{id}: layer {} params", mine.index);
            assert_eq!(mine.input_size, theirs["input_size_seen"].as_u64().unwrap(), "{id}: layer input");
        }
        let weights = row["weights"].as_array().unwrap();
        let tensors: Vec<_> = b.tensors().collect();
        assert_eq!(tensors.len(), weights.len(), "{id}: tensor count");
        for (t, w) in tensors.iter().zip(weights) {
            assert_eq!(t.name, w["name"].as_str().unwrap(), "{id}: name");
            assert_eq!(t.shape, shape(&w["shape"]), "{id}: shape of {}", t.name);
            assert_eq!(t.count, w["numel"].as_u64().unwrap(), "{id}: numel of {}", t.name);
            if let Some(path) = w.get("path") {
                assert_eq!(t.path, path.as_str().unwrap(), "{id}: path");
            }
            if let Some(layer) = w.get("layer") {
                assert_eq!(t.layer as u64, layer.as_u64().unwrap(), "{id}: layer of {}", t.name);
            }
        }
    }
    rows.len()
}

#[test]
fn every_keras_row_matches() {
    assert_eq!(check_file("keras.jsonl", Framework::Keras), 302);
}

#[test]
fn every_pytorch_row_matches() {
    assert_eq!(check_file("pytorch.jsonl", Framework::PyTorch), 270);
}

#[test]
fn issue_2_single_layer_keras_rows_match() {
    // The first issue's scope: single layer, bias on, default reset_after, uni and bidirectional.
    let mut seen = 0;
    for row in rows("keras.jsonl") {
        let c = &row["config"];
        let single = c["num_layers"] == 1 && c["bias"] == true && c["reset_after"] != false;
        if single {
            let b = count(&config_of(Framework::Keras, c)).unwrap();
            assert_eq!(b.total, row["total_params"].as_u64().unwrap(), "{}", c["id"]);
            seen += 1;
        }
    }
    assert!(seen >= 90, "only {seen} rows");
}

#[test]
fn the_public_cases_the_widget_can_express_match() {
    let path = format!("{}/tests/data/cases.json", env!("CARGO_MANIFEST_DIR"));
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut checked = 0;
    for case in &cases {
        let framework = match case["framework"].as_str().unwrap() {
            "keras" => Framework::Keras,
            "pytorch" => Framework::PyTorch,
            _ => continue, // TF1, ConvLSTM2D and peephole notes: not something the widget builds.
        };
        let Some(cell) = case["cell"].as_str().and_then(Cell::from_key) else { continue };
        let config = Config {
            framework,
            cell,
            input_size: Size::new(case["input_size"].as_u64().unwrap()).unwrap(),
            units: Size::new(case["units"].as_u64().unwrap()).unwrap(),
            bidirectional: case["bidirectional"].as_bool().unwrap(),
            bias: case["bias"].as_bool().unwrap(),
            reset_after: case["reset_after"].as_bool().unwrap_or(true),
            layers: Layers::new(case["num_layers"].as_u64().unwrap()).unwrap(),
            ..Config::default()
        };
        let reported = case["reported_by_framework"].as_u64().unwrap();
        assert_eq!(count(&config).unwrap().total, reported, "{}", case["id"]);
        if let Some(claimed) = case["claimed_by_user"].as_u64() {
            assert_ne!(claimed, reported, "{}: the case is a confusion", case["id"]);
        }
        checked += 1;
    }
    assert_eq!(checked, 21, "cases the widget can express");
}

#[test]
fn the_code_export_is_the_code_that_produced_each_row() {
    let mut checked = 0;
    for row in rows("pytorch.jsonl") {
        let c = &row["config"];
        if c.get("extra").is_some() || row.get("error").is_some() {
            continue; // batch_first, dropout, nonlinearity: arguments the widget does not write.
        }
        let config = config_of(Framework::PyTorch, c);
        assert_eq!(pytorch_constructor(&config), row["constructor"].as_str().unwrap(), "{}", c["id"]);
        checked += 1;
    }
    for row in rows("keras.jsonl") {
        let c = &row["config"];
        let bidirectional_without_merge = c["bidirectional"] == true && c["merge_mode"].is_null();
        if c.get("extra").is_some() || bidirectional_without_merge {
            continue; // activation=..., merge_mode=None: arguments the widget does not write.
        }
        let config = config_of(Framework::Keras, c);
        let steps = c["time_steps"].as_u64().map(|t| t as u32);
        assert_eq!(keras_code(&config, steps), row["code"].as_str().unwrap(), "{}", c["id"]);
        checked += 1;
    }
    assert!(checked > 540, "only {checked} rows");
}

#[test]
fn the_split_by_role_is_the_frameworks_tensors_summed_by_kind() {
    // The composition plot's parts: input weights (kernel, weight_ih), recurrent weights
    // (recurrent_kernel, weight_hh), biases (bias, bias_ih, bias_hh) and projection (weight_hr).
    for (file, framework) in [("keras.jsonl", Framework::Keras), ("pytorch.jsonl", Framework::PyTorch)] {
        for row in rows(file) {
            if row.get("error").is_some() {
                continue;
            }
            let c = &row["config"];
            let mut sums = [0u64; 4];
            for w in row["weights"].as_array().unwrap() {
                let name = w["name"].as_str().unwrap();
                let k = if name == "kernel" || name.starts_with("weight_ih") {
                    0
                } else if name == "recurrent_kernel" || name.starts_with("weight_hh") {
                    1
                } else if name.starts_with("bias") {
                    2
                } else {
                    assert!(name.starts_with("weight_hr"), "{name}");
                    3
                };
                sums[k] += w["numel"].as_u64().unwrap();
            }
            let parts = rnn_params_model::parts(&config_of(framework, c)).unwrap();
            assert_eq!(
                [parts.input_weights, parts.recurrent_weights, parts.biases, parts.projection],
                sums,
                "{}",
                c["id"]
            );
        }
    }
}
