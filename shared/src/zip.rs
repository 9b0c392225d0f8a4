//! A small ZIP reader for the two importers and backups (XLSX workbooks and archives of old sites): the
//! central directory, stored and deflated entries, which is what Excel, LibreOffice, Google
//! Sheets, Windows' «Send to compressed folder» and `zip` write. Every size is bounded, so a
//! hostile archive costs at most the limits it is unpacked with.

use std::fmt;

/// Why an archive cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-directory record: not a ZIP file at all.
    NotZip,
    /// The directory or an entry points outside the file.
    Damaged,
    /// A compression method other than stored or deflate, or an encrypted entry.
    Unsupported,
    /// An entry unpacks to more than the limit it is read with.
    TooBig,
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ZipError::NotZip => "это не ZIP-архив",
            ZipError::Damaged => "архив повреждён или обрезан",
            ZipError::Unsupported => "архив сжат неизвестным способом или зашифрован",
            ZipError::TooBig => "файл в архиве слишком велик",
        })
    }
}

// Reading and writing archives: only the builds that import or back up sites have them; the
// error above is also the public worker's, which refuses a file that is no ZIP before queueing it.
#[cfg(any(feature = "import", feature = "site-import", feature = "backup"))]
mod archive;
#[cfg(any(feature = "import", feature = "site-import", feature = "backup"))]
pub use archive::*;

#[cfg(all(test, any(feature = "import", feature = "site-import", feature = "backup")))]
pub(crate) mod tests {
    use super::*;

    /// A one-entry archive, stored (method 0), written by hand.
    pub(crate) fn stored_zip(name: &str, body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let put16 = |out: &mut Vec<u8>, v: usize| out.extend((v as u16).to_le_bytes());
        let put32 = |out: &mut Vec<u8>, v: usize| out.extend((v as u32).to_le_bytes());
        out.extend(b"PK\x03\x04");
        for v in [20, 0, 0, 0, 0] {
            put16(&mut out, v);
        }
        put32(&mut out, 0);
        put32(&mut out, body.len());
        put32(&mut out, body.len());
        put16(&mut out, name.len());
        put16(&mut out, 0);
        out.extend(name.as_bytes());
        out.extend(body);
        let directory = out.len();
        out.extend(b"PK\x01\x02");
        for v in [20, 20, 0, 0, 0, 0] {
            put16(&mut out, v);
        }
        put32(&mut out, 0);
        put32(&mut out, body.len());
        put32(&mut out, body.len());
        for v in [name.len(), 0, 0, 0, 0] {
            put16(&mut out, v);
        }
        put32(&mut out, 0);
        put32(&mut out, 0);
        out.extend(name.as_bytes());
        let directory_len = out.len() - directory;
        out.extend(b"PK\x05\x06");
        for v in [0, 0, 1, 1] {
            put16(&mut out, v);
        }
        put32(&mut out, directory_len);
        put32(&mut out, directory);
        put16(&mut out, 0);
        out
    }

    #[cfg(feature = "backup")]
    #[test]
    fn written_archives_read_back_and_are_deterministic() {
        let write = || {
            let mut zip = ZipWriter::default();
            zip.add("manifest.json", b"{}");
            zip.add("media/фото.png", &[0, 1, 2, 255]);
            zip.finish()
        };
        let bytes = write();
        assert_eq!(bytes, write(), "same files, same bytes");
        let found = entries(&bytes).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found["manifest.json"].unpack(10).unwrap(), b"{}");
        assert_eq!(found["media/фото.png"].unpack(10).unwrap(), [0, 1, 2, 255]);
        // The checksum is the standard one (of "{}"), so any archiver opens the file.
        assert_eq!(&bytes[14..18], &crc32fast::hash(b"{}").to_le_bytes());
    }

    #[test]
    fn reads_a_stored_entry_and_bounds_it() {
        let zip = stored_zip("a/b.html", b"<p>hi</p>");
        let found = entries(&zip).unwrap();
        assert_eq!(found["a/b.html"].unpack(100).unwrap(), b"<p>hi</p>");
        assert_eq!(found["a/b.html"].unpack(3), Err(ZipError::TooBig));
    }

    #[test]
    fn broken_archives_are_refused() {
        assert_eq!(entries(b"not a zip").unwrap_err(), ZipError::NotZip);
        let zip = stored_zip("a.html", b"<p>hi</p>");
        // Cut off inside the first entry: the directory still says where it was.
        let mut cut = zip[..20].to_vec();
        cut.extend(&zip[zip.len() - 22..]);
        assert!(entries(&cut).is_err());
        for at in 0..zip.len() {
            let mut broken = zip.clone();
            broken[at] ^= 0xff;
            // Whatever a flipped byte does, reading never panics.
            if let Ok(found) = entries(&broken) {
                for entry in found.values() {
                    let _ = entry.unpack(1 << 20);
                }
            }
        }
    }
}
