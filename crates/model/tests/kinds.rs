//! Every row of the second batch of ground truth (`tests/data/keras_convlstm.jsonl`, `flax.jsonl`,
//! `pytorch_cells.jsonl`, `tf_legacy.jsonl`, copied from `shared/golden/`): totals, each layer's
//! (or direction's) count and input size, every tensor's name and shape in order, and the refused
//! configurations refused with the framework's words. A few rows describe something a
//! configuration cannot hold (an input without its time axis, a cell fed a different size than it
//! was built for); they are listed with their reason and the count of them is fixed.

mod common;

use common::kinds::{convlstm_case, flax_case, shape, tf_case, torch_case, Case};
use common::rows;
use rnn_params_model::bounds::{Layers, Size};
use rnn_params_model::kind::{Conv, Flax, FlaxCell, Kind, Padding, Tf1};
use rnn_params_model::state::parse_query;
use rnn_params_model::{count, Breakdown, Cell, Config, CountError, Framework};
use serde_json::Value;

/// The counts the golden `layers[]` lists: per direction (Flax, TF1) or per layer (Keras, PyTorch).
fn groups(b: &Breakdown, per_direction: bool) -> Vec<(u64, u64)> {
    if per_direction {
        b.layers.iter().flat_map(|l| l.directions.iter().map(move |d| (l.input_size, d.params))).collect()
    } else {
        b.layers.iter().map(|l| (l.input_size, l.params)).collect()
    }
}

/// Checks one file; returns (rows counted, rows refused, rows out of scope).
fn check(file: &str, case: fn(&Value) -> Case, per_direction: bool) -> (usize, usize, usize) {
    let (mut counted, mut refused, mut out) = (0, 0, 0);
    for row in rows(file) {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        let config = match case(c) {
            Case::Count(config) => config,
            Case::OutOfScope(reason) => {
                assert!(!reason.is_empty());
                out += 1;
                continue;
            }
        };
        if let Some(error) = row.get("error") {
            match count(&config) {
                Err(CountError::Refused(r)) => {
                    let text = error.as_str().unwrap();
                    // The framework's own words (the first sentence after the exception class) appear.
                    let words = text.split_once(": ").map(|(_, w)| w).unwrap_or(text);
                    let key =
                        words.lines().find(|l| !l.trim().is_empty() && !l.contains("Exception encountered")).unwrap();
                    let key = key.split(['.', '(']).next().unwrap().trim();
                    let mine = r.to_string();
                    let shared = key.split_whitespace().filter(|w| w.len() > 3).filter(|w| mine.contains(w)).count();
                    assert!(shared >= 2, "{id}: message {mine:?} shares too little with {key:?}");
                }
                other => panic!("{id}: the framework refused ({error}) but the model gave {other:?}"),
            }
            refused += 1;
            continue;
        }
        let b = count(&config).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(b.total, row["total_params"].as_u64().unwrap(), "{id}: total");
        assert_eq!(b.parts.total(), b.total, "{id}: parts");
        for key in ["model_count_params", "tabulate_total", "trainable_params"] {
            if let Some(v) = row.get(key).and_then(Value::as_u64) {
                assert_eq!(b.total, v, "{id}: {key}");
            }
        }
        let layers = row["layers"].as_array().unwrap();
        let per_direction = per_direction && !matches!(config.kind, Kind::CuDnn | Kind::Keras2);
        let mine = groups(&b, per_direction);
        assert_eq!(mine.len(), layers.len(), "{id}: groups");
        for (i, ((input, params), theirs)) in mine.iter().zip(layers).enumerate() {
            let p = theirs.get("params").or(theirs.get("count_params")).unwrap().as_u64().unwrap();
            assert_eq!(*params, p, "{id}: group params");
            let seen = theirs.get("input_size_seen").or(theirs.get("input_channels_seen"));
            if let Some(seen) = seen.and_then(Value::as_u64) {
                assert_eq!(*input, seen, "{id}: group input");
            }
            if let (Some(f), false) = (theirs.get("params_forward"), per_direction) {
                let l = &b.layers[i];
                assert_eq!(l.directions[0].params, f.as_u64().unwrap(), "{id}: forward");
            }
        }
        let weights = row["weights"].as_array().unwrap();
        let tensors: Vec<_> = b.tensors().collect();
        assert_eq!(tensors.len(), weights.len(), "{id}: tensor count");
        for (t, w) in tensors.iter().zip(weights) {
            assert_eq!(t.shape, shape(&w["shape"]), "{id}: shape of {}", t.name);
            assert_eq!(t.count, w["numel"].as_u64().unwrap(), "{id}: numel of {}", t.name);
            if let Some(path) = w.get("path") {
                // Keras 3 and Flax: the full path; Keras's short name besides.
                assert_eq!(t.path, path.as_str().unwrap(), "{id}: path");
                if let Some(name) = w.get("name") {
                    assert_eq!(t.name, name.as_str().unwrap(), "{id}: name");
                }
            } else {
                let name = w["name"].as_str().unwrap();
                if c["extra"]["how"] == "build" {
                    // A CuDNN layer built on its own: no model prefix (Bidirectional keeps its
                    // inner layer's name).
                    assert!(t.path.ends_with(name), "{id}: {} does not end with {name}", t.path);
                    if !config.bidirectional {
                        assert_eq!(t.name, name, "{id}: name");
                    }
                } else if config.kind == Kind::CuDnn {
                    assert_eq!(t.path, name, "{id}: path");
                } else {
                    assert_eq!(t.name, name, "{id}: name");
                }
            }
        }
        counted += 1;
    }
    (counted, refused, out)
}

#[test]
fn every_keras_convlstm_row_matches() {
    assert_eq!(check("keras_convlstm.jsonl", convlstm_case, false), (82, 3, 3));
}

#[test]
fn every_flax_row_matches() {
    assert_eq!(check("flax.jsonl", flax_case, true), (58, 2, 1));
}

#[test]
fn every_pytorch_cells_row_matches() {
    assert_eq!(check("pytorch_cells.jsonl", torch_case, false), (82, 1, 0));
}

#[test]
fn every_tf_legacy_row_matches() {
    assert_eq!(check("tf_legacy.jsonl", tf_case, true), (44, 0, 2));
}

#[test]
fn the_frame_size_never_changes_a_convlstm_count() {
    // Rows of keras_convlstm.jsonl that differ only in frame size report the same count.
    let mut seen = std::collections::HashMap::new();
    for row in rows("keras_convlstm.jsonl") {
        let Some(total) = row["total_params"].as_u64() else { continue };
        let c = &row["config"];
        let key = (
            c["cell"].to_string(),
            c["input_channels"].to_string(),
            c["filters"].to_string(),
            c["kernel_size"].to_string(),
            c["bias"].to_string(),
            c["bidirectional"].to_string(),
            c["num_layers"].to_string(),
            c.get("layer_filters").map(Value::to_string),
        );
        if let Case::Count(mut config) = convlstm_case(c) {
            if let Kind::ConvLstm(conv) = &mut config.kind {
                conv.frame = [1000, 1000, 1000];
                conv.padding = Padding::Same;
            }
            assert_eq!(count(&config).unwrap().total, total, "{}", c["id"]);
        }
        assert_eq!(*seen.entry(key).or_insert(total), total);
    }
}

#[test]
fn the_largest_convlstm_fits_in_u64() {
    // ConvLSTM3D with a 32×32×32 kernel on 2^20 channels, 2^20 filters, 16 bidirectional layers:
    // the largest count the bounds allow, about 1.35·10^19, still below u64::MAX (1.8·10^19).
    let big = Size::new(1_048_576).unwrap();
    let conv = Conv { rank: 3, kernel: [32, 32, 32], frame: [65_536; 3], ..Conv::default() };
    let c = Config {
        kind: Kind::ConvLstm(conv),
        input_size: big,
        units: big,
        bidirectional: true,
        layers: Layers::new(16).unwrap(),
        ..Config::default()
    };
    let k = 32u64 * 32 * 32;
    let n = 1_048_576u64;
    let first = 2 * 4 * (k * n * n + k * n * n + n);
    let above = 2 * 4 * (k * 2 * n * n + k * n * n + n);
    assert_eq!(count(&c).map(|b| b.total), Ok(first + 15 * above));
    // One layer, one direction fits: 4·(K·c·f + K·f² + f).
    let one = Config { bidirectional: false, layers: Layers::ONE, ..c };
    assert_eq!(count(&one).unwrap().total, 4 * (k * n * n + k * n * n + n));
}

#[test]
fn new_kinds_round_trip_through_the_url() {
    for q in [
        "framework=keras&cell=lstm&input=1&units=64&bidir=0&kind=convlstm",
        "framework=keras&cell=lstm&input=3&units=16&bidir=1&layers=2&merge=sum&kind=convlstm&rank=3&kernel=1x3x3&frame=8x16x16&padding=valid&format=first",
        "framework=keras&cell=lstm&input=16&units=32&bidir=0&kind=convlstm&rank=1&kernel=5&frame=100&dilation=2",
        "framework=keras&cell=lstm&input=3&units=16&bidir=0&kind=flax&kernel=3x5&frame=8&flax_cell=convlstm",
        "framework=keras&cell=gru&input=16&units=32&bidir=1&kind=flax&api=nnx&flax_cell=gru",
        "framework=keras&cell=lstm&input=16&units=32&bidir=1&kind=flax&wrap=shared",
        "framework=keras&cell=lstm&input=16&units=32&bidir=1&layers=2&kind=flax&top_rnn=1",
        "framework=keras&cell=gru&input=300&units=256&bidir=0&kind=flax&flax_cell=mgu&reset_gate=0",
        "framework=pytorch&cell=lstm&input=3&units=4&bidir=0&kind=cell",
        "framework=keras&cell=lstm&input=4096&units=256&bidir=0&kind=tf1&lstm_cell=full&peepholes=1&num_proj=64&unit_shards=4&proj_shards=2",
        "framework=keras&cell=gru&input=16&units=32&bidir=1&kind=cudnn",
        "framework=keras&cell=gru&input=16&units=32&bidir=0&reset_after=0&kind=keras2",
    ] {
        let (state, notices) = parse_query(q);
        assert!(notices.is_empty(), "{q}: {notices:?}");
        assert_ne!(state.config.kind, Kind::Layer, "{q}");
        assert_eq!(state.to_query(), q);
        assert!(count(&state.config).is_ok(), "{q}");
    }
}

#[test]
fn bad_kind_values_keep_the_defaults_with_a_message_naming_the_parameter() {
    let cases = [
        ("kind=convlstm&kernel=0", "kernel", "1 to 32"),
        ("kind=convlstm&kernel=3x3x3", "kernel", "one per axis"),
        ("kind=convlstm&strides=99", "strides", "1 – 16"),
        (
            "kind=convlstm&frame=8&padding=valid&kernel=9",
            "Computed output size would be zero or negative",
            "default settings",
        ),
        ("kind=convlstm&strides=2&dilation=2", "strides > 1", "default settings"),
        ("kind=cell&layers=2", "num_layers", "kind=layer"),
        ("kind=flax&api=nnx&flax_cell=mgu", "has no attribute 'MGUCell'", "default settings"),
        ("kind=tf1&num_proj=999", "num_proj", "0 to 255"),
        ("kind=tf1&peepholes=1", "use_peepholes", "default settings"),
        ("kind=cudnn&cell=rnn", "CuDNN", "kind=layer"),
        ("kind=banana", "kind", "layer, cell, convlstm"),
        ("kernel=3", "kernel", "kind="),
    ];
    for (q, what, fallback) in cases {
        let (state, notices) = parse_query(q);
        let text: Vec<String> = notices.iter().map(|n| n.to_string()).collect();
        assert!(text.iter().any(|t| t.contains(what) && t.contains(fallback)), "{q}: {text:?}");
        assert!(state.config.check().is_ok(), "{q}");
        assert!(count(&state.config).is_ok(), "{q}");
    }
}

#[test]
fn the_code_export_builds_the_golden_rows() {
    use rnn_params_model::kind_explain::code;
    // PyTorch cells: the exact constructor of every cell row.
    let mut cells = 0;
    for row in rows("pytorch_cells.jsonl") {
        let c = &row["config"];
        if c["kind"] != "cell" || c.get("extra").is_some() {
            continue;
        }
        let Case::Count(config) = torch_case(c) else { unreachable!() };
        let text = code(&config, 5);
        assert!(text.contains(row["constructor"].as_str().unwrap()), "{}: {text}", c["id"]);
        cells += 1;
    }
    assert!(cells >= 15, "{cells}");
    // ConvLSTM: the exact construction of every row with a known sequence length and merge mode.
    let mut convs = 0;
    for row in rows("keras_convlstm.jsonl") {
        let c = &row["config"];
        if row.get("error").is_some()
            || !c["time_steps"].is_u64()
            || (c["bidirectional"] == true && c["merge_mode"].is_null())
        {
            continue;
        }
        let Case::Count(config) = convlstm_case(c) else { continue };
        let text = code(&config, c["time_steps"].as_u64().unwrap() as u32);
        assert!(text.contains(row["code"].as_str().unwrap()), "{}:\n{text}\n---\n{}", c["id"], row["code"]);
        convs += 1;
    }
    assert!(convs >= 70, "{convs}");
}

#[test]
fn each_convention_is_explained_with_its_numbers() {
    use rnn_params_model::compare::compare;
    let sized = |kind, m: u64, n: u64| Config {
        kind,
        input_size: Size::new(m).unwrap(),
        units: Size::new(n).unwrap(),
        ..Config::default()
    };
    // Flax LSTM(4) on 3: 128 as Keras, not PyTorch's 144 (pytorch_cells pc-0018).
    let line = compare(&sized(Kind::Flax(Flax::default()), 3, 4)).unwrap().line();
    assert!(line.contains("Keras LSTM: 128 — the same") && line.contains("PyTorch nn.LSTM has 144"), "{line}");
    // Linen GRUCell(32) on 16 is 4,736; NNX 4,704 (flax.jsonl fx-0058, fx-0062).
    let linen = Flax { cell: FlaxCell::Gru, ..Flax::default() };
    let line = compare(&sized(Kind::Flax(linen), 16, 32)).unwrap().line();
    assert!(line.starts_with("Flax NNX GRUCell: 4,704 — 32 fewer"), "{line}");
    // CuDNNLSTM(600): 2,400 more than Keras's LSTM(600), the second bias.
    let mut cudnn = sized(Kind::CuDnn, 4096, 600);
    let line = compare(&cudnn).unwrap().line();
    assert!(line.contains("2,400 fewer") && line.contains("two bias vectors"), "{line}");
    cudnn.cell = Cell::Gru;
    assert!(compare(&cudnn).unwrap().line().contains("1,800 fewer"));
    // Peepholes: +3n, diagonal (tf_legacy tf-0015: 4,458,240 − 4,457,472 = 768 = 3 × 256).
    let tf = Tf1 { full_lstm: true, peepholes: true, ..Tf1::default() };
    let c = sized(Kind::Tf1(tf), 4096, 256);
    assert_eq!(count(&c).unwrap().total, 4_458_240);
    let line = compare(&c).unwrap().line();
    assert!(line.contains("Keras LSTM: 4,457,472") && line.contains("3n = 768") && line.contains("diagonal"), "{line}");
    // A PyTorch cell: the layer's weights, no layers, no bidirectional, a loop over time.
    let line = compare(&Config { framework: Framework::PyTorch, ..sized(Kind::TorchCell, 3, 4) }).unwrap().line();
    assert!(line.contains("nn.LSTM: 144") && line.contains("loop over time"), "{line}");
    // ConvLSTM: the kernel is shared across positions; the frame never enters.
    let line = compare(&sized(Kind::ConvLstm(Conv::default()), 1, 64)).unwrap().line();
    assert!(line.contains("shared across positions") && line.contains("never enters"), "{line}");
}

/// Pastes every accepted row's construction code; returns (read to the framework's total, rows).
fn pasted(file: &str, code_key: &str) -> (usize, usize, Vec<String>) {
    let (mut ok, mut all, mut misses) = (0, 0, Vec::new());
    for row in rows(file) {
        let (Some(code), Some(total)) = (row[code_key].as_str(), row["total_params"].as_u64()) else { continue };
        all += 1;
        let r = rnn_params_model::paste::read(code);
        match r.config.map(|c| count(&c).map(|b| b.total)) {
            Some(Ok(t)) if t == total => ok += 1,
            other => misses.push(format!("{}: {other:?} {:?}", row["config"]["id"], r.error)),
        }
    }
    (ok, all, misses)
}

#[test]
fn pasted_construction_code_gives_the_frameworks_count() {
    // Every accepted ConvLSTM row but the one with two different filter counts.
    let (ok, all, misses) = pasted("keras_convlstm.jsonl", "code");
    assert_eq!((ok, all), (82, 83), "{misses:#?}");
    // Every PyTorch cell and layer constructor.
    let (ok, all, misses) = pasted("pytorch_cells.jsonl", "constructor");
    assert_eq!((ok, all), (82, 82), "{misses:#?}");
    let (ok, all, misses) = pasted("flax.jsonl", "code");
    assert_eq!((ok, all), (58, 58), "{misses:#?}");
    let (ok, all, misses) = pasted("tf_legacy.jsonl", "code");
    assert_eq!((ok, all), (44, 44), "{misses:#?}");
}

#[test]
fn the_convlstm_diagram_shows_kernel_shapes() {
    use rnn_params_model::bounds::Steps;
    use rnn_params_model::diagram::diagram;
    // ConvLSTM2D(filters=64, kernel_size=3) on 1 channel: per gate 3×3×1×64 and 3×3×64×64.
    let c = Config {
        kind: Kind::ConvLstm(Conv::default()),
        input_size: Size::new(1).unwrap(),
        units: Size::new(64).unwrap(),
        ..Config::default()
    };
    let b = count(&c).unwrap();
    let d = diagram(&b, Steps::new(5).unwrap());
    assert_eq!(d.gates[0].w_text(), "W 3×3×1×64");
    assert_eq!(d.gates[0].u_text(), "U 3×3×64×64");
    // Four gate blocks of 9·1·64 + 9·64·64 + 64 = 37,504 each: the kernel's total.
    assert_eq!(d.gates.len() as u64 * d.gates[0].params, b.total);
    assert!(d.description.contains("frame size never enters"));
}
