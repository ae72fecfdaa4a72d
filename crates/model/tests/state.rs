//! Reading and writing the URL query: every bad value is named with its accepted range and falls
//! back to its default; a written query reads back to the same state.

use rnn_params_model::bounds::{Layers, ProjSize, Size, Steps};
use rnn_params_model::state::{parse_query, Control, PlotAxis, Scale, Section, State, Theme};
use rnn_params_model::{Cell, Config, Framework, MergeMode};

#[test]
fn the_issue_example_reads_as_the_classic_layer() {
    let (state, notices) = parse_query("?cell=lstm&input=4096&units=256&bidir=0");
    assert!(notices.is_empty());
    assert_eq!(state, State::default());
}

#[test]
fn each_bad_value_names_its_parameter_and_range_and_keeps_the_default() {
    let cases = [
        ("units=abc", "units", "from 1 to 1,048,576"),
        ("units=0", "units", "from 1 to 1,048,576"),
        ("input=-3", "input", "from 1 to 1,048,576"),
        ("cell=transformer", "cell", "one of rnn, gru, lstm"),
        ("units=99999999999", "units", "from 1 to 1,048,576"),
        ("units=2.5", "units", "from 1 to 1,048,576"),
        ("units=", "units", "from 1 to 1,048,576"),
        ("layers=17", "layers", "from 1 to 16"),
        ("bidir=maybe", "bidir", "0 (off) or 1 (on)"),
        ("framework=jax", "framework", "one of keras, pytorch"),
        ("merge=max", "merge", "one of concat, sum, mul, ave"),
        ("steps=0", "steps", "from 1 to 1,000,000"),
        ("plot=time", "plot", "one of units, input, layers"),
        ("scale=cubic", "scale", "one of linear, log, loglog"),
        ("theme=pink", "theme", "one of auto, light, dark"),
    ];
    for (query, param, range) in cases {
        let (state, notices) = parse_query(query);
        assert_eq!(state, State::default(), "{query}");
        assert_eq!(notices.len(), 1, "{query}: {notices:?}");
        assert_eq!(notices[0].param, param);
        assert!(notices[0].text.starts_with(&format!("{param}=")), "{}", notices[0].text);
        assert!(notices[0].text.contains(range), "{query}: {}", notices[0].text);
        assert!(notices[0].text.contains("default"), "{}", notices[0].text);
    }
}

#[test]
fn good_values_are_kept_beside_bad_ones() {
    let (state, notices) = parse_query("cell=gru&units=abc&input=13&bidir=1");
    assert_eq!(notices.len(), 1);
    assert_eq!(state.config.cell, Cell::Gru);
    assert_eq!(state.config.input_size.get(), 13);
    assert!(state.config.bidirectional);
    assert_eq!(state.config.units, Config::default().units);
}

#[test]
fn a_projection_pytorch_would_refuse_is_dropped_with_its_reason() {
    let (state, notices) = parse_query("framework=pytorch&units=32&proj=32");
    assert_eq!(state.config.proj_size, ProjSize::NONE);
    assert!(notices[0].text.contains("proj_size has to be smaller than hidden_size"), "{}", notices[0].text);
    let (state, notices) = parse_query("framework=pytorch&cell=gru&proj=8");
    assert_eq!(state.config.proj_size, ProjSize::NONE);
    assert!(notices[0].text.contains("only supported for LSTM"), "{}", notices[0].text);
    let (_, notices) = parse_query("framework=keras&proj=8");
    assert!(notices[0].text.contains("Keras has no LSTM projection"), "{}", notices[0].text);
    let (state, notices) = parse_query("framework=pytorch&units=32&proj=8");
    assert!(notices.is_empty());
    assert_eq!(state.config.proj_size.get(), 8);
}

#[test]
fn repeated_unknown_and_markup_parameters_are_reported_as_text() {
    let (state, notices) = parse_query("units=1&units=2&units=64&foo=1");
    assert_eq!(state.config.units.get(), 64);
    assert_eq!(notices.len(), 2);
    assert!(notices[0].text.contains("units appears 3 times"));
    assert!(notices[1].text.contains("unknown parameter \"foo\""));
    let (_, notices) = parse_query("units=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
    assert!(notices[0].text.contains("units=<img src=x onerror=alert(1)> is not a whole number"));
    let long = "9".repeat(500);
    let (_, notices) = parse_query(&format!("input={long}"));
    assert!(notices[0].text.len() < 200, "a long value is shortened in the message");
}

#[test]
fn hide_and_lock_lists_keep_known_names_and_report_unknown_ones() {
    let (state, notices) = parse_query("hide=plot,share,bogus,plot&lock=input,units,cell,colour&embed=1&theme=dark");
    assert_eq!(state.view.hide, [Section::Plot, Section::Share]);
    assert_eq!(state.view.lock, [Control::Cell, Control::Input, Control::Units]);
    assert!(state.view.embed);
    assert_eq!(state.view.theme, Theme::Dark);
    assert_eq!(notices.len(), 2);
    assert!(notices[0].text.contains("\"bogus\""));
    assert!(notices[1].text.contains("\"colour\""));
}

fn sample_states() -> Vec<State> {
    let mut out = Vec::new();
    for framework in Framework::ALL {
        for cell in Cell::ALL {
            for (bidirectional, merge) in [(false, MergeMode::Concat), (true, MergeMode::Sum), (true, MergeMode::Ave)] {
                let config = Config {
                    framework,
                    cell,
                    input_size: Size::new(13).unwrap(),
                    units: Size::new(1_048_576).unwrap(),
                    bidirectional,
                    bias: !bidirectional,
                    reset_after: bidirectional,
                    layers: Layers::new(if bidirectional { 3 } else { 1 }).unwrap(),
                    merge: if framework == Framework::Keras { merge } else { MergeMode::Concat },
                    proj_size: if framework == Framework::PyTorch && cell == Cell::Lstm {
                        ProjSize::new(100).unwrap()
                    } else {
                        ProjSize::NONE
                    },
                    kind: rnn_params_model::kind::Kind::Layer,
                };
                let mut s = State { config, ..State::default() };
                s.view.steps = Steps::new(100).unwrap();
                s.view.plot = PlotAxis::Layers;
                s.view.scale = Scale::Log;
                s.view.embed = bidirectional;
                s.view.hide = vec![Section::Diagram, Section::Plot];
                s.view.lock = vec![Control::Input, Control::Units];
                s.view.theme = Theme::Light;
                out.push(s);
            }
        }
    }
    out
}

#[test]
fn a_written_query_reads_back_to_the_same_state() {
    for state in sample_states() {
        let query = state.to_query();
        let (back, notices) = parse_query(&query);
        assert!(notices.is_empty(), "{query}: {notices:?}");
        assert_eq!(back, state, "{query}");
    }
}

#[test]
fn the_full_version_query_drops_embedding_settings() {
    let (state, _) = parse_query("cell=gru&embed=1&hide=plot&lock=units&theme=dark");
    assert_eq!(state.full_query(), "framework=keras&cell=gru&input=4096&units=256&bidir=0&theme=dark");
}

#[test]
fn bidirectional_formatting_characters_cannot_turn_a_message_around() {
    let (_, notices) = parse_query("units=%E2%80%AE12&cell=%E2%80%AEmurg&%E2%81%A6abc=1");
    assert_eq!(notices.len(), 3);
    for n in &notices {
        assert!(!n.text.contains('\u{202E}') && !n.text.contains('\u{2066}'), "{}", n.text);
        assert!(n.text.contains('\u{FFFD}'), "{}", n.text);
    }
}

#[test]
fn unknown_names_are_reported_once_each_and_many_of_them_in_one_notice() {
    // Found by an adversarial tester: "a appears 3 times" as well as "unknown parameter a".
    let (_, notices) = parse_query("a&a&a");
    let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Ignored unknown parameter \"a\"."]);
    // A parameter with no name is called that, not "".
    let (_, notices) = parse_query("&&=&=1");
    let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Ignored unknown parameter (no name)."]);
    // Thousands of unknown names: one notice, the first few named.
    let query: Vec<String> = (0..2500).map(|k| format!("k{k}=1")).collect();
    let (state, notices) = parse_query(&query.join("&"));
    assert_eq!(state, parse_query("").0);
    assert_eq!(notices.len(), 1);
    assert_eq!(
        notices[0].text,
        "Ignored 2,500 unknown parameters: \"k0\", \"k1\", \"k2\", \"k3\", \"k4\", and 2,495 more."
    );
    // Known names repeated still say so.
    let (_, notices) = parse_query("cell=gru&cell=rnn&zzz=1");
    let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["cell appears 2 times; the last value is used.", "Ignored unknown parameter \"zzz\"."]);
}

#[test]
fn unknown_names_in_hide_and_lock_are_reported_once_per_list() {
    let (state, notices) = parse_query("hide=foo,foo,bar,plot&lock=zzz,units,zzz");
    let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].starts_with("hide: ignored unknown names \"foo\", \"bar\" (hide takes"), "{}", texts[0]);
    assert!(texts[1].starts_with("lock: ignored unknown name \"zzz\" (lock takes"), "{}", texts[1]);
    assert_eq!(state.view.hide.len(), 1);
    assert_eq!(state.view.lock.len(), 1);
    let (_, notices) = parse_query("hide=a,b,c,d,e,f,g,h");
    assert_eq!(notices.len(), 1);
    assert!(notices[0].text.contains("\"e\", and 3 more ("), "{}", notices[0].text);
}

#[test]
fn the_layers_around_the_stack_read_back_from_the_query() {
    use rnn_params_model::bounds::Vocab;
    use rnn_params_model::network::{Around, Embedding, Head};
    let mut cases = Vec::new();
    for head in Head::ALL {
        for (vocab, frozen, dense, bias) in [
            (Some(4500), false, vec![6, 1], true),
            (None, false, vec![92], false),
            (Some(16_777_216), true, vec![], true),
        ] {
            let around = Around {
                embedding: vocab.map(|v| Embedding { vocab: Vocab::new(v).unwrap(), frozen }),
                dense_bias: bias,
                head,
                ..Around::default()
            }
            .with_dense(&dense);
            cases.push(State { around, ..State::default() });
        }
    }
    for state in cases {
        let query = state.to_query();
        let (back, notices) = parse_query(&query);
        assert!(notices.is_empty(), "{query}: {notices:?}");
        assert_eq!(back, state, "{query}");
    }
    let (s, n) = parse_query("cell=gru&bidir=1&input=16&units=32&vocab=4500&dense=6,1");
    assert!(n.is_empty());
    assert_eq!(s.network().unwrap().total, 81_997);
    assert_eq!(s.to_query(), "framework=keras&cell=gru&input=16&units=32&bidir=1&vocab=4500&dense=6,1");
}

#[test]
fn bad_values_around_the_stack_name_the_parameter_and_keep_the_default() {
    for (query, param, range) in [
        ("vocab=0.5", "vocab", "1 to 16,777,216"),
        ("vocab=16777217", "vocab", "1 to 16,777,216"),
        ("dense=6,x", "dense", "1 to 1,048,576"),
        ("dense=1,2,3,4,5", "dense", "1 to 4 unit counts"),
        ("dense=2000000", "dense", "1 to 1,048,576"),
        ("dense_bias=maybe", "dense_bias", "0 (off) or 1 (on)"),
        ("head=first", "head", "last, every, td"),
        ("frozen=2", "frozen", "0 (off) or 1 (on)"),
    ] {
        let (s, n) = parse_query(query);
        assert_eq!(n.len(), 1, "{query}: {n:?}");
        assert_eq!(n[0].param, param, "{query}");
        assert!(n[0].text.starts_with(&format!("{param}=")), "{query}: {}", n[0].text);
        assert!(n[0].text.contains(range), "{query}: {}", n[0].text);
        assert_eq!(s.around, State::default().around, "{query}: default kept");
    }
    // `0` means none, silently.
    let (s, n) = parse_query("vocab=0&dense=0");
    assert!(n.is_empty() && s.around.is_bare());
    // frozen applies whichever comes first.
    let (s, _) = parse_query("frozen=1&vocab=10");
    assert!(s.around.embedding.unwrap().frozen);
}

#[test]
fn scale_loglog_reads_and_writes_back() {
    let (state, notices) = parse_query("?scale=loglog");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(state.view.scale, Scale::LogLog);
    assert!(state.view.scale.log_x() && state.view.scale.log_y());
    assert!(state.to_query().ends_with("&scale=loglog"), "{}", state.to_query());
    assert_eq!(parse_query(&state.to_query()).0, state);
    let (fallback, notices) = parse_query("?scale=loglin");
    assert_eq!(fallback.view.scale, Scale::Linear);
    assert!(notices[0].to_string().contains("one of linear, log, loglog"), "{}", notices[0]);
}
