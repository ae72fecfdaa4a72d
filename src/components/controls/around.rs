//! The layers around the recurrent stack: an Embedding before it, Dense layers after it.

use super::locked;
use crate::components::{RadioGroup, RadioOption, Switch};
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::network::{parse_dense, parse_vocab, Head};
use rnn_params_model::state::Control;
use rnn_params_model::Framework;

fn head_options() -> Vec<RadioOption<Head>> {
    Head::ALL
        .into_iter()
        .map(|h| RadioOption {
            value: h,
            key: h.key(),
            label: h.label(),
            detail: match h {
                Head::Last => "return_sequences=False · out[:, -1, :]".into(),
                Head::Every => "return_sequences=True · the whole out".into(),
                Head::TimeDistributed => "Keras only · same count as every step".into(),
            },
        })
        .collect()
}

/// A text field that applies what it reads on change and shows the reader's message below it
/// (the value is left as it was when the text is not accepted).
#[component]
fn TypedField(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    /// The value as the state holds it, as text.
    #[prop(into)]
    value: Signal<String>,
    /// Applies the text; returns the message when it is not accepted.
    apply: Callback<String, Option<String>>,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="typed-field" class:locked=move || locked.get()>
            <label class="control-label" for=id>{label}</label>
            <input
                type="text"
                class="number"
                id=id
                inputmode="numeric"
                autocomplete="off"
                prop:value=move || value.get()
                readonly=move || locked.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=format!("{hint_id} {error_id}")
                on:change=move |ev| error.set(apply.run(event_target_value(&ev)))
            />
            <span class="hint" id=hint_id>{hint}</span>
            <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}

/// Embedding (vocabulary size, frozen), Dense units, Dense bias and what the head reads.
#[component]
pub fn Around() -> impl IntoView {
    let store = expect_context::<Store>();
    let around = store.around;
    let has_embedding = Memo::new(move |_| around.with(|a| a.embedding.is_some()));
    let has_dense = Memo::new(move |_| around.with(|a| !a.dense().is_empty()));
    let vocab_text = Memo::new(move |_| around.with(|a| a.embedding.map(|e| e.vocab.to_string()).unwrap_or_default()));
    let dense_text =
        Memo::new(move |_| around.with(|a| a.dense().iter().map(|k| k.to_string()).collect::<Vec<_>>().join(", ")));
    let apply_vocab = Callback::new(move |text: String| match parse_vocab(&text) {
        Ok(v) => {
            store.set_vocab(v);
            None
        }
        Err(e) => Some(e),
    });
    let apply_dense = Callback::new(move |text: String| match parse_dense(&text) {
        Ok(d) => {
            store.set_dense(d);
            None
        }
        Err(e) => Some(e),
    });
    let head_unavailable = Memo::new(move |_| {
        (!has_dense.get()).then(|| "Add a Dense layer first: the head is what it reads.".to_owned())
    });
    let td_note = Memo::new(move |_| {
        store.config.with(|c| c.framework == Framework::PyTorch) && around.with(|a| a.head == Head::TimeDistributed)
    });
    view! {
        <fieldset class="around" data-testid="around-controls">
            <legend class="control-label">"Around the layer"</legend>
            <TypedField
                id="vocab"
                label="Embedding vocabulary V"
                hint="Empty or 0: no Embedding. Its dimension is the input size above."
                value=vocab_text
                apply=apply_vocab
                locked=locked(store, Control::Vocab)
            />
            <Switch
                id="frozen"
                label="Frozen embedding"
                hint="trainable=False / freeze=True: still counted, as non-trainable."
                checked=Memo::new(move |_| around.with(|a| a.embedding.is_some_and(|e| e.frozen)))
                on_change=Callback::new(move |on| store.set_frozen(on))
                locked=locked(store, Control::Vocab)
                unavailable=Memo::new(move |_| (!has_embedding.get()).then(|| "No Embedding.".to_owned()))
            />
            <TypedField
                id="dense"
                label="Dense units k"
                hint="Comma list, e.g. 6, 1 for Dense(6) → Dense(1). Empty or 0: none."
                value=dense_text
                apply=apply_dense
                locked=locked(store, Control::Dense)
            />
            <Switch
                id="dense-bias"
                label="Dense bias"
                hint="use_bias / bias: k more per Dense layer."
                checked=Memo::new(move |_| around.with(|a| a.dense_bias))
                on_change=Callback::new(move |on| store.set_dense_bias(on))
                locked=locked(store, Control::DenseBias)
                unavailable=Memo::new(move |_| (!has_dense.get()).then(|| "No Dense layer.".to_owned()))
            />
            <RadioGroup
                name="head"
                legend="The first Dense reads"
                options=head_options()
                value=Memo::new(move |_| around.with(|a| a.head))
                on_change=Callback::new(move |h| store.set_head(h))
                locked=locked(store, Control::Head)
                unavailable=head_unavailable
            />
            <Show when=move || td_note.get()>
                <p class="hint">"PyTorch has no TimeDistributed: a Linear on the whole out counts the same."</p>
            </Show>
        </fieldset>
    }
}
