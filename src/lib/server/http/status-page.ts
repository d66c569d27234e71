/**
 * The page shown when the guard refuses a request in a browser. It is answered before the
 * app renders anything, so it carries its own few styles (matching app.css).
 */

const escape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(char) =>
			({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char
	);

export function statusPage(status: number, title: string, message: string): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${status} · ${escape(title)} · Parity</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;background:#f6f8fa;line-height:1.45}
.card{max-width:28rem;margin:12vh auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:2rem 2.25rem}
.brand{font-weight:700;font-size:1.05rem;color:#1b1f24;text-decoration:none}
.status{color:#57606a;font-size:.85rem;letter-spacing:.04em;text-transform:uppercase;margin:1.5rem 0 .25rem}
h1{font-size:1.35rem;margin:0 0 .75rem}p{margin:0 0 1.25rem;color:#3d444d}
a.button{display:inline-block;background:#0b5cad;color:#fff;text-decoration:none;padding:.5rem .9rem;border-radius:6px;font-weight:600}
</style></head>
<body><main class="card"><a class="brand" href="/">Parity</a>
<p class="status">Error ${status}</p><h1>${escape(title)}</h1><p>${escape(message)}</p>
<a class="button" href="/">Back to the dashboard</a></main></body></html>`;
}
