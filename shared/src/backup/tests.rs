use super::*;
use crate::collection_items::Collection;
use crate::zip::ZipWriter;
use crate::SiteDocument;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n not really decoded here";

/// A small school site: its draft, one published revision (the same document), a news item
/// that shows a picture of the media library, and the picture.
/// Bodies by checksum (documents) or file name (media).
type Bodies = BTreeMap<String, Vec<u8>>;

fn school() -> (Manifest, Bodies, Bodies) {
    let document = crate::demo::site("school7").expect("demo school").document().to_json().into_bytes();
    let doc = sha256_hex(&document);
    let file = format!("{}.png", sha256_hex(PNG));
    let news = format!(
        r#"{{"id":"open-day","title":"День открытых дверей","date":"2026-11-20","summary":"Приглашаем.","body":["Ждём всех."],"image":["/media/school7/{file}","Школа"]}}"#
    );
    let news = Collection::News.check_item(&news).expect("valid news").json;
    let manifest = Manifest {
        format: FORMAT.into(),
        site: SiteInfo { slug: "school7".into(), name: "Школа № 7".into(), kind: "school".into() },
        draft: doc.clone(),
        published_revision: Some(1),
        revisions: vec![RevisionRow {
            revision: 1,
            doc: doc.clone(),
            draft_version: 3,
            published_at: "2026-11-20 08:00:00".into(),
            published_by: "editor.school7".into(),
            restored_from: None,
        }],
        collections: vec![ItemRow {
            collection: "news".into(),
            id: "open-day".into(),
            position: 0,
            date: "2026-11-20".into(),
            body: news,
            revision: 2,
            updated_by: "editor.school7".into(),
            updated_at: "2026-11-20 08:00:00".into(),
        }],
        media: vec![MediaRow {
            file: file.clone(),
            kind: "image".into(),
            content_type: "image/png".into(),
            bytes: PNG.len() as i64,
            width: Some(1),
            height: Some(1),
            original_name: "школа.png".into(),
            alt: "Здание школы".into(),
            title: String::new(),
            search: "школа.png здание школы".into(),
            uploaded_by: "editor.school7".into(),
            uploaded_at: "2026-11-19 10:00:00".into(),
        }],
    };
    (manifest, BTreeMap::from([(doc, document)]), BTreeMap::from([(file, PNG.to_vec())]))
}

#[test]
fn an_archive_reads_back_as_written_and_writes_the_same_bytes_again() {
    let (manifest, documents, media) = school();
    let archive = write(&manifest, &documents, &media);
    let backup = read(&archive).expect("a fresh archive is valid");
    assert_eq!(backup.manifest, manifest);
    assert_eq!(backup.documents, documents);
    assert_eq!(backup.media, media);
    assert_eq!(write(&backup.manifest, &backup.documents, &backup.media), archive, "byte for byte");
}

#[test]
fn damaged_or_foreign_archives_are_refused_with_the_reason() {
    let (manifest, documents, media) = school();
    let file = manifest.media[0].file.clone();

    assert!(matches!(read(b"not a zip at all"), Err(BackupError::Archive(ZipError::NotZip))));

    let mut zip = ZipWriter::default();
    zip.add("index.html", b"<p>an old site</p>");
    assert_eq!(read(&zip.finish()).unwrap_err(), BackupError::NoManifest);

    let mut changed = media.clone();
    changed.insert(file.clone(), b"another picture".to_vec());
    assert_eq!(read(&write(&manifest, &documents, &changed)).unwrap_err(), BackupError::Damaged { name: format!("media/{file}") });

    assert_eq!(
        read(&write(&manifest, &documents, &BTreeMap::new())).unwrap_err(),
        BackupError::Missing { name: format!("media/{file}") }
    );

    let mut broken_item = manifest.clone();
    broken_item.collections[0].body = r#"{"id":"open-day","headline":"not a news field"}"#.into();
    assert!(matches!(read(&write(&broken_item, &documents, &media)), Err(BackupError::Invalid { .. })));
    let mut other_id = manifest.clone();
    other_id.collections[0].id = "closed-day".into();
    assert!(matches!(read(&write(&other_id, &documents, &media)), Err(BackupError::Invalid { .. })));
    // An item stored before today's rules (an empty title) comes back as it was.
    let mut old_item = manifest.clone();
    old_item.collections[0].body = old_item.collections[0].body.replace("День открытых дверей", "");
    assert_eq!(read(&write(&old_item, &documents, &media)).unwrap().manifest, old_item);

    let mut undescribed = manifest.clone();
    undescribed.media[0].alt = " ".into();
    assert!(matches!(read(&write(&undescribed, &documents, &media)), Err(BackupError::Invalid { .. })));

    let mut not_a_site = documents.clone();
    let junk = b"{\"pages\": 1}".to_vec();
    let mut pointing = manifest.clone();
    pointing.draft = sha256_hex(&junk);
    not_a_site.insert(pointing.draft.clone(), junk);
    assert!(matches!(read(&write(&pointing, &not_a_site, &media)), Err(BackupError::Invalid { .. })));

    let mut unpublished = manifest.clone();
    unpublished.published_revision = Some(7);
    assert!(matches!(read(&write(&unpublished, &documents, &media)), Err(BackupError::Invalid { .. })));

    // Every byte of a valid archive flipped in turn: refused or read, never a panic, and what
    // reads back is exactly what was written.
    let archive = write(&manifest, &documents, &media);
    for at in (0..archive.len()).step_by(31) {
        let mut broken = archive.clone();
        broken[at] ^= 0x55;
        if let Ok(backup) = read(&broken) {
            assert_eq!(backup.documents, documents);
            assert_eq!(backup.media, media);
        }
    }
}

#[test]
fn a_restore_into_another_site_points_media_addresses_at_its_own_library() {
    let (manifest, documents, _) = school();
    let file = &manifest.media[0].file;
    let item = item_for_site(&manifest.collections[0], "school7", "school7-copy").unwrap();
    assert!(item.contains(&format!("/media/school7-copy/{file}")), "{item}");
    assert!(!item.contains("/media/school7/"));
    assert_eq!(item_for_site(&manifest.collections[0], "school7", "school7").unwrap(), manifest.collections[0].body);

    let mut document: serde_json::Value = serde_json::from_slice(&documents[&manifest.draft]).unwrap();
    document["site"]["name"] = serde_json::Value::String(format!("see /media/school7/{file}"));
    let body = serde_json::to_vec(&document).unwrap();
    let moved = document_for_site(&body, "school7", "gb4").unwrap();
    let moved = String::from_utf8(moved).unwrap();
    assert!(moved.contains(&format!("/media/gb4/{file}")));
    assert!(SiteDocument::from_json(&moved).is_ok());
    assert_eq!(document_for_site(&body, "school7", "school7").unwrap(), body, "same site, same bytes");
}

#[test]
fn a_file_that_is_no_archive_is_refused_before_it_is_queued() {
    let (manifest, documents, media) = school();
    assert_eq!(looks_like_archive(&write(&manifest, &documents, &media)), Ok(()));
    let refused = looks_like_archive(b"not a backup").unwrap_err();
    assert_eq!(refused, BackupError::Archive(ZipError::NotZip));
    assert_eq!(refused.message(Lang::Ru), "Файл не открывается как резервная копия: это не ZIP-архив.");
    assert_eq!(refused, read(b"not a backup").unwrap_err(), "the same words as the full check");
}
