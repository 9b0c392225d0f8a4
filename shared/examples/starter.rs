//! Prints the starter document of an organisation kind as JSON, the beginning of a new demo site:
//! `cargo run -p civic-shared --example starter -- school "МБОУ «Школа № 1»" > school.json`.
//! Kinds: executive_body, municipality, school, kindergarten, medical.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, name] = args.as_slice() else {
        eprintln!("usage: starter <kind> <name>");
        std::process::exit(2);
    };
    let kind: civic_shared::OrgKind = match serde_json::from_value(serde_json::Value::String(kind.clone())) {
        Ok(kind) => kind,
        Err(err) => {
            eprintln!("unknown kind {kind:?}: {err}");
            std::process::exit(2);
        }
    };
    let doc = civic_shared::starter(kind, name);
    println!("{}", serde_json::to_string_pretty(&doc).expect("a site document always serialises"));
}
