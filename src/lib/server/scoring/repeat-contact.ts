/**
 * Repeat contact: a conversation is followed by another contact of the same customer when
 * the customer's next conversation (by start, ties by id) started no later than the window
 * after this one ended. "Next" is the next one of the same topic when the setting
 * `repeat.sameTopicOnly` is on. A contact opened while this one was still open counts (the
 * customer chased through another channel). Pure: one customer's conversations in.
 */

export interface RepeatCandidate {
	id: number;
	startedAt: number;
	/** When the contact ended (ended_at, else its last message). */
	endAt: number;
	topic: string;
}

export const DAY_MS = 86_400_000;

/** For each conversation id, the id of the contact that repeated it, or null. */
export function repeatLinks(
	contacts: readonly RepeatCandidate[],
	windowMs: number,
	sameTopicOnly: boolean
): Map<number, number | null> {
	const ordered = [...contacts].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
	const links = new Map<number, number | null>();
	let nextAny: RepeatCandidate | null = null;
	const nextByTopic = new Map<string, RepeatCandidate>();
	for (let i = ordered.length - 1; i >= 0; i--) {
		const contact = ordered[i] as RepeatCandidate;
		const next = sameTopicOnly ? (nextByTopic.get(contact.topic) ?? null) : nextAny;
		links.set(
			contact.id,
			next !== null && next.startedAt - contact.endAt <= windowMs ? next.id : null
		);
		nextAny = contact;
		nextByTopic.set(contact.topic, contact);
	}
	return links;
}
