//! A Leptos counter: one signal, a total that carries its value the way the app's does
//! (`data-testid="total"`, `data-value`), and a button. What any Leptos CSR page pays before its
//! first number shows: the runtime, the allocator, the wasm-bindgen glue, one view.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let (count, set_count) = signal(4_457_472_u64);
        view! {
            <p data-testid="total" data-value=move || count.get().to_string()>{move || count.get()}</p>
            <button on:click=move |_| set_count.update(|c| *c += 1)>"+1"</button>
        }
    });
}
