/*
 * A field's error appears when the field is left. If it was left by pressing a button (mouse down
 * on "Create"), the error text pushes the dialog's buttons down before the mouse comes up, and the
 * click lands beside the button: the person clicked "Create" and nothing happened. So while a
 * pointer is pressed, showing the error waits until the press (and its click) has finished.
 */
let pressed = false;

if (typeof document !== 'undefined') {
  document.addEventListener('pointerdown', () => (pressed = true), true);
  document.addEventListener('pointerup', () => (pressed = false), true);
  document.addEventListener('pointercancel', () => (pressed = false), true);
}

export function afterPointerRelease(action: () => void): void {
  if (!pressed) {
    action();
    return;
  }
  const run = () => {
    document.removeEventListener('pointerup', run, true);
    document.removeEventListener('pointercancel', run, true);
    // The click follows pointerup in the same task; a timeout runs after it.
    setTimeout(action);
  };
  document.addEventListener('pointerup', run, true);
  document.addEventListener('pointercancel', run, true);
}
