import { openScratchFile } from './scratch-file';

/**
 * A throwaway SQLite file for joining the tables of a warehouse export (conversations,
 * their messages, link tables) in bounded memory: rows are staged here while the files
 * stream past, then read back one conversation at a time. History tables hold several
 * versions of a row; only the latest is kept, by (version, tiebreak), later rows in the
 * file winning ties. Deleted on close.
 */

export interface ScratchRow {
	id: string;
	parent: string | null;
	/** The row's fields as JSON (only non-empty values). */
	data: string;
	/** The source text of the latest version, for reject reports. */
	raw: string;
	/** How many versions of the row were read. */
	versions: number;
}

export interface WarehouseScratch {
	/** Keeps the row if it is the latest version of (kind, id) seen so far. */
	put(
		kind: string,
		row: { id: string; parent: string | null; version: number; tiebreak: number },
		data: string,
		raw: string
	): void;
	/** A member of a link set (a conversation's tags) as of one version of its parent. */
	link(kind: string, parent: string, child: string, version: number): void;
	get(kind: string, id: string): ScratchRow | undefined;
	/** Rows of a kind in id order, a page at a time. */
	page(kind: string, afterId: string, limit: number): ScratchRow[];
	children(kind: string, parent: string): ScratchRow[];
	/** Parents named by rows of `kind` that are not themselves rows of `parentKind`. */
	orphanParents(kind: string, parentKind: string, afterParent: string, limit: number): string[];
	/** The link set of the latest version that has one. */
	links(kind: string, parent: string): string[];
	/** Link rows whose parent is not a row of `parentKind`. */
	countOrphanLinks(kind: string, parentKind: string): number;
	count(kind: string): number;
	close(): void;
}

export function openWarehouseScratch(): WarehouseScratch {
	const scratch = openScratchFile('scratch', 32768);
	const { sqlite } = scratch;
	sqlite.exec(`
		CREATE TABLE rows (kind TEXT NOT NULL, id TEXT NOT NULL, parent TEXT, version REAL NOT NULL,
		  tiebreak REAL NOT NULL, versions INTEGER NOT NULL DEFAULT 1, data TEXT NOT NULL, raw TEXT NOT NULL,
		  PRIMARY KEY (kind, id));
		CREATE INDEX rows_parent ON rows (kind, parent, id);
		CREATE TABLE links (kind TEXT NOT NULL, parent TEXT NOT NULL, child TEXT NOT NULL, version REAL NOT NULL,
		  PRIMARY KEY (kind, parent, version, child));
	`);
	const put = sqlite.prepare(
		`INSERT INTO rows (kind, id, parent, version, tiebreak, data, raw)
		 VALUES (@kind, @id, @parent, @version, @tiebreak, @data, @raw)
		 ON CONFLICT (kind, id) DO UPDATE SET versions = rows.versions + 1,
		   parent = CASE WHEN (excluded.version, excluded.tiebreak) >= (rows.version, rows.tiebreak) THEN excluded.parent ELSE rows.parent END,
		   data = CASE WHEN (excluded.version, excluded.tiebreak) >= (rows.version, rows.tiebreak) THEN excluded.data ELSE rows.data END,
		   raw = CASE WHEN (excluded.version, excluded.tiebreak) >= (rows.version, rows.tiebreak) THEN excluded.raw ELSE rows.raw END,
		   tiebreak = CASE WHEN (excluded.version, excluded.tiebreak) >= (rows.version, rows.tiebreak) THEN excluded.tiebreak ELSE rows.tiebreak END,
		   version = max(excluded.version, rows.version)`
	);
	const link = sqlite.prepare(
		'INSERT OR IGNORE INTO links (kind, parent, child, version) VALUES (?, ?, ?, ?)'
	);
	const get = sqlite.prepare<[string, string], ScratchRow>(
		'SELECT id, parent, data, raw, versions FROM rows WHERE kind = ? AND id = ?'
	);
	const page = sqlite.prepare<[string, string, number], ScratchRow>(
		'SELECT id, parent, data, raw, versions FROM rows WHERE kind = ? AND id > ? ORDER BY id LIMIT ?'
	);
	const children = sqlite.prepare<[string, string], ScratchRow>(
		'SELECT id, parent, data, raw, versions FROM rows WHERE kind = ? AND parent = ? ORDER BY id'
	);
	const orphans = sqlite.prepare<
		[{ kind: string; parentKind: string; after: string; limit: number }],
		{ parent: string }
	>(
		`SELECT DISTINCT parent FROM rows AS child WHERE kind = @kind AND parent IS NOT NULL AND parent > @after
		   AND NOT EXISTS (SELECT 1 FROM rows AS p WHERE p.kind = @parentKind AND p.id = child.parent)
		 ORDER BY parent LIMIT @limit`
	);
	const links = sqlite.prepare<[{ kind: string; parent: string }], { child: string }>(
		`SELECT child FROM links WHERE kind = @kind AND parent = @parent
		   AND version = (SELECT max(version) FROM links WHERE kind = @kind AND parent = @parent) ORDER BY rowid`
	);
	const orphanLinks = sqlite.prepare<[{ kind: string; parentKind: string }], { n: number }>(
		`SELECT COUNT(*) AS n FROM links AS l WHERE kind = @kind
		   AND NOT EXISTS (SELECT 1 FROM rows AS p WHERE p.kind = @parentKind AND p.id = l.parent)`
	);
	const count = sqlite.prepare<[string], { n: number }>(
		'SELECT COUNT(*) AS n FROM rows WHERE kind = ?'
	);
	// Staging writes are batched into transactions; reads commit whatever is pending first.
	let pending = 0;
	const flush = () => {
		if (sqlite.inTransaction) sqlite.exec('COMMIT');
		pending = 0;
	};
	const write = (run: () => void) => {
		if (!sqlite.inTransaction) sqlite.exec('BEGIN');
		run();
		if (++pending >= 10_000) flush();
	};

	return {
		put: (kind, row, data, raw) => write(() => put.run({ kind, ...row, data, raw })),
		link: (kind, parent, child, version) => write(() => link.run(kind, parent, child, version)),
		get: (kind, id) => (flush(), get.get(kind, id)),
		page: (kind, afterId, limit) => (flush(), page.all(kind, afterId, limit)),
		children: (kind, parent) => (flush(), children.all(kind, parent)),
		orphanParents: (kind, parentKind, afterParent, limit) => (
			flush(),
			orphans.all({ kind, parentKind, after: afterParent, limit }).map((row) => row.parent)
		),
		links: (kind, parent) => (flush(), links.all({ kind, parent }).map((row) => row.child)),
		countOrphanLinks: (kind, parentKind) => (
			flush(),
			orphanLinks.get({ kind, parentKind })?.n ?? 0
		),
		count: (kind) => (flush(), count.get(kind)?.n ?? 0),
		close: scratch.close
	};
}
