// The leaderboard page's HTML shell: a strict CSP with a per-load script nonce, the bundled script and the
// stylesheet. The page builds everything else with DOM calls. Pure, so tests load exactly this document.

export interface PageResources {
  /** webview.cspSource: the origin allowed for styles, fonts and images. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

/** 32 random alphanumerics from the platform's CSPRNG (Node 20 and web workers both have globalThis.crypto). */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderHtml(resources: PageResources): string {
  const { cspSource, scriptUri, styleUri, nonce } = resources;
  if (!/^[A-Za-z0-9]+$/.test(nonce)) throw new Error('nonce must be alphanumeric');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attr(styleUri)}">
  <title>GridLens Leaderboard</title>
</head>
<body>
  <main id="app" aria-busy="true"><p class="loading">Loading the leaderboard…</p></main>
  <script nonce="${nonce}" src="${attr(scriptUri)}"></script>
</body>
</html>`;
}
