//! Issue 18: reading a query is linear in its length, an absurd query is cut with a notice, every
//! notice has its own key, and stray `?`/`#` are read with a notice.

use rnn_params_model::bounds::Batch;
use rnn_params_model::state::{
    parse_location, parse_query, query_in_fragment, query_work, Control, State, QUERY_LIMIT,
};
use std::time::{Duration, Instant};

/// The work for `make(n)` and `make(2n)`; asserts that doubling the length at most about doubles
/// the work. The old reader compared every pair with every later one (`pairs[i+1..]`) and searched
/// the unknown names linearly (`unknown.contains`): counted the same way, its work for n repeats
/// was about n²/2, so the ratio here would have been about 4, not 2.
fn doubling(what: &str, make: impl Fn(usize) -> String) -> (u64, u64) {
    let n = 2_000;
    let (one, two) = (make(n), make(2 * n));
    assert!(two.len() <= QUERY_LIMIT, "{what}: stay under the cut to measure the reading itself");
    let (w1, w2) = (query_work(&one), query_work(&two));
    assert!(w1 >= n as u64, "{what}: each pair is counted ({w1})");
    assert!(w2 * 10 <= w1 * 21, "{what}: doubling the query took {w1} -> {w2} steps");
    (w1, w2)
}

#[test]
fn reading_work_grows_linearly_with_the_query() {
    let dup = doubling("duplicates", |n| "units=1&".repeat(n));
    let unknown = doubling("distinct unknown names", |n| (0..n).map(|k| format!("k{k}=1&")).collect());
    let list = doubling("a long hide list", |n| {
        format!("hide={}", (0..n).map(|k| format!("x{k},plot")).collect::<Vec<_>>().join(","))
    });
    // Figures for the report: printed with --nocapture.
    println!("duplicates {dup:?}, unknown names {unknown:?}, hide list {list:?}");
}

#[test]
fn a_two_megabyte_query_is_cut_with_a_notice_and_read_promptly() {
    let query = format!("?{}", "units=1&".repeat(262_000));
    assert!(query.len() > 2_000_000);
    let start = Instant::now();
    let (state, notices) = parse_query(&query);
    let took = start.elapsed();
    // Generous for a slow shared machine: the old reader took 216 s here.
    assert!(took < Duration::from_secs(1), "{took:?}");
    let mut expected = State::default();
    expected.config.units = rnn_params_model::bounds::Size::new(1).unwrap();
    assert_eq!(state, expected);
    let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The query is 2,096,000 bytes long; only its first 65,535 bytes are read (a link to this page \
             needs under 300), the rest is ignored.",
            "units appears 8,192 times; the last value is used.",
        ]
    );
    // 8,192 whole pairs end at byte 65,535 (the `&` after the last is dropped). The work is
    // bounded by the cut, whatever the length.
    assert_eq!(query_work(&query), query_work(&"units=1&".repeat(8_192)));
}

#[test]
fn the_cut_never_reads_half_a_parameter() {
    // `units=256` straddles the limit: it is dropped whole, not read as `units=25`.
    let pad = format!("a={}", "x".repeat(QUERY_LIMIT - 6));
    let (state, notices) = parse_query(&format!("{pad}&units=256&cell=gru"));
    assert_eq!(state.config.units.get(), 256);
    assert_eq!(state.config.cell, State::default().config.cell);
    assert!(notices[0].text.contains("only its first 65,532 bytes"), "{}", notices[0].text);
    let (state, _) = parse_query(&format!("{pad}&units=25"));
    assert_eq!(state.config.units, State::default().config.units);
}

#[test]
fn notices_that_read_the_same_have_different_ids() {
    // Both bidi marks are shown as U+FFFD, so the two unknown-name notices read the same.
    let (_, notices) = parse_query("?units=x&%E2%80%8E=1&%E2%80%8F=2");
    assert_eq!(notices.len(), 3);
    assert_eq!(notices[1].text, notices[2].text);
    assert_eq!(notices[1].param, notices[2].param);
    assert_ne!(notices[1].id, notices[2].id);
    assert_ne!(notices[1], notices[2]);
    // Two names that agree in their first 40 characters.
    let stem = "n".repeat(40);
    let (_, notices) = parse_query(&format!("{stem}a=1&{stem}b=1"));
    assert_eq!(notices.len(), 2);
    assert_eq!(notices[0].text, notices[1].text);
    let ids: Vec<u32> = notices.iter().map(|n| n.id).collect();
    assert_eq!(ids, [0, 1]);
    // Ids are the list positions, also across the kinds of notice.
    let (_, notices) = parse_query("??units=0&units=x&cell=q&foo&hide=zz&proj=3");
    let ids: Vec<u32> = notices.iter().map(|n| n.id).collect();
    assert_eq!(ids, (0..notices.len() as u32).collect::<Vec<_>>());
}

#[test]
fn several_question_marks_are_read_as_one_with_a_notice() {
    let (state, notices) = parse_query("??units=5");
    assert_eq!(state.config.units.get(), 5);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].text, "The query began with 2 question marks; it is read as if it had one.");
    assert_eq!(notices[0].param, "");
    // One `?`, or none, is silent.
    assert!(parse_query("?units=5").1.is_empty());
    assert!(parse_query("units=5").1.is_empty());
}

#[test]
fn settings_after_a_hash_are_read_with_a_notice() {
    let (state, notices) = parse_location("", "#units=5&cell=gru");
    assert_eq!(state.config.units.get(), 5);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].text.starts_with("The settings were given after # (\"#units=5&cell=gru\")"));
    assert!(query_in_fragment("", "#units=5"));
    assert!(query_in_fragment("?", "#units=5"));
    // Bad values in the fragment get the usual notices, after the one about the fragment.
    let (_, notices) = parse_location("", "#units=0");
    assert_eq!(notices.len(), 2);
    assert_eq!(notices[1].param, "units");
    assert_eq!(notices[1].id, 1);
    // An anchor is not settings.
    let (state, notices) = parse_location("", "#plot");
    assert_eq!(state, State::default());
    assert!(notices.is_empty());
    assert!(!query_in_fragment("", "#plot"));
    // The query wins over the fragment, which is then named as ignored.
    let (state, notices) = parse_location("?units=7", "#units=5");
    assert_eq!(state.config.units.get(), 7);
    assert_eq!(notices.len(), 1);
    assert!(notices[0].text.starts_with("Ignored the settings after #"), "{}", notices[0].text);
    // parse_location with no fragment is parse_query.
    assert_eq!(parse_location("?cell=gru&units=x", ""), parse_query("?cell=gru&units=x"));
}

#[test]
fn batch_is_read_written_and_lockable() {
    let (state, notices) = parse_query("batch=32&lock=batch");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(state.view.batch, Batch::new(32).unwrap());
    assert!(state.view.locks(Control::Batch));
    assert!(state.to_query().contains("&batch=32"), "{}", state.to_query());
    assert_eq!(parse_query(&state.to_query()).0, state);
    // The default is not written.
    assert_eq!(State::default().view.batch, Batch::ONE);
    assert!(!State::default().to_query().contains("batch"));
    for bad in ["batch=0", "batch=65537", "batch=two"] {
        let (state, notices) = parse_query(bad);
        assert_eq!(state, State::default(), "{bad}");
        assert_eq!(notices.len(), 1, "{bad}");
        assert_eq!(notices[0].param, "batch");
        assert!(notices[0].text.contains("batch takes a whole number from 1 to 65,536"), "{}", notices[0].text);
        assert!(notices[0].text.ends_with("Using the default 1."), "{}", notices[0].text);
    }
}

#[test]
fn the_default_sequence_length_is_sixteen() {
    assert_eq!(State::default().view.steps.get(), 16);
    assert!(!State::default().to_query().contains("steps"));
    assert!(parse_query("steps=5").0.to_query().ends_with("&steps=5"));
}

#[test]
fn documented_aliases_are_read_and_written_under_their_name() {
    for (alias, canonical) in [
        ("framework=tf", "framework=keras"),
        ("framework=TensorFlow", "framework=keras"),
        ("framework=tf2", "framework=keras"),
        ("framework=torch", "framework=pytorch"),
        ("cell=simple_rnn", "cell=rnn"),
        ("cell=SimpleRNN", "cell=rnn"),
        ("bidir=yes", "bidir=1"),
    ] {
        let (state, notices) = parse_query(alias);
        assert!(notices.is_empty(), "{alias}");
        assert!(state.to_query().contains(canonical), "{alias}: {}", state.to_query());
    }
}

#[test]
fn large_numbers_in_messages_are_grouped() {
    let (_, notices) = parse_query("input=0");
    assert!(notices[0].text.ends_with("Using the default 4,096."), "{}", notices[0].text);
    let (_, notices) = parse_query(&"cell=gru&".repeat(1_500));
    assert_eq!(notices[0].text, "cell appears 1,500 times; the last value is used.");
}
