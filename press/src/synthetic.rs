//! A synthetic newsroom of any size, fed through the same compiler, for
//! benchmarks. Deterministic: the same count gives the same files.

use std::{fmt::Write as _, fs, io, path::Path};

const SECTIONS: &[(&str, &str)] = &[
    ("cyberattacks-data-breaches", "Cyberattacks & Data Breaches"),
    ("vulnerabilities-threats", "Vulnerabilities & Threats"),
    ("threat-intelligence", "Threat Intelligence"),
    ("cybersecurity-operations", "Cybersecurity Operations"),
    ("ics-ot-security", "ICS/OT Security"),
    ("policy", "Policy & Regulation"),
];
const REGIONS: &[(&str, &str)] = &[
    ("middle-east-africa", "Middle East & Africa"),
    ("asia-pacific", "Asia Pacific"),
    ("rest-of-world", "Rest of the World"),
];
const TAGS: &[&str] = &[
    "Ransomware",
    "Phishing",
    "Critical Infrastructure",
    "Nation-State",
    "Zero-Day",
    "Supply Chain",
    "Cloud",
    "Identity",
    "AI Security",
    "Data Privacy",
    "Regulation",
    "Banking",
    "Telecoms",
    "Government",
    "Healthcare",
    "Energy",
    "Incident Response",
    "Smart Cities",
];
const WORDS: &[&str] = &[
    "attackers",
    "defenders",
    "credentials",
    "firmware",
    "patch",
    "advisory",
    "network",
    "operators",
    "campaign",
    "exploit",
    "regulators",
    "banks",
    "telecom",
    "backups",
    "logs",
    "responders",
    "cloud",
    "tenants",
    "identity",
    "tokens",
    "vendor",
    "exposure",
    "ministry",
    "incident",
    "analysts",
    "malware",
    "phishing",
    "supply",
    "chain",
    "policy",
    "ports",
    "grid",
    "hospital",
    "data",
    "breach",
    "controls",
];
const AUTHORS: usize = 8;

/// A tiny deterministic generator (SplitMix64), so no crate is needed.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

pub fn generate(out: &Path, articles: usize) -> io::Result<()> {
    fs::create_dir_all(out.join("articles"))?;
    fs::create_dir_all(out.join("authors"))?;
    fs::create_dir_all(out.join("images"))?;
    let mut site = String::from(
        "name = \"Dispatch\"\ntagline = \"Synthetic edition\"\nurl = \"https://dispatch.example\"\nlanguage = \"en\"\npage_size = 12\n",
    );
    for (slug, name) in SECTIONS {
        let _ = write!(site, "\n[[sections]]\nslug = \"{slug}\"\nname = \"{name}\"\n");
    }
    for (slug, name) in REGIONS {
        let _ = write!(site, "\n[[regions]]\nslug = \"{slug}\"\nname = \"{name}\"\n");
    }
    fs::write(out.join("site.toml"), site)?;
    fs::write(
        out.join("images/synthetic.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1200 675\" width=\"1200\" height=\"675\"><rect width=\"1200\" height=\"675\" fill=\"#1d2b4f\"/></svg>\n",
    )?;
    for n in 0..AUTHORS {
        fs::write(
            out.join(format!("authors/writer-{n}.toml")),
            format!(
                "name = \"Writer {n}\"\nrole = \"Contributing Writer\"\nbio = \"Writer {n} covers synthetic beats.\"\n"
            ),
        )?;
    }
    let mut dice = Dice(42);
    for n in 0..articles {
        let (section, _) = dice.pick(SECTIONS);
        let (region, _) = dice.pick(REGIONS);
        let tags: Vec<String> = (0..3).map(|_| format!("\"{}\"", dice.pick(TAGS))).collect();
        // One story every 37 minutes, back from the end of November 2026.
        let minutes = n as i64 * 37;
        let stamp = time::macros::datetime!(2026-11-27 12:00 UTC) - time::Duration::minutes(minutes);
        let published =
            stamp.format(&time::format_description::well_known::Rfc3339).expect("a UTC time always formats");
        let mut body = String::new();
        for paragraph in 0..8 {
            if paragraph == 3 {
                body.push_str("## What defenders should do\n\n- Patch exposed systems.\n- Rotate credentials.\n\n");
            }
            let sentence: Vec<&str> = (0..60).map(|_| *dice.pick(WORDS)).collect();
            let _ = writeln!(body, "{}.\n", sentence.join(" "));
        }
        body.push_str("> Synthetic quote for the benchmark.\n>\n> — A synthetic analyst\n");
        let file = format!(
            "+++\nheadline = \"Synthetic story {n}\"\ndeck = \"A generated article for benchmarks.\"\nsection = \"{section}\"\nregions = [\"{region}\"]\ntags = [{}]\npublished = \"{published}\"\nauthors = [\"writer-{}\"]\n\n[hero]\nsrc = \"/content/images/synthetic.svg\"\nwidth = 1200\nheight = 675\nalt = \"A dark blue panel\"\ncredit = \"Source: Dispatch illustration\"\n+++\n\n{body}",
            tags.join(", "),
            n % AUTHORS
        );
        fs::write(out.join(format!("articles/synthetic-{n:05}.md")), file)?;
    }
    Ok(())
}
