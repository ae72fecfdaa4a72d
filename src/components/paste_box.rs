//! Paste: a layer's code, `print(model)` or a summary table sets the widget.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use rnn_params_model::paste::{read, Reading};

/// What the last reading said, ready for the view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Report {
    /// Whether the widget was set from it.
    applied: bool,
    /// The one-line outcome.
    message: String,
    /// `name = value (from …)` for each value read.
    read: Vec<String>,
    /// Defaults filled in.
    assumed: Vec<String>,
    /// Parts not read, each with why.
    ignored: Vec<String>,
    /// Printed `Param #` that differ from the widget's count.
    disagreements: Vec<String>,
}

impl Report {
    fn of(r: &Reading, applied: bool) -> Self {
        Report {
            applied,
            message: r.message(),
            read: r.read.iter().map(|f| format!("{} = {} ({})", f.name, f.value, f.from)).collect(),
            assumed: r.assumed.iter().map(|f| format!("{} = {} ({})", f.name, f.value, f.from)).collect(),
            ignored: r.ignored.iter().map(|s| format!("{}: {}", s.name, s.why)).collect(),
            disagreements: r
                .disagreements
                .iter()
                .map(|d| {
                    format!(
                        "{}: the table prints {}, the widget counts {} for the layer it read.",
                        d.layer,
                        grouped(d.printed),
                        grouped(d.counted)
                    )
                })
                .collect(),
        }
    }
}

/// A titled list of texts, or nothing when empty. Text nodes only: nothing pasted is markup.
fn listing(title: &'static str, items: Vec<String>, class: &'static str) -> impl IntoView {
    (!items.is_empty()).then(|| {
        let rows = items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view();
        view! {
            <div class=class>
                <p class="control-label">{title}</p>
                <ul>{rows}</ul>
            </div>
        }
    })
}

/// A text box that reads what a learner has in front of them — Keras or PyTorch code, what
/// `print(model)` shows, a `model.summary()` or torchinfo table — through
/// `rnn_params_model::paste::read`, sets the widget from it, and says what it read, what it
/// assumed, what it ignored, and where a printed `Param #` disagrees with the count. Text that
/// cannot be read leaves the widget as it was. Hook: `data-testid="paste"` (the text box).
#[component]
pub fn PasteBox() -> impl IntoView {
    let store = expect_context::<Store>();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Report>);
    let apply = move || {
        let reading = text.with_untracked(|t| read(t));
        let applied = match reading.config {
            Some(config) if reading.refusal.is_none() => {
                store.apply_reading(config, reading.time_steps, reading.batch);
                // A whole model sets every layer; a lone layer is shown alone.
                store.apply_around(reading.around.unwrap_or_default());
                true
            }
            _ => false,
        };
        report.set(Some(Report::of(&reading, applied)));
    };
    let part = move |f: fn(&Report) -> Vec<String>| move || report.with(|r| r.as_ref().map(f).unwrap_or_default());
    view! {
        <div class="paste-box">
            <label for="paste" class="control-label">"Paste a layer, print(model) or a summary table"</label>
            <textarea
                id="paste"
                data-testid="paste"
                class="paste-text"
                rows="5"
                spellcheck="false"
                placeholder="nn.LSTM(20, 300, 5, True)   ·   layers.Bidirectional(layers.GRU(32))   ·   a model.summary() table"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <button type="button" class="button" data-testid="paste-read" on:click=move |_| apply()>
                "Read it"
            </button>
            <div class="paste-report" aria-live="polite" data-testid="paste-report">
                <p
                    class=move || if report.with(|r| r.as_ref().is_some_and(|r| r.applied)) { "note" } else { "field-error" }
                    data-testid="paste-message"
                    hidden=move || report.with(Option::is_none)
                >
                    {move || report.with(|r| r.as_ref().map(|r| r.message.clone()).unwrap_or_default())}
                </p>
                {move || listing("Printed Param # that disagree", part(|r| r.disagreements.clone())(), "paste-disagree")}
                {move || listing("Read", part(|r| r.read.clone())(), "paste-read-list")}
                {move || listing("Assumed (not in the text)", part(|r| r.assumed.clone())(), "paste-assumed")}
                {move || listing("Not read", part(|r| r.ignored.clone())(), "paste-ignored")}
            </div>
        </div>
    }
}
