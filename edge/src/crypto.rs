//! WebCrypto through the worker's global `crypto`: random tokens and PBKDF2. The derivation
//! runs in the runtime's native code, so a slow KDF costs wall time, not wasm CPU.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Crypto, CryptoKey, WorkerGlobalScope};

use crate::accounts::{StoredHash, PBKDF2_ITERATIONS, SALT_BYTES};
use crate::api::ApiError;
use crate::store::storage;

fn crypto() -> Crypto {
    js_sys::global().unchecked_into::<WorkerGlobalScope>().crypto().expect("workers have crypto")
}

/// `N` bytes from the runtime's CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    crypto().get_random_values_with_u8_array(&mut bytes).expect("getRandomValues of a small buffer");
    bytes
}

/// PBKDF2-SHA256 of `password` with `salt`, 32 bytes.
pub async fn pbkdf2_sha256(password: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, ApiError> {
    let subtle = crypto().subtle();
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key_data = Uint8Array::from(password.as_bytes());
    let key = subtle.import_key_with_str("raw", &key_data, "PBKDF2", false, &usages).map_err(js_error)?;
    let key: CryptoKey = JsFuture::from(key).await.map_err(js_error)?.unchecked_into();
    let params = Object::new();
    let set = |name: &str, value: &JsValue| Reflect::set(&params, &JsValue::from_str(name), value).map_err(js_error);
    set("name", &JsValue::from_str("PBKDF2"))?;
    set("hash", &JsValue::from_str("SHA-256"))?;
    set("salt", &Uint8Array::from(salt))?;
    set("iterations", &JsValue::from_f64(f64::from(iterations)))?;
    let bits = subtle.derive_bits_with_object(&params, &key, 256).map_err(js_error)?;
    let bits = JsFuture::from(bits).await.map_err(js_error)?;
    Ok(Uint8Array::new(&bits).to_vec())
}

fn js_error(err: JsValue) -> ApiError {
    storage(format!("webcrypto: {err:?}"))
}

/// A new password's stored form: PBKDF2 with a fresh salt.
pub async fn new_password_hash(password: &str) -> Result<String, ApiError> {
    let salt = random_bytes::<SALT_BYTES>().to_vec();
    let hash = pbkdf2_sha256(password, &salt, PBKDF2_ITERATIONS).await?;
    Ok(StoredHash { iterations: PBKDF2_ITERATIONS, salt, hash }.to_stored())
}
