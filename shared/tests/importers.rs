//! The importers and the backup reader against arbitrary input (issue 12): any bytes under any
//! file name are read or refused, never a panic; whatever a spreadsheet holds, the items an
//! import plans are valid for their collection; any archive is a backup or a refusal.

use civic_shared::backup;
use civic_shared::collection_items::Collection;
use civic_shared::import::{plan, read_file, Mapping, Table};
use civic_shared::Lang;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, ..ProptestConfig::default() }
}

/// Cell texts people and programs put in spreadsheets: dates, numbers, markup, empty cells,
/// right-to-left marks, very long words.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("01.09.2026".to_string()),
        Just("2026-02-30".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("+7 (4912) 00-00-00".to_string()),
        Just("\u{202e}утратил силу".to_string()),
        "[а-яА-Я0-9 .,:;@/-]{0,40}",
        any::<String>(),
    ]
}

fn collection() -> impl Strategy<Value = Collection> {
    prop::sample::select(Collection::ALL.to_vec())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_under_any_name_are_read_or_refused(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        name in prop::sample::select(vec!["a.csv", "a.xlsx", "a.json", "a.txt", "a", "A.CSV"]),
    ) {
        let _ = read_file(name, &bytes);
    }

    #[test]
    fn planned_items_are_valid_for_their_collection(
        collection in collection(),
        headers in prop::collection::vec(cell(), 1..8),
        rows in prop::collection::vec(prop::collection::vec(cell(), 8), 0..12),
    ) {
        let table = Table {
            rows: rows.into_iter().enumerate().map(|(i, row)| (i + 2, row.into_iter().take(headers.len()).collect())).collect(),
            headers,
        };
        let mapping = Mapping::guess(collection, &table.headers);
        let dry_run = plan(&table, &mapping, collection, Lang::Ru);
        for planned in dry_run.items {
            let checked = collection.check_item(&planned.item.to_string());
            prop_assert!(checked.is_ok(), "row {}: {:?} → {:?}", planned.row, planned.item, checked);
        }
    }

    #[test]
    fn any_bytes_are_a_backup_or_a_refusal(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        let _ = backup::read(&bytes);
    }
}

/// Rows that are shorter or longer than the header are the reader's to even out; a plan
/// never indexes past a row.
#[test]
fn ragged_rows_do_not_panic() {
    let table = Table { headers: vec!["Заголовок".into(), "Дата".into()], rows: vec![(2, vec![]), (3, vec!["a".into(); 5])] };
    let mapping = Mapping::guess(Collection::News, &table.headers);
    let _ = plan(&table, &mapping, Collection::News, Lang::Ru);
}
