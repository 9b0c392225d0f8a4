// Loads the constructor's wasm and mounts the Yew app in place of the boot message.
import init, { run_app } from './pkg/civic_constructor.js';

// The app picks its language itself (lang_switch.rs); until it runs, these two messages
// follow the same choice: `?lang=`, else this browser's `civic-lang`, else Russian.
const chosen = (() => {
  try {
    return new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('civic-lang');
  } catch {
    return null;
  }
})();
const english = chosen === 'en';
const message = document.getElementById('boot-message');
if (english) {
  document.documentElement.lang = 'en';
  if (message) message.textContent = 'Loading the site builder…';
}

try {
  await init({ module_or_path: new URL('./pkg/civic_constructor_bg.wasm', import.meta.url) });
  message?.remove();
  run_app();
} catch (error) {
  if (message) {
    message.textContent = english
      ? 'Could not load the site builder. Reload the page; if that does not help, contact technical support.'
      : 'Не удалось загрузить конструктор. Обновите страницу; если не поможет, обратитесь в техподдержку.';
  }
  console.error(error);
}
