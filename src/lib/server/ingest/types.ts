import type { CsatScale, IdentityKind } from '../../domain/conversation';
import type { DateOrder } from './dates';
import type { OpenedInput } from './input';

/**
 * What an adapter hands to the shared normaliser: a tool's record mapped onto Parity's
 * fields, with values still as the tool wrote them (dates as strings or epochs, channels in
 * the tool's words). `path` and `fields` name where each value came from, so that a reject
 * reason reads "comments[3].created_at: not a date: '31/02/2026'".
 */
export interface DraftMessage {
	/** Where the message sits in the source record, e.g. `conversation_parts[3]`. */
	path: string;
	externalId?: unknown;
	/**
	 * The author's role as far as the tool tells: `staff` is someone on the support side the
	 * tool does not classify as bot or human — the bot-detection rules decide.
	 */
	role: 'customer' | 'ai' | 'agent' | 'system' | 'staff';
	authorId?: unknown;
	authorName?: unknown;
	at: unknown;
	text: unknown;
	/** The text is HTML (Intercom bodies, Zendesk html_body): tags are stripped. */
	html?: boolean;
	isPublic?: boolean;
	/** Source field names for error messages; defaults are the canonical names. */
	fields?: Partial<Record<'externalId' | 'at' | 'text' | 'authorId', string>>;
}

export interface DraftCsat {
	offered: boolean;
	value?: unknown;
	scale?: CsatScale | null;
	comment?: unknown;
	answeredAt?: unknown;
}

export interface ConversationDraft {
	externalId: unknown;
	channel?: unknown;
	identities?: Array<{ kind: IdentityKind; value: unknown }>;
	customerName?: unknown;
	startedAt?: unknown;
	endedAt?: unknown;
	status?: unknown;
	tags?: unknown;
	assignee?: unknown;
	team?: unknown;
	csat?: DraftCsat | null;
	messages: DraftMessage[];
	/** When the tool last changed the record (updated_at), if the export says. */
	updatedAt?: unknown;
	/**
	 * Only updates a conversation another file brought (a satisfaction-ratings export): it
	 * is rejected with a reason if that conversation has not been imported yet.
	 */
	partial?: boolean;
	/** Source field names for error messages; defaults are the canonical names. */
	fields?: Partial<
		Record<'externalId' | 'startedAt' | 'endedAt' | 'updatedAt' | 'channel' | 'tags', string>
	>;
}

/** One outcome of reading: a conversation (possibly built from several records) or a reject. */
export type AdapterItem =
	| {
			kind: 'conversation';
			/** Where it came from: `line 12`, `tickets[3]`, `rows 4-9`. */
			locator: string;
			/** How many input records (lines, rows, objects) this conversation was built from. */
			records: number;
			draft: ConversationDraft;
			/** The source record(s), kept with a reject if the normaliser refuses the draft. */
			raw: () => string;
			/** Dates in this draft written without a zone are read in this order. */
			dateOrder?: DateOrder;
	  }
	| { kind: 'reject'; locator: string; records: number; reason: string; raw: string };

/** A column mapping for tabular sources; saved per source so the next upload reuses it. */
export interface ColumnMapping {
	/** Canonical field → source column name. */
	columns: Partial<Record<MappedField, string>>;
	/** How to read `01/08/2026` in this file; decided from the column when absent. */
	dateOrder?: DateOrder;
	/** Zone for times written without one; the import's default otherwise. */
	timeZone?: string;
	/** How author roles are written, e.g. { "bot": "ai", "operator": "agent" }. */
	roleValues?: Record<string, 'customer' | 'ai' | 'agent' | 'system' | 'staff'>;
	csatScale?: CsatScale;
}

export const MAPPED_FIELDS = [
	'conversationId',
	'messageId',
	'role',
	'authorId',
	'authorName',
	'timestamp',
	'text',
	'transcript',
	'channel',
	'customerEmail',
	'customerPhone',
	'customerId',
	'customerHandle',
	'customerName',
	'status',
	'tags',
	'assignee',
	'team',
	'csat',
	'csatComment',
	'startedAt',
	'endedAt',
	'isPublic'
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/**
 * Who reads an import's messages: a person at the command line, or one on the dashboard
 * (a web upload's job). Advice differs — a flag for the one, the upload form for the other.
 */
export type Audience = 'cli' | 'web';

export interface AdapterContext {
	fileName: string;
	/** Whose words to use in the file's error, if it fails; the command line's when absent. */
	audience?: Audience;
	/** Zone for zone-less times (setting `import.timeZone`, or the mapping's). */
	timeZone: string;
	mapping?: ColumnMapping;
	/** Other files imported together with this one (warehouse table sets). */
	companions: OpenedInput[];
	/** Reports a top-level warning about the file (e.g. a column that was ignored). */
	warn(message: string): void;
}

/** What detection sees of a file: its name, its first text, and the mapping it comes with. */
export interface DetectionInput {
	fileName: string;
	sample: string;
	/** The column mapping given for the file (`--mapping`, or saved for its header). */
	mapping?: ColumnMapping;
}

export interface Detection {
	/** 0..1: how sure the adapter is that it reads this file. */
	confidence: number;
	/** Why, for the import report ("header has ticket_id, author_type, body"). */
	reason: string;
}

export interface Adapter {
	/** The name used by `--format` and in reports. */
	name: string;
	/** The tool recorded on the source (several adapters may serve one tool). */
	tool: string;
	/** A few words for choosing it in a list (the imports page's Format). */
	label: string;
	description: string;
	/** File extensions this adapter reads, for listing in errors. */
	detect(input: DetectionInput): Detection;
	read(input: OpenedInput, context: AdapterContext): AsyncIterable<AdapterItem>;
	/**
	 * For adapters that read a set of files as one export (warehouse tables): given all
	 * files of an import, the groups this adapter claims (as paths), the first file of each
	 * being the one passed to read() and the rest its companions.
	 */
	claimGroup?(files: readonly ImportFile[]): string[][];
}

/**
 * A file of an import: where it is, and the name it goes by. Tables of an export are told
 * apart by name and grouped by the name's folder, never by the path: a web upload is a
 * temporary file under a random name, its name being the one the browser gave.
 */
export interface ImportFile {
	path: string;
	/** The path itself on the command line; the file's own name for an upload. */
	name: string;
}
