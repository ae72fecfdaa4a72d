//! The `<svg>` both charts share: size, accessible name, plotters' frame, and what goes on top.

use leptos::prelude::*;

/// A chart's box: the room it takes while not drawn yet (`pending`), then an `<svg>` of `size`
/// labelled by `label` (title and description), holding the frame plotters drew (rewritten only
/// when its text changes) and, on top, the long-lived elements in `children`; or why it could not
/// be drawn.
///
/// ```ignore
/// view! { <ChartSvg id="scaling" pending drawn error label size frame><circle /></ChartSvg> }
/// ```
#[component]
pub fn ChartSvg(
    /// Prefix of the title's and description's ids (`scaling` → `scaling-title`).
    id: &'static str,
    /// Not drawn yet (the section has not come near the viewport).
    #[prop(into)]
    pending: Signal<bool>,
    /// Drawn: the frame and the children are shown.
    #[prop(into)]
    drawn: Signal<bool>,
    /// Why drawing failed, if it did.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The chart's title and description, for assistive technology.
    label: Memo<(String, String)>,
    /// The chart's size in SVG units.
    size: Memo<(u32, u32)>,
    /// plotters' SVG for the frame (axes, grid, ticks, labels), made from numbers and fixed labels.
    frame: Memo<String>,
    /// The elements drawn over the frame.
    children: ChildrenFn,
) -> impl IntoView {
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <div class="chart" class:pending=pending>
            <Show when=move || drawn.get()>
                <svg
                    width=move || size.get().0.to_string()
                    height=move || size.get().1.to_string()
                    viewBox=move || format!("0 0 {} {}", size.get().0, size.get().1)
                    role="img"
                    aria-labelledby=labelled_by.clone()
                >
                    <title id=title_id.clone()>{move || label.get().0}</title>
                    <desc id=desc_id.clone()>{move || label.get().1}</desc>
                    <g class="chart-frame" inner_html=move || frame.get()></g>
                    {children()}
                </svg>
            </Show>
            {move || error.get().map(|e| view! { <p class="field-error">{format!("The chart could not be drawn: {e}")}</p> })}
        </div>
    }
}
