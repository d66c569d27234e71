import { html, raw, safeUrl, type Html } from './html';

/**
 * The shell and the few pieces every Parity email is made of. Mail clients ignore
 * stylesheets and most of CSS, so layout is tables and inline styles; the card is at most
 * 600 px wide and everything inside it reflows to one column on a phone.
 */

export const COLORS = {
	fg: '#1b1f24',
	muted: '#57606a',
	line: '#d0d7de',
	panel: '#f6f8fa',
	page: '#eef1f4',
	accent: '#0b5cad',
	bad: '#b3261e',
	badBg: '#fdecea',
	good: '#17732f',
	goodBg: '#e6f4ea',
	warn: '#8a5a00',
	warnBg: '#fff4d6'
} as const;

// Narrow with large type: on a phone the chart shrinks to about 330 px, and text drawn at
// 17 px still reads at about 12 px there.
export const EMAIL_CHART_WIDTH = 480;

export const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function emailDocument(options: {
	title: string;
	/** The line mail apps show after the subject in the inbox list. */
	preheader: string;
	body: Html;
	footer: Html;
}): string {
	return html`<!doctype html>
		<html lang="en">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="color-scheme" content="light" />
				<meta name="supported-color-schemes" content="light" />
				<title>${options.title}</title>
			</head>
			<body style="margin:0;padding:0;background:${COLORS.page};-webkit-text-size-adjust:100%;">
				<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${options.preheader}</div>
				<table
					role="presentation"
					width="100%"
					cellpadding="0"
					cellspacing="0"
					border="0"
					style="background:${COLORS.page};"
				>
					<tr>
						<td align="center" style="padding:16px 8px;">
							<table
								role="presentation"
								width="100%"
								cellpadding="0"
								cellspacing="0"
								border="0"
								style="max-width:600px;background:#ffffff;border:1px solid ${COLORS.line};border-radius:10px;font-family:${FONT};color:${COLORS.fg};"
							>
								<tr>
									<td
										style="padding:16px 20px 0 20px;font-size:13px;font-weight:700;letter-spacing:0.04em;color:${COLORS.accent};"
									>
										PARITY
									</td>
								</tr>
								<tr>
									<td style="padding:8px 20px 24px 20px;font-size:15px;line-height:1.5;">
										${options.body}
									</td>
								</tr>
							</table>
							<table
								role="presentation"
								width="100%"
								cellpadding="0"
								cellspacing="0"
								border="0"
								style="max-width:600px;"
							>
								<tr>
									<td
										style="padding:12px 20px;font-family:${FONT};font-size:12px;line-height:1.5;color:${COLORS.muted};"
									>
										${options.footer}
									</td>
								</tr>
							</table>
						</td>
					</tr>
				</table>
			</body>
		</html> `.value;
}

export function heading(text: string, sub?: Html | string): Html {
	return html`<h1 style="margin:4px 0 4px 0;font-size:22px;line-height:1.3;font-weight:700;">
			${text}
		</h1>
		${sub ? html`<p style="margin:0 0 16px 0;font-size:14px;color:${COLORS.muted};">${sub}</p>` : ''}`;
}

export function sectionTitle(text: string, note?: string): Html {
	return html`<h2 style="margin:24px 0 8px 0;font-size:17px;line-height:1.3;font-weight:700;">
		${text}${
			note
				? html` <span style="font-weight:400;color:${COLORS.muted};font-size:14px;">${note}</span>`
				: ''
		}
	</h2>`;
}

const BADGE = {
	critical: { fg: COLORS.bad, bg: COLORS.badBg },
	bad: { fg: COLORS.bad, bg: COLORS.badBg },
	warning: { fg: COLORS.warn, bg: COLORS.warnBg },
	info: { fg: COLORS.accent, bg: '#e7f0fa' },
	good: { fg: COLORS.good, bg: COLORS.goodBg },
	neutral: { fg: COLORS.muted, bg: COLORS.panel }
} as const;
export type BadgeTone = keyof typeof BADGE;

export function badge(text: string, tone: BadgeTone): Html {
	const { fg, bg } = BADGE[tone];
	return html`<span
		style="display:inline-block;padding:2px 8px;border-radius:10px;background:${bg};color:${fg};font-size:12px;font-weight:700;letter-spacing:0.02em;white-space:nowrap;"
		>${text}</span
	>`;
}

export function button(href: string, label: string): Html {
	return html`<table
		role="presentation"
		cellpadding="0"
		cellspacing="0"
		border="0"
		style="margin:20px 0 4px 0;"
	>
		<tr>
			<td style="border-radius:6px;background:${COLORS.accent};">
				<a
					href="${safeUrl(href)}"
					style="display:inline-block;padding:11px 18px;font-family:${FONT};font-size:15px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;"
					>${label}</a
				>
			</td>
		</tr>
	</table>`;
}

export function link(href: string, label: string): Html {
	return html`<a href="${safeUrl(href)}" style="color:${COLORS.accent};">${label}</a>`;
}

/**
 * Figures side by side that wrap under each other on a narrow screen: inline blocks
 * with a minimum width, which every client lays out (no media queries needed).
 */
export function statRow(
	stats: ReadonlyArray<{ label: string; value: string; sub?: string; color?: string }>
): Html {
	return html`<div style="margin:8px 0 4px 0;font-size:0;">
		${stats.map((stat, index) => {
			// Gutter between the two boxes only, so their outer edges line up with the text.
			const padding = index % 2 ? '0 0 12px 6px' : '0 6px 12px 0';
			return html`<div
				style="display:inline-block;vertical-align:top;width:50%;min-width:140px;max-width:100%;box-sizing:border-box;padding:${padding};"
			>
				<div
					style="border:1px solid ${COLORS.line};border-radius:8px;padding:10px 12px;background:${COLORS.panel};"
				>
					<div
						style="font-size:12px;color:${COLORS.muted};text-transform:uppercase;letter-spacing:0.04em;"
					>
						${stat.label}
					</div>
					<div
						style="font-size:26px;font-weight:700;line-height:1.25;color:${stat.color ?? COLORS.fg};"
					>
						${stat.value}
					</div>
					${stat.sub ? html`<div style="font-size:13px;color:${COLORS.muted};">${stat.sub}</div>` : ''}
				</div>
			</div>`;
		})}
	</div>`;
}

/** A two-column facts table: label on the left, value on the right. */
export function facts(rows: ReadonlyArray<[string, Html | string]>): Html {
	return html`<table
		role="presentation"
		width="100%"
		cellpadding="0"
		cellspacing="0"
		border="0"
		style="margin:4px 0 8px 0;font-size:14px;"
	>
		${rows.map(
			([label, value]) =>
				html`<tr>
					<td
						style="padding:6px 12px 6px 0;color:${COLORS.muted};vertical-align:top;white-space:nowrap;width:1%;"
					>
						${label}
					</td>
					<td style="padding:6px 0;vertical-align:top;border-bottom:1px solid ${COLORS.panel};">
						${value}
					</td>
				</tr>`
		)}
	</table>`;
}

export const divider = raw(
	`<hr style="border:none;border-top:1px solid ${COLORS.line};margin:20px 0;">`
);
