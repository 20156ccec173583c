//! Browser entry point.

// As in lib.rs: the views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

fn main() {
    console_error_panic_hook::set_once();
    dispatch::boot::start();
}
