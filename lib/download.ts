/**
 * Saves text as a file the way a web page can: a Blob behind an object URL, clicked through an
 * <a download>. Needs no "downloads" permission. The URL is revoked a minute later, not at once,
 * because revoking it immediately can cancel the download before the browser has read it.
 */
export function downloadText(filename: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
