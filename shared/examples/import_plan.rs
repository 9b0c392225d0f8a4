//! The reading side of the bulk import benchmark (BENCHMARKS.md): a 5,000-row staff CSV (the
//! most a collection holds), read and checked as the constructor does before sending it, and
//! the same rows as JSON. Prints times; asserts only that every row became an item.
//!   cargo run --release -p civic-shared --features import --example import_plan

use std::time::Instant;

use civic_shared::collection_items::{Collection, MAX_ITEMS};
use civic_shared::import::{plan, read_file, Mapping};
use civic_shared::Lang;

fn main() {
    let mut csv = String::from("\u{feff}Код;ФИО;Должность;Подразделение;Телефон;E-mail\n");
    for n in 0..MAX_ITEMS {
        csv.push_str(&format!("s-{n};\"Сотрудник {n}\";Главный специалист;Отдел цифрового развития;+7 (4912) 51-{:02}-00;s{n}@ryazan.gov.ru\n", n % 100));
    }
    let table = read_file("staff.csv", csv.as_bytes()).expect("csv");
    let json = serde_json::to_string(
        &table.rows.iter().map(|(_, row)| table.headers.iter().cloned().zip(row.iter().cloned().map(serde_json::Value::String)).collect::<serde_json::Map<_, _>>()).collect::<Vec<_>>(),
    )
    .expect("json");
    for (name, bytes) in [("staff.csv", csv.as_bytes()), ("staff.json", json.as_bytes())] {
        let rounds = 10;
        let start = Instant::now();
        for _ in 0..rounds {
            let table = read_file(name, bytes).expect("read");
            let run = plan(&table, &Mapping::guess(Collection::Staff, &table.headers), Collection::Staff, Lang::Ru);
            assert_eq!((run.items.len(), run.bad.len()), (MAX_ITEMS, 0));
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds);
        println!("{name:<11} {:>7.1} KB  {MAX_ITEMS} rows read and checked in {ms:>7.1} ms", bytes.len() as f64 / 1024.0);
    }
}
