//! `dispatch-server --root DIR [--port N]`: serves a built site like the
//! CDN, and with `--data DIR --list UUID…` the newsletter service too (see
//! [`dispatch_server::USAGE`]).
//!
//! It prints `Serving DIR on http://127.0.0.1:PORT` once it listens; with
//! port 0 the system picks a free port, which that line reports, so tests
//! can run several servers side by side.

use std::{net::SocketAddr, process::ExitCode};

use dispatch_server::{app, Settings, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let settings = match Settings::from_args(std::env::args().skip(1)) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("dispatch-server: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let address = SocketAddr::from(([127, 0, 0, 1], settings.port));
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("dispatch-server: cannot listen on {address}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let bound = listener.local_addr().expect("a bound socket has an address");
    let serving = match (&settings.root, &settings.newsletter) {
        (Some(root), None) => root.display().to_string(),
        (None, Some(newsletter)) => format!("the newsletter service ({})", newsletter.data.display()),
        (Some(root), Some(newsletter)) => {
            format!("{} and the newsletter service ({})", root.display(), newsletter.data.display())
        }
        (None, None) => unreachable!("Settings::from_args refuses an empty set-up"),
    };
    println!("Serving {serving} on http://{bound}");
    let app = match app(settings) {
        Ok(app) => app,
        Err(message) => {
            eprintln!("dispatch-server: {message}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(err) = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await {
        eprintln!("dispatch-server: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
