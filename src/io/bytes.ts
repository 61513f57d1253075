/**
 * A size in words, in decimal units as file managers and browsers show them: "312 bytes",
 * "222 kB", "36.6 MB", "4.1 GB". The one format of every page, message and command.
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}
