import { list } from './words';

/**
 * Customer-support language, written by hand for Parity from how support conversations read
 * (not fitted to any evaluation set). Valences use the lexicon's -4..+4 scale.
 */

/**
 * Lexicon entries replaced for support text. Requests and politeness are not feelings: a
 * customer who writes "please help, I want a refund" is not being positive.
 */
export const OVERRIDES: Record<string, number> = {
	want: 0,
	wants: 0,
	wanted: 0,
	please: 0.4,
	pls: 0.4,
	plz: 0.4,
	help: 0.4,
	refund: 0,
	refunds: 0,
	refunded: 0,
	cancel: -0.3,
	useless: -2.4,
	pointless: -1.8,
	unacceptable: -2.4,
	incompetent: -2.4,
	overcharged: -2.0
};

/**
 * Things the customer expects to happen. On their own they carry no feeling, but negated
 * ("doesn't work", "never arrived", "no reply", "can't log in") they are the complaint.
 */
export const EXPECTED = list(`
	work works worked working load loads loading loaded arrive arrives arrived receive received
	deliver delivered ship shipped respond responded response reply replied replies answer
	answered fix fixed resolve resolved solve solved open opens opened connect connects connected
	sync synced log login logged access process processed show shows showed showing update
	updated heard sent send refund refunded callback
`);

/** Valence of a negated expected thing: about as bad as "problem" (-1.7). */
export const FAILED_EXPECTATION = -1.6;

/** Support phrases; their valence replaces their words'. */
export const PHRASES: Record<string, number> = {
	'still waiting': -2.0,
	'still wait': -2.0,
	'still no': -1.0,
	'been waiting': -1.6,
	'kept waiting': -1.8,
	'keep waiting': -1.6,
	'on hold': -1.0,
	'hung up': -1.6,
	'charged twice': -2.0,
	'double charged': -2.0,
	'yet again': -1.2,
	'a joke': -1.6,
	'waste of time': -2.2,
	'waste of money': -2.2,
	'real person': -1.6,
	'actual person': -1.6,
	'real human': -1.6,
	'actual human': -1.6,
	'live agent': -1.2,
	'live person': -1.4
};

/** "second time", "3rd time"... a repeat contact: the customer had to ask again. */
export const REPEAT_ORDINALS = list(`
	second third fourth fifth sixth tenth umpteenth nth hundredth millionth 2nd 3rd 4th 5th 6th
	10th 100th
`);
export const REPEAT_NOUNS = list('time times attempt request email call');
export const REPEAT_VALENCE = -1.6;

/**
 * "speak to a human", "let me talk to your manager": asking to leave the bot or the agent is
 * a frustration signal whatever the words around it.
 */
export const ESCALATION_VERBS = list('speak talk chat transfer connect escalate');
export const ESCALATION_TARGETS = list(`
	human humans person agent representative rep manager supervisor operator somebody someone
`);
export const ESCALATION_VALENCE = -1.8;
