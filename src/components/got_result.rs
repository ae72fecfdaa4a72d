//! What the model's catalogue of named mistakes makes of the number in the "I got …" field (in the
//! second module: the field itself is in [`crate::components::GotCheck`], on the first screen).

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use rnn_params_model::mistakes::{diagnose, diagnose_model, Diagnosis, Finding, ModelFinding, ModelVerdict, Verdict};

/// What one finding shows, ready for the view (compared by value, so an unchanged finding keeps
/// its nodes).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Shown {
    key: String,
    name: String,
    solved: Option<String>,
    explanation: String,
    instead: String,
    count: u128,
    /// The mistaken terms: label, text and whether it is the first that differs from the right one.
    terms: Vec<(String, String, bool)>,
    mistaken: String,
    right: String,
}

impl Shown {
    fn of(f: &Finding) -> Self {
        let join = |pick: fn(&rnn_params_model::mistakes::Mistake) -> &'static str, sep: &str| {
            f.mistakes.iter().map(|m| pick(m)).collect::<Vec<_>>().join(sep)
        };
        let w = &f.working;
        Shown {
            key: f.key.clone(),
            name: join(|m| m.name, " + "),
            solved: f.solved.as_ref().map(|s| s.text.clone()),
            explanation: join(|m| m.explanation, " "),
            instead: join(|m| m.instead, " "),
            count: f.count,
            terms: w
                .mistaken
                .iter()
                .enumerate()
                .map(|(i, t)| (t.label.clone(), t.text.clone(), w.first_difference == Some(i)))
                .collect(),
            // The lines end with their totals already.
            mistaken: w.mistaken_line.clone(),
            right: w.right_line.clone(),
        }
    }
}

impl Shown {
    fn of_model(f: &ModelFinding) -> Self {
        let scope = if f.whole_model { "" } else { " (the Dense layer alone)" };
        Shown {
            key: f.key.to_owned(),
            name: format!("{}{scope}", f.name),
            solved: None,
            explanation: f.explanation.clone(),
            instead: f.instead.to_owned(),
            count: u128::from(f.count),
            terms: Vec::new(),
            mistaken: if f.whole_model { f.mistaken_line.clone() } else { grouped(f.count) },
            right: f.right_line.clone(),
        }
    }
}

/// The outcome for the view.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Nothing,
    Right(String),
    Found(Vec<Shown>),
    Hint(String),
    Refused(String),
}

/// One diagnosed mistake: its name, what it did, the mistaken arithmetic next to the right one with
/// the first differing term marked, and what to do instead.
fn finding_view(shown: Shown) -> impl IntoView {
    let terms = shown
        .terms
        .iter()
        .map(|(label, text, differs)| {
            view! {
                <li class="mistake-term" class:differs=*differs>
                    <span class="term-label">{label.clone()}</span>
                    " "
                    <code>{text.clone()}</code>
                    {differs.then_some(" ← the first term that differs")}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="diagnosis" data-testid="diagnosis" data-mistake=shown.key.clone() data-value=shown.count.to_string()>
            <p class="diagnosis-name"><strong>{shown.name.clone()}</strong>{shown.solved.clone().map(|s| format!(": {s}"))}</p>
            <p>{shown.explanation.clone()}</p>
            <p class="working">"You: " <code>{shown.mistaken.clone()}</code></p>
            <p class="working">"Right: " <code>{shown.right.clone()}</code></p>
            <ul class="mistake-terms" aria-label="Your terms">{terms}</ul>
            <p class="instead">"Instead: " {shown.instead.clone()}</p>
        </div>
    }
}

/// What the catalogue makes of the number in the field (`got=` in the URL) for the current layer:
/// every mistake (or pair) that gives that number exactly, with its arithmetic beside the right
/// one; the right count said so; an honest hint (the difference and its factors) when no mistake
/// gives it. Hooks: `data-testid="got-line"`, `data-testid="diagnosis"` per mistake with
/// `data-mistake` and `data-value`.
#[component]
pub fn GotResult() -> impl IntoView {
    let store = expect_context::<Store>();
    let got = Memo::new(move |_| store.view.with(|v| v.got));
    let outcome = Memo::new(move |_| {
        let Some(got) = got.get() else { return Outcome::Nothing };
        let steps = u64::from(store.steps.get().get());
        let bare = store.around.with(|a| a.is_bare());
        let layer = |d: Diagnosis, prefix: &str| match d.verdict {
            Verdict::Right => Outcome::Right(format!("{prefix}{} is exactly this layer's count.", grouped(got))),
            Verdict::Found(found) => Outcome::Found(found.iter().map(Shown::of).collect()),
            Verdict::NotFound(hint) => Outcome::Hint(format!("{prefix}{}", hint.text)),
            Verdict::Refused(e) => Outcome::Refused(e.to_string()),
        };
        if !bare {
            let v = store.config.with(|c| store.around.with(|a| diagnose_model(c, a, steps, u128::from(got))));
            return match v {
                Ok(ModelVerdict::Right) => Outcome::Right(format!(
                    "{} is exactly the Total params {} reports for this model: nothing to correct.",
                    grouped(got),
                    store.config.with(|c| c.framework)
                )),
                Ok(ModelVerdict::Found(found)) => Outcome::Found(found.iter().map(Shown::of_model).collect()),
                Ok(ModelVerdict::Layer { within_model: true, diagnosis }) => layer(diagnosis, ""),
                Ok(ModelVerdict::Layer { within_model: false, diagnosis }) => {
                    layer(diagnosis, "Read as the recurrent layer's count alone: ")
                }
                Err(e) => Outcome::Refused(e.to_string()),
            };
        }
        let d = store.config.with(|c| diagnose(c, steps, u128::from(got)));
        match d.verdict {
            Verdict::Right => Outcome::Right(format!(
                "{} is exactly the count {} reports for this layer: nothing to correct.",
                grouped(got),
                store.config.with(|c| c.framework)
            )),
            Verdict::Found(found) => Outcome::Found(found.iter().map(Shown::of).collect()),
            Verdict::NotFound(hint) => Outcome::Hint(hint.text),
            Verdict::Refused(e) => Outcome::Refused(e.to_string()),
        }
    });
    let found = Memo::new(move |_| match outcome.get() {
        Outcome::Found(list) => list,
        _ => Vec::new(),
    });
    let line = move || match outcome.get() {
        Outcome::Nothing | Outcome::Found(_) => None,
        Outcome::Right(t) | Outcome::Hint(t) | Outcome::Refused(t) => Some(t),
    };
    let count_line = move || {
        let n = found.with(Vec::len);
        (n > 0).then(|| match n {
            1 => "One mistake gives exactly this number:".to_owned(),
            n => format!("{n} mistakes (or pairs of them) give exactly this number, likeliest first:"),
        })
    };
    view! {
        <p class="note" data-testid="got-line" hidden=move || line().is_none()>{move || line().unwrap_or_default()}</p>
        <p class="note" hidden=move || count_line().is_none()>{move || count_line().unwrap_or_default()}</p>
        <For each=move || found.get() key=|s| s.clone() children=finding_view />
    }
}
