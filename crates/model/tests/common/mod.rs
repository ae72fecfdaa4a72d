//! Reading the ground truth rows shared by the integration tests.

#![allow(dead_code)] // Each test file uses a different part.

pub mod kinds;

use rnn_params_model::bounds::{Layers, ProjSize, Size};
use rnn_params_model::{Cell, Config, Framework, MergeMode};
use serde_json::Value;

/// Every row of `tests/data/{file}` (a copy of `shared/golden/{file}`).
pub fn rows(file: &str) -> Vec<Value> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The configuration a row's `config` describes.
pub fn config_of(framework: Framework, c: &Value) -> Config {
    let u = |k: &str| c[k].as_u64().unwrap_or_else(|| panic!("{k} in {c}"));
    Config {
        framework,
        cell: Cell::from_key(c["cell"].as_str().unwrap()).unwrap(),
        input_size: Size::new(u("input_size")).unwrap(),
        units: Size::new(u("hidden_size")).unwrap(),
        bidirectional: c["bidirectional"].as_bool().unwrap(),
        bias: c["bias"].as_bool().unwrap(),
        reset_after: c["reset_after"].as_bool().unwrap_or(true),
        layers: Layers::new(u("num_layers")).unwrap(),
        merge: c["merge_mode"].as_str().map(|m| MergeMode::from_key(m).unwrap()).unwrap_or(MergeMode::Concat),
        proj_size: ProjSize::new(c["proj_size"].as_u64().unwrap_or(0)).unwrap(),
        kind: rnn_params_model::kind::Kind::Layer,
    }
}

/// The rows of both frameworks that the framework accepted, with their configuration and total.
pub fn accepted() -> Vec<(Config, u64, String)> {
    let mut out = Vec::new();
    for (file, framework) in [("keras.jsonl", Framework::Keras), ("pytorch.jsonl", Framework::PyTorch)] {
        for row in rows(file) {
            if row.get("error").is_none() {
                let c = &row["config"];
                out.push((
                    config_of(framework, c),
                    row["total_params"].as_u64().unwrap(),
                    c["id"].as_str().unwrap().to_owned(),
                ));
            }
        }
    }
    out
}
