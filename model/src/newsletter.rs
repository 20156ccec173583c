//! The newsletter signup: what a reader fills in, the rules it must meet,
//! and the request that listmonk's public subscription API takes.
//!
//! The browser checks a signup with [`Signup::problems`] before sending it
//! and `dispatch-server` checks the request with
//! [`SubscriptionRequest::problem`], so the two cannot disagree on what an
//! address is.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{chars::is_hidden, Edition};

/// RFC 5321's limit on a forward path, which is what a mail server will
/// accept as an address.
pub const MAX_EMAIL_CHARS: usize = 254;
/// RFC 5321's limit on the part before the `@`.
const MAX_LOCAL_CHARS: usize = 64;
/// RFC 1035's limit on one label of a domain.
const MAX_LABEL_CHARS: usize = 63;

/// Where the app reads the newsletter settings that a newsroom chooses at
/// deploy time (written from `deploy.toml`, never compiled into the wasm).
pub const CONFIG_PATH: &str = "/newsletter.json";

/// The deploy-time settings: where to post, and the listmonk list behind
/// each digest of each edition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterConfig {
    /// listmonk's `POST /api/public/subscription`: a path on the site's
    /// own origin, or an absolute `https://` URL.
    pub endpoint: String,
    /// The English edition's lists.
    pub daily_list: String,
    pub weekly_list: String,
    /// Every other edition's own lists (deploy.toml's
    /// `[newsletter.editions.arabic]`): its readers get its digests.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub editions: BTreeMap<Edition, Lists>,
}

/// An edition's listmonk lists, by their UUIDs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lists {
    pub daily_list: String,
    pub weekly_list: String,
}

impl NewsletterConfig {
    /// The request for a signup that passed [`Signup::problems`], to the
    /// lists of the signup's edition; `None` when the settings name none
    /// for it (the deploy step refuses a site like that).
    pub fn request(&self, signup: &Signup) -> Option<SubscriptionRequest> {
        let (daily_list, weekly_list) = match signup.edition {
            Edition::English => (&self.daily_list, &self.weekly_list),
            other => {
                let lists = self.editions.get(&other)?;
                (&lists.daily_list, &lists.weekly_list)
            }
        };
        let email = signup.email.trim().to_string();
        // listmonk requires a name; the form does not ask for one, so the
        // address's local part stands in, as listmonk's own form does.
        let name = email.rsplit_once('@').map_or(email.as_str(), |(local, _)| local).to_string();
        let mut list_uuids = Vec::new();
        if signup.daily {
            list_uuids.push(daily_list.clone());
        }
        if signup.weekly {
            list_uuids.push(weekly_list.clone());
        }
        Some(SubscriptionRequest { email, name, list_uuids })
    }
}

/// What a reader fills in. It is also what the browser keeps in local
/// storage while a signup waits to be sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signup {
    pub email: String,
    pub daily: bool,
    pub weekly: bool,
    pub consent: bool,
    /// The edition whose form it was: its lists get the signup, even when
    /// a signup kept on the device is sent from another edition's page.
    #[serde(default)]
    pub edition: Edition,
}

/// One thing wrong with a signup, tied to the field that shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    EmailMissing,
    EmailTooLong,
    EmailInvalid,
    NoDigest,
    NoConsent,
}

impl Signup {
    /// Every problem, in the order of the form's fields; empty when the
    /// signup may be sent.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Err(problem) = check_email(&self.email) {
            problems.push(problem);
        }
        if !self.daily && !self.weekly {
            problems.push(Problem::NoDigest);
        }
        if !self.consent {
            problems.push(Problem::NoConsent);
        }
        problems
    }
}

/// The body of listmonk's `POST /api/public/subscription`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRequest {
    pub email: String,
    #[serde(default)]
    pub name: String,
    pub list_uuids: Vec<String>,
}

impl SubscriptionRequest {
    /// What the server refuses, checked by the same rules as the form.
    pub fn problem(&self) -> Option<Problem> {
        check_email(&self.email).err().or(if self.list_uuids.is_empty() { Some(Problem::NoDigest) } else { None })
    }
}

/// The address a subscriber is stored under: mail providers treat
/// addresses case-insensitively in practice, so one reader typing
/// "Ana@Example.com" and "ana@example.com" is one subscriber.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks an address the way a mail server would accept it: a dot-atom
/// local part and a domain of at least two labels. Internationalised
/// addresses (RFC 6531) pass: letters outside ASCII are allowed on both
/// sides, so "reader@بريد.مثال" and "zoë@bücher.de" are addresses.
/// Quoted local parts and IP-literal domains are refused; no newsletter
/// reader needs them and they are a classic way to smuggle odd bytes.
///
/// Whitespace around the address is ignored (a pasted address often
/// carries some). Inside it, whitespace, control characters and Unicode
/// format characters ([`is_hidden`]: zero-width spaces and joiners, bidi
/// controls, the byte order mark, soft hyphens) are refused: each would
/// make an address that looks like a subscriber's a different one.
pub fn check_email(email: &str) -> Result<(), Problem> {
    let email = email.trim();
    if email.is_empty() {
        return Err(Problem::EmailMissing);
    }
    if email.chars().any(is_hidden) {
        return Err(Problem::EmailInvalid);
    }
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(Problem::EmailTooLong);
    }
    let (local, domain) = email.rsplit_once('@').ok_or(Problem::EmailInvalid)?;
    if is_local_part(local) && is_domain(domain) {
        Ok(())
    } else {
        Err(Problem::EmailInvalid)
    }
}

fn is_local_part(local: &str) -> bool {
    let atom_char = |c: char| {
        c.is_ascii_alphanumeric()
            || "!#$%&'*+/=?^_`{|}~-".contains(c)
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
    };
    local.chars().count() <= MAX_LOCAL_CHARS
        && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atom_char))
}

fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.chars().count() <= MAX_LABEL_CHARS
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c == '-' || c.is_alphanumeric())
    };
    let top_level_is_a_name = labels.last().is_some_and(|top| !top.chars().all(|c| c.is_ascii_digit()));
    labels.len() >= 2 && labels.iter().all(label_ok) && top_level_is_a_name
}

/// Seconds to wait before automatic retry number `attempt` (from 1) of a
/// signup that failed in passing: doubling from 2 s, capped at a minute so
/// a reader who keeps the tab open is not left waiting long once the
/// service is back.
pub fn retry_delay_secs(attempt: u32) -> u32 {
    2u32.saturating_pow(attempt.clamp(1, 6)).min(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_and_international_addresses_pass() {
        for email in [
            "ana@example.com",
            "  ana.silva+news@mail.example.co.za ",
            "o'brien@example.ie",
            "zoë@bücher.de",
            "reader@بريد.مثال",
            "用户@例子.广告",
            "x@xn--bcher-kva.de",
        ] {
            assert_eq!(check_email(email), Ok(()), "{email}");
        }
    }

    #[test]
    fn malformed_addresses_fail() {
        for email in [
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "ana@@example.com",
            "ana@-example.com",
            "ana@example-.com",
            "ana@exa_mple.com",
            "ana@example..com",
            ".ana@example.com",
            "ana.@example.com",
            "an..a@example.com",
            "an a@example.com",
            "ana@example.123",
            "\"ana\"@example.com",
            "ana@[192.0.2.1]",
            "ana@exa mple.com",
            "ana\u{0}@example.com",
            "ana\u{200B}@example.com",
            "\u{202E}ana@example.com",
            "ana@exam\u{200D}ple.com",
            "\u{FEFF}ana@example.com",
            "an\u{AD}a@example.com",
            "ana@example.com\u{2066}",
            "ana\u{A0}x@example.com",
            "ana@example.com\u{7}",
        ] {
            assert_eq!(check_email(email), Err(Problem::EmailInvalid), "{email:?}");
        }
        assert_eq!(check_email("   "), Err(Problem::EmailMissing));
    }

    #[test]
    fn the_length_limits_are_rfc_5321s() {
        let label = "a".repeat(60);
        let at_limit = format!("{}@{label}.{label}.{label}.{}.com", "r".repeat(64), "b".repeat(2));
        assert_eq!(at_limit.chars().count(), 254);
        assert_eq!(check_email(&at_limit), Ok(()));
        assert_eq!(check_email(&format!("x{at_limit}")), Err(Problem::EmailTooLong));
        assert_eq!(check_email(&format!("{}@example.com", "r".repeat(65))), Err(Problem::EmailInvalid));
        assert_eq!(check_email(&format!("ana@{}.com", "d".repeat(64))), Err(Problem::EmailInvalid));
    }

    #[test]
    fn a_signup_lists_every_problem_in_field_order() {
        assert_eq!(Signup::default().problems(), vec![Problem::EmailMissing, Problem::NoDigest, Problem::NoConsent]);
        let ready =
            Signup { email: "ana@example.com".into(), daily: false, weekly: true, consent: true, ..Signup::default() };
        assert!(ready.problems().is_empty());
        assert_eq!(Signup { consent: false, ..ready.clone() }.problems(), vec![Problem::NoConsent]);
    }

    #[test]
    fn the_request_names_the_chosen_lists() {
        let config = NewsletterConfig {
            endpoint: "/api/public/subscription".into(),
            daily_list: "d".into(),
            weekly_list: "w".into(),
            editions: [(Edition::Arabic, Lists { daily_list: "ar-d".into(), weekly_list: "ar-w".into() })].into(),
        };
        let both =
            Signup { email: " ana@example.com ".into(), daily: true, weekly: true, consent: true, ..Signup::default() };
        let request = config.request(&both).unwrap();
        assert_eq!(
            request,
            SubscriptionRequest {
                email: "ana@example.com".into(),
                name: "ana".into(),
                list_uuids: vec!["d".into(), "w".into()]
            }
        );
        assert_eq!(request.problem(), None);
        assert_eq!(config.request(&Signup { daily: false, ..both.clone() }).unwrap().list_uuids, vec!["w".to_string()]);
        let arabic = Signup { edition: Edition::Arabic, ..both.clone() };
        assert_eq!(config.request(&arabic).unwrap().list_uuids, ["ar-d", "ar-w"], "an edition's own lists");
        let without = NewsletterConfig { editions: BTreeMap::new(), ..config.clone() };
        assert_eq!(without.request(&arabic), None, "never another edition's lists");
        let empty = SubscriptionRequest { list_uuids: vec![], ..request };
        assert_eq!(empty.problem(), Some(Problem::NoDigest));
    }

    #[test]
    fn addresses_are_stored_case_insensitively() {
        assert_eq!(normalise_email(" Ana@Example.COM "), "ana@example.com");
        assert_eq!(normalise_email("ZOË@Bücher.de"), "zoë@bücher.de");
    }

    #[test]
    fn retries_back_off_to_a_minute() {
        let delays: Vec<u32> = (1..=8).map(retry_delay_secs).collect();
        assert_eq!(delays, vec![2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(retry_delay_secs(0), 2);
    }
}
