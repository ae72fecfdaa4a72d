//! The paste reader against real texts: every construction in the ground truth reads back to its
//! configuration and the framework's count; pasted summaries and `print(model)` texts too.

mod common;

use common::{config_of, rows};

use rnn_params_model::paste::{self, PasteError, Reading};
use rnn_params_model::{count, Config, Framework, MergeMode};
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

/// The configuration a `pasted.jsonl` row describes, in `framework`'s terms.
fn pasted_config(framework: Framework, c: &Value) -> Config {
    let mut c = c.clone();
    if c["merge_mode"] == "None" || framework == Framework::PyTorch {
        c["merge_mode"] = Value::Null; // counted like concat; PyTorch always concatenates
    }
    if framework == Framework::PyTorch {
        c["reset_after"] = Value::Null;
    }
    config_of(framework, &c)
}

#[test]
fn every_pasted_code_and_print_text_reads_back() {
    let (mut keras, mut torch) = (0, 0);
    for row in rows("pasted.jsonl") {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        let k = &row["keras"];
        if k["equivalent"] == true {
            let want = pasted_config(Framework::Keras, c);
            let r = expect_config(k["code"].as_str().unwrap(), &want, id);
            assert_eq!(count(&want).unwrap().total, k["recurrent_params"].as_u64().unwrap(), "{id}");
            assert_eq!(r.time_steps.map(u64::from), c["time_steps"].as_u64(), "{id}");
            keras += 1;
        }
        let p = &row["pytorch"];
        if p["equivalent"] == true {
            let want = pasted_config(Framework::PyTorch, c);
            for field in ["code", "printed"] {
                expect_config(p[field].as_str().unwrap(), &want, id);
            }
            assert_eq!(count(&want).unwrap().total, p["recurrent_params"].as_u64().unwrap(), "{id}");
            torch += 1;
        }
    }
    assert_eq!((keras, torch), (51, 47));
}

/// How a summary was read: exactly, with the true configuration among the alternatives to a
/// default-assuming choice, or refused as ambiguous with it among the candidates.
#[derive(Debug, Default, PartialEq, Eq)]
struct Outcome {
    exact: usize,
    alternative: usize,
    ambiguous: usize,
}

fn judge(r: &Reading, want: &Config, id: &str, text: &str, o: &mut Outcome) {
    if r.config.as_ref() == Some(want) {
        assert!(r.disagreements.is_empty(), "{id}: {:?}", r.disagreements);
        o.exact += 1;
    } else if let Some(PasteError::Ambiguous { candidates, .. }) = &r.error {
        // No configuration is set; every one that fits is offered, the true one among them.
        assert!(r.config.is_none() && candidates.len() > 1, "{id}");
        assert!(r.alternatives.contains(want), "{id}: {candidates:?}");
        o.ambiguous += 1;
    } else if r.alternatives.contains(want) {
        // The reading chose the configuration closest to the defaults and says what it assumed.
        assert!(!r.assumed.is_empty(), "{id}: an alternative without an assumption");
        o.alternative += 1;
    } else {
        panic!("{id}: {}\n{text}\n{r:#?}", r.message());
    }
}

#[test]
fn every_pasted_keras_summary_reads_to_its_configuration() {
    let mut o = Outcome::default();
    for row in rows("pasted.jsonl") {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        let k = &row["keras"];
        if k["equivalent"] != true {
            continue;
        }
        let text = k["summary"].as_str().unwrap();
        let r = paste::read(text);
        assert_eq!(r.source, if r.error.is_none() { Some(paste::Source::KerasSummary) } else { r.source }, "{id}");
        let mut want = pasted_config(Framework::Keras, c);
        if want.merge != MergeMode::Concat {
            // A summary shows the same shapes and counts for sum, mul and ave: it reads as sum.
            want.merge = MergeMode::Sum;
        }
        judge(&r, &want, id, text, &mut o);
        if let Some(t) = r.time_steps {
            assert_eq!(Some(u64::from(t)), c["time_steps"].as_u64(), "{id}: time steps");
        }
    }
    println!("{o:?}");
    assert_eq!(o, Outcome { exact: 39, alternative: 4, ambiguous: 8 });
}

#[test]
fn every_torchinfo_summary_reads_to_its_configuration() {
    let mut o = Outcome::default();
    let mut cells = 0;
    for row in rows("pytorch_cells.jsonl") {
        let c = &row["config"];
        let Some(t) = row.get("torchinfo") else { continue };
        let id = c["id"].as_str().unwrap();
        let text = t["text"].as_str().unwrap();
        let r = paste::read(text);
        if c["kind"] == "cell" {
            // nn.LSTMCell is not a layer the widget reads yet: reported by name, no config.
            assert_eq!(r.error, Some(PasteError::NoRecurrentLayer), "{id}");
            assert!(r.ignored.iter().any(|s| s.name.contains("Cell")), "{id}: {:?}", r.ignored);
            cells += 1;
            continue;
        }
        judge(&r, &config_of(Framework::PyTorch, c), id, text, &mut o);
    }
    println!("{o:?} cells {cells}");
    assert_eq!((o, cells), (Outcome { exact: 8, alternative: 0, ambiguous: 0 }, 1));
}

#[test]
fn every_printed_pytorch_module_reads_back_or_names_the_cell() {
    let (mut seq, mut cells) = (0, 0);
    for row in rows("pytorch_cells.jsonl") {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        for field in ["printed", "constructor"] {
            let Some(text) = row[field].as_str() else { continue };
            if c["kind"] == "seq" {
                let r = expect_config(text, &config_of(Framework::PyTorch, c), id);
                assert_eq!(r.refusal.is_some(), row.get("error").is_some(), "{id}");
            } else {
                // Issue 17: a cell is read as a PyTorch cell (kind=cell), with the cell's count.
                let r = paste::read(text);
                let config = r.config.unwrap_or_else(|| panic!("{id}: {text}: {:?}", r.error));
                assert_eq!(config.kind, rnn_params_model::kind::Kind::TorchCell, "{id}");
                assert_eq!(count(&config).unwrap().total, row["total_params"].as_u64().unwrap(), "{id}: {text}");
            }
        }
        if c["kind"] == "seq" {
            seq += 1;
        } else {
            cells += 1;
        }
    }
    assert_eq!((seq, cells), (63, 20));
}

/// A real functional summary (its InputLayer gives m) with one printed count changed.
#[test]
fn a_summary_whose_param_count_disagrees_is_flagged() {
    let row = rows("pasted.jsonl")
        .into_iter()
        .find(|r| r["config"]["id"] == "pp-0005-lstm-m300-n128-L1-uni-bias-functional-T100")
        .unwrap();
    let text = row["keras"]["summary"].as_str().unwrap();
    let real = paste::read(text);
    assert!(real.disagreements.is_empty() && real.config.is_some());
    assert!(text.contains("219,648"), "{text}");
    let edited = text.replace("219,648", "219,649");
    let r = paste::read(&edited);
    assert_eq!(r.config, real.config, "the layer is still read: {}", r.message());
    assert_eq!(r.disagreements.len(), 1, "{r:#?}");
    let d = &r.disagreements[0];
    assert_eq!((d.layer.as_str(), d.printed, d.counted), ("lstm (LSTM)", 219_649, 219_648));
    assert!(r.message().contains("differ"), "{}", r.message());
}

/// Reads `text` and checks the reading is coherent: a config, or no config and a message.
fn no_panic(text: &str) -> Reading {
    let r = paste::read(text);
    assert_eq!(r.config.is_none(), r.error.is_some(), "{r:?}");
    assert!(!r.message().is_empty());
    assert!(r.ignored.len() <= paste::MAX_IGNORED + 1);
    r
}

#[test]
fn junk_gives_a_message_and_no_config() {
    type Expect = fn(&PasteError) -> bool;
    let cases: &[(&str, Expect)] = &[
        ("", |e| *e == PasteError::Empty),
        ("  \n\t ", |e| *e == PasteError::Empty),
        ("hello, world", |e| *e == PasteError::NoRecurrentLayer),
        ("# nn.LSTM(20, 300)", |e| *e == PasteError::NoRecurrentLayer),
        ("<html><body><b>LSTM</b> is great</body></html>", |e| *e == PasteError::NoRecurrentLayer),
        ("日本語のテキスト 🙂 LSTM は", |e| *e == PasteError::NoRecurrentLayer),
        ("nn.LSTM(20, 300", |e| matches!(e, PasteError::Syntax { line: 1, .. })),
        ("nn.LSTM(20, 300))", |e| matches!(e, PasteError::Syntax { .. })),
        ("model = Sequential([\n  LSTM(4, input_shape=(3, 2)),\n)", |e| {
            matches!(e, PasteError::Syntax { line: 3, .. })
        }),
        ("LSTM(256)", |e| matches!(e, PasteError::Missing { name, .. } if name == "input size")),
        ("nn.LSTM(20, 2000000)", |e| matches!(e, PasteError::OutOfBounds { name, .. } if name == "hidden size")),
        ("nn.LSTM(20, 30, 17)", |e| matches!(e, PasteError::OutOfBounds { name, .. } if name == "layers")),
        ("nn.GRU(0, 30)", |e| matches!(e, PasteError::OutOfBounds { name, .. } if name == "input size")),
        ("nn.GRU(99999999999999999999999, 30)", |e| matches!(e, PasteError::OutOfBounds { .. })),
        ("nn.GRU(-3, 30)", |e| matches!(e, PasteError::OutOfBounds { .. })),
        ("layers.LSTM(units=n, input_dim=4)", |e| matches!(e, PasteError::Unreadable { name, .. } if name == "units")),
        ("nn.LSTM(4, 8, bias=flag)", |e| matches!(e, PasteError::Unreadable { name, .. } if name == "bias")),
        ("LSTM(a, b)", |e| matches!(e, PasteError::UnknownFramework { .. })),
        ("Layer (type)   Output Shape   Param #\n nothing here", |e| *e == PasteError::NoRecurrentLayer),
    ];
    for (text, ok) in cases {
        let r = no_panic(text);
        let e = r.error.as_ref().unwrap_or_else(|| panic!("{text:?} gave {r:?}"));
        assert!(ok(e), "{text:?}: {e:?}");
    }
    // Too long: refused whole, not cut.
    let long = "x".repeat(paste::MAX_TEXT_BYTES + 1);
    assert_eq!(no_panic(&long).error, Some(PasteError::TooLong { bytes: paste::MAX_TEXT_BYTES + 1 }));
    // Deep nesting is refused, not recursed into.
    let deep = format!("nn.LSTM({}{}, 4)", "(".repeat(5000), ")".repeat(5000));
    assert!(matches!(no_panic(&deep).error, Some(PasteError::Syntax { .. })));
}

#[test]
fn big_inputs_stay_bounded() {
    // Just under the limit: many layers, many unknown names, a huge summary-like table.
    let many = "x = layers.Dense(3)(x)\n".repeat(4000);
    let text = format!("inp = keras.Input(shape=(7, 5))\nx = layers.LSTM(4)(inp)\n{many}");
    assert!(text.len() < paste::MAX_TEXT_BYTES);
    let start = std::time::Instant::now();
    let r = no_panic(&text);
    assert_eq!(r.config.map(|c| c.input_size.get()), Some(5));
    assert_eq!(r.ignored.len(), paste::MAX_IGNORED + 1);
    let unknown = "Foo(".repeat(20_000) + &")".repeat(20_000);
    no_panic(&unknown[..paste::MAX_TEXT_BYTES.min(unknown.len())]);
    let table = "│ lstm (LSTM)  │ (None, 8)  │  320 │\n".repeat(2000);
    no_panic(&format!("Layer (type)  Output Shape  Param #\n{table}"));
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn keras_examples_from_the_issue() {
    let r = no_panic("LSTM(256, input_dim=4096, input_length=16)");
    assert_eq!(r.config, Some(Config::default()));
    assert_eq!(r.time_steps, Some(16));
    assert!(r.read.iter().any(|f| f.name == "input size" && f.from.contains("input_dim=4096")));

    let r = no_panic("layers.Bidirectional(layers.GRU(32, return_sequences=True), merge_mode=\"sum\")");
    assert!(matches!(r.error, Some(PasteError::Missing { .. })), "no input size given: {r:?}");
    let r = no_panic(
        "model = keras.Sequential()\nmodel.add(layers.Bidirectional(layers.GRU(32, return_sequences=True), \
         merge_mode=\"sum\", input_shape=(16, 4096)))\nmodel.add(layers.Dropout(0.2))\n\
         model.add(layers.Bidirectional(layers.GRU(32, use_bias=False, reset_after=False)))\n\
         model.add(layers.Dense(1))",
    );
    let c = r.config.unwrap_or_else(|| panic!("{r:#?}"));
    assert_eq!((c.bidirectional, c.merge, c.layers.get()), (true, MergeMode::Sum, 1), "{r:#?}");
    assert!(r.ignored.iter().any(|s| s.name.contains("Dense")));
    assert!(r.ignored.iter().any(|s| s.why.contains("one stack")), "{:?}", r.ignored);

    let r = no_panic("LSTM(4096, 256, num_layers=2, bidirectional=True)");
    let c = r.config.unwrap();
    assert_eq!((c.framework, c.layers.get(), c.bidirectional), (Framework::PyTorch, 2, true));

    let r = no_panic("torch.nn.GRU(input_size=8, hidden_size=16, bidirectional=True, dropout=0.1, batch_first=True)");
    assert!(r.ignored.iter().any(|s| s.name == "dropout=0.1" && s.why.contains("does not change")));
    assert!(r.assumed.iter().any(|f| f.name == "layers"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,300}") {
        no_panic(&s);
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        no_panic(&String::from_utf8_lossy(&b));
    }

    #[test]
    fn code_like_strings_never_panic(s in "[ ()\\[\\],=.:#'\"a-zLSTMGRUnBidirectional0-9_\n│┃(None)Param #]{0,200}") {
        no_panic(&s);
    }

    #[test]
    fn cut_real_texts_never_panic(k in 0usize..57, cut in 0usize..4000, field in 0usize..3) {
        let row = &rows("pasted.jsonl")[k];
        let text = match field {
            0 => row["keras"]["summary"].as_str(),
            1 => row["keras"]["code"].as_str(),
            _ => row["pytorch"]["printed"].as_str(),
        }.unwrap_or("");
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        no_panic(&text[..end]);
    }
}

#[test]
fn a_stack_reports_its_layers_and_what_each_sees() {
    let row = rows("pasted.jsonl")
        .into_iter()
        .find(|r| r["config"]["id"] == "pp-0040-gru-m16-n32-L2-bi-mm-concat-bias-ra1-functional-T100")
        .unwrap();
    for text in [row["keras"]["code"].as_str().unwrap(), row["keras"]["summary"].as_str().unwrap()] {
        let r = no_panic(text);
        let layers = r.read.iter().find(|f| f.name == "layers").unwrap();
        assert_eq!(layers.value, "2", "{r:#?}");
        let above = r.read.iter().find(|f| f.name == "input size of layer 2").unwrap();
        // The framework's own record: layer 2 sees 64 (input_size_seen).
        assert_eq!(above.value, row["keras"]["layers"][1]["input_size_seen"].to_string());
        assert!(above.from.contains("2 × n"), "{}", above.from);
    }
}

#[test]
fn keras_2_code_and_summaries_read_back_and_cudnn_is_named() {
    let (mut code, mut o, mut cudnn) = (0, Outcome::default(), 0);
    for row in rows("tf_legacy.jsonl") {
        let c = &row["config"];
        let id = c["id"].as_str().unwrap();
        let texts = [row["code"].as_str(), row.get("summary").and_then(Value::as_str)];
        match c["api"].as_str().unwrap() {
            "keras2" => {
                let kw = &c["cell_kwargs"];
                let want = common::config_of(
                    Framework::Keras,
                    &serde_json::json!({
                        "cell": c["cell"].as_str().unwrap().to_ascii_lowercase(),
                        "input_size": c["input_size"], "hidden_size": c["hidden_size"],
                        "bidirectional": c["bidirectional"], "num_layers": c["num_layers"],
                        "bias": kw.get("use_bias").cloned().unwrap_or(Value::Bool(true)),
                        "reset_after": kw.get("reset_after").cloned().unwrap_or(Value::Null),
                    }),
                );
                assert_eq!(count(&want).unwrap().total, row["total_params"].as_u64().unwrap(), "{id}");
                let r = expect_config(texts[0].unwrap(), &want, id);
                assert_eq!(r.time_steps.map(u64::from), c["time_steps"].as_u64(), "{id}");
                code += 1;
                let summary = texts[1].unwrap();
                judge(&paste::read(summary), &want, id, summary, &mut o);
            }
            "cudnn" => {
                for (i, text) in texts.into_iter().enumerate() {
                    let Some(text) = text else { continue };
                    let r = no_panic(text);
                    if i == 0 {
                        // Issue 17: CuDNN construction code is read as kind=cudnn, with its count.
                        let config = r.config.unwrap_or_else(|| panic!("{id}: {text}: {:?}", r.error));
                        assert_eq!(config.kind, rnn_params_model::kind::Kind::CuDnn, "{id}");
                        if let Some(total) = row["total_params"].as_u64() {
                            assert_eq!(count(&config).unwrap().total, total, "{id}");
                        }
                    } else {
                        // Its Keras 2 summary row is named, not counted.
                        assert_eq!(r.error, Some(PasteError::NoRecurrentLayer), "{id}: {text}");
                        assert!(r.ignored.iter().any(|s| s.why.contains("CuDNN")), "{id}: {:?}", r.ignored);
                    }
                    cudnn += 1;
                }
            }
            _ => {}
        }
    }
    assert_eq!((code, o, cudnn), (11, Outcome { exact: 7, alternative: 3, ambiguous: 1 }, 8));
}
