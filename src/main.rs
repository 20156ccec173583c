//! Browser entry point.

// As in lib.rs: the views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

use dispatch::boot::{self, Start};

fn main() {
    console_error_panic_hook::set_once();
    match boot::prepare() {
        Start::Hydrate => leptos::mount::hydrate_body(dispatch::App),
        Start::Render => leptos::mount::mount_to_body(dispatch::App),
    }
}
