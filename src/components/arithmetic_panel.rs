//! The arithmetic behind the total, with the current numbers.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::arithmetic::{Arithmetic, GateTerm};
use rnn_params_model::format::grouped;

fn gate_term(store: Store, t: GateTerm) -> impl IntoView {
    let gate = t.gate;
    view! {
        <li
            class=format!("gate-term gate-{}", gate.key())
            data-term=gate.key()
            tabindex="0"
            on:mouseenter=move |_| store.pointed.set(Some(gate))
            on:mouseleave=move |_| store.pointed.set(None)
            on:focus=move |_| store.pointed.set(Some(gate))
            on:blur=move |_| store.pointed.set(None)
        >
            <span class="gate-key">{gate.key()}</span>
            <span class="term-name">{gate.name()}</span>
            <code>{t.expr}</code>
            " = "
            <strong>{grouped(t.value)}</strong>
        </li>
    }
}

fn body(store: Store, a: &Arithmetic) -> impl IntoView {
    let gates: Vec<GateTerm> = a.gates.clone();
    let steps = a
        .steps
        .iter()
        .map(|s| {
            let per_gate = (s.key == "gates").then(|| {
                let items = gates.clone().into_iter().map(|t| gate_term(store, t)).collect_view();
                view! { <ul class="gate-terms" aria-label="Each gate block">{items}</ul> }
            });
            // The last step is the total itself: just the number.
            let expr = (s.key != "total").then(|| view! { <code>{s.expr.clone()}</code>" = " });
            view! {
                <li data-term=s.key data-value=s.value.to_string()>
                    <span class="step-label">{s.label.clone()}</span>
                    <span class="step-expr">{expr}<strong>{grouped(s.value)}</strong></span>
                    {per_gate}
                </li>
            }
        })
        .collect_view();
    let forms = a
        .forms
        .iter()
        .map(|f| {
            let value = f.value.map(|v| v.to_string()).unwrap_or_default();
            let shown = f.value.map(grouped).unwrap_or_else(|| "too large".into());
            view! {
                <li class="form" data-value=value>
                    <code class="form-symbolic">{f.symbolic.clone()}</code>
                    <span class="form-numeric"><code>{f.numeric.clone()}</code>" = "<strong>{shown}</strong></span>
                </li>
            }
        })
        .collect_view();
    let scope = (a.forms_target != a.total).then(|| {
        view! {
            <p class="note">
                {format!(
                    "These forms count one direction of layer 1 ({}); the steps above multiply and add the rest.",
                    grouped(a.forms_target)
                )}
            </p>
        }
    });
    view! {
        <h3>"Step by step"</h3>
        <p class="note">
            "Shapes are written n × in, as W multiplies x(t) in the equations; Keras stores each W transposed, as an (in, n) slice of its kernel."
        </p>
        <ol class="derivation">{steps}</ol>
        <h3>"The same number, as the classic answers write it"</h3>
        <p class="note">"m = input size, n = units, 4, 3 or 1 = gate blocks, +1 or +2 = bias vectors per block."</p>
        <ul class="forms" data-testid="forms">{forms}</ul>
        {scope}
    }
}

/// The count as arithmetic: the derivation (one block, × gate blocks, × directions, + layers) with one focusable term per gate
/// that the diagram and the tensor table highlight together, and the equivalent forms evaluated
/// with the current numbers. Hooks: `data-testid="arithmetic"`, `data-term` on each term.
#[component]
pub fn ArithmeticPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let content = move || store.arithmetic.with(|a| a.as_ref().map(|a| body(store, a)));
    view! {
        <div class="arithmetic" data-testid="arithmetic">
            {content}
        </div>
    }
}
