//! The whole count on one line, each factor labelled, under the total.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use rnn_params_model::summary::{formula, Token};

/// One number with what it counts under it, or an operator. Its text is read through a memo, so a
/// size change rewrites only the number.
#[component]
fn FormulaToken(
    /// The token's key (see `rnn_params_model::summary::Token::key`).
    key: String,
    /// The formula's tokens.
    tokens: Memo<Option<Vec<Token>>>,
) -> impl IntoView {
    let token = {
        let key = key.clone();
        Memo::new(move |_| tokens.with(|t| t.as_ref().and_then(|t| t.iter().find(|x| x.key == key)).cloned()))
    };
    let text = move || token.with(|t| t.as_ref().map(|t| t.text.clone()).unwrap_or_default());
    let label = move || token.with(|t| t.as_ref().map(|t| t.label.clone()).unwrap_or_default());
    let is_op = key.starts_with("op") || key == "eq";
    if is_op {
        view! { <span class="op">{text}</span> }.into_any()
    } else {
        view! {
            <span class="factor" data-factor=key>
                <span class="factor-value">{text}</span>
                " "
                <span class="factor-label">{label}</span>
            </span>
        }
        .into_any()
    }
}

/// The one-line formula with the current numbers and what each factor counts, e.g.
/// `4 gate blocks × (4096 input m + 256 units n + 1 bias) × 256 units n = 4,457,472 parameters`
/// (see `rnn_params_model::summary::formula`). Built once: the tokens are keyed and are added or
/// removed only when the formula's shape changes. Hook: `data-testid="formula"`.
#[component]
pub fn FormulaLine() -> impl IntoView {
    let store = expect_context::<Store>();
    let tokens = Memo::new(move |_| store.breakdown.with(|b| b.as_ref().ok().map(formula)));
    // The factors; "= total" stays together after them (on a narrow phone, on a line of its own).
    let keys = Memo::new(move |_| {
        tokens.with(|t| {
            t.as_ref()
                .map(|t| t.iter().map(|x| x.key.clone()).filter(|k| k != "eq" && k != "total").collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    // With layers around the stack, a second line adds them up: `72,000 + 9,600 + 390 + 7 = 81,997`
    // (Embedding, recurrent layer, Dense layers). Hook: `data-testid="model-sum"`.
    let sum = Memo::new(move |_| {
        if store.around.with(|a| a.is_bare()) {
            return None;
        }
        store.network.with(|n| {
            n.as_ref().ok().map(|n| {
                let parts: Vec<String> =
                    n.layers.iter().map(|l| format!("{} {}", l.class_name, grouped(l.params))).collect();
                format!("{} = {}", parts.join(" + "), grouped(n.total))
            })
        })
    });
    view! {
        <p class="formula labelled" data-testid="formula">
            <For each=move || keys.get() key=|k| k.clone() let:key>
                <FormulaToken key tokens />
            </For>
            <span class="result">
                <FormulaToken key="eq".to_owned() tokens />
                <FormulaToken key="total".to_owned() tokens />
            </span>
        </p>
        <Show when=move || sum.with(Option::is_some)>
            <p class="note model-sum" data-testid="model-sum">
                "Whole model: " <a href="#summary">{move || sum.get().unwrap_or_default()}</a>
            </p>
        </Show>
    }
}
