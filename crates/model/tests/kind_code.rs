//! The code export of a whole model around issue 17's layer families: for every accepted golden row
//! of `keras_convlstm.jsonl`, `flax.jsonl`, `tf_legacy.jsonl` (the PyTorch cells have their own
//! test in `models.rs`) with an Embedding and Dense layers around it, the snippet states the page's
//! total, and reading the snippet back through the paste box gives a model with that same total.
//! Where the framework cannot put those layers around the layer (an Embedding before a ConvLSTM, a
//! bare Flax cell) the snippet says it builds the layer only.

mod common;

use common::kinds::golden_kinds;
use rnn_params_model::bounds::Vocab;
use rnn_params_model::code::model_snippet;
use rnn_params_model::kind::{FlaxCell, Kind};
use rnn_params_model::network::{network, Around, Embedding, Head};
use rnn_params_model::{paste, Config};

/// The number the count line ends with (`print(...)  # 81,997`).
fn stated(check: &str) -> Option<u64> {
    let (_, tail) = check.lines().last()?.rsplit_once("# ")?;
    tail.replace(',', "").trim().parse().ok()
}

fn arounds(config: &Config) -> Vec<Around> {
    let emb = |vocab: u64, frozen: bool| Some(Embedding { vocab: Vocab::new(vocab).unwrap(), frozen });
    vec![
        Around { embedding: emb(1000, false), ..Around::default() }.with_dense(&[10]),
        Around { dense_bias: false, head: Head::Every, ..Around::default() }.with_dense(&[32, 1]),
        Around { embedding: emb(50 + config.units.wide(), true), head: Head::TimeDistributed, ..Around::default() }
            .with_dense(&[5]),
        Around { embedding: emb(300, false), ..Around::default() },
    ]
}

#[test]
fn the_whole_model_code_states_and_reads_back_to_the_pages_total() {
    let (mut built, mut layer_only, mut read_back) = (0, 0, 0);
    for (id, config, _) in golden_kinds() {
        if config.kind == Kind::TorchCell || config.kind == Kind::Layer {
            continue;
        }
        for around in arounds(&config) {
            let Ok(net) = network(&config, &around) else { continue };
            let s = model_snippet(&config, &around, Some(10));
            let text = s.text();
            let no_frames = matches!(config.kind, Kind::ConvLstm(_)) && around.embedding.is_some();
            let flax_cant = match config.kind {
                Kind::Flax(f) => f.bare || (f.cell == FlaxCell::ConvLstm && around.embedding.is_some()),
                _ => false,
            };
            if no_frames || flax_cant {
                assert!(text.contains("# Only the recurrent layer"), "{id}:\n{text}");
                assert_eq!(stated(&s.check), None, "{id}");
                layer_only += 1;
                continue;
            }
            assert_eq!(stated(&s.check), Some(net.total), "{id} {around:?}:\n{text}");
            assert_eq!(
                text.matches("Dense(").count() + text.matches("Linear(").count() + text.matches("dense(").count(),
                around.dense().len(),
                "{id}:\n{text}"
            );
            built += 1;
            // The paste box reads the code back (NNX's model has no input shape it could read the
            // Linen way; it names in_features, and is read too).
            let r = paste::read(&text);
            let (Some(c), None) = (r.config, &r.error) else { panic!("{id}: {:?}\n{text}", r.error) };
            let a = r.around.unwrap_or_else(|| panic!("{id}: no layers around read back\n{text}"));
            assert_eq!(a.embedding.map(|e| e.vocab), around.embedding.map(|e| e.vocab), "{id}:\n{text}");
            assert_eq!(a.dense(), around.dense(), "{id}:\n{text}");
            assert_eq!(network(&c, &a).unwrap().total, net.total, "{id}: read back as {c:?}\n{text}");
            read_back += 1;
        }
    }
    assert!(built > 300, "{built}");
    assert!(layer_only > 50, "{layer_only}");
    assert_eq!(read_back, built);
}

#[test]
fn the_code_of_each_family_uses_its_own_api() {
    let pick = |prefix: &str| golden_kinds().into_iter().find(|(id, ..)| id.starts_with(prefix)).unwrap().1;
    let around =
        Around { embedding: Some(Embedding { vocab: Vocab::new(1000).unwrap(), frozen: false }), ..Around::default() }
            .with_dense(&[10]);
    // tf-0018: LSTMCell(256, num_proj=64) on 4096; the Dense reads the projected 64.
    let tf = model_snippet(&pick("tf-0018-"), &around, Some(10)).text();
    assert!(tf.contains("tf.compat.v1.get_variable('embedding', [1000, 4096])"), "{tf}");
    assert!(tf.contains("tf.compat.v1.layers.dense(y, 10, use_bias=True)"), "{tf}");
    // 1000·4096 + 4,277,248 + 64·10 + 10.
    assert!(tf.ends_with(&format!("# {}\n", rnn_params_model::format::grouped(4_096_000 + 4_277_248 + 650))), "{tf}");
    // fx-0047: Linen bidirectional GRUCell(32) on 16; the Dense reads 64.
    let fx = model_snippet(&pick("fx-0047-"), &around, Some(10)).text();
    assert!(fx.contains("nn.Embed(num_embeddings=1000, features=16)"), "{fx}");
    assert!(fx.contains("nn.Bidirectional(nn.RNN(nn.GRUCell(features=32)), nn.RNN(nn.GRUCell(features=32)))"), "{fx}");
    assert!(fx.ends_with(&format!("# {}\n", rnn_params_model::format::grouped(16_000 + 9_472 + 650))), "{fx}");
    // tf-0045: bidirectional CuDNNLSTM(32) on 16.
    let cu = model_snippet(&pick("tf-0045-"), &around, Some(10)).text();
    assert!(cu.contains("tf.keras.layers.Bidirectional(tf.compat.v1.keras.layers.CuDNNLSTM(32))"), "{cu}");
    assert!(cu.ends_with(&format!("# {}\n", rnn_params_model::format::grouped(16_000 + 12_800 + 650))), "{cu}");
}

#[test]
fn a_dense_after_the_stack_reads_what_the_top_layer_outputs() {
    use rnn_params_model::network::Dim;
    let pick = |prefix: &str| golden_kinds().into_iter().find(|(id, ..)| id.starts_with(prefix)).unwrap().1;
    let around = Around::default().with_dense(&[10]);
    // tf-0018: LSTMCell(256, num_proj=64): the output is the projected 64; fx-0085: a
    // bidirectional LSTMCell(32) under a forward-only nn.RNN(LSTMCell(32)): 32.
    for (id, width) in [("tf-0018-", 64), ("fx-0085-", 32), ("fx-0047-", 64), ("tf-0045-", 64)] {
        let net = network(&pick(id), &around).unwrap();
        let dense = net.layers.last().unwrap();
        assert_eq!(dense.input_size, width, "{id}");
        assert_eq!(dense.params, width * 10 + 10, "{id}");
        let top = &net.layers[net.layers.len() - 2];
        assert_eq!(top.output.last(), Some(&Dim::Fixed(width)), "{id}");
    }
}
