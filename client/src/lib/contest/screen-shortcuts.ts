// Projector keyboard shortcuts (a clicker or the laptop's keyboard): space = go on, p = pause
// or resume, f = full screen, l = 中文 / English. Keys typed into a field, or with a modifier, are not shortcuts.
export type Shortcut = 'advance' | 'pause' | 'fullscreen' | 'language';

export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName ?? ''))) return null;
  switch (event.key) {
    case ' ':
    case 'PageDown': // presentation clickers send PageDown for "next"
      return 'advance';
    case 'p':
    case 'P':
      return 'pause';
    case 'f':
    case 'F':
      return 'fullscreen';
    // The projector hides the app's top bar, so its language switch is a key too.
    case 'l':
    case 'L':
      return 'language';
    default:
      return null;
  }
}
