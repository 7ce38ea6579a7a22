/**
 * The printed report's page numbers. The @page rule (ScorePrintView.vue) draws
 * `var(--page-a) counter(page) var(--page-b) counter(pages) var(--page-c)` in the bottom margin box
 * (Chromium ≥ 131, in the print dialog and the server's PDF alike). The words around the counters
 * come from the locale's "page {page} of {pages}" label and are set as custom properties on <html>:
 * the app's CSP allows no inline <style>, but CSSOM properties are fine.
 */
export function pageNumberProperties(pageLabel: string): Record<'--page-a' | '--page-b' | '--page-c', string> {
  const [a = '', rest = ''] = pageLabel.split('{page}');
  const [b = '', c = ''] = rest.split('{pages}');
  return { '--page-a': JSON.stringify(a), '--page-b': JSON.stringify(b), '--page-c': JSON.stringify(c) };
}

/** A valid ?month= (YYYY-MM) or null: the current month is then asked of the server. */
export function monthOfQuery(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null;
}
