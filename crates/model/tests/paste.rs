//! The paste reader against real texts: every construction in the ground truth reads back to its
//! configuration and the framework's count; pasted summaries and `print(model)` texts too.

mod common;

use common::{config_of, rows};
use proptest::prelude::*;
use rnn_params_model::paste::{self, PasteError, Reading, MAX_TEXT_BYTES};
use rnn_params_model::{count, Config, Framework};
use serde_json::Value;

fn expect_config(text: &str, want: &Config, id: &str) -> Reading {
    let r = paste::read(text);
    assert_eq!(r.error, None, "{id}: {}\n{text}", r.message());
    assert_eq!(r.config.as_ref(), Some(want), "{id}\n{text}\n{r:#?}");
    r
}

fn check_code_file(file: &str, field: &str, framework: Framework) -> usize {
    let mut n = 0;
    for row in rows(file) {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        let want = config_of(framework, c);
        let r = expect_config(row[field].as_str().unwrap(), &want, id);
        if row.get("error").is_some() {
            assert!(want.check().is_err() && r.refusal.is_some(), "{id}: the framework refused it");
        } else {
            assert_eq!(r.refusal, None, "{id}");
            assert_eq!(count(&want).unwrap().total, row["total_params"].as_u64().unwrap(), "{id}");
            if let (Framework::Keras, Some(t)) = (framework, c["time_steps"].as_u64()) {
                assert_eq!(r.time_steps, Some(t as u32), "{id}: time steps");
            }
        }
        n += 1;
    }
    n
}

#[test]
fn every_keras_code_row_reads_back() {
    assert_eq!(check_code_file("keras.jsonl", "code", Framework::Keras), 302);
}

#[test]
fn every_pytorch_constructor_reads_back() {
    assert_eq!(check_code_file("pytorch.jsonl", "constructor", Framework::PyTorch), 270);
}

#[test]
fn positional_true_is_bias_not_bidirectional() {
    let r = paste::read("nn.LSTM(20, 300, 5, True)");
    let c = r.config.unwrap();
    assert_eq!(count(&c).unwrap().total, 3_276_000);
    assert!(c.bias && !c.bidirectional);
    assert_eq!(c.layers.get(), 5);
    let bias = r.read.iter().find(|f| f.name == "bias").unwrap();
    assert!(bias.from.contains("bias, not bidirectional"), "{}", bias.from);
    assert!(r.assumed.iter().any(|f| f.name == "bidirectional"));
}
