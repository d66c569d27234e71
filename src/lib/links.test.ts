import { describe, expect, it } from 'vitest';
import { conversationsHref, pageHref } from './links';

describe('drill-down addresses', () => {
	it('names every filter of the conversations list, commas kept readable', () => {
		expect(
			conversationsHref({
				week: '2026-W46',
				handler: ['ai', 'hybrid'],
				channel: 'email',
				topic: 'account access',
				source: 'Zendesk (demo)'
			})
		).toBe(
			'/conversations?week=2026-W46&handler=ai,hybrid&channel=email&topic=account%20access&source=Zendesk%20(demo)'
		);
	});

	it('leaves out what is not filtered, and weeks when it is one', () => {
		expect(conversationsHref({ week: '2026-W46', weeks: 1, channel: null })).toBe(
			'/conversations?week=2026-W46'
		);
		expect(conversationsHref({ week: '2026-W46', weeks: 4, handler: ['human'] })).toBe(
			'/conversations?week=2026-W46&weeks=4&handler=human'
		);
		expect(pageHref('/trends', { week: '2026-W46', topic: '', channel: undefined })).toBe(
			'/trends?week=2026-W46'
		);
		expect(pageHref('/gaps', {})).toBe('/gaps');
	});

	it('round-trips through URLSearchParams as the list page will read it', () => {
		const href = conversationsHref({ week: '2026-W01', topic: 'a&b=c', handler: ['ai', 'hybrid'] });
		const params = new URL(href, 'http://x').searchParams;
		expect(params.get('topic')).toBe('a&b=c');
		expect(params.get('handler')?.split(',')).toEqual(['ai', 'hybrid']);
	});
});
