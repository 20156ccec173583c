//! Link settings for the browser binaries (wasm32 only).
//!
//! rustc's wasm32 targets reserve 1 MiB of linear memory for the stack
//! (`-z stack-size=1048576`, placed first with `--stack-first`, so an
//! overflow traps rather than overwriting data). The page's own module
//! (`dispatch-page`, `src/page.rs`) mounts a page's parts and never
//! renders a page: its deepest stack, measured with every part in use,
//! is about 11 KiB (`tests/e2e/prerender.test.mjs` checks it stays within
//! a quarter of [`PAGE_STACK_BYTES`]). Reserving 1 MiB made its wasm
//! memory 1.18 MB of the 3 MB an article may use after load (issue 19,
//! `docs/browser-speed.md`). The app keeps the default: it renders
//! article bodies, whose nesting the writer chooses.
//!
//! wasm-ld takes the last `-z stack-size` it is given, and cargo passes a
//! build script's link arguments after the target's own.

/// The page's own module's stack, in bytes (a multiple of 16, the wasm32
/// stack alignment); the e2e test reads it from here.
const PAGE_STACK_BYTES: u32 = 131_072;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=dispatch-page=-zstack-size={PAGE_STACK_BYTES}");
    }
}
