//! The arithmetic behind the total, with the current numbers.
//!
//! Built once: the derivation's steps are keyed by their key, the per-gate terms by gate and the
//! equivalent forms by position; each reads its numbers through a memo, so a size change rewrites
//! only texts. Steps, terms and forms are added or removed only when the cell or the structure
//! (directions, layers) changes.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::arithmetic::{Arithmetic, Form, GateTerm, Step};
use rnn_params_model::format::grouped;
use rnn_params_model::Gate;

/// One focusable per-gate term, highlighted with its gate everywhere on the page.
#[component]
fn GateTermItem(
    /// The gate whose block the term counts.
    gate: Gate,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let term = Memo::new(move |_| {
        store.arithmetic.with(|a| a.as_ref().and_then(|a| a.gates.iter().find(|t| t.gate == gate)).cloned())
    });
    let part = move |f: fn(&GateTerm) -> String| move || term.with(|t| t.as_ref().map(f).unwrap_or_default());
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
            <code>{part(|t| t.expr.clone())}</code>
            " = "
            <strong>{part(|t| grouped(t.value))}</strong>
        </li>
    }
}

/// One step of the derivation; the "gates" step lists the per-gate terms under it.
#[component]
fn StepItem(
    /// The step's key (`block`, `gates`, `directions`, `layers`, `total`, …).
    step_key: &'static str,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let key = step_key;
    let step = Memo::new(move |_| {
        store.arithmetic.with(|a| a.as_ref().and_then(|a| a.steps.iter().find(|s| s.key == key)).cloned())
    });
    let part = move |f: fn(&Step) -> String| move || step.with(|s| s.as_ref().map(f).unwrap_or_default());
    let gates = Memo::new(move |_| {
        store.arithmetic.with(|a| a.as_ref().map(|a| a.gates.iter().map(|t| t.gate).collect::<Vec<_>>()))
    });
    // The last step is the total itself: just the number.
    let expr = (key != "total").then(|| view! { <code>{part(|s| s.expr.clone())}</code>" = " });
    let per_gate = (key == "gates").then(|| {
        view! {
            <ul class="gate-terms" aria-label="Each gate block">
                <For each=move || gates.get().unwrap_or_default() key=|g| *g let:gate>
                    <GateTermItem gate />
                </For>
            </ul>
        }
    });
    view! {
        <li data-term=key data-value=part(|s| s.value.to_string())>
            <span class="step-label">{part(|s| s.label.clone())}</span>
            <span class="step-expr">{expr}<strong>{part(|s| grouped(s.value))}</strong></span>
            {per_gate}
        </li>
    }
}

/// One equivalent form, evaluated with the current numbers.
#[component]
fn FormItem(
    /// The form's position in the list.
    index: usize,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let form = Memo::new(move |_| store.arithmetic.with(|a| a.as_ref().and_then(|a| a.forms.get(index)).cloned()));
    let part = move |f: fn(&Form) -> String| move || form.with(|x| x.as_ref().map(f).unwrap_or_default());
    view! {
        <li class="form" data-value=part(|f| f.value.map(|v| v.to_string()).unwrap_or_default())>
            <code class="form-symbolic">{part(|f| f.symbolic.clone())}</code>
            <span class="form-numeric">
                <code>{part(|f| f.numeric.clone())}</code>
                " = "
                <strong>{part(|f| f.value.map(grouped).unwrap_or_else(|| "too large".into()))}</strong>
            </span>
        </li>
    }
}

/// The count as arithmetic: the derivation (one block, × gate blocks, × directions, + layers) with one focusable term per gate
/// that the diagram and the tensor table highlight together, and the equivalent forms evaluated
/// with the current numbers, after the whole count on one line in the classic answers' notation.
/// Hooks: `data-testid="arithmetic"`, `data-testid="arithmetic-summary"`, `data-term` on each term.
#[component]
pub fn ArithmeticPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let shape = Memo::new(move |_| {
        store.arithmetic.with(|a| {
            a.as_ref().map(|a: &Arithmetic| (a.steps.iter().map(|s| s.key).collect::<Vec<_>>(), a.forms.len()))
        })
    });
    // The whole count in the classic answers' notation: `4 × ((4096 + 256 + 1) × 256) = 4,457,472`
    // (hook `data-testid="arithmetic-summary"`).
    let summary = move || store.arithmetic.with(|a| a.as_ref().map(|a| a.summary.clone()).unwrap_or_default());
    let step_keys = move || shape.with(|s| s.as_ref().map(|s| s.0.clone()).unwrap_or_default());
    let form_count = move || shape.with(|s| s.as_ref().map_or(0, |s| s.1));
    let scope = Memo::new(move |_| {
        store.arithmetic.with(|a| a.as_ref().filter(|a| a.forms_target != a.total).map(|a| a.forms_target))
    });
    view! {
        <div class="arithmetic" data-testid="arithmetic">
            <h3>"Step by step"</h3>
            <p class="formula" data-term="summary" data-testid="arithmetic-summary">
                <code>{summary}</code>
            </p>
            <ol class="derivation">
                <For each=step_keys key=|k| *k let:step_key>
                    <StepItem step_key />
                </For>
            </ol>
            <p class="note">
                "Shapes are written n × in, as W multiplies x(t) in the equations; Keras stores each W transposed, as an (in, n) slice of its kernel."
            </p>
            <h3>"The same number, as the classic answers write it"</h3>
            <p class="note">"m = input size, n = units, 4, 3 or 1 = gate blocks, +1 or +2 = bias vectors per block."</p>
            <ul class="forms" data-testid="forms">
                <For each=move || 0..form_count() key=|i| *i let:index>
                    <FormItem index />
                </For>
            </ul>
            <Show when=move || scope.get().is_some()>
                <p class="note">
                    {move || format!(
                        "These forms count one direction of layer 1 ({}); the steps above multiply and add the rest.",
                        grouped(scope.get().unwrap_or_default())
                    )}
                </p>
            </Show>
        </div>
    }
}
