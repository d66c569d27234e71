/**
 * The fields a CSV column can be mapped to (the server's MAPPED_FIELDS, ingest/types.ts),
 * with labels for the mapping step. Browser-safe; a unit test keeps the two lists equal.
 */

export interface MappingField {
	key: string;
	label: string;
	hint: string;
}

export const REQUIRED_MAPPING_FIELDS: MappingField[] = [
	{
		key: 'conversationId',
		label: 'Conversation id',
		hint: 'Rows with the same value are one conversation'
	},
	{ key: 'text', label: 'Message text', hint: 'One message per row' },
	{ key: 'timestamp', label: 'Message time', hint: 'When the message was sent' },
	{
		key: 'role',
		label: 'Author role',
		hint: 'Who wrote it: customer, bot, agent — or inbound/outbound. Not needed when each message starts with its speaker (“Customer: …”).'
	}
];

/** Needed fields the importer can do without in some files (see the field's hint). */
export const CONDITIONAL_MAPPING_KEYS = ['role'];

/** Optional fields most exports have and most figures use: shown with the needed ones. */
export const COMMON_MAPPING_KEYS = [
	'transcript',
	'authorName',
	'channel',
	'customerEmail',
	'tags',
	'csat'
];

export const OPTIONAL_MAPPING_FIELDS: MappingField[] = [
	{
		key: 'transcript',
		label: 'Whole transcript',
		hint: 'Instead of message text: the conversation in one cell'
	},
	{ key: 'authorName', label: 'Author name', hint: '' },
	{ key: 'authorId', label: 'Author id', hint: '' },
	{ key: 'messageId', label: 'Message id', hint: '' },
	{ key: 'channel', label: 'Channel', hint: 'chat, email, phone…' },
	{ key: 'customerEmail', label: 'Customer email', hint: '' },
	{ key: 'customerPhone', label: 'Customer phone', hint: '' },
	{ key: 'customerId', label: 'Customer id', hint: '' },
	{ key: 'customerHandle', label: 'Customer handle', hint: '' },
	{ key: 'customerName', label: 'Customer name', hint: '' },
	{ key: 'startedAt', label: 'Conversation start', hint: '' },
	{ key: 'endedAt', label: 'Conversation end', hint: '' },
	{ key: 'status', label: 'Status', hint: '' },
	{ key: 'tags', label: 'Tags', hint: '' },
	{ key: 'assignee', label: 'Assignee', hint: '' },
	{ key: 'team', label: 'Team', hint: '' },
	{ key: 'csat', label: 'CSAT answer', hint: '' },
	{ key: 'csatComment', label: 'CSAT comment', hint: '' },
	{ key: 'isPublic', label: 'Public / internal', hint: '' }
];

export const ROLE_CHOICES = [
	['customer', 'Customer'],
	['ai', 'AI agent'],
	['agent', 'Human agent'],
	['staff', 'Support (bot rules decide)'],
	['system', 'System']
] as const;
