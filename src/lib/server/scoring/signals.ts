/**
 * Frustration signals in what a customer writes, one detector per signal, each a pure
 * function of one message's text. Conversation-level signals that compare messages
 * (repeated question, AI loop, repeating after a handoff) live in conversation.ts.
 * Patterns favour precision: a signal that fires on "hello" or "PIN" is worse than none.
 */

const ASK_FOR_HUMAN = [
	/\b(speak|talk|chat|connect|transfer|put|pass|escalate)\b[^.?!\n]{0,30}?\b(a |an |to |with |me to |some )?(human|real person|actual person|live (agent|person)|person|agent|representative|rep|someone|somebody|manager|supervisor|operator|staff|employee|team member)\b/i,
	/\b(real|actual|live) (human|person|people|agent)\b/i,
	/^\W*(human|agent|representative|operator|real person)\W*(please|pls|now)?\W*$/i,
	/\b(no more|stop( the)?|not( talk to)?( a)?) (bot|robot|chat ?bot|automated)\b/i,
	/\bis (there|anyone) (a |any )?(human|real person|person)\b/i
];

const PROFANITY =
	/\b(f+u+c+k+\w*|f+u+k+\w*|effing|sh[i1]t+\w*|bull ?shit|crap(py)?|god ?damn\w*|damn(ed|it)?|wtf|ffs|stfu|piss(ed|ing)?( off)?|bastards?|a+ss+holes?|arse(holes?)?|bloody|bollocks|dick(head)?s?|screw (you|this|that)|what the hell|hell no|to hell)\b/i;
// Masked forms ("f***", "sh*t") have no word characters to anchor \b on.
const MASKED_PROFANITY = /(^|[^\w*])(f[*#@$]{2,}[kc]?|f[*#@]ck|sh[*#@]t)(?=$|[^\w*])/i;
// A grawlix ("$#!%"): three or more different swearing symbols in a row.
const GRAWLIX = /[$#@%!&*]{3,}/g;

const MAYBE_GRAWLIX = /[$#@%!&*]{3}/;

function hasGrawlix(text: string): boolean {
	if (!MAYBE_GRAWLIX.test(text)) return false;
	for (const match of text.matchAll(GRAWLIX)) {
		if (new Set(match[0]).size >= 3) return true;
	}
	return false;
}

const USELESS = [
	/\b(this|that|it|you|your (bot|chat ?bot|assistant|ai|service|support|app|website|site))('re|'s| are| is| was| has been)?\s+(completely |totally |absolutely |so |really |utterly |just |being )?(useless|pointless|worthless|a joke|ridiculous|hopeless|a nightmare|not helping|not helpful|no help|unhelpful|a waste of time)\b/i,
	/\bwaste of (my )?time\b/i,
	/\b(doesn'?t|does not|didn'?t|did not|isn'?t|is not|wasn'?t|not|none of (this|that)) (help|helping|helpful|answer(ing|s)? my question)\b/i,
	// "Doesn't work" is how customers describe the problem they came with ("the button doesn't
	// work"); it says the support failed only of what support said or suggested.
	/\b(that|this|your (answer|reply|suggestion|advice|solution|fix|link|instructions?))( still| also| just)? (doesn'?t|does not|didn'?t|did not|won'?t|will not|isn'?t|is not) (work|working|make (any )?sense)\b/i,
	/\balready (did|done|tried) (that|this|it|those|these|all (of )?that)\b/i,
	/\b(i'?ve|i have) (already )?tried (that|this|those|these|all (of )?that)\b/i,
	/\b(you('re| are)? not|you aren'?t) (listening|understanding|reading)\b/i,
	/\byou (don'?t|do not|clearly don'?t) (understand|get it|listen)\b/i,
	/\b(stupid|dumb|useless|pointless) (bot|robot|machine|ai|assistant|answer|reply)\b/i,
	/\b(i|i've|i have) (already|just) (told|said|explained|answered|given|gave|sent) (you|this|that|it)\b/i,
	/\b(worst|terrible|awful|horrible|pathetic|appalling|disgraceful) (service|support|experience|company|bot|customer service)\b/i,
	/\b(going|go|goes) (round|around) in circles\b/i,
	/\b(same|that) (answer|reply|message|thing) (again|over and over)\b/i,
	/\bnot what i (asked|said|need|wanted)\b/i
];

const REFERS_TO_EARLIER = [
	/\b(already|just) (told|said|explained|answered|gave|given|sent|wrote|described)\b/i,
	/\bas i (said|told|explained|mentioned|wrote)\b/i,
	/\b(told|explained|said) (this|that|it|everything) (to )?(the|your) (bot|ai|assistant|chat ?bot|virtual assistant)\b/i,
	/\b(again|start (all )?over)\b.{0,30}\b(explain|tell|repeat|say)\b/i,
	/\b(explain|tell|repeat|say)\b.{0,30}\b(again|all over)\b/i
];

const THREE_CAPITALS = /\p{Lu}{3}/u;

/** One alternation scans a message once where a list of patterns would scan it per pattern. */
function anyOf(patterns: readonly RegExp[]): RegExp {
	return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');
}
const ASK_FOR_HUMAN_ANY = anyOf(ASK_FOR_HUMAN);
const USELESS_ANY = anyOf(USELESS);
const PROFANITY_ANY = anyOf([PROFANITY, MASKED_PROFANITY]);
const REFERS_TO_EARLIER_ANY = anyOf(REFERS_TO_EARLIER);

export function asksForHuman(text: string): boolean {
	return ASK_FOR_HUMAN_ANY.test(text);
}

export function hasProfanity(text: string): boolean {
	return PROFANITY_ANY.test(text) || hasGrawlix(text);
}

/**
 * Shouting: at least 12 letters, at least 70% of them capitals, and at least two words of
 * three or more letters written wholly in capitals (so that "PIN", "ATM" or a product name
 * in an otherwise normal sentence do not count).
 */
export function isShouting(text: string): boolean {
	// Most messages have no three capitals in a row, and then cannot shout.
	if (!THREE_CAPITALS.test(text)) return false;
	let upper = 0;
	let letters = 0;
	for (const char of text) {
		if (char >= 'A' && char <= 'Z') {
			upper++;
			letters++;
		} else if (char >= 'a' && char <= 'z') letters++;
		else if (char > '\u00bf') {
			const lower = char.toLowerCase();
			const up = char.toUpperCase();
			if (lower !== up) {
				letters++;
				if (char === up) upper++;
			}
		}
	}
	if (letters < 12 || upper < 0.7 * letters) return false;
	let capsWords = 0;
	for (const word of text.split(/[^\p{L}]+/u)) {
		if (word.length >= 3 && word === word.toUpperCase() && word !== word.toLowerCase()) {
			if (++capsWords >= 2) return true;
		}
	}
	return false;
}

export function hasUselessPhrase(text: string): boolean {
	return USELESS_ANY.test(text);
}

/** The customer says they are repeating what they already told someone. */
export function refersToEarlierExplanation(text: string): boolean {
	return REFERS_TO_EARLIER_ANY.test(text);
}
