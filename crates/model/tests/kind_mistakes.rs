//! "I got …" for issue 17's layer families, on real rows of `keras_convlstm.jsonl`, `flax.jsonl`,
//! `pytorch_cells.jsonl` and `tf_legacy.jsonl`: each named mistake is found, with its working,
//! for a number computed here by the mistaken arithmetic written out (not by the model), and every
//! golden row's right count is recognised and written as terms that add up to it.

mod common;

use common::kinds::golden_kinds;
use rnn_params_model::kind::Kind;
use rnn_params_model::mistakes::{catalogue, diagnose, Verdict};
use rnn_params_model::Config;

/// The golden row whose id starts with `id`: its configuration and the framework's total.
fn row(id: &str) -> (Config, u128) {
    let (_, config, total) = golden_kinds()
        .into_iter()
        .find(|(i, ..)| i.starts_with(id))
        .unwrap_or_else(|| panic!("no accepted golden row {id}"));
    (config, u128::from(total))
}

/// Asserts that `key` is among the mistakes that give `got` for row `id`, with a working whose
/// mistaken terms add up to `got` and whose right side is the framework's total.
fn finds(id: &str, got: u128, key: &str) {
    let (config, total) = row(id);
    assert_ne!(got, total, "{id}: {key} must give another number");
    let d = diagnose(&config, 10, got);
    assert_eq!(d.right.map(u128::from), Some(total), "{id}");
    let Verdict::Found(found) = &d.verdict else { panic!("{id}: {got} for {key}: {:?}", d.verdict) };
    let keys: Vec<&str> = found.iter().map(|f| f.key.as_str()).collect();
    assert!(keys.contains(&key), "{id}: {key} not among {keys:?} for {got}");
    for f in found {
        assert_eq!(f.count, got, "{id} {}", f.key);
        assert_eq!(f.working.mistaken.iter().map(|t| t.value).sum::<u128>(), got, "{id} {}", f.key);
        assert_eq!(f.working.right.iter().map(|t| t.value).sum::<u128>(), total, "{id} {}", f.key);
        assert_eq!(f.working.right_total, total, "{id} {}", f.key);
        assert!(f.working.first_difference.is_some(), "{id} {}", f.key);
    }
}

#[test]
fn convlstm_mistakes_are_found_with_their_working() {
    // ConvLSTM2D(filters=64, kernel_size=3) on 16 channels, 8×8 frames: 184,576.
    let id = "cl-0011-";
    let (h, w, c, f, k) = (8u128, 8, 16, 64, 3u128);
    // The frame flattened into an LSTM's input: H·W·c features, f × f recurrent weights.
    finds(id, 4 * ((h * w * c + f) * f + f), "convlstm-frame-flattened");
    // The whole count multiplied by the 64 positions.
    finds(id, 64 * 4 * (k * k * c * f + k * k * f * f + f), "convlstm-times-positions");
    // kernel_size=3 read as K = 3, not 3 × 3.
    finds(id, 4 * (k * c * f + k * f * f + f), "convlstm-kernel-one-axis");
    // K on the input kernel only: the recurrent weights as f².
    finds(id, 4 * (k * k * c * f + f * f + f), "convlstm-recurrent-without-kernel");
    // f² forgotten: only the input convolution.
    finds(id, 4 * (k * k * c * f + f), "convlstm-recurrent-forgotten");
    // Counted as LSTM(64) on 16 inputs.
    finds(id, 4 * ((c + f) * f + f), "convlstm-kernel-left-out");

    // The working writes K per axis.
    let (config, _) = row(id);
    let d = diagnose(&config, 10, 4 * ((h * w * c + f) * f + f));
    let Verdict::Found(found) = d.verdict else { panic!() };
    let flat = found.iter().find(|f| f.key == "convlstm-frame-flattened").unwrap();
    assert_eq!(flat.working.right_line, "4 × 64 × (3 × 3) × 16 + 4 × (3 × 3) × 64 × 64 + 4 × 64 = 184,576");
    assert_eq!(flat.working.mistaken_line, "4 × 64 × (8 × 8) × 16 + 4 × 64 × 64 + 4 × 64 = 278,784");

    // ConvLSTM1D(8, 3) on 16 channels, 8 positions: the frame multiplied in.
    finds("cl-0033-", 8 * 4 * (3 * 16 * 8 + 3 * 8 * 8 + 8), "convlstm-times-positions");
    // Flax ConvLSTMCell(16, (3, 3)) on 3 channels: two biases per gate (ih and hh), 11,072.
    finds("fx-0074-", 4 * ((8 * 8 * 3 + 16) * 16 + 2 * 16), "convlstm-frame-flattened");
    finds("fx-0074-", 4 * (3 * 3 * 3 * 16 + 16 * 16 + 2 * 16), "convlstm-recurrent-without-kernel");
}

#[test]
fn tf1_peepholes_and_projection_mistakes_are_found() {
    // LSTMCell(256, use_peepholes=True) on 4096: 4,458,240.
    let (m, n) = (4096u128, 256u128);
    finds("tf-0015-", 4 * ((m + n) * n + n) + 3 * n * n, "tf1-peepholes-full");
    finds("tf-0015-", 4 * ((m + n) * n + n), "tf1-peepholes-forgotten");
    // LSTMCell(256, num_proj=64) on 4096: 4,277,248.
    let p = 64u128;
    finds("tf-0018-", 4 * ((m + n) * n + n), "tf1-num-proj-forgotten");
    finds("tf-0018-", 4 * ((m + p) * n + n) + p * p, "tf1-num-proj-square");
    finds("tf-0018-", 4 * ((m + n) * n + n) + n * p, "tf1-num-proj-kernel-rows");
    // Bidirectional LSTMCell(32, num_proj=8, use_peepholes=True) on 16: 7,104.
    let (m, n, p) = (16u128, 32u128, 8u128);
    finds("tf-0032-", 2 * (4 * ((m + p) * n + n) + 3 * n * n + n * p), "tf1-peepholes-full");
    finds("tf-0032-", 2 * (4 * ((m + n) * n + n) + 3 * n), "tf1-num-proj-forgotten");
    finds("tf-0032-", 4 * ((m + p) * n + n) + 3 * n + n * p, "bidirectional-not-doubled");
}

#[test]
fn bias_conventions_of_cudnn_flax_and_pytorch_cells_are_found() {
    // Bidirectional CuDNNLSTM(32) on 16 counted the Keras way (one bias per gate): 12,800 right.
    finds("tf-0045-", 2 * 4 * (32 * 16 + 32 * 32 + 32), "cudnn-one-bias");
    // CuDNNGRU(4) on 3: 108 right.
    finds("tf-0043-", 3 * (4 * 3 + 4 * 4 + 4), "cudnn-one-bias");
    // Flax Linen LSTMCell(32) on 16 (6,272) counted with PyTorch's b_ih and b_hh; NNX the same.
    finds("fx-0002-", 4 * (32 * 16 + 32 * 32 + 2 * 32), "flax-lstm-two-biases");
    finds("fx-0027-", 4 * (32 * 16 + 32 * 32 + 2 * 32), "flax-lstm-two-biases");
    // NNX GRUCell(32) on 16 (4,704) counted as Linen's, with the bias on hn.
    finds("fx-0037-", 3 * (32 * 16 + 32 * 32 + 32) + 32, "flax-gru-other-api");
    // Linen bidirectional GRUCell(32) on 16 (9,472) counted as NNX's.
    finds("fx-0047-", 2 * 3 * (32 * 16 + 32 * 32 + 32), "flax-gru-other-api");
    // A shared Bidirectional(LSTMCell(32)) on 16 (6,272) counted as two directions.
    finds("fx-0073-", 2 * 4 * (32 * 16 + 32 * 32 + 32), "flax-shared-doubled");
    // nn.LSTMCell(16, 32) (6,400) counted with one bias per gate.
    finds("pc-0020-", 4 * (32 * 16 + 32 * 32 + 32), "one-bias-pytorch");
    // nn.GRUCell(3, 4) (108) likewise.
    finds("pc-0010-", 3 * (4 * 3 + 4 * 4 + 4), "one-bias-pytorch");
}

#[test]
fn every_golden_row_is_right_and_written_as_terms_that_add_up() {
    let mut written = 0;
    let mut fallback = Vec::new();
    for (id, config, total) in golden_kinds() {
        let d = diagnose(&config, 10, u128::from(total));
        assert!(matches!(d.verdict, Verdict::Right), "{id}: {:?}", d.verdict);
        if d.right_terms.is_empty() {
            fallback.push(id);
        } else {
            assert_eq!(d.right_terms.iter().map(|t| t.value).sum::<u128>(), u128::from(total), "{id}");
            written += 1;
        }
    }
    // Only a Flax stack whose top layer alone is forward has no single formula.
    assert!(fallback.iter().all(|id| id.contains("Sequential-Bidirectional+RNN")), "{fallback:?}");
    assert_eq!(fallback.len(), 1, "{fallback:?}");
    assert!(written > 250, "{written}");
}

#[test]
fn every_mistake_is_found_from_its_own_count_on_every_golden_row() {
    let mut hits = std::collections::BTreeMap::new();
    for (id, config, _) in golden_kinds() {
        for m in catalogue() {
            let Some(v) = m.count(&config, 10) else { continue };
            let d = diagnose(&config, 10, v);
            let Verdict::Found(f) = &d.verdict else { panic!("{id} {}: {:?}", m.key, d.verdict) };
            assert!(f.iter().any(|f| f.key == m.key), "{id}: {} not found from {v}", m.key);
            *hits.entry(m.key).or_insert(0) += 1;
        }
    }
    // Every entry about these families applies to some golden row.
    for key in [
        "convlstm-frame-flattened",
        "convlstm-times-positions",
        "convlstm-kernel-per-position",
        "convlstm-kernel-one-axis",
        "convlstm-kernel-left-out",
        "convlstm-recurrent-without-kernel",
        "convlstm-recurrent-forgotten",
        "tf1-peepholes-full",
        "tf1-peepholes-forgotten",
        "tf1-num-proj-forgotten",
        "tf1-num-proj-square",
        "tf1-num-proj-kernel-rows",
        "cudnn-one-bias",
        "flax-lstm-two-biases",
        "flax-gru-other-api",
        "flax-shared-doubled",
        "one-bias-pytorch",
    ] {
        assert!(hits.get(key).copied().unwrap_or(0) > 0, "{key} never applied");
    }
}

#[test]
fn mistakes_about_one_family_do_not_apply_to_another() {
    let (cell, _) = row("pc-0020-");
    let (conv, _) = row("cl-0011-");
    for m in catalogue() {
        if m.key.starts_with("convlstm-") {
            assert_eq!(m.count(&cell, 10), None, "{}", m.key);
        }
        if m.key.starts_with("tf1-") || m.key.starts_with("flax-") || m.key.starts_with("cudnn-") {
            assert_eq!(m.count(&conv, 10), None, "{}", m.key);
        }
    }
    assert!(matches!(conv.kind, Kind::ConvLstm(_)));
    // The classic reading of a ConvLSTM's "input size" would multiply the steps into channels.
    assert_eq!(rnn_params_model::mistakes::find("steps-as-features").unwrap().count(&conv, 10), None);
}

mod random {
    use proptest::prelude::*;
    use rnn_params_model::bounds::{Layers, Size};
    use rnn_params_model::kind::{with_kind, Conv, Flax, FlaxApi, FlaxCell, Kind, Tf1};
    use rnn_params_model::mistakes::{catalogue, diagnose, Verdict};
    use rnn_params_model::{Cell, Config};

    /// Any configuration of the new kinds within the bounds (kernels up to 32 per axis, frames up
    /// to 65,536 per axis, 16 layers), kept only when its framework accepts it.
    fn kinds() -> impl Strategy<Value = Config> {
        (
            (0usize..6, 1u64..=1_048_576, 1u64..=1_048_576, 1u64..=16, any::<bool>(), any::<bool>()),
            (1u8..=3, prop::array::uniform3(1u32..=32), prop::array::uniform3(1u32..=65_536)),
            (0usize..6, any::<bool>(), any::<bool>(), 0u32..=64, 0usize..3),
        )
            .prop_map(|((k, m, n, l, bi, bias), (rank, kernel, frame), (fc, nnx, peep, proj, cell))| {
                let conv = Conv { rank, kernel, frame, ..Conv::default() };
                let kind = match k {
                    0 => Kind::ConvLstm(conv),
                    1 => Kind::Flax(Flax {
                        api: if nnx { FlaxApi::Nnx } else { FlaxApi::Linen },
                        cell: FlaxCell::ALL[fc],
                        shared: peep,
                        conv,
                        ..Flax::default()
                    }),
                    2 => Kind::Tf1(Tf1 { full_lstm: true, peepholes: peep, num_proj: proj, ..Tf1::default() }),
                    3 => Kind::CuDnn,
                    4 => Kind::Keras2,
                    _ => Kind::TorchCell,
                };
                let base = Config {
                    cell: [Cell::SimpleRnn, Cell::Gru, Cell::Lstm][cell],
                    input_size: Size::new(m).unwrap(),
                    units: Size::new(n).unwrap(),
                    layers: Layers::new(l).unwrap(),
                    bidirectional: bi,
                    bias,
                    ..Config::default()
                };
                with_kind(&base, kind)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn the_kinds_diagnosis_never_panics_and_finds_each_mistake(config in kinds(), steps in 1u64..=1_000,
                                                                    got in any::<u64>()) {
            // The catalogue writes the right count as terms that add up to it.
            if let Ok(right) = rnn_params_model::total(&config) {
                let d = diagnose(&config, steps, u128::from(right));
                prop_assert!(matches!(d.verdict, Verdict::Right));
                prop_assert_eq!(d.right_terms.iter().map(|t| t.value).sum::<u128>(), u128::from(right), "{:?}", config);
            }
            let d = diagnose(&config, steps, u128::from(got));
            if let Verdict::Found(f) = &d.verdict {
                for f in f {
                    prop_assert_eq!(f.working.mistaken.iter().map(|t| t.value).sum::<u128>(), u128::from(got));
                }
            }
            for m in catalogue() {
                if let Some(v) = m.count(&config, steps) {
                    let d = diagnose(&config, steps, v);
                    let Verdict::Found(f) = &d.verdict else { return Err(TestCaseError::fail(format!("{}: {:?}", m.key, d.verdict))) };
                    prop_assert!(f.iter().any(|f| f.key == m.key), "{} not found", m.key);
                }
            }
        }
    }
}
