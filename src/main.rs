//! Browser entry point.

fn main() {
    console_error_panic_hook::set_once();
    dispatch::boot::clear_placeholder();
    leptos::mount::mount_to_body(dispatch::App);
}
