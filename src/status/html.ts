const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML and drops control and bidirectional-override
 * characters, so a name from the roster cannot change the page's markup or
 * reorder the text around it.
 */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** Escaped text isolated in `<bdi>`, so right-to-left names do not disturb the table around them. */
export function isolated(value: unknown): string {
  return `<bdi>${escapeHtml(value)}</bdi>`;
}
