//! A request body taken chunk by chunk up to a cap: a body declared over the cap is refused
//! before it is read, and one that never declares its length (chunked) is cut off as soon as
//! it passes the cap, so no body costs more memory than its cap. `http/body.rs` feeds it.

/// The body passed its cap of this many bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    pub cap: usize,
}

/// The largest body of a sign-in (a login and a password of at most 256 bytes each, as JSON).
pub const LOGIN_BODY_BYTES: usize = 4 * 1024;
/// The largest body of a vote (the poll's answers and the page to go back to).
pub const VOTE_BODY_BYTES: usize = 16 * 1024;
/// The largest body of a comment (5,000 characters, URL-encoded, and the form's other fields).
pub const COMMENT_BODY_BYTES: usize = 64 * 1024;

/// What has been read so far of a body with a cap.
#[derive(Debug)]
pub struct BoundedBody {
    cap: usize,
    bytes: Vec<u8>,
}

impl BoundedBody {
    /// Starts a body that declared `declared` bytes (`Content-Length`), if any. The declared
    /// length is trusted only to refuse, never to reserve more than the cap.
    pub fn new(cap: usize, declared: Option<usize>) -> Result<BoundedBody, TooLarge> {
        if declared.is_some_and(|length| length > cap) {
            return Err(TooLarge { cap });
        }
        Ok(BoundedBody { cap, bytes: Vec::with_capacity(declared.unwrap_or(0).min(cap)) })
    }

    /// Takes the next chunk, or refuses the body once it passes the cap (the chunk is not kept).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), TooLarge> {
        if self.bytes.len().saturating_add(chunk.len()) > self.cap {
            return Err(TooLarge { cap: self.cap });
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// The whole body.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

impl TooLarge {
    /// The cap in words a visitor reads: «64 КБ», «5 МБ».
    pub fn cap_in_words(self) -> String {
        const KB: usize = 1024;
        match self.cap {
            cap if cap >= KB * KB && cap % (KB * KB) == 0 => format!("{} МБ", cap / (KB * KB)),
            cap if cap >= KB * KB => format!("{:.1} МБ", cap as f64 / (KB * KB) as f64).replace('.', ","),
            cap => format!("{} КБ", cap.div_ceil(KB)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_declared_over_its_cap_is_refused_before_it_is_read() {
        assert_eq!(BoundedBody::new(1024, Some(1025)).unwrap_err(), TooLarge { cap: 1024 });
        assert!(BoundedBody::new(1024, Some(1024)).is_ok());
        // A lie about a huge length reserves no more than the cap.
        assert!(BoundedBody::new(1024, Some(usize::MAX)).is_err());
    }

    #[test]
    fn a_chunked_body_is_cut_off_as_soon_as_it_passes_its_cap() {
        let mut body = BoundedBody::new(LOGIN_BODY_BYTES, None).unwrap();
        let chunk = vec![b'a'; 1000];
        let mut taken = 0;
        let refused = loop {
            match body.push(&chunk) {
                Ok(()) => taken += chunk.len(),
                Err(too_large) => break too_large,
            }
            assert!(taken <= LOGIN_BODY_BYTES, "never more than the cap is held");
        };
        assert_eq!(refused, TooLarge { cap: LOGIN_BODY_BYTES });
        assert_eq!(taken, 4000);
    }

    #[test]
    fn a_body_within_its_cap_is_read_whole() {
        let mut body = BoundedBody::new(10, None).unwrap();
        body.push(b"login").unwrap();
        body.push(b"=ab").unwrap();
        body.push(b"").unwrap();
        body.push(b"cd").unwrap();
        assert_eq!(body.finish(), b"login=abcd");
        assert_eq!(BoundedBody::new(10, Some(0)).unwrap().finish(), b"");
    }

    #[test]
    fn caps_are_named_in_words() {
        assert_eq!(TooLarge { cap: LOGIN_BODY_BYTES }.cap_in_words(), "4 КБ");
        assert_eq!(TooLarge { cap: COMMENT_BODY_BYTES }.cap_in_words(), "64 КБ");
        assert_eq!(TooLarge { cap: 5 * 1024 * 1024 }.cap_in_words(), "5 МБ");
        assert_eq!(TooLarge { cap: 10 * 1024 * 1024 + 128 * 1024 }.cap_in_words(), "10,1 МБ");
    }
}
