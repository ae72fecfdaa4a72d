//! The "I got …" diagnosis on real numbers: every claim in `cases.json` the configuration can
//! express is reproduced exactly by a named mistake, issue 11's seed is found, the right count is
//! recognised, an unrelated number only gets a hint, and nothing panics anywhere in the bounds.

mod common;

use common::{accepted, rows};
use proptest::prelude::*;
use rnn_params_model::bounds::{Layers, ProjSize, Size};
use rnn_params_model::mistakes::{catalogue, diagnose, find, Diagnosis, Finding, Verdict};
use rnn_params_model::{Cell, Config, Framework, MergeMode};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = format!("{}/tests/data/cases.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Why a case's configuration cannot be expressed by `Config`, or `None` if it can.
fn inexpressible(case: &Value) -> Option<&'static str> {
    match case["framework"].as_str() {
        Some("keras" | "pytorch") => {}
        Some("tf1") => {
            return Some(
                "TF1 cells (BasicLSTMCell) keep one concatenated [x, h] kernel; Config counts Keras 3 / PyTorch",
            )
        }
        _ => return Some("no framework named; Config counts Keras or PyTorch"),
    }
    if Cell::from_key(case["cell"].as_str().unwrap_or("")).is_none() {
        return Some("not a SimpleRNN/GRU/LSTM (ConvLSTM2D: every gate is a convolution)");
    }
    if case["peepholes"] == true {
        return Some("peephole connections are not part of Config");
    }
    if case["input_size"].as_u64().is_none() || case["units"].as_u64().is_none() {
        return Some("no sizes given");
    }
    None
}

fn config_of_case(case: &Value) -> Config {
    let u = |k: &str| case[k].as_u64().unwrap();
    Config {
        framework: Framework::from_key(case["framework"].as_str().unwrap()).unwrap(),
        cell: Cell::from_key(case["cell"].as_str().unwrap()).unwrap(),
        input_size: Size::new(u("input_size")).unwrap(),
        units: Size::new(u("units")).unwrap(),
        bidirectional: case["bidirectional"].as_bool().unwrap(),
        bias: case["bias"].as_bool().unwrap(),
        reset_after: case["reset_after"].as_bool().unwrap_or(true),
        layers: Layers::new(u("num_layers")).unwrap(),
        merge: MergeMode::Concat,
        proj_size: ProjSize::new(case["proj_size"].as_u64().unwrap_or(0)).unwrap(),
        kind: rnn_params_model::kind::Kind::Layer,
    }
}

fn found(d: &Diagnosis) -> &[Finding] {
    match &d.verdict {
        Verdict::Found(f) => f,
        other => panic!("expected findings for {}, got {other:?}", d.got),
    }
}

/// The mistake that explains each claim, as the case's lesson describes it.
const EXPECTED: &[(&str, &str)] = &[
    ("C01", "steps-and-input-squared"),
    ("C05b", "one-bias-pytorch"),
    ("C06", "one-bias-pytorch"),
    ("C09b", "steps-as-features"),
    ("C13b", "reset-after-other"),
    ("C16", "wrong-input-size"),
    ("C17", "uvw-per-unit"),
    ("C19", "two-biases-keras+output-matrix-v"),
];

#[test]
fn every_expressible_claim_is_reproduced_exactly_by_a_named_mistake() {
    let mut checked = 0;
    let mut documented = Vec::new();
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        let Some(claimed) = case["claimed_by_user"].as_u64() else { continue };
        if let Some(why) = inexpressible(&case) {
            documented.push((id.to_owned(), why));
            continue;
        }
        let config = config_of_case(&case);
        let steps = case["seq_len"].as_u64().unwrap_or(1);
        let reported = case["reported_by_framework"].as_u64().unwrap();
        let d = diagnose(&config, steps, claimed as u128);
        assert_eq!(d.right, Some(reported), "{id}: the right count is what the framework printed");
        let findings = found(&d);
        let keys: Vec<&str> = findings.iter().map(|f| f.key.as_str()).collect();
        let expected = EXPECTED.iter().find(|(c, _)| *c == id).unwrap_or_else(|| panic!("{id}: {keys:?}")).1;
        assert!(keys.contains(&expected), "{id}: expected {expected} among {keys:?}");
        for f in findings {
            assert_eq!(f.count, claimed as u128, "{id} {}", f.key);
            assert_eq!(f.working.mistaken_total, claimed as u128, "{id} {}", f.key);
            assert_eq!(f.working.right_total, reported as u128, "{id} {}", f.key);
            assert_eq!(f.working.mistaken.iter().map(|t| t.value).sum::<u128>(), claimed as u128);
            assert!(f.working.first_difference.is_some(), "{id} {}", f.key);
        }
        checked += 1;
    }
    // Every claim in the file is in a Keras or PyTorch recurrent configuration today; the claims
    // that could not be (TF1, ConvLSTM2D, peepholes) would be listed here with the reason.
    assert!(documented.is_empty(), "claims the Config cannot express: {documented:?}");
    assert!(checked >= EXPECTED.len(), "only {checked} claims were checked");
    assert!(checked > 0);
}

#[test]
fn cases_the_config_cannot_express_are_the_documented_ones() {
    let skipped: Vec<(String, &str)> = cases()
        .iter()
        .filter_map(|c| inexpressible(c).map(|why| (c["id"].as_str().unwrap().to_owned(), why)))
        .collect();
    let ids: Vec<&str> = skipped.iter().map(|(id, _)| id.as_str()).collect();
    // C21: TF1 BasicLSTMCell; C25: ConvLSTM2D; C30: peepholes with no sizes. None has a claim.
    assert_eq!(ids, ["C21", "C25", "C30"], "{skipped:?}");
    for case in cases() {
        if inexpressible(&case).is_some() {
            assert!(case["claimed_by_user"].is_null(), "{}", case["id"]);
        }
    }
}

#[test]
fn what_the_framework_printed_is_recognised_as_right() {
    let mut n = 0;
    for case in cases() {
        if inexpressible(&case).is_some() {
            continue;
        }
        let reported = case["reported_by_framework"].as_u64().unwrap();
        let d = diagnose(&config_of_case(&case), case["seq_len"].as_u64().unwrap_or(1), reported as u128);
        assert!(matches!(d.verdict, Verdict::Right), "{}: {:?}", case["id"], d.verdict);
        n += 1;
    }
    assert!(n > 15);
    // And every accepted row of the ground truth: the diagnosis's right count and terms are the total.
    for (config, reported, id) in accepted() {
        let d = diagnose(&config, 16, reported as u128);
        assert!(matches!(d.verdict, Verdict::Right), "{id}");
        assert_eq!(d.right, Some(reported), "{id}");
        assert_eq!(d.right_terms.iter().map(|t| t.value).sum::<u128>(), reported as u128, "{id}");
    }
}

#[test]
fn the_seed_of_issue_11_is_found() {
    let keras = Config::default(); // Keras LSTM(256) on 4096 inputs
    assert_eq!(4u128 * ((4096 * 16) + (4096 * 4096)) * 256, 17_246_978_048);
    let d = diagnose(&keras, 16, 17_246_978_048);
    let f = found(&d);
    assert_eq!(f[0].key, "steps-and-input-squared");
    let solved = f[0].solved.as_ref().unwrap();
    assert_eq!((solved.value, solved.actual), (16, 16));
    let w = &f[0].working;
    assert_eq!(w.mistaken_line, "4 × 256 × (4096 × 16) + 4 × 256 × 4096² = 17,246,978,048");
    assert_eq!(w.right_line, "4 × 256 × 4096 + 4 × 256 × 256 + 4 × 256 = 4,457,472");
    assert_eq!(w.first_difference, Some(0));
    assert_eq!(w.mistaken[2].text, "0");
    assert_eq!(w.right[2].slot, "bias");

    // The seed's time steps are solved, not read: with T = 8 given it still says T = 16.
    let d = diagnose(&keras, 8, 17_246_978_048);
    let s = found(&d)[0].solved.clone().unwrap();
    assert_eq!((s.value, s.actual, s.text.as_str()), (16, 8, "you used T = 16"));

    // Multiplied by the time steps: 4,457,472 × 16, with T solved as 16.
    let d = diagnose(&keras, 16, 4_457_472 * 16);
    let f = found(&d);
    assert_eq!(f[0].key, "times-steps");
    assert_eq!(f[0].solved.as_ref().unwrap().value, 16);
    assert_eq!(f[0].working.mistaken_line, "16 × 4 × 256 × 4096 + 16 × 4 × 256 × 256 + 16 × 4 × 256 = 71,319,552");
    // Given no (or other) time steps, T is still found.
    let d = diagnose(&keras, 1, 4_457_472 * 100);
    assert_eq!(found(&d)[0].solved.as_ref().unwrap().text, "you used T = 100");
}

#[test]
fn the_right_count_says_so_and_an_unrelated_number_only_gets_a_hint() {
    let keras = Config::default();
    assert!(matches!(diagnose(&keras, 16, 4_457_472).verdict, Verdict::Right));
    for got in [1_234_567u128, 4_457_473, 0, 1, u128::MAX, 999_999_999_999_999_999_999] {
        let d = diagnose(&keras, 16, got);
        let Verdict::NotFound(h) = &d.verdict else { panic!("{got}: {:?}", d.verdict) };
        assert_eq!(h.difference, got.abs_diff(4_457_472));
        assert!(h.text.starts_with("No mistake in the catalogue gives"), "{}", h.text);
    }
    // A difference that is a small multiple of n gets the question, never a diagnosis.
    let torch_like = Config { bidirectional: true, ..keras };
    let d = diagnose(&torch_like, 16, 8_914_944 + 3 * 256);
    let Verdict::NotFound(h) = &d.verdict else { panic!("{:?}", d.verdict) };
    assert_eq!(h.guess.as_deref(), Some("3 × 256: 3 vectors of n (bias vectors?)"));
    assert_eq!(h.factors, [(2, 8), (3, 1)]);
    assert!(h.text.contains("768 more than the right count 8,914,944 (768 = 2⁸ × 3)"), "{}", h.text);
    // One direction's biases forgotten is no catalogue mistake: a question about the 4 × 256.
    let d = diagnose(&torch_like, 16, 8_914_944 - 1024);
    let Verdict::NotFound(h) = &d.verdict else { panic!("{:?}", d.verdict) };
    assert!(!h.more);
    assert_eq!(h.guess.as_deref(), Some("4 × 256: one bias vector per gate block?"));
    assert_eq!(
        h.text,
        "No mistake in the catalogue gives 8,913,920 exactly. It is 1,024 less than the right count 8,914,944 \
         (1,024 = 2¹⁰). The difference is 4 × 256: one bias vector per gate block?"
    );
}

#[test]
fn each_mistake_gives_its_documented_count_on_real_configurations() {
    let keras = Config::default();
    let torch = Config { framework: Framework::PyTorch, ..keras };
    let count = |key: &str, c: &Config, t: u64| find(key).unwrap().count(c, t);
    // Keras LSTM(256) on 4096 is 4 × (4096·256 + 256·256 + 256) = 4,457,472.
    assert_eq!(count("no-bias", &keras, 16), Some(4_457_472 - 1024));
    assert_eq!(count("two-biases-keras", &keras, 16), Some(4_458_496)); // what PyTorch prints
    assert_eq!(count("one-bias-pytorch", &torch, 16), Some(4_457_472)); // what Keras prints
    assert_eq!(count("one-bias-pytorch", &keras, 16), None);
    assert_eq!(count("gate-blocks", &keras, 16), Some(3 * 1_114_368));
    assert_eq!(count("steps-as-features", &keras, 16), Some(4 * (16 * 256 + 256 * 256 + 256)));
    assert_eq!(count("input-squared", &keras, 16), Some(4 * (4096 * 256 + 4096 * 4096 + 256)));
    // Bi-LSTM(128) taken as LSTM(256): Keras 2 × 4 × (4096·128 + 128² + 128) is right.
    let bi = Config { bidirectional: true, units: Size::new(128).unwrap(), ..keras };
    assert_eq!(count("bidirectional-as-double-units", &bi, 16), Some(4_457_472));
    assert_eq!(count("bidirectional-not-doubled", &bi, 16), Some(4 * (4096 * 128 + 128 * 128 + 128)));
    assert_eq!(count("bidirectional-doubled-twice", &keras, 16), None);
    // The ground truth's PyTorch bidirectional 2-layer LSTM(32) on 3 with proj_size 8 (11,008).
    let row = rows("pytorch.jsonl").into_iter().find(|r| r["config"]["id"] == "pt-0294-lstm-m3-n32-L2-bi-bias-p8-T5");
    let proj = common::config_of(Framework::PyTorch, &row.unwrap()["config"]);
    assert_eq!(rnn_params_model::total(&proj), Ok(11_008));
    // Ignored: 2 × 4 × 32 × (3 + 32 + 2) + 2 × 4 × 32 × (64 + 32 + 2).
    assert_eq!(count("projection-ignored", &proj, 5), Some(2 * 4 * 32 * (3 + 32 + 2) + 2 * 4 * 32 * (64 + 32 + 2)));
    assert_eq!(count("stack-input-n", &proj, 5), Some(11_008 - 2 * 4 * 32 * 8));
    assert_eq!(count("projection-weights-forgotten", &proj, 5), Some(11_008 - 2 * 2 * 8 * 32));
    // The catalogue's keys are unique and URL-safe.
    let mut keys: Vec<&str> = catalogue().iter().map(|m| m.key).collect();
    assert!(keys.iter().all(|k| k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')));
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), catalogue().len());
}

#[test]
fn a_wrong_layer_count_and_merge_mode_are_solved_and_found() {
    // The ground truth's Keras bidirectional 3-layer GRU(256) on 4096, merge_mode sum, reset_after=False.
    let row = rows("keras.jsonl")
        .into_iter()
        .find(|r| r["config"]["id"] == "ks-0336-gru-m4096-n256-L3-bi-bias-ra0-mm-sum-T16")
        .unwrap();
    let config = common::config_of(Framework::Keras, &row["config"]);
    let reported = row["total_params"].as_u64().unwrap() as u128;
    let first = row["layers"][0]["params"].as_u64().or(row["layers"][0]["count_params"].as_u64()).unwrap() as u128;
    let upper = (reported - first) / 2;
    // Counted with 2 layers.
    let d = diagnose(&config, 16, first + upper);
    let f = found(&d).iter().find(|f| f.key == "wrong-layer-count").unwrap();
    assert_eq!(f.solved.as_ref().unwrap().text, "you counted L = 2 layers (the stack has 3)");
    // Counted as 3 × the first layer.
    let d = diagnose(&config, 16, 3 * first);
    assert!(found(&d).iter().any(|f| f.key == "stack-as-first-layer"));
    // Upper layers given 2n inputs although merge_mode='sum' gives them n.
    let wider = 2 * 2 * 3 * 256 * 256; // 2 layers × 2 directions × 3 gate blocks × n × (2n − n)
    let d = diagnose(&config, 16, reported + wider);
    assert!(found(&d).iter().any(|f| f.key == "stack-input-2n"), "{:?}", d.verdict);
}

fn in_bounds() -> impl Strategy<Value = Config> {
    let size = || prop_oneof![Just(1u64), Just(1_048_576u64), 1u64..=64, 1u64..=1_048_576];
    (
        prop_oneof![Just(Framework::Keras), Just(Framework::PyTorch)],
        prop_oneof![Just(Cell::SimpleRnn), Just(Cell::Gru), Just(Cell::Lstm)],
        size(),
        size(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        1u64..=16,
        prop_oneof![Just(MergeMode::Concat), Just(MergeMode::Sum), Just(MergeMode::Mul), Just(MergeMode::Ave)],
        0u64..=1_048_575,
    )
        .prop_map(|(framework, cell, m, n, bidirectional, bias, reset_after, layers, merge, p)| Config {
            framework,
            cell,
            input_size: Size::new(m).unwrap(),
            units: Size::new(n).unwrap(),
            bidirectional,
            bias,
            reset_after,
            layers: Layers::new(layers).unwrap(),
            merge,
            // Any p, refused or not: diagnose must answer either way.
            proj_size: ProjSize::new(if p % 3 == 0 { p } else { 0 }).unwrap(),
            kind: rnn_params_model::kind::Kind::Layer,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn diagnose_never_panics(config in in_bounds(), steps in prop_oneof![Just(0u64), 1u64..=1_000_000, Just(u64::MAX)],
                             got in prop_oneof![Just(0u128), any::<u64>().prop_map(u128::from), any::<u128>()]) {
        let d = diagnose(&config, steps, got);
        if let Verdict::Found(findings) = &d.verdict {
            for f in findings {
                prop_assert_eq!(f.count, got);
                prop_assert_eq!(f.working.mistaken.iter().map(|t| t.value).sum::<u128>(), got);
            }
        }
        for m in catalogue() {
            let _ = m.count(&config, steps);
            let _ = m.working(&config, steps);
        }
    }

    #[test]
    fn every_mistake_is_found_from_its_own_count(config in in_bounds(), steps in 1u64..=1_000) {
        for m in catalogue() {
            if let Some(v) = m.count(&config, steps) {
                let d = diagnose(&config, steps, v);
                let Verdict::Found(f) = &d.verdict else { return Err(TestCaseError::fail(format!("{}: {:?}", m.key, d.verdict))) };
                prop_assert!(f.iter().any(|f| f.key == m.key), "{} not among {:?}", m.key, f.iter().map(|f| &f.key).collect::<Vec<_>>());
            }
        }
    }
}
