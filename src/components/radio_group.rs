//! A choice among a few named options.

use leptos::prelude::*;

/// One option of a [`RadioGroup`].
#[derive(Clone)]
pub struct RadioOption<T> {
    /// The value chosen.
    pub value: T,
    /// Its key: used in the input's id (`{name}-{key}`) and value.
    pub key: &'static str,
    /// The visible name.
    pub label: &'static str,
    /// A short detail shown after the name ("4 gate blocks").
    pub detail: String,
}

/// A fieldset of radio buttons. Arrow keys move between options, as in any native radio group.
///
/// ```ignore
/// let options = vec![RadioOption { value: Cell::Lstm, key: "lstm", label: "LSTM", detail: "4 gate blocks".into() }];
/// view! { <RadioGroup name="cell" legend="Cell type" options value=cell on_change=set_cell
///     locked=Signal::from(false) /> }
/// ```
#[component]
pub fn RadioGroup<T>(
    /// The group's name; ids are `{name}-{key}`.
    name: &'static str,
    /// The visible legend.
    legend: &'static str,
    /// The options, in display order.
    options: Vec<RadioOption<T>>,
    /// The selected value.
    #[prop(into)]
    value: Signal<T>,
    /// Called with the newly selected value.
    on_change: Callback<T>,
    /// Read-only when true (fixed by an embedding page).
    #[prop(into)]
    locked: Signal<bool>,
    /// Not applicable when `Some(reason)`: the group is disabled and the reason shown.
    #[prop(optional, into)]
    unavailable: Option<Signal<Option<String>>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    // Only this mapping between values and positions is generic: the view below is built by one
    // function for every value type (each generic copy of a view costs the first module kilobytes).
    let values: Vec<T> = options.iter().map(|o| o.value).collect();
    let choices = options.into_iter().map(|o| (o.key, o.label, o.detail)).collect();
    let chosen = Memo::new({
        let values = values.clone();
        move |_| value.with(|v| values.iter().position(|x| x == v))
    });
    let choose = Callback::new(move |index: usize| {
        if let Some(&v) = values.get(index) {
            on_change.run(v);
        }
    });
    let unavailable = unavailable.unwrap_or_else(|| Signal::stored(None));
    radio_fieldset(name, legend, choices, chosen, choose, locked, unavailable)
}

/// The fieldset of [`RadioGroup`], by position: `choices` are (key, label, detail), `chosen` the
/// selected position, `choose` is called with the position clicked.
fn radio_fieldset(
    name: &'static str,
    legend: &'static str,
    choices: Vec<(&'static str, &'static str, String)>,
    chosen: Memo<Option<usize>>,
    choose: Callback<usize>,
    locked: Signal<bool>,
    unavailable: Signal<Option<String>>,
) -> AnyView {
    let reason_id = format!("{name}-reason");
    let described_by = reason_id.clone();
    let inputs = choices
        .into_iter()
        .enumerate()
        .map(|(index, (key, label, detail))| {
            let id = format!("{name}-{key}");
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name=name
                        id=id.clone()
                        value=key
                        prop:checked=move || chosen.get() == Some(index)
                        disabled=move || locked.get() || unavailable.with(Option::is_some)
                        on:change=move |_| choose.run(index)
                    />
                    <label for=id>
                        <span class="radio-name">{label}</span>
                        {(!detail.is_empty()).then(|| view! { <span class="radio-detail">{detail}</span> })}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="radio-group"
            class:locked=move || locked.get()
            class:unavailable=move || unavailable.with(Option::is_some)
            aria-describedby=described_by
        >
            <legend class="control-label">{legend}</legend>
            {inputs}
            <p class="hint reason" id=reason_id hidden=move || unavailable.with(Option::is_none)>
                {move || unavailable.get().unwrap_or_default()}
            </p>
        </fieldset>
    }
    .into_any()
}
