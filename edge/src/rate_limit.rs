//! Rate limits without I/O: which sender a counter is about (an IPv6 address by its /64), the
//! counter's key (a salted hash, never the address), how long a sign-in waits after wrong
//! passwords, and when a counter is old enough to sweep. The store (`store/attempts.rs`) counts.

use std::net::IpAddr;

use crate::security::sha256_hex;

/// A counter whose window started (or whose last checked attempt was) this long ago is over,
/// whatever its limit: longer than every window and every wait below. The cron run deletes it.
pub const SWEEP_AFTER_SECONDS: i64 = 24 * 3600;

/// The sender an address stands for: an IPv4 address as it is; an IPv6 address by its /64,
/// since one household or customer is given a whole /64 and may change the rest at will (an
/// IPv4 address mapped into IPv6 is the IPv4 address). Anything else is kept as sent.
pub fn sender_network(ip: &str) -> String {
    match ip.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Err(_) => ip.trim().to_string(),
    }
}

/// The stored key of the counter `scope` (`appeal:<site>`, `login-ip`) for the sender of `ip`:
/// the scope, then a SHA-256 of the day's salt, the scope and the sender's network. The address
/// is never stored, and a new salt each day leaves yesterday's keys pointing at nobody.
pub fn counter_key(salt: &str, scope: &str, ip: &str) -> String {
    let digest = sha256_hex(format!("{salt}\n{scope}\n{}", sender_network(ip)).as_bytes());
    format!("{scope}:{}", &digest[..32])
}

/// A sign-in throttle: the first `free` checked attempts of a run go through at once; after
/// that each one waits longer since the one before (doubling from `first_wait` up to
/// `longest_wait`). Only attempts that were let through count, so a flood of refused ones
/// never lengthens the wait; a run ends after `quiet` seconds without a checked attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Throttle {
    pub free: i64,
    pub first_wait: i64,
    pub longest_wait: i64,
    pub quiet: i64,
}

/// Wrong passwords for one login from one sender: five at once, then 1, 2, 4 … minutes apart,
/// at most an hour. A sender guessing someone's password slows only itself down.
pub const LOGIN_PER_ACCOUNT_AND_SENDER: Throttle = Throttle { free: 5, first_wait: 60, longest_wait: 3600, quiet: 15 * 60 };
/// Wrong passwords for one login from every sender together: twenty at once, then 5, 10 …
/// seconds apart, at most a minute. Many senders guessing together get a guess a minute, and
/// the owner, who is not among them, signs in after at most a minute's wait.
pub const LOGIN_PER_ACCOUNT: Throttle = Throttle { free: 20, first_wait: 5, longest_wait: 60, quiet: 15 * 60 };

impl Throttle {
    /// Seconds that must pass after the last checked attempt when `checked` have been checked
    /// in this run. (`store/attempts.rs` `claim` asks the same in SQL.)
    pub fn wait_after(self, checked: i64) -> i64 {
        if checked < self.free {
            return 0;
        }
        let doublings = (checked - self.free).min(30) as u32;
        self.first_wait.saturating_mul(1 << doublings).min(self.longest_wait)
    }

    /// Seconds still to wait at `now`, if any, after `checked` attempts, the last at `last`.
    pub fn retry_after(self, last: i64, checked: i64, now: i64) -> Option<i64> {
        let until = last + self.wait_after(checked);
        (now < until).then_some(until - now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_sender_is_its_slash_64() {
        let one = sender_network("2001:db8:abcd:12:1111:2222:3333:4444");
        assert_eq!(one, "2001:db8:abcd:12::/64");
        assert_eq!(sender_network("2001:0db8:abcd:0012:ffff::1"), one, "the rest of the address is the sender's to change");
        assert_ne!(sender_network("2001:db8:abcd:13::1"), one, "the next /64 is someone else");
        assert_eq!(sender_network("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(sender_network(" 192.0.2.7 "), "192.0.2.7");
        assert_eq!(sender_network(""), "");
    }

    #[test]
    fn keys_hold_no_address_and_change_with_the_salt() {
        let key = counter_key("salt-of-monday", "appeal:3", "192.0.2.7");
        assert!(key.starts_with("appeal:3:") && !key.contains("192.0.2"), "{key}");
        assert_eq!(key.len(), "appeal:3:".len() + 32);
        assert_eq!(key, counter_key("salt-of-monday", "appeal:3", "192.0.2.7"), "the same sender, the same day: one counter");
        assert_ne!(key, counter_key("salt-of-tuesday", "appeal:3", "192.0.2.7"), "a new day, a new key");
        assert_ne!(key, counter_key("salt-of-monday", "appeal:4", "192.0.2.7"), "another site, another counter");
        assert_ne!(key, counter_key("salt-of-monday", "appeal:3", "192.0.2.8"));
        assert_eq!(
            counter_key("s", "vote:1:p", "2001:db8:0:1::a"),
            counter_key("s", "vote:1:p", "2001:db8:0:1:ffff::b"),
            "one /64, one counter"
        );
    }

    #[test]
    fn a_login_slows_down_progressively_and_never_locks_for_ever() {
        let t = LOGIN_PER_ACCOUNT_AND_SENDER;
        let waits: Vec<i64> = (0..14).map(|checked| t.wait_after(checked)).collect();
        assert_eq!(waits, [0, 0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
        assert_eq!(t.wait_after(i64::MAX / 2), 3600, "the wait has a ceiling however many tries");
        assert_eq!(t.retry_after(1_000, 4, 1_000), None, "the fifth goes through at once");
        assert_eq!(t.retry_after(1_000, 5, 1_010), Some(50));
        assert_eq!(t.retry_after(1_000, 5, 1_060), None, "after the wait the next one is checked");
        assert_eq!(LOGIN_PER_ACCOUNT.wait_after(i64::MAX / 2), 60, "the owner waits at most a minute for the login as a whole");
        for throttle in [LOGIN_PER_ACCOUNT, LOGIN_PER_ACCOUNT_AND_SENDER] {
            assert!(throttle.longest_wait + throttle.quiet < SWEEP_AFTER_SECONDS, "a swept counter is over");
        }
    }
}
