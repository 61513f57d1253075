/** Downloads made in the page (ONNX files, CSV, SVG, PNG): nothing leaves the browser. */
import { el } from './el';

/** Saves a blob under a file name (an <a download> clicked in this tab). */
export function saveBlob(blob: Blob, filename: string, host: Element = document.body): void {
  const link = el('a', { href: URL.createObjectURL(blob), download: filename, hidden: true });
  host.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; free the blob a little later.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
