//! One style for the input size in every sentence the page shows: digits grouped and "input
//! features" ("4,096 input features"), never "4096 inputs"; checked on every accepted
//! ground-truth row and a few stacked layers.

mod common;

use common::accepted;
use rnn_params_model::arithmetic::arithmetic;
use rnn_params_model::compare::compare;
use rnn_params_model::count;
use rnn_params_model::scaling::{sentence, PlotAxis};
use rnn_params_model::summary::title;

/// The prose to check: a number (grouped or not) followed by "input" or "inputs" as a word that is
/// not followed by "feature" / "features" breaks the style, and so does an ungrouped size ≥ 1,000
/// before "input feature".
fn bad_uses(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut bad = Vec::new();
    for k in 1..words.len() {
        let number = words[k - 1];
        let is_number = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == ',');
        if !is_number {
            continue;
        }
        let word = words[k].trim_end_matches(|c: char| !c.is_alphanumeric());
        let next = words.get(k + 1).copied().unwrap_or("");
        if (word == "input" || word == "inputs") && !next.starts_with("feature") {
            bad.push(format!("“{number} {word}” in: {text}"));
        }
        if word == "input" && next.starts_with("feature") && !number.contains(',') && number.len() > 3 {
            bad.push(format!("ungrouped “{number}” in: {text}"));
        }
    }
    bad
}

#[test]
fn every_sentence_names_the_input_size_as_grouped_input_features() {
    let mut bad = Vec::new();
    let mut seen = 0;
    for (config, _, id) in accepted() {
        let b = count(&config).unwrap();
        let mut texts = vec![config.describe(), title(&b)];
        texts.extend(arithmetic(&b).steps.iter().map(|s| s.label.clone()));
        if let Ok(c) = compare(&config) {
            texts.push(c.line());
        }
        texts.extend([PlotAxis::Units, PlotAxis::Input, PlotAxis::Layers].map(|a| sentence(&config, a)));
        for t in &texts {
            seen += usize::from(t.contains(" input feature"));
            bad.extend(bad_uses(t).into_iter().map(|b| format!("{id}: {b}")));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The check read real sentences that name the input size.
    assert!(seen > 1000, "{seen}");
}

#[test]
fn the_classic_layer_reads_4096_as_4_096_input_features() {
    let b = count(&Default::default()).unwrap();
    assert_eq!(title(&b), "Keras LSTM(256) on 4,096 input features: 4,457,472 parameters");
    assert_eq!(bad_uses("Keras LSTM(256) on 4096 inputs").len(), 1);
    assert_eq!(bad_uses("on 4096 input features").len(), 1);
    assert!(bad_uses("on 4,096 input features, 1 input feature").is_empty());
}
