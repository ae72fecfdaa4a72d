//! The model built without the `families` feature, as the web app builds it: a layer of the other
//! families waits for `families::install()`, the Keras / PyTorch layers never do. Run by the test
//! command as `cargo test -p rnn-params-model --no-default-features --test families_off` (with the
//! default features this file is empty).
#![cfg(not(feature = "families"))]

use rnn_params_model::bounds::Size;
use rnn_params_model::kind::{Conv, Kind, Tf1};
use rnn_params_model::{arithmetic::arithmetic, compare::compare, count, families, Config, CountError};

#[test]
fn other_families_wait_for_their_rules_and_the_layers_do_not() {
    // Keras ConvLSTM2D(filters=64, kernel_size=3) on 1 channel (golden: 150,016).
    let conv = Config {
        kind: Kind::ConvLstm(Conv::default()),
        input_size: Size::new(1).unwrap(),
        units: Size::new(64).unwrap(),
        ..Config::default()
    };
    let tf1 = Config { kind: Kind::Tf1(Tf1::default()), ..Config::default() };
    // Keras LSTM(256) on 4,096 inputs: counted before any rules are installed.
    assert_eq!(count(&Config::default()).unwrap().total, 4_457_472);
    assert!(!families::installed());
    assert_eq!(count(&conv).map(|b| b.total), Err(CountError::RulesNotLoaded));
    assert_eq!(compare(&tf1).map(|_| ()), Err(CountError::RulesNotLoaded));
    assert!(!CountError::RulesNotLoaded.to_string().is_empty());

    families::install();
    families::install();
    assert!(families::installed());
    let b = count(&conv).unwrap();
    assert_eq!(b.total, 150_016);
    assert!(arithmetic(&b).summary.contains("= 150,016"), "{}", arithmetic(&b).summary);
    assert!(compare(&tf1).is_ok());
}
