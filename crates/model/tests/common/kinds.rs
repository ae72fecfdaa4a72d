//! The configurations the rows of `keras_convlstm.jsonl`, `flax.jsonl`, `pytorch_cells.jsonl` and
//! `tf_legacy.jsonl` describe (issue 17's layer families), for `tests/kinds.rs` and the tests of
//! what the page says about them.

use super::rows;
use rnn_params_model::bounds::{Layers, ProjSize, Size};
use rnn_params_model::kind::{Conv, Flax, FlaxApi, FlaxCell, Kind, Padding, Tf1};
use rnn_params_model::state::parse_query;
use rnn_params_model::{Cell, Config, Framework, MergeMode};
use serde_json::Value;

pub fn shape(v: &Value) -> Vec<u64> {
    v.as_array().unwrap().iter().map(|d| d.as_u64().unwrap()).collect()
}

pub fn size(v: &Value) -> Size {
    Size::new(v.as_u64().unwrap_or_else(|| panic!("not a size: {v}"))).unwrap()
}

pub fn dims(v: &Value, rank: usize) -> [u32; 3] {
    let list: Vec<u32> = match v {
        Value::Array(a) => a.iter().map(|d| d.as_u64().unwrap() as u32).collect(),
        one => vec![one.as_u64().unwrap() as u32; rank],
    };
    let mut out = [1; 3];
    out[..list.len()].copy_from_slice(&list);
    out
}

/// What the test does with a row.
pub enum Case {
    /// Count this configuration.
    Count(Config),
    /// Outside what a configuration can hold, with the reason.
    OutOfScope(&'static str),
}

pub fn base(c: &Value) -> Config {
    Config {
        input_size: size(c.get("input_size").unwrap_or(&c["input_channels"])),
        units: size(c.get("hidden_size").unwrap_or(&c["filters"])),
        bidirectional: c["bidirectional"].as_bool().unwrap_or(false),
        bias: c["bias"].as_bool().unwrap_or(true),
        layers: Layers::new(c["num_layers"].as_u64().unwrap_or(1)).unwrap(),
        ..Config::default()
    }
}

pub fn convlstm_case(c: &Value) -> Case {
    if c.get("layer_filters").is_some() {
        return Case::OutOfScope("per-layer filters: the widget stacks layers of one width");
    }
    if c["extra"].get("_input_without_time_axis").is_some() {
        return Case::OutOfScope("an input without the time axis: the widget always builds (T, frame…, c)");
    }
    let rank = c["rank"].as_u64().unwrap() as u8;
    let conv = Conv {
        rank,
        kernel: dims(&c["kernel_size"], rank.into()),
        padding: if c["padding"] == "valid" { Padding::Valid } else { Padding::Same },
        strides: c["strides"].as_u64().unwrap() as u32,
        dilation: c["dilation_rate"].as_u64().unwrap() as u32,
        channels_first: c["data_format"] == "channels_first",
        frame: dims(&c["frame_size"], rank.into()),
    };
    let merge = match c["merge_mode"].as_str() {
        None => MergeMode::Concat, // merge_mode=None: a list of both outputs; one layer, same count.
        Some(m) => match MergeMode::from_key(m) {
            Some(m) => m,
            None => {
                // Keras: "Invalid merge mode"; the URL reader refuses it with a notice.
                let (state, notices) = parse_query(&format!("merge={m}"));
                assert_eq!(state.config.merge, MergeMode::Concat);
                assert!(notices.iter().any(|n| n.to_string().contains("merge")), "merge={m} gave no notice");
                return Case::OutOfScope("an unknown merge_mode: refused by the URL reader (checked)");
            }
        },
    };
    Case::Count(Config {
        kind: Kind::ConvLstm(conv),
        input_size: size(&c["input_channels"]),
        units: size(&c["filters"]),
        merge,
        ..base(c)
    })
}

pub fn flax_case(c: &Value) -> Case {
    if c["extra"].get("feed_input_size").is_some() {
        return Case::OutOfScope("an NNX cell fed another input size than its in_features: one input size here");
    }
    let kw = &c["cell_kwargs"];
    let mut flax = Flax {
        api: if c["api"] == "nnx" { FlaxApi::Nnx } else { FlaxApi::Linen },
        cell: FlaxCell::from_key(c["cell"].as_str().unwrap()).unwrap(),
        reset_gate: kw["reset_gate"].as_bool().unwrap_or(true),
        ..Flax::default()
    };
    let mut config = base(c);
    config.bias = kw["use_bias"].as_bool().unwrap_or(true);
    match c["wrapper"].as_str().unwrap() {
        "RNN" => {}
        "Bidirectional" => config.bidirectional = true,
        "Bidirectional-shared" => {
            config.bidirectional = true;
            flax.shared = true;
        }
        "cell" => flax.bare = true,
        "Sequential2" => config.layers = Layers::new(2).unwrap(),
        "Sequential-Bidirectional+RNN" => {
            config.layers = Layers::new(2).unwrap();
            config.bidirectional = true;
            flax.top_forward = true;
        }
        other => panic!("wrapper {other}"),
    }
    if flax.cell == FlaxCell::ConvLstm {
        let k = &kw["kernel_size"];
        let rank = k.as_array().unwrap().len() as u8;
        flax.conv = Conv {
            rank,
            kernel: dims(k, rank.into()),
            strides: kw.get("strides").map(|s| dims(s, rank.into())[0]).unwrap_or(1),
            frame: dims(&c["extra"]["frame"], rank.into()),
            ..Conv::default()
        };
    }
    config.kind = Kind::Flax(flax);
    Case::Count(config)
}

pub fn torch_case(c: &Value) -> Case {
    let mut config = base(c);
    config.framework = Framework::PyTorch;
    config.cell = Cell::from_key(c["cell"].as_str().unwrap()).unwrap();
    config.proj_size = ProjSize::new(c["proj_size"].as_u64().unwrap_or(0)).unwrap();
    if c["kind"] == "cell" {
        config.kind = Kind::TorchCell;
    }
    Case::Count(config)
}

pub fn tf_case(c: &Value) -> Case {
    if c["input_size"].is_null() {
        // TF1: "Input size (depth of inputs) must be accessible via shape inference".
        let (state, notices) = parse_query("input=None");
        assert_eq!(state.config.input_size, Config::default().input_size);
        assert!(notices.iter().any(|n| n.to_string().contains("input")), "input=None gave no notice");
        return Case::OutOfScope("an unknown input size: refused by the URL reader (checked)");
    }
    if c["extra"]["how"] == "call-on-data" {
        return Case::OutOfScope("running a CuDNN layer on data without a GPU: building it works");
    }
    let kw = &c["cell_kwargs"];
    let mut config = base(c);
    let class = c["cell"].as_str().unwrap();
    config.cell = match class {
        "BasicRNNCell" | "SimpleRNN" => Cell::SimpleRnn,
        "GRUCell" | "GRU" | "CuDNNGRU" => Cell::Gru,
        _ => Cell::Lstm,
    };
    config.kind = match c["api"].as_str().unwrap() {
        "v1" => Kind::Tf1(Tf1 {
            full_lstm: class == "LSTMCell",
            peepholes: kw["use_peepholes"].as_bool().unwrap_or(false),
            num_proj: kw["num_proj"].as_u64().unwrap_or(0) as u32,
            unit_shards: kw["num_unit_shards"].as_u64().unwrap_or(1) as u8,
            proj_shards: kw["num_proj_shards"].as_u64().unwrap_or(1) as u8,
        }),
        "cudnn" => Kind::CuDnn,
        "keras2" => {
            config.reset_after = kw["reset_after"].as_bool().unwrap_or(true);
            config.bias = kw["use_bias"].as_bool().unwrap_or(true);
            Kind::Keras2
        }
        other => panic!("api {other}"),
    };
    Case::Count(config)
}

/// Every accepted, countable row of the four files: (id, configuration, the framework's total).
pub fn golden_kinds() -> Vec<(String, Config, u64)> {
    type Reader = fn(&Value) -> Case;
    let files: [(&str, Reader); 4] = [
        ("keras_convlstm.jsonl", convlstm_case),
        ("flax.jsonl", flax_case),
        ("pytorch_cells.jsonl", torch_case),
        ("tf_legacy.jsonl", tf_case),
    ];
    let mut out = Vec::new();
    for (file, case) in files {
        for row in rows(file) {
            if row.get("error").is_some() {
                continue;
            }
            let c = &row["config"];
            if let Case::Count(config) = case(c) {
                out.push((c["id"].as_str().unwrap().to_owned(), config, row["total_params"].as_u64().unwrap()));
            }
        }
    }
    out
}
