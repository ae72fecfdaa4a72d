//! Every row of the whole-model ground truth (`tests/data/models_keras.jsonl`, 92 rows, and
//! `models_pytorch.jsonl`, 79 rows, copied from `shared/golden/`) is either matched by
//! [`network`] — total, trainable split, each layer's count and input size, every weight's name,
//! path and shape in order, the summary table's rows — or refused where the framework refused it,
//! or classified out of scope with the reason the widget cannot express it. Each class is counted
//! and the counts are asserted, so no row is skipped silently.

mod common;

use common::rows;
use rnn_params_model::bounds::{Layers, ProjSize, Size, Vocab};
use rnn_params_model::network::{network, summary, Around, Embedding, Head, Kind, PASSIVE};
use rnn_params_model::{Cell, Config, CountError, Framework, MergeMode};
use serde_json::Value;

/// What the test decided for a row.
enum Plan {
    /// The widget builds this model.
    Model(Config, Around),
    /// The framework refused it and so does the widget.
    Refused(Config),
    /// The widget cannot express the model; the reason says why.
    OutOfScope(&'static str),
}

fn u(v: &Value, k: &str) -> u64 {
    v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}"))
}

fn flag(v: &Value, k: &str, default: bool) -> bool {
    v.get(k).and_then(Value::as_bool).unwrap_or(default)
}

/// Reads a row's neutral `config` into the widget's terms, or says why it cannot.
fn plan(framework: Framework, row: &Value) -> Plan {
    let c = &row["config"];
    let layers = c["layers"].as_array().unwrap();
    let of = |t: &str| layers.iter().filter(move |l| l["type"] == t).collect::<Vec<_>>();
    for (t, why) in [
        (
            "flatten",
            "a Flatten head makes the Dense see T × features inputs; the widget's head reads one step or every step",
        ),
        ("global_max_pooling_1d", "a pooling head is not one of the widget's heads (last step, every step)"),
        (
            "concatenate",
            "merge_mode=None with Concatenate needs a functional model; the widget builds Sequential models",
        ),
    ] {
        if !of(t).is_empty() {
            return Plan::OutOfScope(why);
        }
    }
    if let Some(e) = row.get("error").and_then(Value::as_str) {
        if e.contains("isn't built") {
            return Plan::OutOfScope(
                "a Sequential model without an Input that was never built: the widget always builds its model",
            );
        }
        if e.contains("expected ndim=3") {
            return Plan::OutOfScope("a second recurrent layer after one without return_sequences: the widget's stack always returns sequences below the top");
        }
        if e.contains("expects 1 input(s)") {
            return Plan::OutOfScope("merge_mode=None in a Sequential model: the widget has no merge_mode None");
        }
        if e.contains("Padding_idx must be within") {
            return Plan::OutOfScope(
                "padding_idx has no setting in the widget (it changes no count, which the widget says)",
            );
        }
        if e.contains("mat1 and mat2 shapes cannot be multiplied") {
            return Plan::OutOfScope("a Linear whose in_features do not match the layer below: the widget derives in_features from the stack, so it cannot build this mismatch");
        }
    }
    if c.get("model_style").and_then(Value::as_str) == Some("subclass") && row["total_params"] == 0 {
        return Plan::OutOfScope("Keras 3 model.build() on a subclassed model creates no weights (0 parameters); the widget's model is always built");
    }
    let rec = of("recurrent");
    let first = rec[0];
    let same = |l: &&Value| {
        ["cell", "units", "bidirectional", "bias", "merge_mode", "reset_after"]
            .iter()
            .all(|k| l.get(*k) == first.get(*k))
    };
    if !rec.iter().all(same) {
        return Plan::OutOfScope(
            "two recurrent layers of different kinds or sizes: the widget's stack repeats one layer",
        );
    }
    let dense = of("dense");
    if !dense.iter().all(|d| flag(d, "bias", true) == flag(dense[0], "bias", true)) {
        return Plan::OutOfScope("Dense layers with and without bias: the widget has one bias switch for the head");
    }
    let emb = of("embedding").first().copied();
    let input_size = match emb {
        Some(e) => u(e, "dim"),
        None => c["input"]["features"].as_u64().or_else(|| first["input_size"].as_u64()).unwrap(),
    };
    let config = Config {
        framework,
        cell: Cell::from_key(first["cell"].as_str().unwrap()).unwrap(),
        input_size: Size::new(input_size).unwrap(),
        units: Size::new(u(first, "units")).unwrap(),
        bidirectional: flag(first, "bidirectional", false),
        bias: flag(first, "bias", true),
        reset_after: flag(first, "reset_after", true),
        layers: Layers::new(match framework {
            Framework::Keras => rec.len() as u64,
            Framework::PyTorch => first["num_layers"].as_u64().unwrap_or(1),
        })
        .unwrap(),
        merge: match first.get("merge_mode").and_then(Value::as_str) {
            Some(m) => match MergeMode::from_key(m) {
                Some(m) => m,
                // `merge_mode='max'`: the widget's merge modes are the four Keras accepts.
                None => return Plan::Refused(Config::default()),
            },
            None => MergeMode::Concat,
        },
        proj_size: ProjSize::new(first["proj_size"].as_u64().unwrap_or(0)).unwrap(),
        kind: rnn_params_model::kind::Kind::Layer,
    };
    if row.get("error").is_some() {
        return Plan::Refused(config);
    }
    let head = match framework {
        Framework::Keras if !flag(rec[rec.len() - 1], "return_sequences", false) => Head::Last,
        Framework::Keras if dense.iter().any(|d| flag(d, "time_distributed", false)) => Head::TimeDistributed,
        Framework::Keras => Head::Every,
        Framework::PyTorch => match c["head"].as_str().unwrap() {
            "last_step" | "h_n" => Head::Last,
            "all_steps" => Head::Every,
            other => panic!("head {other}"),
        },
    };
    let mut around = Around {
        embedding: emb.map(|e| Embedding {
            vocab: Vocab::new(u(e, "vocab")).unwrap(),
            // Keras `trainable=False`; PyTorch `frozen` names how ("from_pretrained", "requires_grad").
            frozen: !flag(e, "trainable", true) || e.get("frozen").is_some_and(|f| !f.is_null()),
        }),
        dense_bias: dense.first().map(|d| flag(d, "bias", true)).unwrap_or(true),
        head,
        ..Around::default()
    };
    let units: Vec<Size> = dense.iter().map(|d| Size::new(u(d, "units")).unwrap()).collect();
    around.set_dense(&units).unwrap();
    Plan::Model(config, around)
}

fn shape(v: &Value) -> Vec<u64> {
    v.as_array().unwrap().iter().map(|d| d.as_u64().unwrap()).collect()
}

/// The rows of a Keras `summary_text`: (Layer (type), Output Shape, Param #).
fn keras_summary_rows(text: &str) -> Vec<(String, String, u64)> {
    text.lines()
        .filter(|l| l.starts_with('│'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('│').split('│').map(str::trim).collect();
            (cells[0].to_owned(), cells[1].to_owned(), cells[2].replace(',', "").parse().unwrap())
        })
        .collect()
}

#[derive(Default, Debug)]
struct Tally {
    matched: usize,
    refused: usize,
    out_of_scope: usize,
    summaries: usize,
}

fn check_keras(row: &Value, config: &Config, around: &Around, tally: &mut Tally) {
    let id = row["config"]["id"].as_str().unwrap();
    let net = network(config, around).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert_eq!(net.total, u(row, "total_params"), "{id}: total");
    assert_eq!(net.total, u(row, "model_count_params"), "{id}: count_params()");
    assert_eq!(net.non_trainable, u(row, "non_trainable_params"), "{id}: non-trainable");
    assert_eq!(net.trainable, u(row, "trainable_params"), "{id}: trainable");
    // Their layers without parameters are the passive ones, and hold 0; the others are ours, in order.
    let theirs: Vec<&Value> = row["layers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| {
            let passive = PASSIVE.contains(&l["class_name"].as_str().unwrap());
            if passive {
                assert_eq!(l["count_params"], 0, "{id}: {} counts", l["name"]);
            }
            !passive
        })
        .collect();
    assert_eq!(net.layers.len(), theirs.len(), "{id}: layers");
    for (mine, t) in net.layers.iter().zip(&theirs) {
        assert_eq!(mine.name, t["name"].as_str().unwrap(), "{id}: layer name");
        assert_eq!(mine.class_name, t["class_name"].as_str().unwrap(), "{id}: class of {}", mine.name);
        assert_eq!(mine.params, u(t, "count_params"), "{id}: params of {}", mine.name);
        if let Some(seen) = t.get("input_size_seen").and_then(Value::as_u64) {
            assert_eq!(mine.input_size, seen, "{id}: input of {}", mine.name);
        }
    }
    let weights = row["weights"].as_array().unwrap();
    let mine: Vec<_> = net.weights().collect();
    assert_eq!(mine.len(), weights.len(), "{id}: weights");
    let sequential = row["config"].get("model_style").is_none();
    for (m, w) in mine.iter().zip(weights) {
        assert_eq!(m.name, w["name"].as_str().unwrap(), "{id}: weight name");
        assert_eq!(m.shape, shape(&w["shape"]), "{id}: shape of {}", m.path);
        assert_eq!(m.count, u(w, "numel"), "{id}: numel of {}", m.path);
        assert_eq!(m.trainable, w["trainable"].as_bool().unwrap(), "{id}: trainable {}", m.path);
        let path = w["path"].as_str().unwrap();
        if sequential {
            assert_eq!(m.path, path, "{id}: path");
        } else {
            // A subclassed model's paths start with its own name instead of `sequential`.
            let inner = m.path.trim_start_matches("sequential/");
            assert!(path.ends_with(inner), "{id}: path {path} vs {}", m.path);
        }
    }
    if sequential {
        let steps = row["config"]["input"]["time_steps"].as_u64();
        let s = summary(&net, steps, 1);
        let printed: Vec<_> = keras_summary_rows(row["summary_text"].as_str().unwrap())
            .into_iter()
            .filter(|(label, _, p)| {
                let passive = PASSIVE.iter().any(|c| label.ends_with(&format!("({c})")));
                assert!(!passive || *p == 0, "{id}: {label}");
                !passive
            })
            .collect();
        assert_eq!(s.rows.len(), printed.len(), "{id}: summary rows");
        for (r, (label, output, params)) in s.rows.iter().zip(&printed) {
            assert_eq!(&r.label, label, "{id}: summary label");
            assert_eq!(&r.output, output, "{id}: output shape of {label}");
            assert_eq!(r.params, *params, "{id}: Param # of {label}");
        }
        let totals = &row["summary_totals"];
        assert_eq!(s.total, u(totals, "total"), "{id}: Total params line");
        tally.summaries += 1;
    }
}

fn check_pytorch(row: &Value, config: &Config, around: &Around, tally: &mut Tally) {
    let id = row["config"]["id"].as_str().unwrap();
    let net = network(config, around).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert_eq!(net.total, u(row, "total_params"), "{id}: total");
    assert_eq!(net.trainable, u(row, "trainable_params"), "{id}: trainable");
    assert_eq!(net.non_trainable, u(row, "non_trainable_params"), "{id}: non-trainable");
    let theirs: Vec<&Value> = row["layers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| {
            let passive = l["params"] == 0;
            if passive {
                let class = l["class_name"].as_str().unwrap();
                assert!(["Dropout", "ReLU", "Sigmoid"].contains(&class), "{id}: {class} has no parameters");
            }
            !passive
        })
        .collect();
    assert_eq!(net.layers.len(), theirs.len(), "{id}: modules");
    for (mine, t) in net.layers.iter().zip(&theirs) {
        assert_eq!(mine.class_name, t["class_name"].as_str().unwrap(), "{id}: class of {}", t["attr"]);
        assert_eq!(mine.params, u(t, "params"), "{id}: params of {}", t["attr"]);
        assert_eq!(mine.name, t["attr"].as_str().unwrap(), "{id}: attribute");
        if let Some(seen) = t.get("input_size_seen").and_then(Value::as_u64) {
            assert_eq!(mine.input_size, seen, "{id}: in_features of {}", mine.name);
        }
        if let Some(stack) = t.get("recurrent_layers").and_then(Value::as_array) {
            assert_eq!(net.recurrent.layers.len(), stack.len(), "{id}: num_layers");
            for (l, s) in net.recurrent.layers.iter().zip(stack) {
                assert_eq!(l.params, u(s, "params"), "{id}: layer {} params", l.index);
                assert_eq!(l.input_size, u(s, "input_size_seen"), "{id}: layer {} input", l.index);
            }
        }
    }
    let weights = row["weights"].as_array().unwrap();
    let mine: Vec<_> = net.weights().collect();
    assert_eq!(mine.len(), weights.len(), "{id}: named_parameters");
    for (m, w) in mine.iter().zip(weights) {
        assert_eq!(m.name, w["name"].as_str().unwrap(), "{id}: name");
        assert_eq!(m.shape, shape(&w["shape"]), "{id}: shape of {}", m.name);
        assert_eq!(m.count, u(w, "numel"), "{id}: numel of {}", m.name);
        assert_eq!(m.trainable, w["trainable"].as_bool().unwrap(), "{id}: requires_grad {}", m.name);
    }
    // torchinfo: compare the modules with parameters (its index counts every module, so the label
    // is compared only where there is no parameter-free module) and, batch first, the shapes.
    let Some(info) = row.get("torchinfo") else { return };
    let batch_first = row["config"]["layers"].as_array().unwrap().iter().any(|l| flag(l, "batch_first", false));
    let input = shape(&row["forward"]["input_shape"]);
    let s = summary(&net, Some(input[1]), input[0]);
    let all: Vec<&Value> = info["rows"].as_array().unwrap().iter().filter(|r| r["depth"] == 1).collect();
    let with_params: Vec<&&Value> = all.iter().filter(|r| r["num_params"] != 0).collect();
    assert_eq!(s.rows.len(), with_params.len(), "{id}: torchinfo rows");
    for (r, t) in s.rows.iter().zip(&with_params) {
        assert_eq!(r.params, u(t, "num_params"), "{id}: torchinfo Param #");
        assert!(r.label.contains(t["class_name"].as_str().unwrap()), "{id}: {}", r.label);
        if all.len() == with_params.len() {
            let text = info["text"].as_str().unwrap();
            assert!(text.contains(&r.label), "{id}: {} not in torchinfo's text", r.label);
        }
        if batch_first {
            let out = shape(&t["output_size"]);
            let printed = format!("[{}]", out.iter().map(u64::to_string).collect::<Vec<_>>().join(", "));
            assert_eq!(r.output, printed, "{id}: output of {}", r.label);
        }
    }
    assert_eq!(s.total, u(info, "total_params"), "{id}: torchinfo total");
    let (_, out) = s.model_row.clone().unwrap();
    if batch_first {
        assert_eq!(out, format!("{:?}", shape(&info["rows"][0]["output_size"])), "{id}: model output");
    }
    tally.summaries += 1;
}

fn check_file(file: &str, framework: Framework) -> Tally {
    let mut tally = Tally::default();
    for row in rows(file) {
        let id = row["config"]["id"].as_str().unwrap().to_owned();
        match plan(framework, &row) {
            Plan::OutOfScope(why) => {
                assert!(!why.is_empty());
                eprintln!("{id}: out of scope: {why}");
                tally.out_of_scope += 1;
            }
            Plan::Refused(config) => {
                let error = row["error"].as_str().unwrap();
                if error.contains("Invalid merge mode") {
                    assert_eq!(MergeMode::from_key("max"), None, "{id}");
                } else {
                    match network(&config, &Around::default()) {
                        Err(CountError::Refused(r)) => {
                            let words = error.trim_start_matches("ValueError: ");
                            assert!(r.to_string().contains(words), "{id}: {r} lacks {words}");
                        }
                        other => panic!("{id}: the framework refused ({error}) but the model gave {other:?}"),
                    }
                }
                tally.refused += 1;
            }
            Plan::Model(config, around) => {
                match framework {
                    Framework::Keras => check_keras(&row, &config, &around, &mut tally),
                    Framework::PyTorch => check_pytorch(&row, &config, &around, &mut tally),
                }
                tally.matched += 1;
            }
        }
    }
    tally
}

#[test]
fn every_keras_model_row_is_matched_refused_or_classified() {
    let t = check_file("models_keras.jsonl", Framework::Keras);
    assert_eq!(t.matched + t.refused + t.out_of_scope, 92, "{t:?}");
    assert_eq!((t.matched, t.refused, t.out_of_scope), (77, 1, 14), "{t:?}");
    assert_eq!(t.summaries, 76, "{t:?}");
}

#[test]
fn every_pytorch_model_row_is_matched_refused_or_classified() {
    let t = check_file("models_pytorch.jsonl", Framework::PyTorch);
    assert_eq!(t.matched + t.refused + t.out_of_scope, 79, "{t:?}");
    assert_eq!((t.matched, t.refused, t.out_of_scope), (73, 1, 5), "{t:?}");
    assert_eq!(t.summaries, 73, "{t:?}");
}

#[test]
fn the_bidirectional_dense_is_264_not_272() {
    // "Num of parameters after keras.layers.Bidirectional is not doubled?": Dense(8) after
    // Bidirectional(GRU(16)) sees 32 inputs: 32·8 + 8 = 264 (2 · (16·8 + 8) = 272 doubles the bias).
    let config = Config {
        cell: Cell::Gru,
        input_size: Size::new(15).unwrap(),
        units: Size::new(16).unwrap(),
        bidirectional: true,
        reset_after: false,
        ..Config::default()
    };
    let around = Around { head: Head::TimeDistributed, ..Around::default() }.with_dense(&[8]);
    let net = network(&config, &around).unwrap();
    let dense = net.layers.iter().find(|l| l.kind == Kind::Dense).unwrap();
    assert_eq!(dense.params, 264);
    assert_eq!(dense.working, "32 × 8 + 8 = 264");
    assert_eq!(net.total, 3_336);
}

#[test]
fn the_largest_model_within_the_bounds_is_counted_exactly() {
    // V = 2^24, d = n = k = 2^20, 16 bidirectional LSTM layers, 4 Dense layers: no overflow, and
    // the parts add up to the total.
    let max = Size::new(u64::from(Size::MAX)).unwrap();
    let config = Config {
        input_size: max,
        units: max,
        bidirectional: true,
        layers: Layers::new(16).unwrap(),
        ..Config::default()
    };
    let around = Around {
        embedding: Some(Embedding { vocab: Vocab::new(u64::from(Vocab::MAX)).unwrap(), frozen: true }),
        head: Head::Every,
        ..Around::default()
    }
    .with_dense(&[Size::MAX; 4]);
    let net = network(&config, &around).unwrap();
    let v = u64::from(Vocab::MAX);
    let m = u64::from(Size::MAX);
    assert_eq!(net.layers[0].params, v * m);
    assert_eq!(net.non_trainable, v * m);
    let dense: u64 = net.layers.iter().filter(|l| l.kind == Kind::Dense).map(|l| l.params).sum();
    assert_eq!(dense, (2 * m * m + m) + 3 * (m * m + m));
    assert_eq!(net.total, v * m + net.recurrent.total + dense);
}

/// Whole models read from a paste, by outcome.
#[derive(Default, Debug)]
struct PasteTally {
    /// Every layer set, the same total.
    read: usize,
    /// A summary that does not name the cell (a Keras `Bidirectional` row) and whose input is not
    /// printed: the reader says several configurations fit, and the real one is among them.
    ambiguous: usize,
    /// Code whose units are a Python variable (`GRU(num_timesteps)`): the reader asks for the value.
    variable: usize,
}

#[test]
fn a_pasted_whole_model_sets_every_layer() {
    // Each in-scope row's code, and its printed summary (Keras model.summary(), torchinfo) and
    // print(model), read back into the same layers and the same total.
    let mut failures = Vec::new();
    let mut t = PasteTally::default();
    for (file, framework) in [("models_keras.jsonl", Framework::Keras), ("models_pytorch.jsonl", Framework::PyTorch)] {
        for row in rows(file) {
            let Plan::Model(config, around) = plan(framework, &row) else { continue };
            let id = row["config"]["id"].as_str().unwrap().to_owned();
            let want = network(&config, &around).unwrap().total;
            let mut texts = vec![("code", row["code"].as_str().unwrap().to_owned())];
            if let Some(t) = row.get("summary_text").and_then(Value::as_str) {
                texts.push(("summary", t.to_owned()));
            }
            if let Some(t) = row.get("torchinfo").and_then(|t| t["text"].as_str()) {
                texts.push(("torchinfo", t.to_owned()));
            }
            if let Some(t) = row.get("module_str").and_then(Value::as_str) {
                texts.push(("print(model)", t.to_owned()));
            }
            for (what, text) in texts {
                let r = rnn_params_model::paste::read(&text);
                match r.config {
                    Some(c) => {
                        let a = r.around.unwrap_or_default();
                        let got = network(&c, &a).map(|n| n.total).unwrap_or(0);
                        if got == want {
                            t.read += 1;
                        } else {
                            failures.push(format!("{id} {what}: total {got} ≠ {want} ({a:?})"));
                        }
                    }
                    None => {
                        let stack = rnn_params_model::total(&config).unwrap();
                        let message = r.message();
                        if message.starts_with("Several configurations fit")
                            && r.alternatives.iter().any(|alt| rnn_params_model::total(alt) == Ok(stack))
                        {
                            t.ambiguous += 1;
                        } else if message.contains("from num_timesteps") {
                            t.variable += 1;
                        } else {
                            failures.push(format!("{id} {what}: {message}"));
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failed ({t:?}):\n{}", failures.len(), failures.join("\n"));
    assert_eq!((t.read, t.ambiguous, t.variable), (363, 9, 1), "{t:?}");
}

#[test]
fn the_code_export_reads_back_to_the_same_model() {
    // The whole-model snippet, pasted into the reader, sets the same layers (round trip), for
    // every in-scope row of both files.
    let mut n = 0;
    for (file, framework) in [("models_keras.jsonl", Framework::Keras), ("models_pytorch.jsonl", Framework::PyTorch)] {
        for row in rows(file) {
            let Plan::Model(config, around) = plan(framework, &row) else { continue };
            let id = row["config"]["id"].as_str().unwrap();
            let steps = row["config"]["input"]["time_steps"].as_u64().map(|t| t as u32);
            let code = rnn_params_model::code::model_snippet(&config, &around, steps).text();
            let r = rnn_params_model::paste::read(&code);
            let c = r.config.unwrap_or_else(|| panic!("{id}: {}\n{code}", r.message()));
            assert_eq!(c, config, "{id}:\n{code}");
            let back = r.around.unwrap_or_default();
            // PyTorch has no TimeDistributed: its code reads back as every step, the same count.
            let expected = match (framework, around.head) {
                (Framework::PyTorch, Head::TimeDistributed) => Around { head: Head::Every, ..around },
                _ => around,
            };
            assert_eq!(back, expected, "{id}:\n{code}");
            assert_eq!(network(&c, &back).unwrap().total, u(&row, "total_params"), "{id}");
            n += 1;
        }
    }
    assert_eq!(n, 77 + 73);
}

#[test]
fn pasted_rows_with_an_embedding_or_dense_read_as_whole_models() {
    // pasted.jsonl's rows with a head (Embedding and Dense, or Dense): the Keras code and
    // model.summary(), the PyTorch code and print(model) give the framework's total.
    let mut n = 0;
    for row in rows("pasted.jsonl") {
        if row["config"]["head"].is_null() {
            continue;
        }
        let id = row["config"]["id"].as_str().unwrap();
        for fw in ["keras", "pytorch"] {
            let part = &row[fw];
            // A configuration one framework cannot build has no total there (Keras: no proj_size).
            let Some(want) = part["total_params"].as_u64() else { continue };
            for key in ["code", "summary", "printed"] {
                let Some(text) = part.get(key).and_then(Value::as_str) else { continue };
                let r = rnn_params_model::paste::read(text);
                let c = r.config.unwrap_or_else(|| panic!("{id} {fw} {key}: {}", r.message()));
                let a = r.around.unwrap_or_default();
                assert!(!a.is_bare(), "{id} {fw} {key}: no layer around the stack read");
                assert_eq!(network(&c, &a).unwrap().total, want, "{id} {fw} {key}: {a:?}");
                n += 1;
            }
        }
    }
    // 8 rows × PyTorch code and print(model); Keras code and summary for the 6 Keras can build.
    assert_eq!(n, 8 * 2 + 6 * 2);
}

#[test]
fn whole_model_mistakes_give_the_numbers_learners_got() {
    use rnn_params_model::mistakes::{diagnose_model, ModelVerdict};
    let keys = |v: ModelVerdict| match v {
        ModelVerdict::Found(f) => f.iter().map(|f| (f.key, f.whole_model)).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    // "calculating the number of parameters of a GRU layer (Keras)" (models_keras km-0105):
    // Embedding(4500, 16) -> Bidirectional(GRU(32)) -> Dense(6) -> Dense(1) = 81,997.
    let row = rows("models_keras.jsonl").into_iter().find(|r| r["config"]["id"] == "km-0105-real-questions").unwrap();
    let Plan::Model(c, a) = plan(Framework::Keras, &row) else { panic!() };
    let total = u(&row, "total_params");
    assert!(matches!(diagnose_model(&c, &a, 200, u128::from(total)).unwrap(), ModelVerdict::Right));
    assert_eq!(keys(diagnose_model(&c, &a, 200, 81_997 - 72_000).unwrap()), [("embedding-left-out", true)]);
    assert_eq!(keys(diagnose_model(&c, &a, 200, 9_600).unwrap()), [("layer-alone", true)]);
    assert_eq!(keys(diagnose_model(&c, &a, 200, 81_997 - 390 - 7).unwrap()), [("dense-left-out", true)]);
    // Dense(6) doubled: 2 · (32·6 + 6) = 396 instead of 64·6 + 6 = 390.
    assert_eq!(keys(diagnose_model(&c, &a, 200, 81_997 + 6).unwrap()), [("dense-doubled", true)]);
    // The GRU counted on 4,500 one-hot inputs, no Embedding: 2 · 3 · (32·4500 + 32² + 2·32) + 397.
    let one_hot = 2 * 3 * (32 * 4500 + 32 * 32 + 2 * 32) + 390 + 7;
    assert_eq!(keys(diagnose_model(&c, &a, 200, one_hot).unwrap()), [("vocab-as-input", true)]);

    // "Num of parameters after keras.layers.Bidirectional is not doubled?" (km-0114): the asker
    // expected the Dense to double, 272, where Keras reports 264.
    let row = rows("models_keras.jsonl").into_iter().find(|r| r["config"]["id"] == "km-0114-real-questions").unwrap();
    let Plan::Model(c, a) = plan(Framework::Keras, &row) else { panic!() };
    let dense = row["layers"].as_array().unwrap().iter().find(|l| l["class_name"] == "TimeDistributed").unwrap();
    assert_eq!(u(dense, "count_params"), 264);
    assert_eq!(keys(diagnose_model(&c, &a, 64, 272).unwrap()), [("dense-doubled", false)]);
    assert_eq!(keys(diagnose_model(&c, &a, 64, 3_336 + 8).unwrap()), [("dense-doubled", true)]);
    // TimeDistributed counted once per time step: 3,072 + 64 · 264.
    assert_eq!(keys(diagnose_model(&c, &a, 64, 3_072 + 64 * 264).unwrap()), [("dense-times-steps", true)]);
    // A mistake inside the recurrent layer, the Dense right: the layer's own diagnosis.
    match diagnose_model(&c, &a, 64, 3_072 * 64 + 264).unwrap() {
        ModelVerdict::Layer { within_model: true, diagnosis } => {
            assert!(matches!(diagnosis.verdict, rnn_params_model::mistakes::Verdict::Found(_)))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_whole_model_in_the_other_framework() {
    // Every Keras row matched here has a PyTorch twin only in the recurrent biases: the comparison
    // line gives the other framework's whole-model total as network() counts it there, and names
    // the recurrent layer as the difference when there is one.
    let mut n = 0;
    for row in rows("models_keras.jsonl") {
        let Plan::Model(config, around) = plan(Framework::Keras, &row) else { continue };
        let id = row["config"]["id"].as_str().unwrap();
        let (other, line) = rnn_params_model::network::compare_line(&config, &around).unwrap().unwrap();
        let twin = Config { framework: Framework::PyTorch, ..config };
        assert_eq!(other, network(&twin, &around).unwrap().total, "{id}");
        let this = u(&row, "total_params");
        if other == this {
            assert!(line.ends_with("the same"), "{id}: {line}");
        } else if config.merge == MergeMode::Concat || !config.bidirectional {
            assert!(line.contains("the Embedding and Dense layers count the same"), "{id}: {line}");
            assert!(line.contains("the recurrent layer differs"), "{id}: {line}");
        } else {
            assert!(line.contains("sees"), "{id}: {line}");
        }
        n += 1;
    }
    assert_eq!(n, 77);
}

/// Evaluates the sizes in a PyTorch snippet's constructors, as PyTorch counts them:
/// `nn.Embedding(V, m)` V·m; `nn.{RNN,GRU,LSTM}Cell(m, n)` G(n·m + n² + 2n) (no biases with
/// `bias=False`); `nn.Linear(i, k)` i·k + k.
fn torch_count(code: &str) -> u64 {
    let args = |line: &str, class: &str| -> Option<(Vec<u64>, bool)> {
        let at = line.find(class)? + class.len();
        let inner = &line[at..line[at..].find(')')? + at];
        let nums = inner.split(',').filter_map(|a| a.trim().parse().ok()).collect();
        Some((nums, inner.contains("bias=False")))
    };
    let mut total = 0;
    for line in code.lines() {
        if let Some((a, _)) = args(line, "nn.Embedding(") {
            total += a[0] * a[1];
        }
        for (class, g) in [("nn.RNNCell(", 1), ("nn.GRUCell(", 3), ("nn.LSTMCell(", 4)] {
            if let Some((a, no_bias)) = args(line, class) {
                let (m, n) = (a[0], a[1]);
                total += g * (n * m + n * n + if no_bias { 0 } else { 2 * n });
            }
        }
        if let Some((a, no_bias)) = args(line, "nn.Linear(") {
            total += a[0] * a[1] + if no_bias { 0 } else { a[1] };
        }
    }
    total
}

#[test]
fn the_code_export_of_a_pytorch_cell_builds_the_embedding_and_dense_around_it() {
    use rnn_params_model::state::parse_query;
    for (q, want) in [
        // nn.Embedding(10000, 128) + nn.LSTMCell(128, 256) + nn.Linear(256, 10):
        // 1,280,000 + 4(256·128 + 256² + 512) + 2,570 = 1,282,570 + 395,264.
        ("framework=pytorch&cell=lstm&input=128&units=256&kind=cell&vocab=10000&dense=10", 1_677_834),
        // nn.GRUCell(300, 64, bias=False) + nn.Linear(64, 32) + nn.Linear(32, 1):
        // 3(64·300 + 64²) + 2,080 + 33.
        ("framework=pytorch&cell=gru&input=300&units=64&kind=cell&bias=0&dense=32,1", 72_001),
        // nn.Embedding(50, 8) + nn.RNNCell(8, 16): 400 + 16·8 + 256 + 32.
        ("framework=pytorch&cell=rnn&input=8&units=16&kind=cell&vocab=50", 816),
    ] {
        let (state, notices) = parse_query(q);
        assert!(notices.is_empty(), "{q}: {notices:?}");
        assert!(!state.around.is_bare(), "{q}");
        let total = network(&state.config, &state.around).unwrap().total;
        assert_eq!(total, want, "{q}");
        let code = rnn_params_model::code::model_snippet(&state.config, &state.around, Some(16)).text();
        assert_eq!(state.around.embedding.is_some(), code.contains("nn.Embedding("), "{q}:\n{code}");
        assert_eq!(code.matches("nn.Linear(").count(), state.around.dense().len(), "{q}:\n{code}");
        assert_eq!(torch_count(&code), total, "{q}:\n{code}");
        assert!(code.contains("print(sum(p.numel() for p in model.parameters()))"), "{q}");
    }
    // A kind whose snippet builds only the recurrent layer says so (an Embedding makes no frames).
    let (state, _) = parse_query("framework=keras&cell=lstm&input=16&units=32&bidir=0&kind=convlstm&vocab=100");
    assert!(!state.around.is_bare());
    let code = rnn_params_model::code::model_snippet(&state.config, &state.around, Some(16)).text();
    assert!(code.contains("# Only the recurrent layer"), "{code}");
}
