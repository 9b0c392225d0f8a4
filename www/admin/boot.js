// Loads the constructor's wasm and mounts the Yew app in place of the boot message.
import init, { run_app } from './pkg/civic_constructor.js';

try {
  await init({ module_or_path: new URL('./pkg/civic_constructor_bg.wasm', import.meta.url) });
  document.getElementById('boot-message')?.remove();
  run_app();
} catch (error) {
  const message = document.getElementById('boot-message');
  if (message) message.textContent = 'Не удалось загрузить конструктор. Обновите страницу; если не поможет, обратитесь в техподдержку.';
  console.error(error);
}
