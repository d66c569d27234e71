import { describe, expect, it } from 'vitest';
import { headerKey, proposeMapping, resolveColumns, unmappedHeaderError } from './headers';

describe('headerKey', () => {
	it('ignores case, punctuation, accents and a bracketed note', () => {
		expect(headerKey('Ticket ID')).toBe('ticketid');
		expect(headerKey('ticket-id')).toBe('ticketid');
		expect(headerKey('TicketId')).toBe('ticketid');
		expect(headerKey('\uFEFFCreated At (UTC)')).toBe('createdat');
		expect(headerKey('Catégorie')).toBe('categorie');
	});
});

describe('proposeMapping', () => {
	it('maps a Zendesk-like message export', () => {
		expect(
			proposeMapping([
				'Ticket ID',
				'Comment ID',
				'Created At',
				'Author Type',
				'Author Name',
				'Body',
				'Public',
				'Requester Email',
				'Tags',
				'Satisfaction Score',
				'Satisfaction Comment',
				'Group',
				'Assignee',
				'Via',
				'Priority'
			])
		).toEqual({
			columns: {
				conversationId: 'Ticket ID',
				messageId: 'Comment ID',
				timestamp: 'Created At',
				role: 'Author Type',
				authorName: 'Author Name',
				text: 'Body',
				isPublic: 'Public',
				customerEmail: 'Requester Email',
				tags: 'Tags',
				csat: 'Satisfaction Score',
				csatComment: 'Satisfaction Comment',
				team: 'Group',
				assignee: 'Assignee',
				channel: 'Via'
			},
			unmapped: ['Priority'],
			missing: []
		});
	});

	it('maps a transcript-per-row export', () => {
		expect(
			proposeMapping(['chat_id', 'started', 'ended', 'customer_name', 'chat_log', 'rating'])
		).toEqual({
			columns: {
				conversationId: 'chat_id',
				startedAt: 'started',
				endedAt: 'ended',
				customerName: 'customer_name',
				transcript: 'chat_log',
				csat: 'rating'
			},
			unmapped: [],
			missing: []
		});
	});

	it('gives the role to author_type and the name to author when both are there', () => {
		const { columns } = proposeMapping(['case_id', 'date', 'author', 'author_type', 'message']);
		expect(columns).toMatchObject({ role: 'author_type', authorName: 'author' });
		expect(proposeMapping(['case_id', 'date', 'author', 'message']).columns.role).toBe('author');
		expect(proposeMapping(['thread_id', 'sent_at', 'direction', 'text']).columns.role).toBe(
			'direction'
		);
	});

	it('reads a bare id as the conversation id, or as the message id beside one', () => {
		expect(proposeMapping(['id', 'created_at', 'transcript']).columns.conversationId).toBe('id');
		expect(
			proposeMapping(['id', 'conversation_id', 'created_at', 'role', 'body']).columns
		).toMatchObject({ conversationId: 'conversation_id', messageId: 'id' });
	});

	it('joins a separate time column to a date-only column', () => {
		const proposal = proposeMapping(['Case', 'Date', 'Time', 'Speaker', 'Message']);
		expect(proposal.columns.timestamp).toBe('Date');
		expect(proposal.timeOfDay).toBe('Time');
		expect(proposal.unmapped).toEqual([]);
	});

	it('lists what it cannot find', () => {
		expect(proposeMapping(['Case Ref', 'Who', 'When', 'Said'])).toEqual({
			columns: {},
			unmapped: ['Case Ref', 'Who', 'When', 'Said'],
			missing: ['conversationId', 'text', 'timestamp']
		});
		// A transcript may take its date from the conversation's start.
		expect(proposeMapping(['chat_id', 'transcript', 'started_at']).missing).toEqual([]);
		expect(proposeMapping(['chat_id', 'body', 'started_at']).missing).toEqual(['timestamp']);
	});
});

describe('resolveColumns', () => {
	it('lets the mapping file name columns, and finds the rest by synonym', () => {
		const headers = ['Case Ref', 'Who', 'When', 'Said', 'Channel'];
		const resolved = resolveColumns(headers, {
			columns: { conversationId: 'Case Ref', role: 'who', timestamp: 'When', text: 'Said' }
		});
		expect(resolved.index).toEqual({
			conversationId: 0,
			role: 1,
			timestamp: 2,
			text: 3,
			channel: 4
		});
		expect([...resolved.explicit].sort()).toEqual(['conversationId', 'role', 'text', 'timestamp']);
		expect(resolved.errors).toEqual([]);
	});

	it('takes a column the mapping file gives to one field away from the synonyms', () => {
		const resolved = resolveColumns(['ticket_id', 'created_at', 'role', 'body', 'message'], {
			columns: { csatComment: 'body', text: 'message' }
		});
		expect(resolved.index).toMatchObject({ csatComment: 3, text: 4 });
	});

	it('reports a mapping-file column the file does not have', () => {
		expect(resolveColumns(['a', 'b'], { columns: { text: 'Message Body' } }).errors).toEqual([
			'the mapping file names column "Message Body" for text, and the file has none'
		]);
	});
});

describe('unmappedHeaderError', () => {
	it('names the headers, the missing fields and an example mapping file', () => {
		const message = unmappedHeaderError(['Ref', 'Who'], ['conversationId', 'timestamp']);
		expect(message).toContain('Headers found: "Ref", "Who".');
		expect(message).toContain(
			'Missing: conversation id (e.g. ticket_id, conversation_id, case_id, chat_id); timestamp (e.g. created_at, timestamp, sent_at, date).'
		);
		expect(message).toContain('--mapping map.json, for example: {"columns":{"conversationId":');
	});
});
